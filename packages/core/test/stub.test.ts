import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import { HotdataClient, HotdataTest, RetryPolicy } from "../src/index.js"

const database = (id: string, name: string) => ({
  id,
  name,
  default_catalog: "default",
  default_connection_id: "conn_1",
  default_schema: "main",
  expires_at: null,
  created_at: "2026-01-01T00:00:00Z",
  attachments: []
})

describe("HotdataClient.layerTest", () => {
  it.effect("answers from a typed handler through the real client and records the call", () =>
    Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const db = yield* client.databases.get("data_1")
      assert.strictEqual(db.name, "analytics")
      const calls = yield* (yield* HotdataTest.Calls).of("databases", "get")
      assert.strictEqual(calls.length, 1)
      assert.strictEqual(calls[0]!.path.database_id, "data_1")
      assert.strictEqual(calls[0]!.http.headers["x-workspace-id"], "ws_test")
    }).pipe(Effect.provide(HotdataClient.layerTest({
      databases: { get: ({ path }) => database(path.database_id, "analytics") }
    }))))

  it.effect("an unhandled operation fails with NotImplemented naming it", () =>
    Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const error = yield* Effect.flip(client.secrets.list())
      assert.strictEqual(error._tag, "NotImplemented")
      assert.include(error.message, "secrets.list")
      assert.include(error.message, "list_secrets")
    }).pipe(Effect.provide(HotdataClient.layerTest({}))))

  it.effect("a 429 with Retry-After is retried after the delay it asks for, under TestClock", () =>
    Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const fiber = yield* Effect.fork(client.databases.count())
      yield* TestClock.adjust("1 second")
      const calls = yield* HotdataTest.Calls
      assert.strictEqual((yield* calls.all).length, 1)
      yield* TestClock.adjust("2 seconds")
      const count = yield* Fiber.join(fiber)
      assert.strictEqual(count.total, 3)
      const seen = yield* calls.of("databases", "count")
      assert.deepStrictEqual(seen.map((c) => c.at), [0, 3000])
    }).pipe(Effect.provide(HotdataClient.layerTest({
      databases: {
        count: ({ index }) => index === 0 ? HotdataTest.error(429, { retryAfter: 3 }) : { total: 3 }
      }
    }, { retryPolicy: RetryPolicy.make({ jitter: 0 }) }))))
})

describe("HotdataTest handler types", () => {
  it("refuse, at compile time, a misnamed method and an answer off the contract", () => {
    // @ts-expect-error `databases.cont` is no method of the client
    const misnamed = HotdataClient.layerTest({ databases: { cont: () => ({ total: 3 }) } })
    // @ts-expect-error `databases.count` answers `{ total }`
    const wrongBody = HotdataClient.layerTest({ databases: { count: () => ({ totl: 3 }) } })
    const wrongStatusBody = HotdataClient.layerTest({
      // @ts-expect-error a 202 of `query.execute` is an async query run
      query: { execute: () => HotdataTest.respond(202, { rows: [] }) }
    })
    assert.isDefined([misnamed, wrongBody, wrongStatusBody])
  })
})
