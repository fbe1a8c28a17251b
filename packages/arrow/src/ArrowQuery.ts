/**
 * Running SQL and reading its result as Apache Arrow: the query is sent, a query run
 * (202) is waited for, and the persisted result is streamed as Arrow once it is ready,
 * never through the JSON rows.
 *
 * @since 0.1.0
 */
import type { HotdataClient } from "@hotdata-effect/core/HotdataClient"
import * as Polling from "@hotdata-effect/core/Polling"
import * as Query from "@hotdata-effect/core/Query"
import type * as ArrowTypes from "@hotdata-effect/kernel/types/arrow"
import type { RecordBatch } from "apache-arrow"
import { Table } from "apache-arrow"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as ArrowError from "./ArrowError.js"
import type * as ArrowResults from "./ArrowResults.js"
import * as internal from "./internal/results.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Options extends ArrowTypes.QueryOptions<ArrowResults.WaitOptions> {}

/**
 * An open Arrow result of a query, with what the query said about it.
 *
 * @since 0.1.0
 * @category models
 */
export interface ArrowQueryResult extends ArrowResults.ArrowResult {
  readonly queryRunId: string | undefined
  readonly warning: string | undefined
  readonly executionTimeMs: number | undefined
}

/**
 * Errors of the functions of this module.
 *
 * @since 0.1.0
 * @category models
 */
export type Error = ArrowError.WaitError | Query.ResultUnavailable

/**
 * Runs SQL and opens its result as Arrow: the schema is read, the batches are read as
 * the returned stream is pulled. Closing the scope aborts the request.
 *
 * @since 0.1.0
 * @category constructors
 */
export const open = (
  sql: string,
  options: Options
): Effect.Effect<ArrowQueryResult, Error, HotdataClient | Scope.Scope> =>
  Effect.gen(function*() {
    const wait = internal.waitOptions(options.wait, true)
    const start = yield* Clock.currentTimeMillis
    const answer = yield* Query.submit(sql, options)

    let resultId: string | null | undefined
    let about: Pick<ArrowQueryResult, "queryRunId" | "warning" | "executionTimeMs">
    if (answer.status === 202) {
      const queryRunId = answer.body.query_run_id
      if (wait === undefined) {
        return yield* new ArrowError.NotReady({
          queryRunId,
          status: answer.body.status,
          message: `query run ${queryRunId} is still ${answer.body.status}`
        })
      }
      const run = yield* Polling.queryRun(queryRunId, { ...wait, databaseId: options.databaseId })
      resultId = run.result_id
      about = {
        queryRunId,
        warning: run.warning_message ?? undefined,
        executionTimeMs: run.execution_time_ms ?? undefined
      }
    } else {
      resultId = answer.body.result_id
      about = {
        queryRunId: answer.body.query_run_id,
        warning: answer.body.warning ?? undefined,
        executionTimeMs: answer.body.execution_time_ms
      }
    }
    if (resultId === null || resultId === undefined) {
      return yield* new Query.ResultUnavailable({
        ...(about.queryRunId !== undefined ? { queryRunId: about.queryRunId } : {}),
        message: about.warning ?? "the query succeeded but the server kept no result to read as Arrow"
      })
    }

    // One deadline covers the query run and the result.
    const elapsed = (yield* Clock.currentTimeMillis) - start
    const remaining = wait === undefined ? undefined : {
      ...wait,
      deadline: Duration.millis(Math.max(0, Duration.toMillis(wait.deadline ?? "120 seconds") - elapsed))
    }
    const { info, response } = yield* internal.requestReady(resultId, "arrow", {
      databaseId: options.databaseId,
      offset: options.offset,
      limit: options.limit,
      wait: remaining ?? false
    }, false)
    const decoder = yield* internal.decode(info, response, options)
    return {
      ...about,
      resultId,
      schema: decoder.schema,
      totalRowCount: info.totalRowCount,
      nextPage: info.nextPage,
      batches: decoder.batches
    } satisfies ArrowQueryResult
  }).pipe(Effect.withSpan("Hotdata.ArrowQuery.open"))

/**
 * Runs SQL and streams its result as Arrow record batches.
 *
 * @example
 * ```ts
 * import { ArrowQuery } from "@hotdata-effect/arrow"
 * import { Effect, Stream } from "effect"
 *
 * const program = ArrowQuery.stream("SELECT * FROM trips", { databaseId: "data_123" }).pipe(
 *   Stream.runForEach((batch) => Effect.log(`${batch.numRows} rows`))
 * )
 * ```
 *
 * @since 0.1.0
 * @category streaming
 */
export const stream = (sql: string, options: Options): Stream.Stream<RecordBatch, Error, HotdataClient> =>
  Stream.unwrapScoped(Effect.map(open(sql, options), (result) => result.batches))

/**
 * Runs SQL and returns its whole result as one Arrow `Table`.
 *
 * @example
 * ```ts
 * import { ArrowQuery } from "@hotdata-effect/arrow"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const table = yield* ArrowQuery.table("SELECT city, count(*) AS n FROM trips GROUP BY city", {
 *     databaseId: "data_123"
 *   })
 *   console.log(table.numRows, table.getChild("city")?.toArray())
 * })
 * ```
 *
 * @since 0.1.0
 * @category fetching
 */
export const table = (sql: string, options: Options): Effect.Effect<Table, Error, HotdataClient> =>
  Effect.scoped(
    Effect.flatMap(open(sql, options), (result) =>
      Effect.map(
        Stream.runCollect(result.batches),
        (batches) => new Table(result.schema, Chunk.toArray(batches))
      ))
  ).pipe(Effect.withSpan("Hotdata.ArrowQuery.table"))
