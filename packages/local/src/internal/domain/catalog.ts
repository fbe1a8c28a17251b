import type * as Schemas from "@hotdata-effect/core/generated/Schemas"
import type { RequestContext, Server } from "../context.js"
import type { EngineDatabase } from "../engine.js"
import { ApiError, badRequest, conflict, notFound } from "../errors.js"
import { cacheDatabase } from "../sources.js"
import type { ConnectionRecord, DatabaseRecord, TableDeclaration } from "../state.js"

/**
 * The server's catalog as handlers see it: looking up databases and connections of the
 * request's workspace, listing a connection's tables, and declaring schemas and tables.
 */

/** @internal */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/

/** @internal */
export const checkIdentifier = (value: string, what: string): string => {
  if (!IDENTIFIER.test(value)) {
    throw badRequest(`invalid ${what} "${value}": use letters, digits and underscores, starting with a letter`)
  }
  return value
}

/** @internal */
export const engineDatabase = (server: Server, db: DatabaseRecord): EngineDatabase => ({
  id: db.id,
  file: server.engine.databaseFile(db.id),
  default_catalog: db.default_catalog,
  attachments: db.attachments.flatMap((attachment) => {
    const connection = server.state.data.connections[attachment.connection_id]
    if (connection === undefined) return []
    return [{
      alias: attachment.alias ?? connection.name,
      file: server.engine.databaseFile(connection.database_id)
    }]
  })
})

/** @internal */
export const getDatabase = (ctx: RequestContext, id: string | undefined): DatabaseRecord => {
  if (id === undefined || id.trim() === "") throw badRequest("a database id is required")
  const db = ctx.server.state.data.databases[id]
  if (db === undefined || db.workspace !== ctx.workspace) throw notFound(`database ${id} not found`)
  return db
}

/** @internal */
export const getConnection = (ctx: RequestContext, id: string): ConnectionRecord => {
  const connection = ctx.server.state.data.connections[id]
  if (connection === undefined || connection.workspace !== ctx.workspace) {
    throw new ApiError(404, "connection_not_found", `connection ${id} not found`)
  }
  return connection
}

/** The database behind a managed connection. @internal */
export const connectionDatabase = (ctx: RequestContext, id: string): [ConnectionRecord, DatabaseRecord] => {
  const connection = getConnection(ctx, id)
  if (connection.source_type !== "managed") {
    throw badRequest(`connection ${id} is not a managed catalog`)
  }
  const db = ctx.server.state.data.databases[connection.database_id]
  if (db === undefined) throw new ApiError(404, "connection_not_found", `connection ${id} not found`)
  return [connection, db]
}

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
  if (connection.source !== undefined) return sourceTables(ctx, connection)
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

/** The tables of a connection to files: cached ones from its cache, purged ones as not synced. */
const sourceTables = async (ctx: RequestContext, connection: ConnectionRecord): Promise<Array<TableEntry>> => {
  const source = connection.source!
  const loaded = await ctx.server.engine.tables(cacheDatabase(ctx.server, connection))
  const byKey = new Map(loaded.map((t) => [`${t.schema}.${t.table}`, t]))
  return Object.entries(source.tables).map(([key, entry]) => {
    const [schema, table] = key.split(".") as [string, string]
    const t = entry.cached ? byKey.get(key) : undefined
    return {
      connection: connection.name,
      schema,
      table,
      synced: t !== undefined,
      last_sync: entry.synced_at,
      partition_by: [],
      sorted_by: [],
      columns: (t?.columns ?? []).map((c) => ({ name: c.name, data_type: c.type, nullable: c.nullable }))
    }
  }).sort((a, b) => a.schema.localeCompare(b.schema) || a.table.localeCompare(b.table))
}

/** A table declared by a create, an add-schema or an add-table request. */
type TableDecl = Pick<Schemas.AddManagedTableRequest, "name" | "key" | "partition_by" | "sorted_by">

/** @internal */
export const declaration = (table: TableDecl): TableDeclaration => ({
  key: table.key ?? null,
  partition_by: table.partition_by ?? [],
  sorted_by: table.sorted_by ?? [],
  last_sync: null
})

/** Adds a schema to a database's default catalog or to a managed connection. @internal */
export const addSchema = async (
  ctx: RequestContext<"add_database_schema" | "add_managed_schema">,
  db: DatabaseRecord
) => {
  const body = ctx.body
  checkIdentifier(body.name, "schema name")
  const existing = await ctx.server.engine.schemas(engineDatabase(ctx.server, db))
  if (db.schemas[body.name] !== undefined || existing.includes(body.name)) {
    throw conflict(`schema ${body.name} already exists`)
  }
  const tables: Record<string, TableDeclaration> = {}
  for (const table of body.tables ?? []) tables[checkIdentifier(table.name, "table name")] = declaration(table)
  await ctx.server.engine.createSchema(engineDatabase(ctx.server, db), body.name)
  db.schemas[body.name] = tables
  ctx.server.state.save()
  return { connection_id: db.default_connection_id, schema: body.name, tables: Object.keys(tables) }
}

/** Declares a table in a database's default catalog or in a managed connection. @internal */
export const addTable = async (ctx: RequestContext<"add_database_table" | "add_managed_table">, db: DatabaseRecord) => {
  const body = ctx.body
  const schema = ctx.params.schema
  checkIdentifier(schema, "schema name")
  checkIdentifier(body.name, "table name")
  const engineDb = engineDatabase(ctx.server, db)
  const schemas = await ctx.server.engine.schemas(engineDb)
  if (db.schemas[schema] === undefined && !schemas.includes(schema)) throw notFound(`schema ${schema} not found`)
  const tables = await ctx.server.engine.tables(engineDb)
  const declared = db.schemas[schema] ?? {}
  if (declared[body.name] !== undefined || tables.some((t) => t.schema === schema && t.table === body.name)) {
    throw conflict(`table ${schema}.${body.name} already exists`)
  }
  declared[body.name] = declaration(body)
  db.schemas[schema] = declared
  ctx.server.state.save()
  return { connection_id: db.default_connection_id, schema, table: body.name }
}
