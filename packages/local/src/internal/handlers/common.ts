import { createHash } from "node:crypto"
import type { RequestContext, Server } from "../context.js"
import type { EngineDatabase } from "../engine.js"
import { ApiError, badRequest, notFound } from "../errors.js"
import type { ConnectionRecord, DatabaseRecord } from "../state.js"

/** @internal */
export const sha256 = (value: string | Buffer): string => createHash("sha256").update(value).digest("hex")

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

/** Opaque cursors carry an offset into a stable ordering. @internal */
export const encodeCursor = (offset: number): string => Buffer.from(JSON.stringify({ o: offset })).toString("base64url")

/** @internal */
export const decodeCursor = (cursor: string | undefined): number => {
  if (cursor === undefined || cursor === "") return 0
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { o?: unknown }
    if (typeof parsed.o === "number" && Number.isInteger(parsed.o) && parsed.o >= 0) return parsed.o
  } catch {
    // fall through
  }
  throw badRequest("invalid cursor")
}

/** A page of a list by cursor. @internal */
export const cursorPage = <A>(items: ReadonlyArray<A>, cursor: string | undefined, limit: number) => {
  const offset = decodeCursor(cursor)
  const page = items.slice(offset, offset + limit)
  const hasMore = offset + page.length < items.length
  return {
    page,
    has_more: hasMore,
    next_cursor: hasMore ? encodeCursor(offset + page.length) : null
  }
}

/** A page of a list by offset: the items and the fields every offset-paged answer carries. @internal */
export const offsetPage = <A>(items: ReadonlyArray<A>, offset: number, limit: number) => {
  const page = items.slice(offset, offset + limit)
  return { page, count: page.length, offset, limit, has_more: offset + page.length < items.length }
}

/** Converts `2h`, `30m`, `7d` or an ISO date to an ISO timestamp. @internal */
export const parseExpiry = (value: string | null | undefined): string | null => {
  if (value === undefined || value === null || value === "") return null
  const m = /^(\d+)\s*([smhdw])$/.exec(value.trim())
  if (m) {
    const unit = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[m[2] as "s" | "m" | "h" | "d" | "w"]
    return new Date(Date.now() + Number(m[1]) * unit * 1000).toISOString()
  }
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) throw badRequest(`invalid expires_at "${value}": use an ISO timestamp or e.g. "2h"`)
  return date.toISOString()
}

/** SQL `LIKE`-style matching with `%` and `_`, without backtracking. @internal */
export { likeMatcher } from "../sqlText.js"

/** A free-form name (any characters but control characters, 1 to `limit` long). @internal */
export const checkName = (value: string, what: string, limit = 128): string => {
  if (value.trim() === "" || value.length > limit || [...value].some((c) => c.charCodeAt(0) < 32)) {
    throw badRequest(`invalid ${what}: use 1 to ${limit} characters without control characters`)
  }
  return value
}
