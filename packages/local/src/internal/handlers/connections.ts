import type { HandlerSet, RequestContext } from "../context.js"
import {
  addSchema,
  addTable,
  checkIdentifier,
  connectionDatabase,
  connectionTables,
  engineDatabase,
  getConnection,
  workspaceConnections
} from "../domain/catalog.js"
import { loadTable } from "../domain/loads.js"
import { ApiError, badRequest, conflict, errorMessage, notFound } from "../errors.js"
import { makeId, nowIso } from "../ids.js"
import { profileTable } from "../profile.js"
import {
  cacheDatabase,
  type FileSourceType,
  fileSourceTypes,
  newCacheId,
  parseSource,
  purge,
  remoteSourceTypes,
  snapshot
} from "../sources.js"
import type { ConnectionRecord } from "../state.js"

/** A connection to files, or 400 for a managed one (its tables are loaded, not read from a source). */
const fileConnection = (ctx: RequestContext, id: string): ConnectionRecord => {
  const connection = getConnection(ctx, id)
  if (connection.source === undefined) {
    throw badRequest(`connection ${id} is a managed catalog: it has no source cache; use the loads endpoint`)
  }
  return connection
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
    let error: string | null = null
    try {
      await connectionTables(ctx, connection)
      if (connection.source !== undefined) confineSource(ctx, connection)
    } catch (cause) {
      error = errorMessage(cause)
    }
    return {
      status: 200,
      body: {
        connection_id: connection.id,
        healthy: error === null,
        latency_ms: Math.round(performance.now() - started),
        error
      }
    }
  },

  create_connection: async (ctx) => {
    const { server } = ctx
    const body = ctx.body
    const name = checkIdentifier(body.name, "connection name")
    const sourceType = body.source_type.toLowerCase()
    if (sourceType === "managed") {
      throw badRequest("managed catalogs are created with their database (create_database), not as connections")
    }
    const missing = remoteSourceTypes[sourceType]
    if (missing !== undefined) {
      throw new ApiError(
        400,
        "UNSUPPORTED_SOURCE_TYPE",
        `source_type ${sourceType} needs ${missing}, which the local server does not load (it runs offline); ` +
          `local connection types: ${fileSourceTypes.join(", ")}`
      )
    }
    if (!(fileSourceTypes as ReadonlyArray<string>).includes(sourceType)) {
      throw badRequest(`unknown source_type ${body.source_type}; local connection types: ${fileSourceTypes.join(", ")}`)
    }
    if (Object.values(server.state.data.connections).some((c) => c.workspace === ctx.workspace && c.name === name)) {
      throw conflict(`a connection named ${name} already exists`)
    }
    const source = parseSource(server, sourceType as FileSourceType, body.config)
    const connection: ConnectionRecord = {
      id: makeId("conn"),
      workspace: ctx.workspace,
      name,
      source_type: sourceType,
      database_id: newCacheId(),
      created_at: nowIso(),
      source
    }
    let discoveryError: string | null = null
    let discovered = 0
    if (body.skip_discovery !== true) {
      try {
        discovered = (await snapshot(server, connection)).tables.length
      } catch (cause) {
        discoveryError = errorMessage(cause)
      }
    }
    server.state.data.connections[connection.id] = connection
    server.state.save()
    return {
      status: 201,
      body: {
        id: connection.id,
        name,
        source_type: sourceType,
        tables_discovered: discovered,
        discovery_status: body.skip_discovery === true ? "skipped" : discoveryError === null ? "success" : "failed",
        discovery_error: discoveryError
      }
    }
  },

  delete_connection: async (ctx) => {
    const { server } = ctx
    const connection = getConnection(ctx, ctx.params.connection_id)
    if (connection.source === undefined) {
      throw conflict(`connection ${connection.id} is the default catalog of a database: delete the database instead`)
    }
    const attached = Object.values(server.state.data.databases).filter((db) =>
      db.attachments.some((a) => a.connection_id === connection.id)
    )
    for (const db of attached) {
      db.attachments = db.attachments.filter((a) => a.connection_id !== connection.id)
      await server.engine.closeDatabase(db.id)
    }
    delete server.state.data.connections[connection.id]
    server.state.save()
    await server.engine.drop(cacheDatabase(server, connection))
    return { status: 204 }
  },

  purge_connection_cache: async (ctx) => {
    const connection = fileConnection(ctx, ctx.params.connection_id)
    await purge(ctx.server, connection)
    ctx.server.state.save()
    return { status: 204 }
  },

  purge_table_cache: async (ctx) => {
    const connection = fileConnection(ctx, ctx.params.connection_id)
    const { schema, table } = ctx.params
    if (connection.source!.tables[`${schema}.${table}`] === undefined) {
      throw notFound(`table ${schema}.${table} not found in connection ${connection.id}`)
    }
    await purge(ctx.server, connection, { schema, table })
    ctx.server.state.save()
    return { status: 204 }
  },

  get_table_profile: async (ctx) => {
    const connection = getConnection(ctx, ctx.params.connection_id)
    const { schema, table } = ctx.params
    const entry = (await connectionTables(ctx, connection)).find((t) => t.schema === schema && t.table === table)
    if (entry === undefined) throw notFound(`table ${schema}.${table} not found in connection ${connection.id}`)
    if (!entry.synced) {
      throw notFound(`table ${schema}.${table} has no cached copy to profile: refresh the connection first`)
    }
    const db = connection.source !== undefined
      ? cacheDatabase(ctx.server, connection)
      : engineDatabase(ctx.server, connectionDatabase(ctx, connection.id)[1])
    const profiled = await profileTable(ctx.server.engine, db, schema, table)
    return {
      status: 200,
      body: {
        connection: connection.name,
        schema,
        table,
        row_count: profiled.rowCount,
        synced_at: entry.last_sync,
        columns: profiled.columns
      }
    }
  },

  add_managed_schema: async (ctx) => ({
    status: 201,
    body: await addSchema(ctx, connectionDatabase(ctx, ctx.params.connection_id)[1])
  }),
  add_managed_table: async (ctx) => ({
    status: 201,
    body: await addTable(ctx, connectionDatabase(ctx, ctx.params.connection_id)[1])
  }),
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

const confineSource = (ctx: RequestContext, connection: ConnectionRecord): void => {
  parseSource(ctx.server, connection.source!.kind, {
    path: connection.source!.path,
    ...(connection.source!.table === null ? {} : { table: connection.source!.table })
  })
}
