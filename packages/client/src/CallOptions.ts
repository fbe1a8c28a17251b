/**
 * Per-call settings and durations, as plain types.
 *
 * @since 0.1.0
 */

/**
 * A unit a duration string names (`"30 seconds"`, `"500 millis"`).
 *
 * @since 0.1.0
 * @category models
 */
export type DurationUnit =
  | "nano"
  | "nanos"
  | "micro"
  | "micros"
  | "milli"
  | "millis"
  | "second"
  | "seconds"
  | "minute"
  | "minutes"
  | "hour"
  | "hours"
  | "day"
  | "days"
  | "week"
  | "weeks"

/**
 * A length of time the client takes: milliseconds as a number, nanoseconds as a
 * `bigint`, `[seconds, nanos]`, or a string such as `"30 seconds"`.
 *
 * @since 0.1.0
 * @category models
 */
export type DurationInput = number | bigint | readonly [seconds: number, nanos: number] | `${number} ${DurationUnit}`

/**
 * A length of time the client reports (an upload's retry delay): its `value` is
 * milliseconds, nanoseconds or infinity.
 *
 * @since 0.1.0
 * @category models
 */
export interface Duration {
  readonly value:
    | { readonly _tag: "Millis"; readonly millis: number }
    | { readonly _tag: "Nanos"; readonly nanos: bigint }
    | { readonly _tag: "Infinity" }
}

/**
 * Per-call settings, taken by every method as its last argument.
 *
 * @since 0.1.0
 * @category models
 */
export interface CallOptions {
  /** Aborting it cancels the call (and its HTTP request); the Promise rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined
  /** Time limit of each attempt of each request of the call. */
  readonly timeout?: DurationInput | undefined
  /** Retries of each request of the call, with the default backoff (`0` switches retries off). */
  readonly maxRetries?: number | undefined
  /** Extra request headers; the SDK's own headers win. */
  readonly headers?: Readonly<Record<string, string>> | undefined
  /**
   * The idempotency key of a keyed write (a resend with the same key runs at most once).
   * Ignored by operations that take no key. Default: a fresh key per call.
   */
  readonly idempotencyKey?: string | undefined
}
