/**
 * What an upload reports while it runs: the session it opened, each part as it
 * starts, is retried and finishes, cumulative progress, and the finalized upload.
 *
 * @since 0.1.0
 */
import type { Schemas } from "@hotdata-effect/core"
import type * as UploadTypes from "@hotdata-effect/kernel/types/uploads"
import * as Data from "effect/Data"
import type * as Duration from "effect/Duration"
import type { RetryableError } from "./UploadError.js"

/**
 * Cumulative progress of an upload (see the kernel's `Progress`).
 *
 * @since 0.1.0
 * @category models
 */
export interface Progress extends UploadTypes.Progress {}

/**
 * What an upload reports, by `_tag` (see the kernel's `UploadEventCases`).
 *
 * @since 0.1.0
 * @category models
 */
export type UploadEvent = Data.TaggedEnum<
  UploadTypes.UploadEventCases<Duration.Duration, RetryableError, Schemas.FinalizeUploadResponse>
>

/**
 * Constructors and matchers of {@link UploadEvent}.
 *
 * @since 0.1.0
 * @category constructors
 */
export const UploadEvent = Data.taggedEnum<UploadEvent>()
