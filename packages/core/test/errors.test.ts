import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { HotdataClient, HotdataError, HotdataTest, RetryPolicy } from "../src/index.js"

const API_KEY = "hd_test_key_5ecr3t_DO_NOT_LEAK"

const cases: ReadonlyArray<readonly [number, HotdataError.HotdataError["_tag"]]> = [
  [400, "BadRequest"],
  [401, "Unauthorized"],
  [403, "Forbidden"],
  [404, "NotFound"],
  [409, "Conflict"],
  [413, "PayloadTooLarge"],
  [422, "UnprocessableEntity"],
  [429, "RateLimited"],
  [500, "ServerError"],
  [502, "ServerError"],
  [503, "ServerError"],
  [501, "NotImplemented"],
  [405, "UnexpectedStatus"],
  [302, "UnexpectedStatus"]
]

const getDatabase = Effect.flatMap(HotdataClient.HotdataClient, (client) => client.databases.get("data_1"))

describe("status errors", () => {
  for (const [status, tag] of cases) {
    it.effect(`HTTP ${status} fails with ${tag}`, () => {
      const layer = HotdataClient.layerTest({
        databases: {
          get: () =>
            HotdataTest.error(status, {
              code: "SOME_CODE",
              message: `server says ${status}`,
              retryAfter: 7,
              headers: { "x-trace-id": "trace-abc" }
            })
        }
      }, { retryPolicy: RetryPolicy.none })
      return Effect.gen(function*() {
        const error = yield* Effect.flip(getDatabase)
        assert.strictEqual(error._tag, tag)
        assert.isTrue(HotdataError.isHotdataError(error))
        if (!("code" in error)) return assert.fail("expected a status error")
        assert.strictEqual(error.status, status)
        assert.strictEqual(error.code, "SOME_CODE")
        assert.strictEqual(error.message, `server says ${status}`)
        assert.strictEqual(error.traceId, "trace-abc")
        assert.strictEqual(error.operation, "get_database")
        if (error._tag === "RateLimited" || error._tag === "ServerError") {
          assert.deepStrictEqual(error.retryAfter, Duration.seconds(7))
        }
      }).pipe(Effect.provide(layer))
    })
  }

  it.effect("reads all three error body shapes", () =>
    Effect.gen(function*() {
      const bodies: Array<unknown> = [
        { error: { code: "NOT_FOUND", message: "Database not found" } },
        { error: { message: "Query run qrun_1 not found" } },
        { error: "workspace_not_found" },
        "plain text failure",
        ""
      ]
      const errors = []
      for (const body of bodies) {
        const layer = HotdataClient.layerTest({
          databases: { get: () => typeof body === "string" ? HotdataTest.raw(404, body) : HotdataTest.json(404, body) }
        })
        errors.push(yield* Effect.flip(getDatabase).pipe(Effect.provide(layer)))
      }
      const [a, b, c, d, e] = errors as Array<HotdataError.NotFound>
      assert.deepStrictEqual([a.code, a.message], ["NOT_FOUND", "Database not found"])
      assert.deepStrictEqual([b.code, b.message], [undefined, "Query run qrun_1 not found"])
      assert.strictEqual(c.code, "workspace_not_found")
      assert.include(c.message, "get_database failed with HTTP 404")
      assert.strictEqual(d.message, "plain text failure")
      assert.include(e.message, "HTTP 404")
    }))

  it.effect("a failed result (409 with a result body) carries the server's message", () => {
    const layer = HotdataClient.layerTest({
      results: {
        get: ({ path }) =>
          HotdataTest.respond(409, { status: "failed", result_id: path.id, error_message: "disk full" })
      }
    })
    return Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const error = yield* Effect.flip(client.results.get("rslt_1", { database_id: "data_1" }))
      assert.strictEqual(error._tag, "Conflict")
      assert.strictEqual(error.message, "disk full")
    }).pipe(Effect.provide(layer))
  })

  it.effect("a success body that breaks the contract is a DecodeError with a snippet", () => {
    const layer = HotdataClient.layerTest({
      databases: { get: () => HotdataTest.json(200, { id: 42 }, { "x-trace-id": "t-1" }) }
    })
    return Effect.gen(function*() {
      const error = yield* Effect.flip(getDatabase)
      assert.strictEqual(error._tag, "DecodeError")
      if (error._tag !== "DecodeError") return
      assert.strictEqual(error.operation, "get_database")
      assert.strictEqual(error.traceId, "t-1")
      assert.include(error.snippet, "42")
    }).pipe(Effect.provide(layer))
  })

  it.effect("a non-JSON success body is a DecodeError, not a defect", () => {
    const layer = HotdataClient.layerTest({
      databases: { get: () => HotdataTest.raw(200, "<html>gateway</html>", { "content-type": "text/html" }) }
    })
    return Effect.gen(function*() {
      const error = yield* Effect.flip(getDatabase)
      assert.strictEqual(error._tag, "DecodeError")
    }).pipe(Effect.provide(layer))
  })

  it.effect("errors round-trip through their schema without the API key", () => {
    const layer = HotdataClient.layerTest({
      databases: { get: () => HotdataTest.error(429, { code: "OVERLOADED", message: "busy" }) }
    }, { apiKey: Redacted.make(API_KEY), retryPolicy: RetryPolicy.none })
    return Effect.gen(function*() {
      const error = yield* Effect.flip(getDatabase)
      const encoded = yield* Schema.encode(HotdataError.HotdataError)(error)
      const decoded = yield* Schema.decodeUnknown(HotdataError.HotdataError)(JSON.parse(JSON.stringify(encoded)))
      assert.strictEqual(decoded._tag, "RateLimited")
      assert.notInclude(JSON.stringify(encoded), API_KEY)
    }).pipe(Effect.provide(layer))
  })
})

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates, ignores garbage", () => {
    const now = Date.parse("2026-01-01T00:00:00Z")
    assert.deepStrictEqual(HotdataError.parseRetryAfter("3", now)._tag, "Some")
    assert.strictEqual(
      Duration.toMillis(
        HotdataError.parseRetryAfter("1.5", now).pipe((o) => o._tag === "Some" ? o.value : Duration.zero)
      ),
      1500
    )
    const date = HotdataError.parseRetryAfter("Thu, 01 Jan 2026 00:00:10 GMT", now)
    assert.strictEqual(date._tag === "Some" && Duration.toMillis(date.value), 10_000)
    assert.strictEqual(HotdataError.parseRetryAfter("-1", now)._tag, "None")
    assert.strictEqual(HotdataError.parseRetryAfter("soon", now)._tag, "None")
    assert.strictEqual(HotdataError.parseRetryAfter(undefined, now)._tag, "None")
  })
})
