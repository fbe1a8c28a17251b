/**
 * A result's bytes as the server sends them (Arrow IPC, CSV or Parquet), streamed to a
 * file or to any other consumer with bounded memory.
 *
 * Truncation is caught where the format allows it: an Arrow stream must reach its
 * end-of-stream marker and a Parquet file its `PAR1` footer, or the export fails with
 * `ArrowDecodeError`. A file is written under a temporary name and renamed into place
 * only once complete, so a failed or interrupted export never leaves a partial file at
 * the destination.
 *
 * @since 0.1.0
 */
import type * as PlatformError from "@effect/platform/Error"
import * as FileSystem from "@effect/platform/FileSystem"
import type { HotdataClient } from "@hotdata-effect/core/HotdataClient"
import type * as ArrowTypes from "@hotdata-effect/kernel/types/arrow"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type * as ArrowResults from "./ArrowResults.js"
import * as exportFile from "./internal/exportFile.js"
import * as internal from "./internal/results.js"

/**
 * The formats a result can be exported in. Parquet is always the whole result: the
 * server ignores `offset` and `limit` for it.
 *
 * @since 0.1.0
 * @category models
 */
export type Format = ArrowTypes.ExportFormat

/**
 * @since 0.1.0
 * @category models
 */
export interface Options extends ArrowTypes.ExportOptions<ArrowResults.WaitOptions> {}

/**
 * What an export wrote.
 *
 * @since 0.1.0
 * @category models
 */
export interface Written extends ArrowTypes.Written {}

/**
 * How far an export to a file has come.
 *
 * @since 0.1.0
 * @category models
 */
export interface Progress {
  /** Bytes written to the file so far. */
  readonly bytesWritten: number
  /** The size of the body (`Content-Length`), when the server sent one. */
  readonly totalBytes: number | undefined
  /** `bytesWritten` as a percentage of `totalBytes`, when that is known. */
  readonly percent: number | undefined
  /** The rows of the whole result (`X-Total-Row-Count`), when the server said. */
  readonly totalRowCount: number | undefined
  /** Average throughput since the body started. */
  readonly bytesPerSecond: number
  /** Whether the file is complete (the last event). */
  readonly done: boolean
}

/**
 * Options of {@link toFile}.
 *
 * @since 0.1.0
 * @category models
 */
export interface ToFileOptions extends Options {
  /**
   * Hears progress at most every `progressInterval` while bytes move, and once when the
   * file is complete. Counting costs nothing per chunk: a ticker reports the count.
   */
  readonly onProgress?: ((progress: Progress) => void | Effect.Effect<void>) | undefined
  /** Default 250 ms. */
  readonly progressInterval?: Duration.DurationInput | undefined
}

/**
 * The body of a result in `format`, chunk by chunk as it arrives.
 *
 * @since 0.1.0
 * @category streaming
 */
export const bytes = (
  resultId: string,
  options: Options
): Stream.Stream<Uint8Array, ArrowResults.Error, HotdataClient> =>
  Stream.unwrapScoped(
    Effect.map(
      internal.requestReady(resultId, options.format, options, false),
      ({ response }) => internal.checkedBytes(resultId, options.format, response)
    )
  )

/**
 * Streams a result to a file. The bytes go to `<path>.partial` first and are renamed
 * to `path` when the body is complete; on failure or interruption the partial file is
 * removed. Chunks are gathered into 512 KiB writes made one at a time (the body keeps
 * arriving into the transport's buffers meanwhile); memory stays bounded by one buffer.
 *
 * @example
 * ```ts
 * import { NodeContext } from "@effect/platform-node"
 * import { Export } from "@hotdata-effect/arrow"
 * import { Effect } from "effect"
 *
 * const program = Export.toFile("res_123", "/tmp/trips.parquet", {
 *   databaseId: "data_123",
 *   format: "parquet",
 *   wait: true
 * }).pipe(Effect.provide(NodeContext.layer))
 * ```
 *
 * @since 0.1.0
 * @category exporting
 */
export const toFile = (
  resultId: string,
  path: string,
  options: ToFileOptions
): Effect.Effect<Written, ArrowResults.Error | PlatformError.PlatformError, HotdataClient | FileSystem.FileSystem> =>
  Effect.flatMap(
    FileSystem.FileSystem,
    (fs) => exportFile.toFile(resultId, path, options, exportFile.fileSystemFiles(fs))
  )
