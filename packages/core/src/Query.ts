/**
 * Running SQL and getting every row back, whatever shape the answer takes: rows inline
 * (200), a query run to wait for (202), or a truncated preview whose full result must be
 * fetched page by page once it is persisted.
 *
 * @since 0.1.0
 */
import type * as QueryTypes from "@hotdata-effect/kernel/types/query"
import * as Effect from "effect/Effect"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as Schemas from "./generated/Schemas.js"
import { HotdataClient } from "./HotdataClient.js"
import type * as HotdataError from "./HotdataError.js"
import * as internal from "./internal/call/index.js"
import * as Polling from "./Polling.js"
import * as Results from "./Results.js"

/**
 * The full result cannot be fetched: the answer was truncated but the server kept no
 * result to fetch it from.
 *
 * @since 0.1.0
 * @category errors
 */
export class ResultUnavailable extends Schema.TaggedError<ResultUnavailable>(
  "@hotdata-effect/core/Query/ResultUnavailable"
)("ResultUnavailable", {
  queryRunId: Schema.optional(Schema.String),
  message: Schema.String
}) {}

/**
 * Following the result would exceed a guard (`maxRows` or `maxBytes`). Raise the guard,
 * or stream the result as Arrow instead.
 *
 * @since 0.1.0
 * @category errors
 */
export class ResultTooLarge extends Schema.TaggedError<ResultTooLarge>("@hotdata-effect/core/Query/ResultTooLarge")(
  "ResultTooLarge",
  {
    resultId: Schema.String,
    kind: Schema.Literal("rows", "bytes"),
    observed: Schema.Number,
    limit: Schema.Number,
    message: Schema.String
  }
) {}

/**
 * The server returned fewer rows than the result's total.
 *
 * @since 0.1.0
 * @category errors
 */
export class ResultIncomplete extends Schema.TaggedError<ResultIncomplete>(
  "@hotdata-effect/core/Query/ResultIncomplete"
)("ResultIncomplete", {
  resultId: Schema.String,
  fetched: Schema.Number,
  expected: Schema.Number,
  message: Schema.String
}) {}

/**
 * A row does not match the schema asked for. `row` is its 0-based index.
 *
 * @since 0.1.0
 * @category errors
 */
export class RowDecodeError extends Schema.TaggedError<RowDecodeError>("@hotdata-effect/core/Query/RowDecodeError")(
  "RowDecodeError",
  {
    row: Schema.Number,
    message: Schema.String
  }
) {}

/**
 * What {@link submit} sends with the SQL: the database and how the server should run it.
 *
 * @since 0.1.0
 * @category models
 */
export interface SubmitOptions extends QueryTypes.SubmitOptions {}

/**
 * The server's first answer to SQL: rows inline (200) or a query run still going (202).
 *
 * @since 0.1.0
 * @category models
 */
export type SubmitAnswer = QueryTypes.SubmitAnswer<Schemas.QueryResponse, Schemas.AsyncQueryResponse>

/**
 * Sends SQL once and returns the server's first answer as it is, without waiting for a
 * query run or following truncation. {@link run} and the Arrow helpers build on it.
 *
 * @since 0.1.0
 * @category running
 */
export const submit = (
  sql: string,
  options: SubmitOptions
): Effect.Effect<SubmitAnswer, HotdataError.HotdataError, HotdataClient> =>
  Effect.flatMap(HotdataClient, (client) =>
    client.query.execute({
      sql,
      ...(options.defaultCatalog !== undefined ? { default_catalog: options.defaultCatalog } : {}),
      ...(options.defaultSchema !== undefined ? { default_schema: options.defaultSchema } : {}),
      ...(options.dialect !== undefined ? { dialect: options.dialect } : {}),
      ...(options.async !== undefined ? { async: options.async } : {}),
      ...(options.asyncAfterMs !== undefined ? { async_after_ms: options.asyncAfterMs } : {})
    }, { database_id: options.databaseId }))

/**
 * The options of {@link run}: where and how the SQL runs, the bounds of what is fetched,
 * and how to wait for query runs and results.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options extends QueryTypes.QueryOptions<Polling.Options> {}

/**
 * Every row of a query, with what the server said about it.
 *
 * @since 0.1.0
 * @category models
 */
export interface QueryResult extends QueryTypes.QueryResult {}

/**
 * Errors of {@link run}.
 *
 * @since 0.1.0
 * @category models
 */
export type QueryError =
  | HotdataError.HotdataError
  | Polling.WorkFailed
  | Polling.PollTimeout
  | ResultUnavailable
  | Results.NotReady
  | Results.ResultFailed
  | ResultTooLarge
  | ResultIncomplete

const estimateBytes = (rows: ReadonlyArray<ReadonlyArray<unknown>>): number => {
  let total = 0
  for (const row of rows) {
    total += 2
    for (const cell of row) total += (cell === null || cell === undefined ? 4 : String(cell).length) + 2
  }
  return total
}

/**
 * Fetches every row of a ready result as JSON pages, from offset 0.
 *
 * @since 0.1.0
 * @category fetching
 */
export const fetchAll = (
  resultId: string,
  options: Pick<Options, "databaseId" | "maxRows" | "maxBytes" | "pageSize"> & {
    readonly expectedRows?: number | undefined
  }
): Effect.Effect<
  {
    readonly columns: ReadonlyArray<string>
    readonly nullable: ReadonlyArray<boolean>
    readonly rows: Array<ReadonlyArray<unknown>>
    readonly total: number
  },
  HotdataError.HotdataError | Results.NotReady | Results.ResultFailed | ResultTooLarge | ResultIncomplete,
  HotdataClient
> =>
  Effect.gen(function*() {
    const maxRows = options.maxRows === undefined ? 1_000_000 : options.maxRows
    const maxBytes = options.maxBytes === undefined ? 64 * 1024 * 1024 : options.maxBytes
    const pageSize = Math.max(1, options.pageSize ?? 50_000)
    const tooLarge = (kind: "rows" | "bytes", observed: number, limit: number) =>
      new ResultTooLarge({
        resultId,
        kind,
        observed,
        limit,
        message: `result ${resultId} has ${observed} ${kind}, over the limit of ${limit}`
      })
    let total = options.expectedRows
    if (total !== undefined && maxRows !== null && total > maxRows) return yield* tooLarge("rows", total, maxRows)
    const rows: Array<ReadonlyArray<unknown>> = []
    let columns: ReadonlyArray<string> = []
    let nullable: ReadonlyArray<boolean> = []
    let bytes = 0
    while (true) {
      const offset = rows.length
      const page = yield* Results.json(resultId, { databaseId: options.databaseId, offset, limit: pageSize })
      total ??= page.info.totalRowCount
      if (total !== undefined && maxRows !== null && total > maxRows) return yield* tooLarge("rows", total, maxRows)
      columns = page.body.columns ?? columns
      nullable = page.body.nullable ?? nullable
      const pageRows = page.body.rows ?? []
      if (pageRows.length === 0 && total !== undefined && offset < total) {
        return yield* new ResultIncomplete({
          resultId,
          fetched: offset,
          expected: total,
          message: `result ${resultId} ended after ${offset} of ${total} rows`
        })
      }
      bytes += estimateBytes(pageRows)
      if (maxBytes !== null && bytes > maxBytes) return yield* tooLarge("bytes", bytes, maxBytes)
      for (const row of pageRows) rows.push(row)
      if (maxRows !== null && rows.length > maxRows) return yield* tooLarge("rows", rows.length, maxRows)
      if (total !== undefined ? rows.length >= total : pageRows.length < pageSize) break
    }
    return { columns, nullable, rows, total: total ?? rows.length }
  }).pipe(Effect.withSpan("Hotdata.Query.fetchAll", { attributes: { "hotdata.result_id": resultId } }))

/**
 * Runs SQL and returns every row. A 202 answer is waited for through its query run; a
 * truncated preview is replaced by the full result, fetched page by page once
 * persisted (unless `followTruncated` is `false`).
 *
 * @example
 * ```ts
 * import { Query } from "@hotdata-effect/core"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const result = yield* Query.run("SELECT 1 AS one", { databaseId: "data_123" })
 *   console.log(result.columns, result.rows)
 * })
 * ```
 *
 * @since 0.1.0
 * @category running
 */
export const run = (sql: string, options: Options): Effect.Effect<QueryResult, QueryError, HotdataClient> =>
  Effect.gen(function*() {
    const client = yield* HotdataClient
    const answer = yield* submit(sql, options)
    const polling = { ...options.polling, databaseId: options.databaseId }

    if (answer.status === 202) {
      const run = yield* Polling.queryRun(answer.body.query_run_id, polling)
      if (run.result_id === null || run.result_id === undefined) {
        return yield* new ResultUnavailable({
          queryRunId: run.id,
          message: `query run ${run.id} succeeded but has no result to fetch`
        })
      }
      yield* Polling.result(run.result_id, polling)
      const all = yield* fetchAll(run.result_id, { ...options, expectedRows: run.row_count ?? undefined })
      return {
        columns: all.columns,
        nullable: all.nullable,
        rows: all.rows,
        totalRowCount: all.total,
        truncated: false,
        queryRunId: run.id,
        resultId: run.result_id,
        warning: run.warning_message ?? undefined,
        executionTimeMs: run.execution_time_ms ?? undefined
      } satisfies QueryResult
    }

    const inline = answer.body
    const base = {
      truncated: inline.truncated,
      queryRunId: inline.query_run_id,
      resultId: inline.result_id ?? undefined,
      warning: inline.warning ?? undefined,
      executionTimeMs: inline.execution_time_ms
    }
    if (!inline.truncated || options.followTruncated === false) {
      return {
        ...base,
        columns: inline.columns,
        nullable: inline.nullable,
        rows: inline.rows,
        totalRowCount: inline.total_row_count ?? inline.preview_row_count
      } satisfies QueryResult
    }
    if (inline.result_id === null || inline.result_id === undefined) {
      return yield* new ResultUnavailable({
        queryRunId: inline.query_run_id,
        message: internal.redactFor(client, inline.warning ?? "the answer was truncated but carries no result id")
      })
    }
    yield* Polling.result(inline.result_id, polling)
    let expected = inline.total_row_count ?? undefined
    if (expected === undefined) {
      expected = yield* client.queryRuns.get(inline.query_run_id, { database_id: options.databaseId }).pipe(
        Effect.map((run) => run.row_count ?? undefined),
        Effect.orElseSucceed(() => undefined)
      )
    }
    const all = yield* fetchAll(inline.result_id, { ...options, expectedRows: expected })
    return { ...base, columns: all.columns, nullable: all.nullable, rows: all.rows, totalRowCount: all.total }
  }).pipe(Effect.withSpan("Hotdata.Query.run"))

/**
 * Runs SQL and decodes every row into `schema`, columns becoming fields. A row that
 * does not match fails with {@link RowDecodeError} naming the row and the field.
 *
 * @example
 * ```ts
 * import { Query } from "@hotdata-effect/core"
 * import { Effect, Schema } from "effect"
 *
 * const Trip = Schema.Struct({ city: Schema.String, trips: Schema.Number })
 *
 * const program = Query.runAs(Trip, "SELECT city, count(*) AS trips FROM trips GROUP BY city", {
 *   databaseId: "data_123"
 * }).pipe(Effect.map((rows) => rows.map((row) => `${row.city}: ${row.trips}`)))
 * ```
 *
 * @since 0.1.0
 * @category running
 */
export const runAs = <A, I extends Record<string, unknown>, R>(
  schema: Schema.Schema<A, I, R>,
  sql: string,
  options: Options
): Effect.Effect<Array<A>, QueryError | RowDecodeError, HotdataClient | R> =>
  Effect.flatMap(run(sql, options), (result) => decodeRows(schema, result))

/**
 * Decodes the rows of a result into `schema`, columns becoming fields.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeRows = <A, I, R>(
  schema: Schema.Schema<A, I, R>,
  result: Pick<QueryResult, "columns" | "rows">
): Effect.Effect<Array<A>, RowDecodeError, R> => {
  const decode = Schema.decodeUnknown(schema)
  return Effect.forEach(result.rows, (row, index) => {
    const record: Record<string, unknown> = {}
    result.columns.forEach((column, i) => {
      record[column] = row[i]
    })
    return Effect.mapError(decode(record), (error) =>
      new RowDecodeError({
        row: index,
        message: `row ${index}: ${ParseResult.TreeFormatter.formatErrorSync(error)}`
      }))
  })
}
