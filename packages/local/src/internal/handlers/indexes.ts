import type * as Schemas from "@hotdata-effect/core/generated/Schemas"
import type { HandlerSet, RequestContext } from "../context.js"
import { asyncOrJob, checkAsyncAfter } from "../domain/asyncOrJob.js"
import { connectionDatabase, engineDatabase, getDatabase } from "../domain/catalog.js"
import { checkName, cursorPage, pageLimit } from "../domain/requests.js"
import { ApiError, badRequest, cleanMessage, conflict, notFound } from "../errors.js"
import { nowIso } from "../ids.js"
import { startJob } from "../jobRunner.js"
import type { ConnectionRecord, DatabaseRecord, IndexRecord } from "../state.js"

const INDEX_TYPES = new Set(["sorted", "bm25", "vector"])
const METRICS = new Set(["cosine", "l2", "inner_product"])

/** A key that no choice of names can make two indexes share. */
const indexKey = (connectionId: string, schema: string, table: string, name: string): string =>
  JSON.stringify([connectionId, schema, table, name])

const info = (index: IndexRecord): Schemas.IndexInfoResponse => ({
  index_name: index.index_name,
  index_type: index.index_type,
  columns: [...index.columns],
  metric: index.metric,
  source_column: index.index_type === "vector" ? index.columns[0] ?? null : null,
  status: index.status,
  created_at: index.created_at,
  updated_at: index.updated_at
})

const entry = (index: IndexRecord): Schemas.IndexEntryResponse => ({
  ...info(index),
  metric: index.metric ?? undefined,
  source_column: index.index_type === "vector" ? index.columns[0] : undefined,
  connection_id: index.connection_id,
  schema_name: index.schema,
  table_name: index.table
})

const byCreation = (a: IndexRecord, b: IndexRecord) => a.seq - b.seq

/** The indexes of one table, oldest first. */
const tableIndexes = (ctx: RequestContext, connectionId: string, schema: string, table: string) =>
  Object.values(ctx.server.state.data.indexes)
    .filter((i) =>
      i.workspace === ctx.workspace && i.connection_id === connectionId && i.schema === schema && i.table === table
    )
    .sort(byCreation)

/** The columns of a loaded managed table (404 when the table holds no data yet). */
const tableColumns = async (ctx: RequestContext, db: DatabaseRecord, schema: string, table: string) => {
  const tables = await ctx.server.engine.tables(engineDatabase(ctx.server, db))
  const found = tables.find((t) => t.schema === schema && t.table === table)
  if (found === undefined) throw notFound(`table ${schema}.${table} not found (or not loaded yet)`)
  return found.columns
}

const isText = (type: string) => /^(VARCHAR|TEXT|STRING)/i.test(type)
const isVector = (type: string) => /^(FLOAT|DOUBLE|REAL|DECIMAL\(\d+,\d+\)|INTEGER|BIGINT)\[\d*\]$/i.test(type)
const fixedSize = (type: string): number | null => {
  const m = /\[(\d+)\]$/.exec(type)
  return m === null ? null : Number(m[1])
}

/** Checks a creation request against the table; returns the record to keep. */
const validate = async (
  ctx: RequestContext<"create_index">,
  connection: ConnectionRecord,
  db: DatabaseRecord
): Promise<IndexRecord> => {
  const { schema, table } = ctx.params
  const body = ctx.body
  const name = body.index_name
  checkName(name, "index_name")
  const indexType = body.index_type ?? "sorted"
  if (!INDEX_TYPES.has(indexType)) {
    throw badRequest(`unknown index_type "${indexType}": expected sorted, bm25 or vector`)
  }
  if (body.columns.length === 0) throw badRequest("columns must name at least one column")
  if (new Set(body.columns).size !== body.columns.length) throw badRequest("columns must not repeat a column")
  const columns = await tableColumns(ctx, db, schema, table)
  const resolved = body.columns.map((wanted) => {
    const column = columns.find((c) => c.name === wanted) ??
      columns.find((c) => c.name.toLowerCase() === wanted.toLowerCase())
    if (column === undefined) throw badRequest(`column "${wanted}" is not a column of ${schema}.${table}`)
    return column
  })
  let metric: string | null = null
  if (indexType === "bm25") {
    const notText = resolved.find((c) => !isText(c.type))
    if (notText !== undefined) {
      throw badRequest(`a bm25 index needs text columns; "${notText.name}" is ${notText.type}`)
    }
  }
  if (indexType === "vector") {
    if (resolved.length !== 1) throw badRequest("a vector index takes exactly one column")
    const column = resolved[0]!
    const providerId = body.embedding_provider_id ?? null
    if (providerId !== null) {
      const provider = ctx.server.state.data.embeddingProviders[providerId]
      if (provider === undefined || provider.workspace !== ctx.workspace) {
        throw notFound(`embedding provider ${providerId} not found`)
      }
    }
    if (!isVector(column.type)) {
      throw badRequest(
        isText(column.type)
          ? `column "${column.name}" is text: the local server does not compute embeddings, ` +
            "so a vector index needs a column that already holds vectors (FLOAT[] or FLOAT[n])"
          : `a vector index needs a column of vectors (FLOAT[] or FLOAT[n]); "${column.name}" is ${column.type}`
      )
    }
    metric = body.metric ?? "cosine"
    if (!METRICS.has(metric)) throw badRequest(`unknown metric "${metric}": expected cosine, l2 or inner_product`)
    const size = fixedSize(column.type)
    if (body.dimensions !== undefined && body.dimensions !== null && size !== null && body.dimensions !== size) {
      throw badRequest(`dimensions ${body.dimensions} do not match column "${column.name}" (${column.type})`)
    }
  } else if (body.metric !== undefined && body.metric !== null) {
    throw badRequest(`metric applies to vector indexes only, not ${indexType}`)
  }
  const now = nowIso()
  return {
    workspace: ctx.workspace,
    seq: ctx.server.state.nextSeq(),
    connection_id: connection.id,
    database_id: db.id,
    schema,
    table,
    index_name: name,
    index_type: indexType as IndexRecord["index_type"],
    columns: resolved.map((c) => c.name),
    metric,
    dimensions: body.dimensions ?? null,
    description: body.description ?? null,
    embedding_provider_id: body.embedding_provider_id ?? null,
    created_at: now,
    updated_at: now,
    status: "pending"
  }
}

/** Builds the index: a DuckDB index for `sorted`; the other kinds are searched by scanning. */
const build = async (
  ctx: RequestContext,
  db: DatabaseRecord,
  index: IndexRecord
): Promise<Schemas.IndexInfoResponse> => {
  const key = indexKey(index.connection_id, index.schema, index.table, index.index_name)
  try {
    if (index.index_type === "sorted") {
      await ctx.server.engine.createIndex(
        engineDatabase(ctx.server, db),
        index.schema,
        index.table,
        index.index_name,
        index.columns
      ).catch((cause) => {
        const message = cleanMessage(cause)
        throw /already exists/i.test(message)
          ? conflict(`an index named ${index.index_name} already exists in schema ${index.schema}`)
          : badRequest(`could not create index ${index.index_name}: ${message}`)
      })
    }
  } catch (cause) {
    delete ctx.server.state.data.indexes[key]
    ctx.server.state.save()
    throw cause
  }
  index.status = "ready"
  index.updated_at = nowIso()
  ctx.server.state.save()
  return info(index)
}

/**
 * Indexes on managed tables. A `sorted` index is a DuckDB index on the table; `bm25` and
 * `vector` indexes are kept as metadata and their searches run as full scans (see the README).
 *
 * @internal
 */
export const handlers = {
  list_indexes: async (ctx) => {
    const [connection, db] = connectionDatabase(ctx, ctx.params.connection_id)
    const { schema, table } = ctx.params
    const indexes = tableIndexes(ctx, connection.id, schema, table)
    if (indexes.length === 0) await tableColumns(ctx, db, schema, table)
    return { status: 200, body: { indexes: indexes.map(info) } }
  },

  create_index: async (ctx) => {
    const [connection, db] = connectionDatabase(ctx, ctx.params.connection_id)
    const body = ctx.body
    checkAsyncAfter(body)
    const index = await validate(ctx, connection, db)
    const key = indexKey(connection.id, index.schema, index.table, index.index_name)
    if (ctx.server.state.data.indexes[key] !== undefined) {
      throw conflict(`index ${index.index_name} already exists on ${index.schema}.${index.table}`)
    }
    ctx.server.state.data.indexes[key] = index
    ctx.server.state.save()
    const outcome = await asyncOrJob(
      body,
      () => build(ctx, db, index),
      (work) => startJob(ctx.server, ctx.workspace, "create_index", work)
    )
    return outcome.done ? { status: 201, body: outcome.value } : { status: 202, body: outcome.handle }
  },

  delete_index: async (ctx) => {
    const [connection, db] = connectionDatabase(ctx, ctx.params.connection_id)
    const { schema, table, index_name } = ctx.params
    const key = indexKey(connection.id, schema, table, index_name)
    const index = ctx.server.state.data.indexes[key]
    if (index === undefined || index.workspace !== ctx.workspace) {
      throw notFound(`index ${index_name} not found on ${schema}.${table}`)
    }
    if (index.status === "pending") throw new ApiError(409, "CONFLICT", `index ${index_name} is still being built`)
    if (index.index_type === "sorted") {
      await ctx.server.engine.dropIndex(engineDatabase(ctx.server, db), schema, index_name)
    }
    delete ctx.server.state.data.indexes[key]
    ctx.server.state.save()
    return { status: 204 }
  },

  list_indexes_collection: async (ctx) => {
    const db = getDatabase(ctx, ctx.headers.database_id)
    const { connection_id, schema, table, index_type, cursor } = ctx.query
    const limit = pageLimit(ctx.query.limit)
    const indexes = Object.values(ctx.server.state.data.indexes)
      .filter((i) => i.workspace === ctx.workspace && i.database_id === db.id)
      .filter((i) => connection_id === undefined || i.connection_id === connection_id)
      .filter((i) => schema === undefined || i.schema === schema)
      .filter((i) => table === undefined || i.table === table)
      .filter((i) => index_type === undefined || i.index_type === index_type)
      .sort(byCreation)
    const page = cursorPage(indexes, cursor, limit)
    return {
      status: 200,
      body: {
        indexes: page.page.map(entry),
        count: page.page.length,
        limit,
        has_more: page.has_more,
        next_cursor: page.next_cursor
      }
    }
  }
} satisfies HandlerSet
