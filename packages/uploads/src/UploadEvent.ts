/**
 * What an upload reports while it runs: the session it opened, each part as it
 * starts, is retried and finishes, cumulative progress, and the finalized upload.
 *
 * @since 0.1.0
 */
import type { Schemas } from "@hotdata-effect/core"
import * as Data from "effect/Data"
import type * as Duration from "effect/Duration"
import type { RetryableError } from "./UploadError.js"

/**
 * Cumulative progress. `bytesDone` counts each part once, when storage confirmed it,
 * so it never goes back and never counts a retried part twice; it reaches
 * `totalBytes` exactly. `bytesSent` also counts what the attempts in flight have
 * handed to storage so far (when the storage client can see the body move), so it
 * moves inside a part and a single PUT; it drops back when an attempt fails.
 *
 * Progress comes after the session opened, after each confirmed part, and while bytes
 * move at most every `progressInterval` (250 ms by default).
 *
 * @since 0.1.0
 * @category models
 */
export interface Progress {
  readonly bytesDone: number
  readonly bytesSent: number
  /** The size of the upload, when known up front (a stream's is known at its end). */
  readonly totalBytes: number | undefined
  /** `bytesDone` as a percentage of `totalBytes`, when that is known. */
  readonly percent: number | undefined
  /** Seconds left at the rate bytes were sent so far, when the total is known and bytes moved. */
  readonly etaSeconds: number | undefined
  readonly partsDone: number
  readonly partsTotal: number | undefined
  /** Average throughput since the session opened. */
  readonly bytesPerSecond: number
}

/**
 * @since 0.1.0
 * @category models
 */
export type UploadEvent = Data.TaggedEnum<{
  /** The session is open: `mode` is `single` or `multipart`. */
  SessionOpened: {
    readonly uploadId: string
    readonly mode: string
    readonly partSize: number | undefined
    readonly totalBytes: number | undefined
    readonly partsTotal: number | undefined
    /** Parts confirmed by an earlier process, when the upload resumed from a checkpoint. */
    readonly resumedParts: number
  }
  /** An attempt at a part begins (`round` 0 is the first pass). */
  PartStarted: { readonly partNumber: number; readonly bytes: number; readonly round: number }
  /**
   * A part failed and will be tried again after `delay`: within its own retries
   * (`tier: "part"`: 429, a dropped connection, an expired URL) or in the next round
   * (`tier: "round"`: 5xx, timeouts, a missing ETag).
   */
  PartRetried: {
    readonly partNumber: number
    readonly tier: "part" | "round"
    readonly attempt: number
    readonly round: number
    readonly delay: Duration.Duration
    readonly error: RetryableError
  }
  /** Storage confirmed a part. */
  PartFinished: { readonly partNumber: number; readonly bytes: number; readonly eTag: string }
  /** Cumulative progress, after the session opened and after each confirmed part. */
  Progress: Progress
  /** The upload is finalized. */
  Finished: { readonly upload: Schemas.FinalizeUploadResponse }
}>

/**
 * Constructors and matchers of {@link UploadEvent}.
 *
 * @since 0.1.0
 * @category constructors
 */
export const UploadEvent = Data.taggedEnum<UploadEvent>()
