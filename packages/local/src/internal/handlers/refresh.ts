import type * as Schemas from "@hotdata-effect/core/generated/Schemas"
import type { HandlerSet, RequestContext } from "../context.js"
import { asyncOrJob, checkAsyncAfter } from "../domain/asyncOrJob.js"
import { getConnection, workspaceConnections } from "../domain/catalog.js"
import { ApiError, badRequest, errorMessage } from "../errors.js"
import { startJob } from "../jobRunner.js"
import { snapshot } from "../sources.js"
import type { ConnectionRecord } from "../state.js"

const fileSource = (connection: ConnectionRecord): ConnectionRecord => {
  if (connection.source === undefined) {
    throw badRequest(
      `connection ${connection.id} is a managed catalog: its data is refreshed by loads; use the loads endpoint`
    )
  }
  return connection
}

/** Re-reads the schema of one connection or all: for a connection to files, its source. */
const schemaRefresh = async (
  ctx: RequestContext,
  connections: ReadonlyArray<ConnectionRecord>
): Promise<Schemas.SchemaRefreshResult> => {
  let refreshed = 0
  let discovered = 0
  let added = 0
  let modified = 0
  const errors: Array<{ connection_id: string; error: string }> = []
  for (const connection of connections) {
    if (connection.source === undefined) {
      // A managed catalog's schema is what was loaded: nothing to re-read.
      refreshed++
      continue
    }
    try {
      const outcome = await snapshot(ctx.server, connection)
      refreshed++
      discovered += outcome.tables.length
      added += outcome.added
      modified += outcome.modified
    } catch (cause) {
      errors.push({ connection_id: connection.id, error: errorMessage(cause) })
    }
  }
  ctx.server.state.save()
  return {
    connections_refreshed: refreshed,
    connections_failed: errors.length,
    tables_discovered: discovered,
    tables_added: added,
    tables_modified: modified,
    errors
  }
}

/** @internal */
export const handlers = {
  refresh: async (ctx) => {
    const { server } = ctx
    const body = ctx.body
    const started = performance.now()
    if (body.table_name != null && body.schema_name == null) throw badRequest("table_name needs schema_name")
    if ((body.schema_name != null || body.table_name != null) && body.connection_id == null) {
      throw badRequest("schema_name and table_name need connection_id")
    }
    checkAsyncAfter(body)
    if (body.data !== true) {
      if (body.async === true) throw badRequest("a schema refresh answers directly: async applies to data refreshes")
      const connections = body.connection_id == null
        ? workspaceConnections(ctx)
        : [getConnection(ctx, body.connection_id)]
      return { status: 200, body: await schemaRefresh(ctx, connections) }
    }
    if (body.connection_id == null) throw badRequest("a data refresh needs connection_id")
    const connection = fileSource(getConnection(ctx, body.connection_id))
    const table = body.table_name == null ? undefined : { schema: body.schema_name!, table: body.table_name }
    if (table !== undefined && connection.source!.tables[`${table.schema}.${table.table}`] === undefined) {
      throw new ApiError(
        404,
        "NOT_FOUND",
        `table ${table.schema}.${table.table} not found in connection ${connection.id}`
      )
    }
    const run = async (): Promise<Schemas.TableRefreshResult | Schemas.ConnectionRefreshResult> => {
      const outcome = await snapshot(server, connection, table)
      server.state.save()
      const duration_ms = Math.round(performance.now() - started)
      if (table !== undefined) {
        return {
          connection_id: connection.id,
          schema_name: table.schema,
          table_name: table.table,
          rows_synced: outcome.tables[0]?.rows ?? 0,
          duration_ms,
          warnings: []
        }
      }
      return {
        connection_id: connection.id,
        tables_refreshed: outcome.tables.length,
        tables_failed: 0,
        total_rows: outcome.tables.reduce((n, t) => n + t.rows, 0),
        duration_ms,
        errors: [],
        warnings: []
      }
    }
    const jobType = table === undefined ? "data_refresh_connection" : "data_refresh_table"
    const outcome = await asyncOrJob(body, run, (work) => startJob(server, ctx.workspace, jobType, work))
    return outcome.done ? { status: 200, body: outcome.value } : { status: 202, body: outcome.handle }
  }
} satisfies HandlerSet
