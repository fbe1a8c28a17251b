/**
 * Arrow results and exports for the Promise client: the functions of `ArrowQuery`,
 * `ArrowResults` and `Export` taking a client made by `createHotdataClient` (from
 * `@hotdata-effect/core/PromiseClient`). Batches come as an async iterable of
 * `RecordBatch`; stopping the iteration (or disposing the client) aborts the request.
 *
 * @example
 * ```ts
 * import { createHotdataClient } from "@hotdata-effect/core/PromiseClient"
 * import { queryBatches } from "@hotdata-effect/arrow/promise"
 *
 * export const countRows = async () => {
 *   await using hotdata = createHotdataClient()
 *   let rows = 0
 *   for await (const batch of queryBatches(hotdata, "SELECT * FROM trips", { databaseId: "db_123" })) {
 *     rows += batch.numRows
 *   }
 *   return rows
 * }
 * ```
 *
 * @since 0.1.0
 */
import * as PlatformError from "@effect/platform/Error"
import type { CallOptions, HotdataPromiseClient } from "@hotdata-effect/core/PromiseClient"
import { runnerOf } from "@hotdata-effect/core/PromiseClient"
import { nodeFs as fileSystem } from "@hotdata-effect/kernel/fs"
import type { RecordBatch, Table } from "apache-arrow"
import * as Effect from "effect/Effect"
import * as ArrowQuery from "./ArrowQuery.js"
import * as ArrowResults from "./ArrowResults.js"
import type * as Export from "./Export.js"
import * as exportFile from "./internal/exportFile.js"

/**
 * Runs SQL and yields its result's Arrow record batches as they arrive (`ArrowQuery.stream`).
 *
 * @since 0.1.0
 * @category streaming
 */
export const queryBatches = (
  client: HotdataPromiseClient,
  sql: string,
  options: ArrowQuery.Options,
  callOptions?: CallOptions
): AsyncIterable<RecordBatch> => runnerOf(client).iterate(ArrowQuery.stream(sql, options), callOptions)

/**
 * Runs SQL and returns its whole result as one Arrow `Table` (`ArrowQuery.table`).
 *
 * @since 0.1.0
 * @category fetching
 */
export const queryTable = (
  client: HotdataPromiseClient,
  sql: string,
  options: ArrowQuery.Options,
  callOptions?: CallOptions
): Promise<Table> => runnerOf(client).run(ArrowQuery.table(sql, options), callOptions)

/**
 * Yields the record batches of a stored result (`ArrowResults.stream`).
 *
 * @since 0.1.0
 * @category streaming
 */
export const resultBatches = (
  client: HotdataPromiseClient,
  resultId: string,
  options: ArrowResults.Options,
  callOptions?: CallOptions
): AsyncIterable<RecordBatch> => runnerOf(client).iterate(ArrowResults.stream(resultId, options), callOptions)

/**
 * A stored result as one Arrow `Table` (`ArrowResults.table`).
 *
 * @since 0.1.0
 * @category fetching
 */
export const resultTable = (
  client: HotdataPromiseClient,
  resultId: string,
  options: ArrowResults.Options,
  callOptions?: CallOptions
): Promise<Table> => runnerOf(client).run(ArrowResults.table(resultId, options), callOptions)

const systemError = (method: string, path: string, cause: unknown) =>
  new PlatformError.SystemError({
    reason: (cause as { code?: string } | undefined)?.code === "ENOENT" ? "NotFound" : "Unknown",
    module: "FileSystem",
    method,
    pathOrDescriptor: path,
    description: cause instanceof Error ? cause.message : String(cause)
  })

const nodeFs = () =>
  fileSystem === undefined
    ? Promise.reject(new Error("exporting to a file needs Node; in a browser use Export.toFile with a FileSystem"))
    : Promise.resolve(fileSystem)

/**
 * The file operations of an export over `node:fs/promises` from the kernel's `fs`
 * import (none in a browser: an export there fails with a `SystemError`). The file is
 * written through its own handle, in the large writes the export gathers.
 */
const nodeFiles: exportFile.Files<PlatformError.PlatformError> = {
  open: (path) =>
    Effect.map(
      Effect.acquireRelease(
        Effect.tryPromise({
          try: async () => (await nodeFs()).open(path, "w"),
          catch: (cause) => systemError("open", path, cause)
        }),
        (handle) => Effect.promise(() => handle.close())
      ),
      (handle) => ({
        write: (bytes) =>
          Effect.tryPromise({
            try: async () => {
              let offset = 0
              while (offset < bytes.length) {
                offset += (await handle.write(bytes, offset, bytes.length - offset)).bytesWritten
              }
            },
            catch: (cause) => systemError("write", path, cause)
          })
      })
    ),
  rename: (from, to) =>
    Effect.tryPromise({
      try: async () => (await nodeFs()).rename(from, to),
      catch: (cause) => systemError("rename", from, cause)
    }),
  remove: (path) =>
    Effect.tryPromise({
      try: async () => (await nodeFs()).rm(path, { force: true }),
      catch: (cause) => systemError("remove", path, cause)
    })
}

/**
 * Streams a stored result to a file in `options.format` (`arrow`, `csv` or `parquet`),
 * through `<path>.partial` renamed when complete (`Export.toFile`, `onProgress` included),
 * written through a `node:fs` file handle in 512 KiB writes. Node only.
 *
 * @since 0.1.0
 * @category exporting
 */
export const exportToFile = (
  client: HotdataPromiseClient,
  resultId: string,
  path: string,
  options: Export.ToFileOptions,
  callOptions?: CallOptions
): Promise<Export.Written> =>
  runnerOf(client).run(
    exportFile.toFile(resultId, path, options, nodeFiles),
    callOptions
  )
