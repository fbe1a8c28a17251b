/**
 * The options, events and results of uploads and file loads, as plain types, shared by
 * the Effect API of `@hotdata-effect/uploads` and the Promise clients. Where a field holds
 * an Effect value in the Effect API (a `Duration`, a typed error, a polling policy), its
 * type is a parameter, plain by default.
 *
 * @since 0.1.0
 */
import type { CallOptions } from "./call.js"
import type { Duration, DurationInput } from "./duration.js"
import type { RetryableError } from "./errors.js"
import type { PollingOptions } from "./query.js"

/**
 * What a Promise upload reads: a file path or `file:` URL (Node), bytes, a `Blob` /
 * `File`, or a `ReadableStream` / async iterable of bytes (read once, in order).
 *
 * @since 0.1.0
 * @category models
 */
export type Source = string | URL | Uint8Array | Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>

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
 * The events of an upload by tag, without their tags: `Delay` is the type of a retry's
 * delay, `Error` of a retried failure, `Upload` of the finalized upload.
 *
 * @since 0.1.0
 * @category models
 */
export type UploadEventCases<Delay = Duration, Error = RetryableError, Upload = unknown> = {
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
    readonly delay: Delay
    readonly error: Error
  }
  /** Storage confirmed a part. */
  PartFinished: { readonly partNumber: number; readonly bytes: number; readonly eTag: string }
  /** Cumulative progress, after the session opened and after each confirmed part. */
  Progress: Progress
  /** The upload is finalized. */
  Finished: { readonly upload: Upload }
}

/**
 * What happens during an upload, by `_tag`.
 *
 * @since 0.1.0
 * @category models
 */
export type UploadEvent<Delay = Duration, Error = RetryableError, Upload = unknown> = {
  readonly [K in keyof UploadEventCases]: { readonly _tag: K } & UploadEventCases<Delay, Error, Upload>[K]
}[keyof UploadEventCases]

/**
 * The settings of an upload; `D` is the type of a length of time.
 *
 * @since 0.1.0
 * @category models
 */
export interface UploadSettings<D = DurationInput> {
  /** Stored with the upload; a later load uses it to detect the format. */
  readonly contentType?: string | undefined
  /** E.g. `gzip`. */
  readonly contentEncoding?: string | undefined
  /** Advisory name; defaults to the file's base name for a path or a `File`. */
  readonly filename?: string | undefined
  /**
   * Part-size hint sent to the server, in bytes. The server clamps it and answers the
   * part size to use. Default: 8 MiB, larger when a file would need more than 9,000
   * parts (`Uploads.autoPartSizeHint`).
   */
  readonly partSize?: number | undefined
  /** Parts in flight at most. Default 10. */
  readonly concurrency?: number | undefined
  /**
   * Bytes of part buffers held at most: lowers the concurrency for large parts so
   * memory stays within it whatever the file size. Default 256 MiB.
   */
  readonly memoryBudget?: number | undefined
  /** Time limit of one PUT attempt of a part of `bytes` bytes. Default `Uploads.partPutTimeout`. */
  readonly partTimeout?: ((bytes: number) => D) | undefined
  /**
   * A PUT whose body has stopped moving for this long is cut and retried (when the
   * storage client can see the body move: the `fetch` client where the runtime streams a
   * `Blob`, and any `node:http` client in context). Once the whole body is handed over, the
   * answer must come within this plus the time the bytes that can sit in buffers (at
   * most 4 MiB) take to drain at 128 KiB/s (62 s for 8 MiB parts). Default 30 s.
   */
  readonly stallTimeout?: D | undefined
  /**
   * The bound for a hopeless upload: once storage has confirmed no part for this long
   * while every attempt fails (a persistent 429 or 5xx, a storage that stopped
   * answering), no further retry is started and the upload fails with the last error,
   * marked `exhausted`. It fails at most this long after the last confirmed part (or
   * the start), plus the attempt in flight. Default 2 minutes.
   */
  readonly giveUpAfter?: D | undefined
  /** Time limit of minting one part URL. Default 30 s. */
  readonly mintTimeout?: D | undefined
  /** Progress events while bytes move come at most this often. Default 250 ms. */
  readonly progressInterval?: D | undefined
  /**
   * Makes the upload resumable: the key under which its checkpoint is kept (with the
   * default store, a file path). When a checkpoint is stored under it, the upload
   * resumes it (sending only the parts it lacks); otherwise a new session starts and
   * its checkpoint is written there as parts finish. It is removed once finalized.
   * Only sources of known size above 8 MiB (paths, `Blob`s, `Uint8Array`s) keep a
   * checkpoint; see `Uploads.resume`.
   */
  readonly checkpoint?: string | undefined
}

/**
 * The progress callbacks of an upload; `Out` is what a callback may return.
 *
 * @since 0.1.0
 * @category models
 */
export interface Callbacks<Event = UploadEvent, Out = void> {
  readonly onProgress?: ((progress: Progress) => Out) | undefined
  readonly onEvent?: ((event: Event) => Out) | undefined
}

/**
 * The options of a Promise `uploadFile`: the upload's settings, its progress callbacks
 * and the per-call options.
 *
 * @since 0.1.0
 * @category models
 */
export interface UploadOptions<Event = UploadEvent> extends UploadSettings, CallOptions, Callbacks<Event> {}

/**
 * The options of loading a file into a managed table: `Poll` is how to wait for a load
 * the server runs in the background, `Upload` the options of the upload.
 *
 * @since 0.1.0
 * @category models
 */
export interface LoadOptions<Poll = PollingOptions, Upload = Omit<UploadOptions, keyof CallOptions>> {
  readonly databaseId: string
  readonly schema: string
  readonly table: string
  /** `replace`, `append`, or a key-based `delete` / `update` / `upsert`. */
  readonly mode: "replace" | "append" | "delete" | "update" | "upsert" | (string & {})
  /** `csv`, `json` (NDJSON) or `parquet`; detected from the content type, then the contents, when absent. */
  readonly format?: "csv" | "json" | "parquet" | undefined
  /** Key columns of a key-based mode. */
  readonly key?: ReadonlyArray<string> | undefined
  /**
   * Makes the load safe to resend: a resend with the same key runs at most once and
   * answers the original result. Default: a fresh UUID for this call, reused for each
   * of its resends.
   */
  readonly idempotencyKey?: string | undefined
  /** How to wait for a load the server runs in the background. */
  readonly poll?: Poll | undefined
  /** The upload's options (content type, concurrency, progress, ...). */
  readonly upload?: Upload | undefined
}
