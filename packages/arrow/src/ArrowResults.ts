/**
 * Persisted query results as Apache Arrow, decoded batch by batch as the HTTP body
 * arrives. Memory stays bounded by one record batch, whatever the size of the result.
 *
 * The request asks for `format=arrow` and `Accept: application/vnd.apache.arrow.stream`.
 * The stream is checked as it goes: a body that breaks off or ends before the Arrow
 * end-of-stream marker fails with `ArrowDecodeError` instead of ending early, and
 * interrupting the consumer (`Stream.take`, a timeout, fiber interruption) aborts the
 * request.
 *
 * @since 0.1.0
 */
import type { HotdataClient } from "@hotdata-effect/core/HotdataClient"
import type * as Polling from "@hotdata-effect/core/Polling"
import type * as Results from "@hotdata-effect/core/Results"
import type * as ArrowTypes from "@hotdata-effect/kernel/types/arrow"
import type { RecordBatch, Schema as ArrowSchema } from "apache-arrow"
import { Table } from "apache-arrow"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type * as ArrowError from "./ArrowError.js"
import * as internal from "./internal/results.js"

/**
 * How to wait for a result that is still being computed: the delays between attempts
 * (default 0.5 s doubling up to 5 s, stretched to the server's `Retry-After`) and the
 * total time allowed (default 120 s).
 *
 * @since 0.1.0
 * @category models
 */
export type WaitOptions = Polling.Options

/**
 * The options of reading a stored result: the database, the window of rows, and whether
 * (and how) to wait for a result that is not ready.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options extends ArrowTypes.ResultOptions<WaitOptions> {}

/**
 * The link to the next window of a result, when `limit` stopped before its end (the
 * core's `Results.NextPage`).
 *
 * @since 0.1.0
 * @category models
 */
export type NextPage = Results.NextPage

/**
 * An open Arrow result: the schema has been read, the batches have not.
 *
 * @since 0.1.0
 * @category models
 */
export interface ArrowResult {
  readonly resultId: string
  /** The Arrow schema, known before the first batch. */
  readonly schema: ArrowSchema
  /** The number of rows of the whole result (`X-Total-Row-Count`), ignoring offset and limit. */
  readonly totalRowCount: number | undefined
  /** The next window, when `limit` stopped before the end of the result. */
  readonly nextPage: NextPage | undefined
  /**
   * The record batches, read from the network as they are pulled. Run it once, inside
   * the scope that opened the result.
   */
  readonly batches: Stream.Stream<RecordBatch, ArrowError.ArrowDecodeError>
}

/**
 * Errors of the functions of this module.
 *
 * @since 0.1.0
 * @category models
 */
export type Error = ArrowError.ResultError | Polling.PollTimeout

/**
 * Opens a result and reads its Arrow schema. The batches are read as the returned
 * stream is pulled; closing the scope aborts the request, read or not.
 *
 * @example
 * ```ts
 * import { ArrowResults } from "@hotdata-effect/arrow"
 * import { Effect, Stream } from "effect"
 *
 * const program = Effect.scoped(
 *   Effect.gen(function*() {
 *     const result = yield* ArrowResults.open("res_123", { databaseId: "data_123" })
 *     console.log(result.schema.fields.map((field) => `${field.name}: ${field.type}`))
 *     console.log(`${result.totalRowCount} rows`)
 *     yield* Stream.runForEach(result.batches, (batch) => Effect.log(batch.numRows))
 *   })
 * )
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const open = (
  resultId: string,
  options: Options
): Effect.Effect<ArrowResult, Error, HotdataClient | Scope.Scope> =>
  Effect.gen(function*() {
    const { info, response } = yield* internal.requestReady(resultId, "arrow", options, false)
    const decoder = yield* internal.decode(info, response, options)
    return {
      resultId,
      schema: decoder.schema,
      totalRowCount: info.totalRowCount,
      nextPage: info.nextPage,
      batches: decoder.batches
    } satisfies ArrowResult
  }).pipe(Effect.withSpan("Hotdata.ArrowResults.open", { attributes: { "hotdata.result_id": resultId } }))

/**
 * The record batches of a result, decoded as they arrive. Stopping early
 * (`Stream.take`, interruption) aborts the request.
 *
 * @example
 * ```ts
 * import { ArrowResults } from "@hotdata-effect/arrow"
 * import { Effect, Stream } from "effect"
 *
 * const rows = ArrowResults.stream("res_123", { databaseId: "data_123" }).pipe(
 *   Stream.runFold(0, (total, batch) => total + batch.numRows)
 * )
 * ```
 *
 * @since 0.1.0
 * @category streaming
 */
export const stream = (
  resultId: string,
  options: Options
): Stream.Stream<RecordBatch, Error, HotdataClient> =>
  Stream.unwrapScoped(Effect.map(open(resultId, options), (result) => result.batches))

/**
 * The whole result (or window) as one Arrow `Table`, held in memory.
 *
 * @since 0.1.0
 * @category fetching
 */
export const table = (resultId: string, options: Options): Effect.Effect<Table, Error, HotdataClient> =>
  Effect.scoped(
    Effect.flatMap(open(resultId, options), (result) =>
      Effect.map(
        Stream.runCollect(result.batches),
        (batches) => new Table(result.schema, Chunk.toArray(batches))
      ))
  ).pipe(Effect.withSpan("Hotdata.ArrowResults.table", { attributes: { "hotdata.result_id": resultId } }))

/**
 * The raw Arrow IPC stream of a result, as the server sends it, for any other Arrow
 * reader (or a file). The framing is checked on the way through: a body that ends
 * before the end-of-stream marker fails with `ArrowDecodeError`.
 *
 * @since 0.1.0
 * @category streaming
 */
export const bytes = (resultId: string, options: Options): Stream.Stream<Uint8Array, Error, HotdataClient> =>
  Stream.unwrapScoped(
    Effect.map(
      internal.requestReady(resultId, "arrow", options, false),
      ({ response }) => internal.checkedBytes(resultId, "arrow", response)
    )
  )
