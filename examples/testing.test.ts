/**
 * Testing your own code that uses the SDK, two ways:
 *
 * 1. `HotdataClient.layerTest(handlers)`: stub just the operations the code calls, typed
 *    by the API contract, through the real client (validation, decoding, retries). Any
 *    answer is possible (429 with `Retry-After`, 500, a dropped connection), time is the
 *    `TestClock`, calls are recorded. Fast, and the way to test failure handling.
 * 2. `LocalHotdata.layer()`: a real Hotdata-compatible server on a random port for the
 *    life of the test, with fault injection. Pick it when the code needs the service to
 *    behave for real: SQL that runs, loads and uploads that land, results that page.
 */
import { assert, describe, it, layer } from "@effect/vitest"
import { HotdataClient, HotdataTest, RetryPolicy } from "@hotdata-effect/core"
import { Faults, LocalHotdata } from "@hotdata-effect/local"
import { Effect, Fiber, TestClock } from "effect"

// The code under test: count a workspace's databases, 0 when the service is down.
const countDatabases = Effect.gen(function*() {
  const client = yield* HotdataClient.HotdataClient
  const { total } = yield* client.databases.count()
  return total
}).pipe(Effect.catchTag("ServerError", () => Effect.succeed(0)))

describe("stub the operations with HotdataClient.layerTest", () => {
  it.effect("reads the count", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* countDatabases, 12)
      // Every call is recorded with its decoded parameters and the HTTP request sent.
      const [call] = yield* (yield* HotdataTest.Calls).of("databases", "count")
      assert.strictEqual(call?.http.headers["x-workspace-id"], "ws_test")
    }).pipe(Effect.provide(HotdataClient.layerTest({ databases: { count: () => ({ total: 12 }) } }))))

  it.effect("falls back to 0 on a 500", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* countDatabases, 0)
    }).pipe(Effect.provide(HotdataClient.layerTest({
      databases: { count: () => HotdataTest.error(500, { code: "INTERNAL_SERVER_ERROR", message: "boom" }) }
    }, { retryPolicy: RetryPolicy.none }))))

  it.effect("waits out a 429 as its Retry-After asks, under the TestClock", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.fork(countDatabases)
      yield* TestClock.adjust("10 seconds")
      assert.strictEqual(yield* Fiber.join(fiber), 7)
      const calls = yield* (yield* HotdataTest.Calls).of("databases", "count")
      assert.isAtLeast(calls[1]!.at - calls[0]!.at, 5_000)
    }).pipe(Effect.provide(HotdataClient.layerTest({
      databases: { count: ({ index }) => index === 0 ? HotdataTest.error(429, { retryAfter: 5 }) : { total: 7 } }
    }))))

  it.effect("an operation without a handler fails with NotImplemented naming it", () =>
    Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const error = yield* Effect.flip(client.databases.list())
      assert.strictEqual(error._tag, "NotImplemented")
      assert.include(error.message, "databases.list")
    }).pipe(Effect.provide(HotdataClient.layerTest({}))))
})

layer(LocalHotdata.layer(), { excludeTestServices: true })("against the local server", (it) => {
  it.effect("counts real databases", () =>
    Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const before = yield* countDatabases
      const db = yield* client.databases.create({ name: "counted" })
      assert.strictEqual(yield* countDatabases, before + 1)
      yield* client.databases.delete(db.id)
    }))

  it.effect("survives the service failing", () =>
    Effect.gen(function*() {
      const server = yield* LocalHotdata.LocalHotdata
      yield* server.injectFault("count_databases", Faults.status(500))
      assert.strictEqual(yield* countDatabases, 0)
    }))
})
