import * as fs from "node:fs"
import * as path from "node:path"
import type { RequestContext, Server } from "./context.js"
import { fork } from "./context.js"
import { engineDatabase, getDatabase } from "./domain/catalog.js"
import { sha256 } from "./domain/requests.js"
import { ApiError, errorMessage } from "./errors.js"
import { makeId, nowIso } from "./ids.js"
import { refillPurged } from "./sources.js"
import type { DatabaseRecord, QueryRunRecord, ResultRecord } from "./state.js"

/** @internal */
export interface QueryInput {
  readonly sql: string
  readonly catalog?: string | null | undefined
  readonly schema?: string | null | undefined
  readonly savedQueryId?: string | undefined
  readonly savedQueryVersion?: number | undefined
}

/** @internal */
export const resultFile = (server: Server, result: ResultRecord): string =>
  path.join(server.config.dataDir, "results", result.file)

/** @internal */
export const runView = (run: QueryRunRecord) => ({
  id: run.id,
  status: run.status,
  sql_text: run.sql_text,
  sql_hash: run.sql_hash,
  snapshot_id: `snap${run.id.slice(4)}`,
  created_at: run.created_at,
  completed_at: run.completed_at,
  result_id: run.result_id,
  row_count: run.row_count,
  execution_time_ms: run.execution_time_ms,
  server_processing_ms: run.execution_time_ms,
  bytes_scanned: null,
  rows_scanned: null,
  error_message: run.error_message,
  warning_message: run.warning_message,
  trace_id: run.trace_id,
  saved_query_id: run.saved_query_id,
  saved_query_version: run.saved_query_version,
  user_public_id: null
})

/**
 * @internal
 * Runs a query for a database: records a query run, answers with the inline preview, and
 * persists the full result as Parquet in the background (status `processing` until then).
 */
export const execute = async (ctx: RequestContext, db: DatabaseRecord, input: QueryInput, run: QueryRunRecord) => {
  const { server } = ctx
  const started = performance.now()
  const engineDb = engineDatabase(server, db)
  const options = { catalog: input.catalog ?? undefined, schema: input.schema ?? db.default_schema }
  const id = makeId("rslt")
  const file = `${id}.parquet`
  try {
    await refillPurged(server, db.attachments.map((a) => a.connection_id))
    const outcome = await server.engine.query(engineDb, input.sql, {
      ...options,
      previewLimit: server.config.inlineRowLimit,
      resultFile: path.join(server.config.dataDir, "results", file)
    })
    const elapsed = Math.round(performance.now() - started)
    server.state.data.usage.query_count += 1
    let result: ResultRecord | undefined
    if (outcome.isQuery) {
      result = {
        id,
        seq: server.state.nextSeq(),
        workspace: ctx.workspace,
        database_id: db.id,
        created_at: nowIso(),
        file,
        status: "processing",
        error_message: null,
        row_count: null,
        columns: null
      }
      server.state.data.results[id] = result
      const persisting = result
      fork(server, async () => {
        try {
          const injected = server.faults.take("result_persistence", (f) => f._tag === "FailResult")
          if (injected !== undefined && injected._tag === "FailResult") {
            throw new Error(injected.message ?? "injected persistence failure")
          }
          if (outcome.persistError !== undefined) throw new ApiError(400, "invalid_sql", outcome.persistError)
          // The engine wrote the file while the query ran; the statements never run twice.
          const described = await server.engine.describeParquet(resultFile(server, persisting))
          persisting.row_count = described.rowCount
          persisting.columns = described.columns
          persisting.status = "ready"
          if (run.row_count === null) run.row_count = described.rowCount
        } catch (cause) {
          persisting.status = "failed"
          persisting.error_message = cause instanceof ApiError ? cause.message : errorMessage(cause)
        } finally {
          server.state.save()
        }
      })
    }
    run.status = "succeeded"
    run.result_id = result?.id ?? null
    run.row_count = outcome.truncated ? null : outcome.rows.length
    run.execution_time_ms = elapsed
    run.completed_at = nowIso()
    run.warning_message = result === undefined ? "the statement's result is not persisted" : null
    server.state.save()
    return {
      columns: outcome.columns,
      nullable: outcome.columns.map(() => true),
      rows: outcome.rows,
      execution_time_ms: elapsed,
      query_run_id: run.id,
      result_id: result?.id ?? null,
      preview_row_count: outcome.rows.length,
      row_count: outcome.rows.length,
      total_row_count: outcome.truncated ? null : outcome.rows.length,
      truncated: outcome.truncated,
      warning: result === undefined ? "the statement's result is not persisted and cannot be fetched again" : null
    }
  } catch (cause) {
    run.status = "failed"
    run.error_message = cause instanceof ApiError ? cause.message : errorMessage(cause)
    run.completed_at = nowIso()
    run.execution_time_ms = Math.round(performance.now() - started)
    server.state.save()
    throw cause
  }
}

/** Records a new query run. @internal */
export const newRun = (ctx: RequestContext, db: DatabaseRecord, input: QueryInput): QueryRunRecord => {
  const run: QueryRunRecord = {
    id: makeId("qrun"),
    seq: ctx.server.state.nextSeq(),
    workspace: ctx.workspace,
    database_id: db.id,
    sql_text: input.sql,
    sql_hash: sha256(input.sql),
    created_at: nowIso(),
    saved_query_id: input.savedQueryId ?? null,
    saved_query_version: input.savedQueryVersion ?? null,
    trace_id: ctx.traceId,
    status: "running",
    result_id: null,
    row_count: null,
    execution_time_ms: null,
    error_message: null,
    warning_message: null,
    completed_at: null
  }
  ctx.server.state.data.queryRuns[run.id] = run
  ctx.server.state.save()
  return run
}

/** The database an operation scoped by `X-Database-Id` runs in. @internal */
export const scopedDatabase = (ctx: RequestContext<ScopedId>): DatabaseRecord =>
  getDatabase(ctx, ctx.headers.database_id)

type ScopedId = "get_query_run" | "list_query_runs" | "list_results" | "get_result" | "execute_saved_query"

/** Removes result files whose records are gone (after a crash between write and record). @internal */
export const cleanOrphanResults = (server: Server): void => {
  const dir = path.join(server.config.dataDir, "results")
  if (!fs.existsSync(dir)) return
  const known = new Set(Object.values(server.state.data.results).map((r) => r.file))
  for (const file of fs.readdirSync(dir)) {
    if (!known.has(file)) fs.rmSync(path.join(dir, file), { force: true })
  }
  for (const run of Object.values(server.state.data.queryRuns)) {
    if (run.status === "running") {
      run.status = "failed"
      run.error_message = "the server stopped before the query finished"
      run.completed_at = new Date().toISOString()
    }
  }
  // Results still marked as processing when the server stopped can no longer finish.
  for (const result of Object.values(server.state.data.results)) {
    if (result.status === "processing") {
      result.status = "failed"
      result.error_message = "the server stopped before the result was persisted"
    }
  }
}
