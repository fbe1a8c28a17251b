import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { HotdataClient, HotdataTest, Results } from "../src/index.js"

type Reply = ReturnType<typeof HotdataTest.json>
const stub = (reply: (index: number) => Reply) =>
  HotdataClient.layerTest({ results: { get: ({ index }) => reply(index) } }, { workspaceId: "ws_test" })

const ready = { status: "ready", result_id: "rslt_1", columns: ["a"], nullable: [false], rows: [[1], [2]] }

describe("Results", () => {
  it.effect("a ready JSON window: its rows, total row count and next link", () => {
    const layer = stub(() =>
      HotdataTest.json(200, ready, {
        "x-total-row-count": "5",
        link: "</v1/results/rslt_1?offset=2&limit=2>; rel=\"next\""
      })
    )
    return Effect.gen(function*() {
      const { body, info } = yield* Results.json("rslt_1", { databaseId: "data_1", offset: 0, limit: 2 })
      assert.deepStrictEqual(body.rows, [[1], [2]])
      assert.strictEqual(info.totalRowCount, 5)
      assert.strictEqual(info.nextPage?.offset, 2)
      assert.strictEqual(info.nextPage?.limit, 2)
    }).pipe(Effect.provide(layer))
  })

  it.effect("202 and a pending status body are NotReady with the server's Retry-After", () => {
    const layer = stub((i) =>
      i === 0
        ? HotdataTest.json(202, { status: "processing", result_id: "rslt_1" }, { "retry-after": "3" })
        : HotdataTest.json(200, { status: "queued", result_id: "rslt_1" })
    )
    return Effect.gen(function*() {
      const first = yield* Effect.flip(Results.json("rslt_1", { databaseId: "data_1" }))
      assert.strictEqual(first._tag, "NotReady")
      if (first._tag === "NotReady") {
        assert.strictEqual(first.status, "processing")
        assert.isTrue(first.retryAfter !== undefined && Duration.toSeconds(first.retryAfter) === 3)
      }
      const second = yield* Effect.flip(Results.json("rslt_1", { databaseId: "data_1" }))
      assert.isTrue(second._tag === "NotReady" && second.status === "queued")
    }).pipe(Effect.provide(layer))
  })

  it.effect("409 and a failed status body are ResultFailed with the server's message", () => {
    const layer = stub((i) =>
      i === 0
        ? HotdataTest.json(409, { error: { code: "RESULT_FAILED", message: "out of disk" } }, { "x-trace-id": "t-409" })
        : HotdataTest.json(200, { status: "failed", result_id: "rslt_1", error_message: "division by zero" })
    )
    return Effect.gen(function*() {
      const conflict = yield* Effect.flip(Results.json("rslt_1", { databaseId: "data_1" }))
      assert.isTrue(conflict._tag === "ResultFailed" && conflict.traceId === "t-409")
      assert.include(conflict.message, "out of disk")
      const failed = yield* Effect.flip(Results.json("rslt_1", { databaseId: "data_1" }))
      assert.isTrue(failed._tag === "ResultFailed" && failed.message === "division by zero")
    }).pipe(Effect.provide(layer))
  })

  it.effect("a JSON body that is not a result is a DecodeError", () => {
    const layer = stub(() => HotdataTest.json(200, { rows: "nope" }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Results.json("rslt_1", { databaseId: "data_1" }))
      assert.strictEqual(error._tag, "DecodeError")
    }).pipe(Effect.provide(layer))
  })
})
