import type { Handler, RequestContext } from "../context.js"
import { ApiError, badRequest, conflict, notFound } from "../errors.js"
import { makeId, nowIso } from "../ids.js"
import type { DatabaseRecord, TableDeclaration } from "../state.js"
import {
  checkIdentifier,
  connectionDatabase,
  cursorPage,
  engineDatabase,
  getConnection,
  getDatabase,
  parseExpiry
} from "./common.js"

interface TableDecl {
  readonly name: string
  readonly key?: ReadonlyArray<string> | undefined
  readonly partition_by?: ReadonlyArray<{ readonly column: string; readonly transform: string }> | undefined
  readonly sorted_by?:
    | ReadonlyArray<{ readonly column: string; readonly direction?: string | null; readonly nulls?: string | null }>
    | undefined
}

const declaration = (table: TableDecl): TableDeclaration => ({
  key: table.key ?? null,
  partition_by: table.partition_by ?? [],
  sorted_by: table.sorted_by ?? [],
  last_sync: null
})

const summary = (db: DatabaseRecord) => ({
  id: db.id,
  name: db.name,
  default_catalog: db.default_catalog,
  default_schema: db.default_schema,
  expires_at: db.expires_at,
  created_at: db.created_at
})

const detail = (db: DatabaseRecord) => ({
  ...summary(db),
  default_connection_id: db.default_connection_id,
  attachments: db.attachments.map((a) => ({ connection_id: a.connection_id, alias: a.alias }))
})

const created = (db: DatabaseRecord) => ({
  id: db.id,
  name: db.name,
  default_catalog: db.default_catalog,
  default_connection_id: db.default_connection_id,
  default_schema: db.default_schema,
  expires_at: db.expires_at
})

/** Creates a database record, its managed default catalog and its DuckDB file. @internal */
export const createDatabase = async (
  ctx: RequestContext,
  input: {
    readonly name?: string | null | undefined
    readonly default_catalog?: string | null | undefined
    readonly default_schema?: string | null | undefined
    readonly expires_at?: string | null | undefined
    readonly schemas?: ReadonlyArray<{ readonly name: string; readonly tables?: ReadonlyArray<TableDecl> | undefined }>
  },
  batchId?: string
): Promise<DatabaseRecord> => {
  const { server } = ctx
  const catalog = checkIdentifier(input.default_catalog ?? "default", "default_catalog")
  const schema = checkIdentifier(input.default_schema ?? "main", "default_schema")
  const schemas: Record<string, Record<string, TableDeclaration>> = { main: {} }
  schemas[schema] ??= {}
  for (const decl of input.schemas ?? []) {
    checkIdentifier(decl.name, "schema name")
    const tables = (schemas[decl.name] ??= {})
    for (const table of decl.tables ?? []) tables[checkIdentifier(table.name, "table name")] = declaration(table)
  }
  const id = makeId("data")
  const connectionId = makeId("conn")
  const db: DatabaseRecord = {
    id,
    seq: server.state.nextSeq(),
    workspace: ctx.workspace,
    name: input.name ?? null,
    default_catalog: catalog,
    default_schema: schema,
    default_connection_id: connectionId,
    expires_at: parseExpiry(input.expires_at),
    created_at: nowIso(),
    file: `${id}.duckdb`,
    attachments: [],
    schemas,
    contexts: {},
    ...(batchId !== undefined ? { batch_id: batchId } : {})
  }
  await server.engine.create(engineDatabase(server, db), Object.keys(schemas))
  server.state.data.databases[id] = db
  server.state.data.connections[connectionId] = {
    id: connectionId,
    workspace: ctx.workspace,
    name: catalog,
    source_type: "managed",
    database_id: id,
    created_at: db.created_at
  }
  server.state.save()
  return db
}

const workspaceDatabases = (ctx: RequestContext, search?: string, batch?: string) => {
  const needle = search?.toLowerCase()
  return Object.values(ctx.server.state.data.databases)
    .filter((db) => db.workspace === ctx.workspace)
    .filter((db) => needle === undefined || (db.name ?? "").toLowerCase().includes(needle) || db.id.includes(needle))
    .filter((db) => batch === undefined || db.batch_id === batch)
    .sort((a, b) => b.seq - a.seq)
}

const addSchema = async (ctx: RequestContext, db: DatabaseRecord) => {
  const body = ctx.body as { name: string; tables?: ReadonlyArray<TableDecl> }
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
  return {
    status: 201,
    body: { connection_id: db.default_connection_id, schema: body.name, tables: Object.keys(tables) }
  }
}

const addTable = async (ctx: RequestContext, db: DatabaseRecord) => {
  const body = ctx.body as TableDecl
  const schema = ctx.params.schema!
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
  return { status: 201, body: { connection_id: db.default_connection_id, schema, table: body.name } }
}

const deleteDatabase = async (ctx: RequestContext, db: DatabaseRecord) => {
  const { server } = ctx
  delete server.state.data.databases[db.id]
  delete server.state.data.connections[db.default_connection_id]
  for (const other of Object.values(server.state.data.databases)) {
    other.attachments = other.attachments.filter((a) => a.connection_id !== db.default_connection_id)
  }
  server.state.save()
  await server.engine.drop(engineDatabase(server, db))
}

/** @internal */
export const handlers: Record<string, Handler> = {
  create_database: async (ctx) => ({ status: 201, body: created(await createDatabase(ctx, ctx.body)) }),

  get_database: async (ctx) => ({ status: 200, body: detail(getDatabase(ctx, ctx.params.database_id)) }),

  list_databases: async (ctx) => {
    const all = workspaceDatabases(ctx, ctx.query.search, ctx.query.batch)
    const limit = ctx.query.limit ?? 50
    const { has_more, next_cursor, page } = cursorPage(all, ctx.query.cursor, limit)
    return {
      status: 200,
      body: { databases: page.map(summary), count: page.length, has_more, limit, next_cursor }
    }
  },

  count_databases: async (ctx) => ({
    status: 200,
    body: { total: workspaceDatabases(ctx, ctx.query.search, ctx.query.batch).length }
  }),

  delete_database: async (ctx) => {
    await deleteDatabase(ctx, getDatabase(ctx, ctx.params.database_id))
    return { status: 204 }
  },

  fork_database: async (ctx) => {
    const source = getDatabase(ctx, ctx.params.database_id)
    const body = ctx.body as { name?: string | null; expires_at?: string | null }
    const schemas = JSON.parse(JSON.stringify(source.schemas)) as DatabaseRecord["schemas"]
    const fork = await createDatabase(ctx, {
      name: body.name ?? (source.name === null ? null : `${source.name}-fork`),
      default_catalog: source.default_catalog,
      default_schema: source.default_schema,
      expires_at: body.expires_at ?? null
    })
    fork.schemas = schemas
    try {
      await ctx.server.engine.fork(engineDatabase(ctx.server, source), engineDatabase(ctx.server, fork))
    } catch (cause) {
      await deleteDatabase(ctx, fork)
      throw new ApiError(400, "BAD_REQUEST", `could not fork ${source.id}: ${String(cause)}`)
    }
    ctx.server.state.save()
    return { status: 201, body: created(fork) }
  },

  add_database_schema: (ctx) => addSchema(ctx, getDatabase(ctx, ctx.params.database_id)),
  add_managed_schema: (ctx) => addSchema(ctx, connectionDatabase(ctx, ctx.params.connection_id!)[1]),
  add_database_table: (ctx) => addTable(ctx, getDatabase(ctx, ctx.params.database_id)),
  add_managed_table: (ctx) => addTable(ctx, connectionDatabase(ctx, ctx.params.connection_id!)[1]),

  delete_managed_table: async (ctx) => {
    const [, db] = connectionDatabase(ctx, ctx.params.connection_id!)
    const schema = ctx.params.schema!
    const table = ctx.params.table!
    const declared = db.schemas[schema]?.[table] !== undefined
    const dropped = await ctx.server.engine.dropTable(engineDatabase(ctx.server, db), schema, table)
    if (!declared && !dropped) throw notFound(`table ${schema}.${table} not found`)
    if (declared) delete db.schemas[schema]![table]
    ctx.server.state.save()
    return { status: 204 }
  },

  attach_database_catalog: async (ctx) => {
    const db = getDatabase(ctx, ctx.params.database_id)
    const body = ctx.body as { connection_id: string; alias?: string | null }
    const connection = getConnection(ctx, body.connection_id)
    if (connection.database_id === db.id) throw badRequest("a database's own catalog is already part of it")
    const alias = checkIdentifier(body.alias ?? connection.name, "alias")
    if (alias.toLowerCase() === db.default_catalog.toLowerCase()) {
      throw conflict(`alias ${alias} is the database's default catalog`)
    }
    if (db.attachments.some((a) => a.connection_id === connection.id || (a.alias ?? "") === alias)) {
      throw conflict(`connection ${connection.id} is already attached`)
    }
    await ctx.server.engine.attach(
      engineDatabase(ctx.server, db),
      alias,
      ctx.server.engine.databaseFile(connection.database_id)
    )
    db.attachments.push({ connection_id: connection.id, alias })
    ctx.server.state.save()
    return { status: 204 }
  },

  detach_database_catalog: async (ctx) => {
    const db = getDatabase(ctx, ctx.params.database_id)
    const attachment = db.attachments.find((a) => a.connection_id === ctx.params.connection_id)
    if (attachment === undefined) throw notFound(`connection ${ctx.params.connection_id} is not attached to ${db.id}`)
    db.attachments = db.attachments.filter((a) => a !== attachment)
    await ctx.server.engine.detach(engineDatabase(ctx.server, db), attachment.alias ?? "")
    ctx.server.state.save()
    return { status: 204 }
  },

  upsert_database_context: async (ctx) => {
    const db = getDatabase(ctx, ctx.params.database_id)
    const body = ctx.body as { name: string; content: string }
    if (body.name.trim() === "") throw badRequest("context name must not be empty")
    const entry = { content: body.content, updated_at: nowIso() }
    db.contexts[body.name] = entry
    ctx.server.state.save()
    return { status: 200, body: { context: { name: body.name, ...entry } } }
  },

  get_database_context: async (ctx) => {
    const db = getDatabase(ctx, ctx.params.database_id)
    const entry = db.contexts[ctx.params.name!]
    if (entry === undefined) throw notFound(`context ${ctx.params.name} not found`)
    return { status: 200, body: { context: { name: ctx.params.name!, ...entry } } }
  },

  list_database_contexts: async (ctx) => {
    const db = getDatabase(ctx, ctx.params.database_id)
    return {
      status: 200,
      body: { contexts: Object.entries(db.contexts).map(([name, entry]) => ({ name, ...entry })) }
    }
  },

  delete_database_context: async (ctx) => {
    const db = getDatabase(ctx, ctx.params.database_id)
    if (db.contexts[ctx.params.name!] === undefined) throw notFound(`context ${ctx.params.name} not found`)
    delete db.contexts[ctx.params.name!]
    ctx.server.state.save()
    return { status: 204 }
  }
}
