import type { HandlerSet } from "../context.js"
import { cursorPage, pageLimit } from "../domain/requests.js"
import { notFound } from "../errors.js"
import { runView, scopedDatabase } from "../execution.js"

/** @internal */
export const handlers = {
  get_query_run: async (ctx) => {
    const db = scopedDatabase(ctx)
    const run = ctx.server.state.data.queryRuns[ctx.params.id]
    if (run === undefined || run.database_id !== db.id) throw notFound(`query run ${ctx.params.id} not found`)
    return { status: 200, body: runView(run) }
  },

  list_query_runs: async (ctx) => {
    const db = scopedDatabase(ctx)
    const { status } = ctx.query
    const statuses = status === undefined
      ? undefined
      : new Set(status.split(",").map((s) => s.trim()).filter((s) => s.length > 0))
    const runs = Object.values(ctx.server.state.data.queryRuns)
      .filter((r) => r.database_id === db.id)
      .filter((r) => statuses === undefined || statuses.has(r.status))
      .filter((r) => ctx.query.saved_query_id === undefined || r.saved_query_id === ctx.query.saved_query_id)
      .sort((a, b) => b.seq - a.seq)
    const limit = pageLimit(ctx.query.limit)
    const { has_more, next_cursor, page } = cursorPage(runs, ctx.query.cursor, limit)
    return { status: 200, body: { query_runs: page.map(runView), count: page.length, limit, has_more, next_cursor } }
  }
} satisfies HandlerSet
