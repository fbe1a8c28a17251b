import type { HandlerSet } from "../context.js"
import { connectionTables, getConnection, type TableEntry, workspaceConnections } from "../domain/catalog.js"
import { cursorPage, pageLimit } from "../domain/requests.js"
import { likeMatcher } from "../sqlText.js"

/** @internal */
export const handlers = {
  information_schema: async (ctx) => {
    const connections = ctx.query.connection_id !== undefined
      ? [getConnection(ctx, ctx.query.connection_id)]
      : workspaceConnections(ctx)
    const schemaMatch = likeMatcher(ctx.query.schema)
    const tableMatch = likeMatcher(ctx.query.table)
    const includeColumns = ctx.query.include_columns === true
    const all: Array<TableEntry> = []
    for (const connection of connections) {
      for (const table of await connectionTables(ctx, connection)) {
        if (schemaMatch(table.schema) && tableMatch(table.table)) all.push(table)
      }
    }
    const limit = pageLimit(ctx.query.limit)
    const { has_more, next_cursor, page } = cursorPage(all, ctx.query.cursor, limit)
    return {
      status: 200,
      body: {
        tables: page.map((t) => ({ ...t, columns: includeColumns ? t.columns : null })),
        count: page.length,
        has_more,
        limit,
        next_cursor
      }
    }
  }
} satisfies HandlerSet
