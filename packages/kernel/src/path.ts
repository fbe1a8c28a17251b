/**
 * The path of a request as plain code: which path parameter values can be sent, how one
 * is percent-encoded as a single segment, and how a route's template is filled with them.
 * A value must stay inside its own segment and reach the route it was meant for: an empty
 * value, `.` and `..` are refused (URL parsing would drop or resolve them), and a value
 * that another route holds as a literal segment at the same place is encoded whole.
 */

/**
 * What {@link renderPath} needs of a route: its template (`/v1/databases/{database_id}`)
 * and, per parameter, the values another route's template holds as literal segments at
 * the same place (`count`), which are sent fully percent-encoded.
 */
export interface Route {
  readonly path: string
  readonly reservedPathValues?: Readonly<Record<string, ReadonlyArray<string>>> | undefined
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * Why a path parameter value cannot be sent, or `undefined` when it can: an empty
 * value, `.` and `..` would be dropped or resolved by URL parsing and reach another
 * route; a lone UTF-16 surrogate has no UTF-8 encoding.
 */
export const checkPathParam = (value: unknown): string | undefined => {
  if (typeof value !== "string") return "must be a string"
  if (value === "") return "must not be empty"
  if (value === "." || value === "..") return `must not be \`${value}\` (a dot segment would address another route)`
  if (loneSurrogate.test(value)) return "must not contain a lone UTF-16 surrogate"
  return undefined
}

const unreservedOnly = /^[A-Za-z0-9\-._~]*$/

const hex = (byte: number) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`
const utf8 = new TextEncoder()

/**
 * Percent-encodes a path segment: every character but the unreserved ones
 * (`A-Z a-z 0-9 - . _ ~`) is encoded, so `/`, `%`, `?`, `#`, NUL and the like stay
 * inside the segment. With `all`, unreserved characters are encoded too.
 */
export const encodePathSegment = (value: string, all = false): string => {
  if (!all && unreservedOnly.test(value)) return value
  let out = ""
  for (const byte of utf8.encode(value)) {
    const unreserved = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) ||
      (byte >= 0x61 && byte <= 0x7a) || byte === 0x2d || byte === 0x2e || byte === 0x5f || byte === 0x7e
    out += unreserved && !all ? String.fromCharCode(byte) : hex(byte)
  }
  return out
}

/**
 * Fills a route's path template with its parameters, each percent-encoded as one segment
 * (see {@link encodePathSegment}). A value another route holds as a literal at the same
 * place is encoded whole. Values must have passed {@link checkPathParam}.
 */
export const renderPath = (route: Route, params: Readonly<Record<string, string>>): string => {
  const parts = templateOf(route)
  let out = parts[0] as string
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] as string
    const value = params[name] ?? ""
    out += encodePathSegment(value, route.reservedPathValues?.[name]?.includes(value) === true) + parts[i + 1]
  }
  return out
}

/** The path template of each route split once: literal, name, literal, ..., literal. */
const templates = new WeakMap<Route, ReadonlyArray<string>>()

const templateOf = (route: Route): ReadonlyArray<string> => {
  let parts = templates.get(route)
  if (parts === undefined) {
    parts = route.path.split(/\{([^}]+)\}/)
    templates.set(route, parts)
  }
  return parts
}
