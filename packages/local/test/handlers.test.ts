import { assert, describe, it } from "@effect/vitest"
import { Operations } from "@hotdata-effect/core"
import { type HandlerMap, type HandlerSet, notImplemented } from "../src/internal/context.js"
import { handlers } from "../src/internal/handlers/index.js"

describe("the handler map", () => {
  it("has exactly the operations of the contract, each a handler or marked not implemented", () => {
    assert.deepStrictEqual(Object.keys(handlers).sort(), Object.keys(Operations.all).sort())
    for (const [id, handler] of Object.entries(handlers)) {
      assert.isTrue(typeof handler === "function" || handler === notImplemented, id)
    }
  })

  it("refuses, at compile time, a misnamed operation, a missing one and an answer off the contract", () => {
    // @ts-expect-error `list_databasez` is no operation of the contract
    const misnamed: HandlerSet = { list_databasez: async () => ({ status: 200, body: { total: 1 } }) }
    // @ts-expect-error every operation needs a handler or `notImplemented`
    const missing: HandlerMap = { ...handlers, refresh: undefined }
    const offContract: HandlerSet = {
      // @ts-expect-error `count_databases` answers `{ total }`
      count_databases: async () => ({ status: 200, body: { count: 1 } })
    }
    assert.isDefined([misnamed, missing, offContract])
  })
})
