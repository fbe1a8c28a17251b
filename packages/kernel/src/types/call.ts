/**
 * The per-call settings of the Promise clients, as plain types. `D` is the type of a
 * length of time: the plain {@link DurationInput} by default, Effect's
 * `Duration.DurationInput` in the clients built on Effect.
 *
 * @since 0.1.0
 */
import type { DurationInput } from "./duration.js"

/**
 * Per-call settings, taken by every method of a Promise client as its last argument.
 *
 * @since 0.1.0
 * @category models
 */
export interface CallOptions<D = DurationInput> {
  /** Aborting it cancels the call (and its HTTP request); the Promise rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined
  /** Time limit of each attempt of each request of the call (see `HotdataClient.withTimeout`). */
  readonly timeout?: D | undefined
  /** Retries of each request of the call, with the default backoff (`0` switches retries off). */
  readonly maxRetries?: number | undefined
  /** Extra request headers (see `HotdataClient.withHeaders`); the SDK's own headers win. */
  readonly headers?: Readonly<Record<string, string>> | undefined
  /**
   * The idempotency key of a keyed write (a resend with the same key runs at most once).
   * Ignored by operations that take no key. Default: a fresh key per call.
   */
  readonly idempotencyKey?: string | undefined
}

/**
 * The HTTP response of a successful call: its status, its headers (lower-case names)
 * and the server's trace id (`x-trace-id`).
 *
 * @since 0.1.0
 * @category models
 */
export interface ResponseInfo {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly traceId: string | undefined
}

/**
 * A call's parsed body with the response it came from.
 *
 * @since 0.1.0
 * @category models
 */
export interface WithResponse<A> {
  readonly data: A
  readonly response: ResponseInfo
}
