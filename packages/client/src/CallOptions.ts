/**
 * Per-call settings and durations, as plain types (the kernel's).
 *
 * @since 0.1.0
 */
import type * as CallTypes from "@hotdata-effect/kernel/types/call"
import type * as DurationTypes from "@hotdata-effect/kernel/types/duration"

/**
 * A unit a duration string names (`"30 seconds"`, `"500 millis"`).
 *
 * @since 0.1.0
 * @category models
 */
export type DurationUnit = DurationTypes.DurationUnit

/**
 * A length of time the client takes: milliseconds as a number, nanoseconds as a
 * `bigint`, `[seconds, nanos]`, or a string such as `"30 seconds"`.
 *
 * @since 0.1.0
 * @category models
 */
export type DurationInput = DurationTypes.DurationInput

/**
 * A length of time the client reports (an upload's retry delay): its `value` is
 * milliseconds, nanoseconds or infinity.
 *
 * @since 0.1.0
 * @category models
 */
export interface Duration extends DurationTypes.Duration {}

/**
 * Per-call settings, taken by every method as its last argument: an abort signal, a
 * timeout, retries, headers, an idempotency key.
 *
 * @since 0.1.0
 * @category models
 */
export interface CallOptions extends CallTypes.CallOptions {}
