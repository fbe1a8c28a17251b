import { assert, describe, it } from "vitest"
import * as Retry from "../src/retry.js"

const noJitter = Retry.backoff({ jitter: 0 })

describe("Retry.delay", () => {
  it("doubles from the base delay up to the cap", () => {
    const delays = [1, 2, 3, 4, 5].map((n) => Retry.delay(noJitter, n, undefined, 0, 0))
    assert.deepStrictEqual(delays, [500, 1000, 2000, 4000, 8000])
    const capped = Retry.backoff({ jitter: 0, maxRetries: 20 })
    assert.strictEqual(Retry.delay(capped, 10, undefined, 0, 0), 30_000)
  })

  it("gives up past maxRetries and past the deadline", () => {
    assert.strictEqual(Retry.delay(noJitter, 6, undefined, 0, 0), undefined)
    assert.strictEqual(Retry.delay(noJitter, 1, undefined, 0, 119_500), 500)
    assert.strictEqual(Retry.delay(noJitter, 1, undefined, 0, 119_501), undefined)
    assert.strictEqual(Retry.delay(Retry.partBackoff, 3, 100_000, 0, 1e12), 100_000)
  })

  it("adds up to `jitter` of the delay, rounded to whole milliseconds", () => {
    const half = Retry.backoff({})
    assert.strictEqual(Retry.delay(half, 1, undefined, 0, 0), 500)
    assert.strictEqual(Retry.delay(half, 1, undefined, 0.999, 0), 750)
    assert.strictEqual(Retry.delay(half, 2, undefined, 0.5, 0), 1250)
  })

  it("honours Retry-After: jittered and uncapped for calls, exact and capped for parts", () => {
    assert.strictEqual(Retry.delay(Retry.callBackoff, 1, 60_000, 0.5, 0), 75_000)
    assert.strictEqual(Retry.delay(Retry.callBackoff, 1, 200_000, 0, 0), undefined)
    assert.strictEqual(Retry.delay(Retry.backoff({ deadline: Infinity }), 1, 200_000, 0, 0), 200_000)
    assert.strictEqual(Retry.delay(Retry.partBackoff, 1, 60_000, 0.9, 0), 60_000)
    assert.strictEqual(Retry.delay(Retry.partBackoff, 1, 600_000, 0.9, 0), 120_000)
  })

  it("draws a random number only when the delay takes one", () => {
    assert.isTrue(Retry.drawsRandom(Retry.callBackoff, 1, 1000))
    assert.isTrue(Retry.drawsRandom(Retry.partBackoff, 1, undefined))
    assert.isFalse(Retry.drawsRandom(Retry.partBackoff, 1, 1000))
    assert.isFalse(Retry.drawsRandom(Retry.callBackoff, 6, undefined))
  })
})

describe("Retry.backoff", () => {
  it("fills what is left out from the defaults and clamps the jitter", () => {
    const settings = Retry.backoff({ maxRetries: 1, baseDelay: undefined, jitter: 3 }, Retry.partBackoff)
    assert.deepStrictEqual(settings, { ...Retry.partBackoff, maxRetries: 1, jitter: 1 })
    assert.strictEqual(Retry.backoff({ jitter: -1 }).jitter, 0)
  })
})

describe("Retry.isCallRetryable", () => {
  const read = { retryable: true, idempotent: true }
  const write = { retryable: true, idempotent: false }
  const keyed = { retryable: true, idempotent: false, idempotencyKey: "k" }
  const once = { retryable: false, idempotent: false }

  it("retries a 429 and a failed connect for every operation but an exactly-once one", () => {
    for (const op of [read, write, keyed]) {
      assert.isTrue(Retry.isCallRetryable({ _tag: "RateLimited" }, op))
      assert.isTrue(Retry.isCallRetryable({ _tag: "TransportError", phase: "connect" }, op))
    }
    assert.isFalse(Retry.isCallRetryable({ _tag: "RateLimited" }, once))
  })

  it("retries gateway statuses, timeouts and late transport failures only when replay is safe", () => {
    for (const status of [502, 503, 504]) {
      assert.isTrue(Retry.isCallRetryable({ _tag: "ServerError", status }, read))
      assert.isTrue(Retry.isCallRetryable({ _tag: "ServerError", status }, keyed))
      assert.isFalse(Retry.isCallRetryable({ _tag: "ServerError", status }, write))
    }
    assert.isFalse(Retry.isCallRetryable({ _tag: "ServerError", status: 500 }, read))
    assert.isTrue(Retry.isCallRetryable({ _tag: "TimeoutError" }, keyed))
    assert.isFalse(Retry.isCallRetryable({ _tag: "TimeoutError" }, write))
    assert.isTrue(Retry.isCallRetryable({ _tag: "TransportError", phase: "response" }, read))
    assert.isFalse(Retry.isCallRetryable({ _tag: "TransportError", phase: "tls" }, read))
  })

  it("retries a 409 only for a keyed write whose original is still running", () => {
    const inProgress = { _tag: "Conflict", code: Retry.IDEMPOTENCY_KEY_IN_PROGRESS }
    assert.isTrue(Retry.isCallRetryable(inProgress, keyed))
    assert.isFalse(Retry.isCallRetryable(inProgress, read))
    assert.isFalse(Retry.isCallRetryable({ _tag: "Conflict", code: "OTHER" }, keyed))
    assert.isFalse(Retry.isCallRetryable({ _tag: "BadRequest" }, read))
  })
})
