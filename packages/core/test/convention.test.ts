import { assert, describe, it } from "@effect/vitest"
import { RetryPolicy } from "../src/index.js"
import { createHotdataClient } from "../src/PromiseClient.js"

describe("calling convention", () => {
  it("the Promise client passes the options of an operation whose only option is its idempotency key", async () => {
    const bodies: Array<unknown> = []
    const hotdata = createHotdataClient({
      apiKey: "k",
      workspaceId: "ws_1",
      baseUrl: "https://api.test",
      fetch: async (input, init) => {
        bodies.push(JSON.parse(await new Request(input, init).text()))
        return new Response(JSON.stringify({}), { status: 500, headers: { "content-type": "application/json" } })
      },
      retryPolicy: RetryPolicy.none
    })
    const signal = new AbortController().signal
    await hotdata.databases.bulkCreate({ count: 2 }, { idempotencyKey: "key-from-options" }, { signal }).catch(
      () => undefined
    )
    await hotdata.dispose()
    assert.strictEqual((bodies[0] as { idempotency_key?: string }).idempotency_key, "key-from-options")
  })
})
