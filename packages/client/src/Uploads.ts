/**
 * The types of uploads and file loads, as plain types (the kernel's).
 *
 * @since 0.1.0
 */
import type * as ErrorTypes from "@hotdata-effect/kernel/types/errors"
import type * as UploadTypes from "@hotdata-effect/kernel/types/uploads"
import type { CallOptions, Duration } from "./CallOptions.js"
import type { PollingOptions } from "./Client.js"
import type { FinalizeUploadResponse } from "./generated/Schemas.js"

/**
 * What an upload reads: a file path or `file:` URL (Node), bytes, a `Blob` / `File`,
 * or a `ReadableStream` / async iterable of bytes (read once, in order).
 *
 * @since 0.1.0
 * @category models
 */
export type Source = UploadTypes.Source

/**
 * Cumulative progress of an upload.
 *
 * @since 0.1.0
 * @category models
 */
export interface Progress extends UploadTypes.Progress {}

/**
 * A failure of one part that the upload retries: minting its URL, storage's answer,
 * the connection, or a missing ETag.
 *
 * @since 0.1.0
 * @category errors
 */
export interface RetryableError extends ErrorTypes.RetryableError {}

/**
 * What happens during an upload, by `_tag`.
 *
 * @since 0.1.0
 * @category models
 */
export type UploadEvent = UploadTypes.UploadEvent<Duration, RetryableError, FinalizeUploadResponse>

/**
 * The settings of an upload.
 *
 * @since 0.1.0
 * @category models
 */
export interface UploadSettings extends UploadTypes.UploadSettings {}

/**
 * The options of `uploadFile`: the upload's settings, its progress callbacks and the
 * per-call options.
 *
 * @since 0.1.0
 * @category models
 */
export interface UploadOptions extends UploadTypes.UploadOptions<UploadEvent> {}

/**
 * The options of `loadFile`.
 *
 * @since 0.1.0
 * @category models
 */
export interface LoadOptions extends UploadTypes.LoadOptions<PollingOptions, Omit<UploadOptions, keyof CallOptions>> {}
