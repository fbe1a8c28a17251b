import { fork, type HandlerSet, settlesWithin } from "../context.js"
import { badRequest } from "../errors.js"
import { execute, newRun, type QueryInput } from "../execution.js"
import { getDatabase } from "./common.js"

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

    const pending = execute(ctx, db, input, run)
    fork(ctx.server, () => pending)
    if (body.async_after_ms !== undefined && body.async_after_ms !== null) {
      if (await settlesWithin(pending, body.async_after_ms)) return { status: 200, body: await pending }
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
  }
} satisfies HandlerSet
