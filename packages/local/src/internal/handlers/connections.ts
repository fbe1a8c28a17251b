import type { HandlerSet, RequestContext } from "../context.js"
import { notFound } from "../errors.js"
import { loadTable } from "../loading.js"
import type { ConnectionRecord, TableDeclaration } from "../state.js"
import { connectionDatabase, engineDatabase, getConnection } from "./common.js"
import { addSchema, addTable } from "./databases.js"

/** @internal */
export const workspaceConnections = (ctx: RequestContext): Array<ConnectionRecord> =>
  Object.values(ctx.server.state.data.connections)
    .filter((c) => c.workspace === ctx.workspace)
    .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))

/** @internal */
export interface TableEntry {
  readonly connection: string
  readonly schema: string
  readonly table: string
  readonly synced: boolean
  readonly last_sync: string | null
  readonly partition_by: TableDeclaration["partition_by"]
  readonly sorted_by: TableDeclaration["sorted_by"]
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
export const handlers = {
  list_connections: async (ctx) => ({
    status: 200,
    body: {
      connections: workspaceConnections(ctx).map((c) => ({ id: c.id, name: c.name, source_type: c.source_type }))
    }
  }),

  get_connection: async (ctx) => {
    const connection = getConnection(ctx, ctx.params.connection_id)
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
    const connection = getConnection(ctx, ctx.params.connection_id)
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

  add_managed_schema: (ctx) => addSchema(ctx, connectionDatabase(ctx, ctx.params.connection_id)[1]),
  add_managed_table: (ctx) => addTable(ctx, connectionDatabase(ctx, ctx.params.connection_id)[1]),
  load_managed_table: loadTable,

  delete_managed_table: async (ctx) => {
    const [, db] = connectionDatabase(ctx, ctx.params.connection_id)
    const { schema, table } = ctx.params
    const declared = db.schemas[schema]?.[table] !== undefined
    const dropped = await ctx.server.engine.dropTable(engineDatabase(ctx.server, db), schema, table)
    if (!declared && !dropped) throw notFound(`table ${schema}.${table} not found`)
    if (declared) delete db.schemas[schema]![table]
    ctx.server.state.save()
    return { status: 204 }
  }
} satisfies HandlerSet
