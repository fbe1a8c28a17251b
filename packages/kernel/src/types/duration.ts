/**
 * Lengths of time as plain values: what the clients take (`"30 seconds"`, milliseconds
 * as a number) and what they report (an upload's retry delay). Effect's own
 * `Duration.DurationInput` accepts every {@link DurationInput}.
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
