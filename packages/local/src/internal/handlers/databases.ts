import type * as Schemas from "@hotdata-effect/core/generated/Schemas"
import type { HandlerSet, RequestContext } from "../context.js"
import {
  addSchema,
  addTable,
  checkIdentifier,
  declaration,
  engineDatabase,
  getConnection,
  getDatabase
} from "../domain/catalog.js"
import { loadTable } from "../domain/loads.js"
import { cursorPage, parseExpiry } from "../domain/requests.js"
import { ApiError, badRequest, conflict, keyInProgress, notFound } from "../errors.js"
import { makeId, nowIso } from "../ids.js"
import type { BatchRecord, DatabaseRecord, TableDeclaration } from "../state.js"

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
  input: Schemas.CreateDatabaseRequest,
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

const deleteDatabase = async (ctx: RequestContext, db: DatabaseRecord) => {
  const { server } = ctx
  delete server.state.data.databases[db.id]
  delete server.state.data.connections[db.default_connection_id]
  for (const [key, index] of Object.entries(server.state.data.indexes)) {
    if (index.database_id === db.id) delete server.state.data.indexes[key]
  }
  for (const other of Object.values(server.state.data.databases)) {
    other.attachments = other.attachments.filter((a) => a.connection_id !== db.default_connection_id)
  }
  server.state.save()
  await server.engine.drop(engineDatabase(server, db))
}

const MAX_BATCH_COUNT = 10_000

const getBatch = (ctx: RequestContext, id: string): BatchRecord => {
  const batch = ctx.server.state.data.batches[id]
  if (batch === undefined || batch.workspace !== ctx.workspace) throw notFound(`database batch ${id} not found`)
  return batch
}

const batchResponse = (batch: BatchRecord) => ({
  batch_id: batch.id,
  cancel_requested: false,
  count: batch.count,
  created_count: batch.created_count,
  expires_at: batch.expires_at,
  job_id: null,
  status_url: `/v1/databases/bulk/${batch.id}`
})

/**
 * Bulk creation of databases. The databases are created before the answer. A reused
 * `idempotency_key` answers with the original batch whatever the body (409
 * `IDEMPOTENCY_KEY_IN_PROGRESS` while that batch is still being created). `name_template` names database `n` (1-based) with `{n}`
 * replaced by `n`.
 */
const bulkCreate = async (ctx: RequestContext<"bulk_create_databases">) => {
  const body = ctx.body
  const { server } = ctx
  if (!Number.isInteger(body.count) || body.count < 1 || body.count > MAX_BATCH_COUNT) {
    throw badRequest(`count must be an integer from 1 to ${MAX_BATCH_COUNT}`)
  }
  const key = body.idempotency_key ?? null
  if (key !== null) {
    const previous = Object.values(server.state.data.batches).find((b) =>
      b.workspace === ctx.workspace && b.idempotency_key === key
    )
    if (previous !== undefined) {
      if (!previous.done) {
        throw keyInProgress(
          `a batch with idempotency_key ${key} is still being created; send it again with the same key to get it`
        )
      }
      return { status: 202 as const, body: batchResponse(previous) }
    }
  }
  const batch: BatchRecord = {
    id: makeId("batch"),
    workspace: ctx.workspace,
    count: body.count,
    created_count: 0,
    expires_at: parseExpiry(body.expires_at),
    idempotency_key: key,
    done: false
  }
  server.state.data.batches[batch.id] = batch
  server.state.save()
  try {
    for (let n = 1; n <= body.count; n++) {
      await createDatabase(ctx, {
        name: body.name_template === undefined || body.name_template === null
          ? null
          : body.name_template.replaceAll("{n}", String(n)),
        default_catalog: body.default_catalog,
        default_schema: body.default_schema,
        expires_at: body.expires_at,
        ...(body.schemas !== undefined ? { schemas: body.schemas } : {})
      }, batch.id)
      batch.created_count = n
    }
  } catch (error) {
    // Nothing was created (an invalid catalog or schema name): the key stays free.
    if (batch.created_count === 0) delete server.state.data.batches[batch.id]
    throw error
  } finally {
    batch.done = true
    server.state.save()
  }
  return { status: 202 as const, body: batchResponse(batch) }
}

/** @internal */
export const handlers = {
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
    const body = ctx.body
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

  add_database_schema: async (ctx) => ({
    status: 201,
    body: await addSchema(ctx, getDatabase(ctx, ctx.params.database_id))
  }),
  add_database_table: async (ctx) => ({
    status: 201,
    body: await addTable(ctx, getDatabase(ctx, ctx.params.database_id))
  }),
  load_database_table: loadTable,

  bulk_create_databases: bulkCreate,

  get_database_batch: async (ctx) => ({ status: 200, body: batchResponse(getBatch(ctx, ctx.params.batch_id)) }),

  delete_database_batch: async (ctx) => {
    const batch = getBatch(ctx, ctx.params.batch_id)
    if (!batch.done) throw conflict(`database batch ${batch.id} is still being created`)
    const members = Object.values(ctx.server.state.data.databases).filter((db) =>
      db.workspace === ctx.workspace && db.batch_id === batch.id
    )
    for (const db of members) await deleteDatabase(ctx, db)
    delete ctx.server.state.data.batches[batch.id]
    ctx.server.state.save()
    return { status: 200, body: { batch_id: batch.id, deleted_count: members.length } }
  },

  attach_database_catalog: async (ctx) => {
    const db = getDatabase(ctx, ctx.params.database_id)
    const body = ctx.body
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
  }
} satisfies HandlerSet
