/**
 * Retries as plain values: the one backoff the SDK's retry policies (API calls, upload
 * parts) compute their delays with, and the decision tables that say which failures are
 * worth another try.
 *
 * A backoff waits `min(base * 2^(n-1), maxDelay)` before retry `n` (1-based), or the
 * server's `Retry-After` when it sent one (never shortened, but capped at `maxRetryAfter`),
 * plus up to `jitter` of that delay again at random. Whether a `Retry-After` is jittered
 * too is a setting: calls spread the clients a rate limit sent back at the same moment,
 * storage parts wait exactly what storage asked. A backoff gives up after `maxRetries`,
 * or when a retry would start more than `deadline` after the first failure.
 *
 * The delays are computed from numbers the caller supplies (the attempt, the
 * `Retry-After`, a random number in [0, 1)), so an Effect `Schedule`, a Promise loop and
 * a test all step the same arithmetic.
 */

/** The settings of a backoff, in milliseconds. */
export interface Backoff {
  /** Retries after the first attempt. */
  readonly maxRetries: number
  /** Delay before the first retry; doubled for each further one. */
  readonly baseDelay: number
  /** Cap of the exponential delay. */
  readonly maxDelay: number
  /** Total budget from the first failure: a retry that would start later is not made. */
  readonly deadline: number
  /** Random extra delay, as a fraction of the delay (0 to 1). */
  readonly jitter: number
  /** Cap of a server's `Retry-After`. */
  readonly maxRetryAfter: number
  /** Whether a server's `Retry-After` gets the random extra delay too. */
  readonly jitterRetryAfter: boolean
}

/**
 * The backoff of API calls: 5 retries, 0.5 s doubling to 30 s, half of that again as
 * jitter, within 120 s; `Retry-After` honoured whatever its length, and jittered.
 */
export const callBackoff: Backoff = {
  maxRetries: 5,
  baseDelay: 500,
  maxDelay: 30_000,
  deadline: 120_000,
  jitter: 0.5,
  maxRetryAfter: Infinity,
  jitterRetryAfter: true
}

/**
 * The backoff of one upload part within a round: 3 retries after 0.2 s, 0.4 s, 0.8 s
 * (capped at 10 s) plus up to half again, no deadline of its own (the upload's give-up
 * bound decides); storage's `Retry-After` is waited exactly, capped at 120 s so one part
 * cannot hold a round up for long.
 */
export const partBackoff: Backoff = {
  maxRetries: 3,
  baseDelay: 200,
  maxDelay: 10_000,
  deadline: Infinity,
  jitter: 0.5,
  maxRetryAfter: 120_000,
  jitterRetryAfter: false
}

/** The settings of a backoff a caller gives: any left out (or `undefined`) come from the defaults. */
export type PartialBackoff = { readonly [K in keyof Backoff]?: Backoff[K] | undefined }

/** `options` over `defaults`, with the jitter clamped to 0..1. */
export const backoff = (options: PartialBackoff, defaults: Backoff = callBackoff): Backoff => ({
  maxRetries: options.maxRetries ?? defaults.maxRetries,
  baseDelay: options.baseDelay ?? defaults.baseDelay,
  maxDelay: options.maxDelay ?? defaults.maxDelay,
  deadline: options.deadline ?? defaults.deadline,
  jitter: Math.min(Math.max(options.jitter ?? defaults.jitter, 0), 1),
  maxRetryAfter: options.maxRetryAfter ?? defaults.maxRetryAfter,
  jitterRetryAfter: options.jitterRetryAfter ?? defaults.jitterRetryAfter
})

/**
 * Whether the delay before retry `attempt` takes a random number: not once the retries
 * are used up; otherwise always with a jittered `Retry-After`, and without one only when
 * the server sent none. A caller draws one only then.
 */
export const drawsRandom = (backoff: Backoff, attempt: number, retryAfter: number | undefined): boolean =>
  attempt <= backoff.maxRetries && (retryAfter === undefined || backoff.jitterRetryAfter)

/**
 * The delay before retry `attempt` (1-based) in whole milliseconds, or `undefined` when
 * the backoff gives up: past `maxRetries`, or when the retry would start more than
 * `deadline` after the first failure (`elapsed` is the time since it). `retryAfter` is
 * the server's `Retry-After` in milliseconds, if any; `random` a number in [0, 1),
 * read only when {@link drawsRandom} says so.
 */
export const delay = (
  backoff: Backoff,
  attempt: number,
  retryAfter: number | undefined,
  random: number,
  elapsed: number
): number | undefined => {
  if (attempt > backoff.maxRetries) return undefined
  let millis: number
  if (retryAfter === undefined) {
    const exponential = Math.min(backoff.baseDelay * 2 ** (attempt - 1), backoff.maxDelay)
    millis = exponential + exponential * backoff.jitter * random
  } else {
    const capped = Math.min(retryAfter, backoff.maxRetryAfter)
    millis = backoff.jitterRetryAfter ? capped + capped * backoff.jitter * random : capped
  }
  const rounded = Math.round(millis)
  return elapsed + rounded > backoff.deadline ? undefined : rounded
}

// Decision tables

/** The facts of an operation a retry decision needs. */
export interface Replay {
  /** False for an operation that must be sent exactly once (an upload finalize). */
  readonly retryable: boolean
  /** Whether running it twice has the effect of running it once. */
  readonly idempotent: boolean
  /** The idempotency key every attempt of a keyed write carries (its form is the caller's). */
  readonly idempotencyKey?: unknown
}

/**
 * Whether sending an operation again after it may have run cannot change the outcome:
 * it is idempotent, or a write sent with an idempotency key (generated once per call and
 * replayed by every retry, so the server runs the write at most once).
 */
export const isReplaySafe = (operation: Replay): boolean =>
  operation.idempotent || operation.idempotencyKey !== undefined

/** Gateway statuses: the server in front gave up on the request, which may or may not have run. */
export const isGatewayStatus = (status: number): boolean => status === 502 || status === 503 || status === 504

/** The code of a 409 that says the write first sent with the same idempotency key is still running. */
export const IDEMPOTENCY_KEY_IN_PROGRESS = "IDEMPOTENCY_KEY_IN_PROGRESS"

/**
 * A failed call as the decision table reads it: the `_tag` of the SDK's error
 * (`RateLimited`, `Conflict`, `ServerError`, `TransportError`, `TimeoutError`, ...),
 * with its status, server error code and transport phase where it has them.
 */
export interface CallFailure {
  readonly _tag: string
  readonly status?: number | undefined
  readonly code?: string | undefined
  readonly phase?: string | undefined
}

/**
 * Whether a failed attempt of `operation` may be sent again.
 *
 * - 429 is retried for every operation: the server refused the work.
 * - A 409 coded {@link IDEMPOTENCY_KEY_IN_PROGRESS} is retried for keyed writes: the
 *   retry carries the same key and answers with the original's result. Any other 409 is final.
 * - A connection that failed before any response is retried for every operation.
 * - 502, 503, 504, timeouts and other transport failures (but TLS ones) are retried only
 *   for operations that are safe to replay ({@link isReplaySafe}): the server may have acted.
 * - Nothing is retried for an operation that must be sent exactly once.
 */
export const isCallRetryable = (failure: CallFailure, operation: Replay): boolean => {
  if (!operation.retryable) return false
  switch (failure._tag) {
    case "RateLimited":
      return true
    case "Conflict":
      return operation.idempotencyKey !== undefined && failure.code === IDEMPOTENCY_KEY_IN_PROGRESS
    case "ServerError":
      return isReplaySafe(operation) && failure.status !== undefined && isGatewayStatus(failure.status)
    case "TransportError":
      return failure.phase === "connect" || (failure.phase !== "tls" && isReplaySafe(operation))
    case "TimeoutError":
      return isReplaySafe(operation)
    default:
      return false
  }
}

/** Storage statuses of a part PUT that no retry can cure (a 403 only once re-minting failed to help). */
export const TERMINAL_STORAGE_STATUSES: ReadonlySet<number> = new Set([400, 401, 403, 404, 405, 411, 413, 501])

/** API statuses of a part URL mint that no retry can cure (bad token, unknown upload, not multipart). */
export const TERMINAL_MINT_STATUSES: ReadonlySet<number> = new Set([400, 401, 403, 404, 501])
