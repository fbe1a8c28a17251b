import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { HotdataClient, HotdataTest, RetryPolicy } from "../src/index.js"
import { underTestClock } from "./clock.js"

/** Any status or a dropped connection (`HotdataTest.error`, `json`, `disconnect`), or no answer at all. */
type Replies = (index: number) => ReturnType<typeof HotdataTest.error> | Effect.Effect<never>

/** Runs `use` against stubs of `databases.list` and `databases.create` and `uploads.finalize`, moving the test clock until it finishes. */
const run = <A, E>(
  reply: Replies,
  use: (client: HotdataClient.HotdataClient.Service) => Effect.Effect<A, E>,
  options: Partial<HotdataClient.Options> = {}
) =>
  Effect.gen(function*() {
    const client = yield* HotdataClient.HotdataClient
    const result = yield* underTestClock(use(client), 40, "10 seconds")
    const seen = yield* (yield* HotdataTest.Calls).all
    return { result, seen, gaps: seen.slice(1).map((s, i) => s.at - seen[i]!.at) }
  }).pipe(Effect.provide(HotdataClient.layerTest({
    databases: { list: ({ index }) => reply(index), create: ({ index }) => reply(index) },
    uploads: { finalize: ({ index }) => reply(index) }
  }, options)))

const ok = HotdataTest.json(200, { databases: [], has_more: false })
const created = HotdataTest.json(201, {
  id: "data_1",
  name: "a",
  default_catalog: "default",
  default_schema: "main",
  default_connection_id: "conn_1"
})
const status = (code: number, retryAfter?: number) => HotdataTest.error(code, { retryAfter })
const list = (client: HotdataClient.HotdataClient.Service) => client.databases.list()
const create = (client: HotdataClient.HotdataClient.Service) => client.databases.create({ name: "a" })

describe("retries", () => {
  it.effect("429 is retried after its Retry-After, with at most half again of jitter", () =>
    Effect.gen(function*() {
      const { gaps, result, seen } = yield* run(
        (i) => i < 2 ? HotdataTest.error(429, { code: "OVERLOADED", retryAfter: 3 }) : ok,
        list
      )
      assert.strictEqual(result._tag, "Right")
      assert.strictEqual(seen.length, 3)
      for (const gap of gaps) {
        assert.isAtLeast(gap, 3000)
        assert.isAtMost(gap, 4500)
      }
    }))

  it.effect("backs off exponentially from 0.5 s with jitter", () =>
    Effect.gen(function*() {
      const { gaps, result } = yield* run((i) => i < 5 ? status(503) : ok, list)
      assert.strictEqual(result._tag, "Right")
      const expected = [500, 1000, 2000, 4000, 8000]
      assert.strictEqual(gaps.length, 5)
      gaps.forEach((gap, i) => {
        assert.isAtLeast(gap, expected[i]!)
        assert.isAtMost(gap, expected[i]! * 1.5)
      })
    }))

  it.effect("caps the exponential delay at 30 s", () =>
    Effect.gen(function*() {
      const { gaps } = yield* run(() => status(503), list, {
        retryPolicy: RetryPolicy.make({ maxRetries: 8, deadline: "10 minutes", jitter: 0 })
      })
      assert.deepStrictEqual(gaps, [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000])
    }))

  it.effect("gives up after 5 retries with the last error", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* run(() => status(502), list)
      assert.strictEqual(seen.length, 6)
      assert.isTrue(result._tag === "Left" && result.left._tag === "ServerError")
    }))

  it.effect("stops before a retry would start after the 120 s deadline", () =>
    Effect.gen(function*() {
      const { gaps, result, seen } = yield* run(() => status(429, 70), list)
      assert.strictEqual(seen.length, 2)
      assert.isAtLeast(gaps[0]!, 70_000)
      assert.isTrue(result._tag === "Left" && result.left._tag === "RateLimited")
    }))

  it.effect("a POST is not replayed after a 503: the server may have acted", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* run(() => status(503), create)
      assert.strictEqual(seen.length, 1)
      assert.isTrue(result._tag === "Left" && result.left._tag === "ServerError")
    }))

  it.effect("a POST is replayed after a 429: the server refused the work", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* run((i) => i === 0 ? status(429) : created, create)
      assert.strictEqual(seen.length, 2)
      assert.strictEqual(result._tag, "Right")
    }))

  it.effect("a POST is replayed after a connection reset before any response", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* run((i) => i === 0 ? HotdataTest.disconnect() : created, create)
      assert.strictEqual(seen.length, 2)
      assert.strictEqual(result._tag, "Right")
    }))

  it.effect("a POST is not replayed after a transport failure that may have reached the server", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* run(() => HotdataTest.disconnect({ phase: "request" }), create)
      assert.strictEqual(seen.length, 1)
      assert.isTrue(result._tag === "Left" && result.left._tag === "TransportError" && result.left.phase === "request")
    }))

  it.effect("a timed-out GET is retried, a timed-out POST is not", () =>
    Effect.gen(function*() {
      const get = yield* run((i) => i === 0 ? Effect.never : ok, list, { timeout: "2 seconds" })
      assert.strictEqual(get.seen.length, 2)
      assert.strictEqual(get.result._tag, "Right")
      const post = yield* run(() => Effect.never, create, { timeout: "2 seconds" })
      assert.strictEqual(post.seen.length, 1)
      assert.isTrue(post.result._tag === "Left" && post.result.left._tag === "TimeoutError")
    }))

  it.effect("finalize is sent exactly once, even after a 429", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* run(
        () => status(429),
        (client) => client.uploads.finalize("upld_1", {}, { finalize_token: "tok" })
      )
      assert.strictEqual(seen.length, 1)
      assert.isTrue(result._tag === "Left" && result.left._tag === "RateLimited")
    }))

  it.effect("withoutRetries switches retries off for one call", () =>
    Effect.gen(function*() {
      const { seen } = yield* run(() => status(503), (client) => HotdataClient.withoutRetries(list(client)))
      assert.strictEqual(seen.length, 1)
    }))

  it.effect("withRetryPolicy replaces the policy for one call", () =>
    Effect.gen(function*() {
      const { gaps, seen } = yield* run(
        () => status(503),
        (client) =>
          list(client).pipe(
            HotdataClient.withRetryPolicy(RetryPolicy.make({ maxRetries: 2, baseDelay: "1 second", jitter: 0 }))
          )
      )
      assert.strictEqual(seen.length, 3)
      assert.deepStrictEqual(gaps, [1000, 2000])
    }))

  it.effect("withTimeout replaces the timeout for one call", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* run(
        () => Effect.never,
        (client) => create(client).pipe(HotdataClient.withTimeout("3 seconds"))
      )
      assert.strictEqual(seen.length, 1)
      assert.isTrue(result._tag === "Left" && result.left._tag === "TimeoutError")
    }))
})

describe("interruption", () => {
  // Under the test clock no time passes: the failure must end the call without waiting
  // for its 30 s timeout (the test would hang otherwise).
  it.effect("a call with a timeout is interrupted at once when a concurrent sibling fails", () => {
    const layer = HotdataClient.layerTest({ databases: { list: () => Effect.never } }, { timeout: "30 seconds" })
    return Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const exit = yield* Effect.exit(
        Effect.forEach(
          [0, 1],
          (i): Effect.Effect<unknown, unknown> => i === 0 ? client.databases.list() : Effect.fail("sibling failed"),
          { concurrency: 2 }
        )
      )
      assert.strictEqual(exit._tag, "Failure")
    }).pipe(Effect.provide(layer))
  })
})
