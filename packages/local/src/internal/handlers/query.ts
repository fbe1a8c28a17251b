import * as fs from "node:fs"
import * as path from "node:path"
import type { Handler, RequestContext, Server } from "../context.js"
import { fork } from "../context.js"
import { ApiError, badRequest, errorMessage, notFound } from "../errors.js"
import { makeId, nowIso } from "../ids.js"
import type { DatabaseRecord, QueryRunRecord, ResultRecord } from "../state.js"
import { cursorPage, engineDatabase, getDatabase, offsetPage, sha256 } from "./common.js"

const DIALECTS = new Set(["hotsql", "duckdb", "postgres", "snowflake"])

interface QueryInput {
  readonly sql: string
  readonly catalog?: string | null | undefined
  readonly schema?: string | null | undefined
  readonly savedQueryId?: string | undefined
  readonly savedQueryVersion?: number | undefined
}

/** @internal */
export const resultFile = (server: Server, result: ResultRecord): string =>
  path.join(server.config.dataDir, "results", result.file)

const runView = (run: QueryRunRecord) => ({
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
 * Runs a query for a database: records a query run, answers with the inline preview, and
 * persists the full result as Parquet in the background (status `processing` until then).
 */
const execute = async (ctx: RequestContext, db: DatabaseRecord, input: QueryInput, run: QueryRunRecord) => {
  const { server } = ctx
  const started = performance.now()
  const engineDb = engineDatabase(server, db)
  const options = { catalog: input.catalog ?? undefined, schema: input.schema ?? db.default_schema }
  const id = makeId("rslt")
  const file = `${id}.parquet`
  try {
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

const newRun = (ctx: RequestContext, db: DatabaseRecord, input: QueryInput): QueryRunRecord => {
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

const scopedDatabase = (ctx: RequestContext): DatabaseRecord => getDatabase(ctx, ctx.headers.database_id)

/** @internal */
export const handlers: Record<string, Handler> = {
  query: async (ctx) => {
    const body = ctx.body as {
      sql: string
      database_id?: string | null
      default_catalog?: string | null
      default_schema?: string | null
      dialect?: string | null
      async?: boolean
      async_after_ms?: number | null
    }
    const header = ctx.headers.database_id
    const fromBody = body.database_id ?? undefined
    if (header !== undefined && fromBody !== undefined && header !== fromBody) {
      throw badRequest("X-Database-Id and database_id disagree: send one of them")
    }
    const databaseId = header ?? fromBody
    if (databaseId === undefined) throw badRequest("a database is required: send X-Database-Id or database_id")
    if (body.sql.trim() === "") throw badRequest("SQL query cannot be empty")
    if (body.dialect !== undefined && body.dialect !== null && !DIALECTS.has(body.dialect)) {
      throw badRequest(`unknown dialect "${body.dialect}": expected hotsql, duckdb, postgres or snowflake`)
    }
    if (body.async_after_ms !== undefined && body.async_after_ms !== null) {
      if (body.async !== true) throw badRequest("async_after_ms requires async: true")
      if (!Number.isInteger(body.async_after_ms) || body.async_after_ms < 1000) {
        throw badRequest("async_after_ms must be an integer of at least 1000")
      }
    }
    const db = getDatabase(ctx, databaseId)
    const input: QueryInput = { sql: body.sql, catalog: body.default_catalog, schema: body.default_schema }
    const run = newRun(ctx, db, input)
    if (body.async !== true) return { status: 200, body: await execute(ctx, db, input, run) }

    let settled = false
    const pending = execute(ctx, db, input, run).finally(() => {
      settled = true
    })
    fork(ctx.server, () => pending)
    if (body.async_after_ms !== undefined && body.async_after_ms !== null) {
      const waited = await Promise.race([
        pending.then(() => true, () => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), body.async_after_ms!))
      ])
      if (waited && settled) return { status: 200, body: await pending }
    }
    return {
      status: 202,
      body: {
        query_run_id: run.id,
        status: run.status,
        status_url: `${ctx.server.baseUrl}/v1/query-runs/${run.id}`,
        reason: null
      }
    }
  },

  get_query_run: async (ctx) => {
    const db = scopedDatabase(ctx)
    const run = ctx.server.state.data.queryRuns[ctx.params.id!]
    if (run === undefined || run.database_id !== db.id) throw notFound(`query run ${ctx.params.id} not found`)
    return { status: 200, body: runView(run) }
  },

  list_query_runs: async (ctx) => {
    const db = scopedDatabase(ctx)
    const statuses = typeof ctx.query.status === "string"
      ? new Set((ctx.query.status as string).split(",").map((s) => s.trim()).filter((s) => s.length > 0))
      : undefined
    const runs = Object.values(ctx.server.state.data.queryRuns)
      .filter((r) => r.database_id === db.id)
      .filter((r) => statuses === undefined || statuses.has(r.status))
      .filter((r) => ctx.query.saved_query_id === undefined || r.saved_query_id === ctx.query.saved_query_id)
      .sort((a, b) => b.seq - a.seq)
    const limit = ctx.query.limit === undefined || ctx.query.limit === 0 ? 100 : Math.min(ctx.query.limit, 1000)
    const { has_more, next_cursor, page } = cursorPage(runs, ctx.query.cursor, limit)
    return { status: 200, body: { query_runs: page.map(runView), count: page.length, limit, has_more, next_cursor } }
  },

  list_results: async (ctx) => {
    const db = scopedDatabase(ctx)
    const limit = ctx.query.limit === undefined || ctx.query.limit === 0 ? 100 : Math.min(ctx.query.limit, 1000)
    const offset = ctx.query.offset ?? 0
    const all = Object.values(ctx.server.state.data.results)
      .filter((r) => r.database_id === db.id)
      .sort((a, b) => b.seq - a.seq)
    const { page, ...paging } = offsetPage(all, offset, limit)
    return {
      status: 200,
      body: {
        results: page.map((r) => ({
          id: r.id,
          status: r.status,
          error_message: r.error_message,
          created_at: r.created_at
        })),
        ...paging
      }
    }
  },

  execute_saved_query: async (ctx) => {
    const db = scopedDatabase(ctx)
    const saved = ctx.server.state.data.savedQueries[ctx.params.id!]
    if (saved === undefined || saved.workspace !== ctx.workspace) {
      throw notFound(`saved query ${ctx.params.id} not found`)
    }
    const wanted = (ctx.body as { version?: number | null } | undefined)?.version ?? undefined
    const version = wanted === undefined ?
      saved.versions[saved.versions.length - 1]! :
      saved.versions.find((v) => v.version === wanted)
    if (version === undefined) throw notFound(`saved query ${saved.id} has no version ${wanted}`)
    const input: QueryInput = { sql: version.sql, savedQueryId: saved.id, savedQueryVersion: version.version }
    const run = newRun(ctx, db, input)
    return { status: 200, body: await execute(ctx, db, input, run) }
  }
}

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
