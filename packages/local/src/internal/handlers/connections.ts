import type { Handler, RequestContext } from "../context.js"
import { notFound } from "../errors.js"
import type { ConnectionRecord } from "../state.js"
import { cursorPage, engineDatabase, getConnection, likeMatcher } from "./common.js"

const managedType = {
  name: "managed",
  label: "Managed catalog",
  config_schema: { type: "object", properties: {}, additionalProperties: false },
  auth: null
}

const workspaceConnections = (ctx: RequestContext): Array<ConnectionRecord> =>
  Object.values(ctx.server.state.data.connections)
    .filter((c) => c.workspace === ctx.workspace)
    .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))

interface TableEntry {
  readonly connection: string
  readonly schema: string
  readonly table: string
  readonly synced: boolean
  readonly last_sync: string | null
  readonly partition_by: ReadonlyArray<{ readonly column: string; readonly transform: string }>
  readonly sorted_by: ReadonlyArray<
    { readonly column: string; readonly direction?: string | null; readonly nulls?: string | null }
  >
  readonly columns: ReadonlyArray<{ readonly name: string; readonly data_type: string; readonly nullable: boolean }>
}

/** The tables a managed connection holds: loaded ones from the engine and declared empty ones. @internal */
export const connectionTables = async (
  ctx: RequestContext,
  connection: ConnectionRecord
): Promise<Array<TableEntry>> => {
  const db = ctx.server.state.data.databases[connection.database_id]
  if (db === undefined) return []
  const loaded = await ctx.server.engine.tables(engineDatabase(ctx.server, db))
  const out = new Map<string, TableEntry>()
  for (const t of loaded) {
    const decl = db.schemas[t.schema]?.[t.table]
    out.set(`${t.schema}.${t.table}`, {
      connection: connection.name,
      schema: t.schema,
      table: t.table,
      synced: true,
      last_sync: decl?.last_sync ?? null,
      partition_by: decl?.partition_by ?? [],
      sorted_by: decl?.sorted_by ?? [],
      columns: t.columns.map((c) => ({ name: c.name, data_type: c.type, nullable: c.nullable }))
    })
  }
  for (const [schema, tables] of Object.entries(db.schemas)) {
    for (const [table, decl] of Object.entries(tables)) {
      if (out.has(`${schema}.${table}`)) continue
      out.set(`${schema}.${table}`, {
        connection: connection.name,
        schema,
        table,
        synced: false,
        last_sync: null,
        partition_by: decl.partition_by,
        sorted_by: decl.sorted_by,
        columns: []
      })
    }
  }
  return [...out.values()].sort((a, b) => a.schema.localeCompare(b.schema) || a.table.localeCompare(b.table))
}

/** @internal */
export const handlers: Record<string, Handler> = {
  list_connections: async (ctx) => ({
    status: 200,
    body: {
      connections: workspaceConnections(ctx).map((c) => ({ id: c.id, name: c.name, source_type: c.source_type }))
    }
  }),

  get_connection: async (ctx) => {
    const connection = getConnection(ctx, ctx.params.connection_id!)
    const tables = await connectionTables(ctx, connection)
    return {
      status: 200,
      body: {
        id: connection.id,
        name: connection.name,
        source_type: connection.source_type,
        table_count: tables.length,
        synced_table_count: tables.filter((t) => t.synced).length
      }
    }
  },

  check_connection_health: async (ctx) => {
    const connection = getConnection(ctx, ctx.params.connection_id!)
    const started = performance.now()
    await connectionTables(ctx, connection)
    return {
      status: 200,
      body: {
        connection_id: connection.id,
        healthy: true,
        latency_ms: Math.round(performance.now() - started),
        error: null
      }
    }
  },

  list_connection_types: async () => ({
    status: 200,
    body: { connection_types: [{ name: managedType.name, label: managedType.label }] }
  }),

  get_connection_type: async (ctx) => {
    if (ctx.params.name !== managedType.name) throw notFound(`connection type ${ctx.params.name} not found`)
    return { status: 200, body: managedType }
  },

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
    const limit = ctx.query.limit === undefined || ctx.query.limit === 0 ? 100 : Math.min(ctx.query.limit, 1000)
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
}
