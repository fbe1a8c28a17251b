import { fork, type HandlerSet } from "../context.js"
import { asyncOrJob, checkAsyncAfter } from "../domain/asyncOrJob.js"
import { getDatabase } from "../domain/catalog.js"
import { badRequest } from "../errors.js"
import { execute, newRun, type QueryInput } from "../execution.js"

const DIALECTS = new Set(["hotsql", "duckdb", "postgres", "snowflake"])

/** @internal */
export const handlers = {
  query: async (ctx) => {
    const body = ctx.body
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
    checkAsyncAfter(body)
    const db = getDatabase(ctx, databaseId)
    const input: QueryInput = { sql: body.sql, catalog: body.default_catalog, schema: body.default_schema }
    const run = newRun(ctx, db, input)
    const outcome = await asyncOrJob(body, () => execute(ctx, db, input, run), (work) => {
      // The query run is the handle: its status and result are polled by id.
      const finished = work()
      fork(ctx.server, () => finished)
      return {
        finished,
        handle: () => ({
          query_run_id: run.id,
          status: run.status,
          status_url: `${ctx.server.baseUrl}/v1/query-runs/${run.id}`,
          reason: null
        })
      }
    })
    return outcome.done ? { status: 200, body: outcome.value } : { status: 202, body: outcome.handle }
  }
} satisfies HandlerSet
