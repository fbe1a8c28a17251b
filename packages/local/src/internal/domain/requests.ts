import { createHash } from "node:crypto"
import { badRequest } from "../errors.js"

/**
 * What many requests share and that is not the catalog's: fingerprints, paging, expiry
 * times and free-form names.
 */

/** @internal */
export const sha256 = (value: string | Buffer): string => createHash("sha256").update(value).digest("hex")

/** The page size a list request asks for: `fallback` when it gives none (or 0), at most 1000. @internal */
export const pageLimit = (limit: number | undefined, fallback = 100): number =>
  limit === undefined || limit === 0 ? fallback : Math.min(limit, 1000)

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

/** A free-form name (any characters but control characters, 1 to `limit` long). @internal */
export const checkName = (value: string, what: string, limit = 128): string => {
  if (value.trim() === "" || value.length > limit || [...value].some((c) => c.charCodeAt(0) < 32)) {
    throw badRequest(`invalid ${what}: use 1 to ${limit} characters without control characters`)
  }
  return value
}
