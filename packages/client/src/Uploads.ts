/**
 * The types of uploads and file loads, as plain TypeScript.
 *
 * @since 0.1.0
 */
import type { CallOptions, Duration, DurationInput } from "./CallOptions.js"
import type { HotdataPromiseError, PollingOptions } from "./Client.js"
import type { FinalizeUploadResponse } from "./generated/Schemas.js"

/**
 * What an upload reads: a file path or `file:` URL (Node), bytes, a `Blob` / `File`,
 * or a `ReadableStream` / async iterable of bytes (read once, in order).
 *
 * @since 0.1.0
 * @category models
 */
export type Source = string | URL | Uint8Array | Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>

/**
 * Cumulative progress of an upload.
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
 * A failure of one part that the upload retries: minting its URL, storage's answer,
 * the connection, or a missing ETag.
 *
 * @since 0.1.0
 * @category errors
 */
export interface RetryableError extends HotdataPromiseError {
  readonly _tag: "MintError" | "StorageError" | "StorageTransportError" | "MissingETag"
  readonly partNumber?: number | undefined
}

/**
 * What happens during an upload, by `_tag`.
 *
 * @since 0.1.0
 * @category models
 */
export type UploadEvent =
  | {
    readonly _tag: "SessionOpened"
    readonly uploadId: string
    /** `single` or `multipart`. */
    readonly mode: string
    readonly partSize: number | undefined
    readonly totalBytes: number | undefined
    readonly partsTotal: number | undefined
    /** Parts confirmed by an earlier process, when the upload resumed from a checkpoint. */
    readonly resumedParts: number
  }
  | { readonly _tag: "PartStarted"; readonly partNumber: number; readonly bytes: number; readonly round: number }
  | {
    readonly _tag: "PartRetried"
    readonly partNumber: number
    readonly tier: "part" | "round"
    readonly attempt: number
    readonly round: number
    readonly delay: Duration
    readonly error: RetryableError
  }
  | { readonly _tag: "PartFinished"; readonly partNumber: number; readonly bytes: number; readonly eTag: string }
  | ({ readonly _tag: "Progress" } & Progress)
  | { readonly _tag: "Finished"; readonly upload: FinalizeUploadResponse }

/**
 * The settings of an upload.
 *
 * @since 0.1.0
 * @category models
 */
export interface UploadSettings {
  /** Stored with the upload; a later load uses it to detect the format. */
  readonly contentType?: string | undefined
  /** E.g. `gzip`. */
  readonly contentEncoding?: string | undefined
  /** Advisory name; defaults to the file's base name for a path or a `File`. */
  readonly filename?: string | undefined
  /** Part-size hint sent to the server, in bytes. Default: 8 MiB, larger for files over 9,000 parts. */
  readonly partSize?: number | undefined
  /** Parts in flight at most. Default 10. */
  readonly concurrency?: number | undefined
  /** Bytes of part buffers held at most. Default 256 MiB. */
  readonly memoryBudget?: number | undefined
  /** Time limit of one PUT attempt of a part of `bytes` bytes. */
  readonly partTimeout?: ((bytes: number) => DurationInput) | undefined
  /** A PUT whose body has stopped moving for this long is cut and retried. Default 30 s. */
  readonly stallTimeout?: DurationInput | undefined
  /** No retry starts once storage has confirmed no part for this long. Default 2 minutes. */
  readonly giveUpAfter?: DurationInput | undefined
  /** Time limit of minting one part URL. Default 30 s. */
  readonly mintTimeout?: DurationInput | undefined
  /** Progress events while bytes move come at most this often. Default 250 ms. */
  readonly progressInterval?: DurationInput | undefined
  /** Makes the upload resumable: the file path its checkpoint is kept at (Node). */
  readonly checkpoint?: string | undefined
}

/**
 * The options of `uploadFile`: the upload's settings, its progress callbacks and the
 * per-call options.
 *
 * @since 0.1.0
 * @category models
 */
export interface UploadOptions extends UploadSettings, CallOptions {
  readonly onProgress?: ((progress: Progress) => void) | undefined
  readonly onEvent?: ((event: UploadEvent) => void) | undefined
}

/**
 * The options of `loadFile`.
 *
 * @since 0.1.0
 * @category models
 */
export interface LoadOptions {
  readonly databaseId: string
  readonly schema: string
  readonly table: string
  /** `replace`, `append`, or a key-based `delete` / `update` / `upsert`. */
  readonly mode: "replace" | "append" | "delete" | "update" | "upsert" | (string & {})
  /** `csv`, `json` (NDJSON) or `parquet`; detected from the content type, then the contents, when absent. */
  readonly format?: "csv" | "json" | "parquet" | undefined
  /** Key columns of a key-based mode. */
  readonly key?: ReadonlyArray<string> | undefined
  /** Makes the load safe to resend. Default: a fresh key for this call. */
  readonly idempotencyKey?: string | undefined
  /** How to wait for a load the server runs in the background. */
  readonly poll?: PollingOptions | undefined
  /** The upload's settings and progress callbacks. */
  readonly upload?: Omit<UploadOptions, keyof CallOptions> | undefined
}
