/**
 * The errors of Arrow results and exports, next to the client's own
 * `HotdataError`s (a missing result is `HotdataError.NotFound`, bad parameters are
 * `HotdataError.BadRequest`).
 *
 * @since 0.1.0
 */
import type * as HotdataError from "@hotdata-effect/core/HotdataError"
import type * as Polling from "@hotdata-effect/core/Polling"
import * as Results from "@hotdata-effect/core/Results"
import * as Schema from "effect/Schema"

/**
 * The result (or the query run behind it) is still being computed: the server answered
 * 202. `retryAfter` is how long the server suggested waiting. Raised only when the
 * caller asked not to wait (`wait: false`); otherwise the wait happens for you. The
 * core's `Results.NotReady`, shared by every reader of results.
 *
 * @since 0.1.0
 * @category errors
 */
export const NotReady = Results.NotReady

/**
 * @since 0.1.0
 * @category errors
 */
export type NotReady = Results.NotReady

/**
 * The result failed on the server (409, or a `failed` status). `message` is the
 * server's own error message. The core's `Results.ResultFailed`.
 *
 * @since 0.1.0
 * @category errors
 */
export const ResultFailed = Results.ResultFailed

/**
 * @since 0.1.0
 * @category errors
 */
export type ResultFailed = Results.ResultFailed

/**
 * The body could not be read as what it claims to be:
 *
 * - `malformed`: the bytes are not a valid Arrow IPC stream (or not the format asked for).
 * - `truncated`: the body ended, or broke off, before the end of the stream (no
 *   end-of-stream marker, a message cut short, fewer rows than the server announced).
 *
 * `bytesRead` is how much of the body arrived before the failure.
 *
 * @since 0.1.0
 * @category errors
 */
export class ArrowDecodeError extends Schema.TaggedError<ArrowDecodeError>(
  "@hotdata-effect/arrow/ArrowError/ArrowDecodeError"
)("ArrowDecodeError", {
  resultId: Schema.String,
  reason: Schema.Literal("malformed", "truncated"),
  bytesRead: Schema.Number,
  message: Schema.String
}) {}

/**
 * Every error of reading a result: the client's errors, plus {@link NotReady},
 * {@link ResultFailed} and {@link ArrowDecodeError}. A 409 from the server arrives as
 * `ResultFailed`, never as `HotdataError.Conflict`.
 *
 * @since 0.1.0
 * @category models
 */
export type ResultError = HotdataError.HotdataError | NotReady | ResultFailed | ArrowDecodeError

/**
 * The errors of calls that wait for a result: {@link ResultError}, plus the core's
 * polling errors (`PollTimeout` when the deadline passes, `WorkFailed` when the query
 * run fails).
 *
 * @since 0.1.0
 * @category models
 */
export type WaitError = ResultError | Polling.PollTimeout | Polling.WorkFailed
