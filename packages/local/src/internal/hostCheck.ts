import type { IncomingMessage } from "node:http"

/**
 * Which requests the server's two fronts (the API and the object store) answer at all, by
 * their `Host` and `Origin` headers. A web page could otherwise reach the server through DNS
 * rebinding (a name of the page's own that it points at 127.0.0.1 after loading): the
 * browser then sends that name as `Host`, so a request is answered only when `Host` names
 * the server — `localhost`, `127.0.0.1` or `[::1]`, the address the server was bound to, the
 * address the connection came in on, or a name given in `allowedHosts` — with the port it
 * listens on. A request from a page (`Origin`) is answered only when that origin is allowed
 * by `cors`, or is the server's own.
 *
 * @internal
 */

/** How the fronts check requests. @internal */
export interface HostCheckOptions {
  /** The interface the server listens on (`127.0.0.1`, `0.0.0.0`, a name, ...). */
  readonly host: string
  /** More names (any port) or `name:port`s to answer to; `*` answers to any `Host`. */
  readonly allowedHosts?: ReadonlyArray<string> | undefined
  /** The origin pages may call from (`*` for any), as given to `cors`. */
  readonly cors?: string | undefined
}

/** A request the fronts do not answer: 421 for a `Host` that is not the server's, 403 for a foreign page. @internal */
export interface HostRefusal {
  readonly status: 421 | 403
  readonly message: string
}

const LOOPBACK = ["localhost", "127.0.0.1", "[::1]"]

/** A host as it appears in a URL or a `Host` header: IPv6 addresses in brackets, lower-cased. */
const asUrlHost = (host: string): string => {
  const bare = host.startsWith("::ffff:") && host.includes(".") ? host.slice("::ffff:".length) : host
  return (bare.includes(":") && !bare.startsWith("[") ? `[${bare}]` : bare).toLowerCase()
}

/** A `Host` header (or an origin's host) as its name and port text (`undefined` without a port). */
const splitHost = (value: string): { readonly name: string; readonly port: string | undefined } => {
  const text = value.trim().toLowerCase()
  if (text.startsWith("[")) {
    const end = text.indexOf("]")
    if (end < 0) return { name: text, port: undefined }
    const rest = text.slice(end + 1)
    return { name: text.slice(0, end + 1), port: rest.startsWith(":") ? rest.slice(1) : undefined }
  }
  const colon = text.lastIndexOf(":")
  return colon < 0 ? { name: text, port: undefined } : { name: text.slice(0, colon), port: text.slice(colon + 1) }
}

const quoted = (value: string): string => JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}...` : value)

/**
 * The check of one front: call it with each request; `undefined` means answer it.
 *
 * @internal
 */
export const makeHostCheck = (options: HostCheckOptions) => {
  const extra = new Set((options.allowedHosts ?? []).map((h) => h.trim().toLowerCase()))
  const anyHost = extra.has("*")
  const bound = asUrlHost(options.host)

  /** Whether `value` (a `Host` header, or an origin's host) names this front, reached on `port`. */
  const names = (value: string, req: IncomingMessage): boolean => {
    if (anyHost) return true
    const port = req.socket.localPort
    const { name, port: given } = splitHost(value)
    if (extra.has(name) || (given !== undefined && extra.has(`${name}:${given}`))) return true
    const own = LOOPBACK.includes(name) || name === bound ||
      (req.socket.localAddress !== undefined && name === asUrlHost(req.socket.localAddress))
    return own && (given === undefined ? port === 80 : given === String(port))
  }

  return (req: IncomingMessage): HostRefusal | undefined => {
    const host = req.headers.host
    if (host === undefined || host.trim() === "") {
      return { status: 421, message: "the request has no Host header" }
    }
    if (!names(host, req)) {
      const port = req.socket.localPort
      return {
        status: 421,
        message: `the Host header ${quoted(host)} does not name this server; it answers to ${
          [...new Set([...LOOPBACK, bound])].map((h) => `${h}:${port}`).join(", ")
        } (start it with allowedHosts or --allowed-hosts to answer to other names)`
      }
    }
    const origin = req.headers.origin
    if (origin === undefined || options.cors === "*" || origin === options.cors) return undefined
    let own = false
    try {
      const url = new URL(origin)
      own = url.protocol === "http:" && names(url.host, req)
    } catch {
      // `null` and other opaque origins are never the server's own.
    }
    if (own) return undefined
    return {
      status: 403,
      message: `requests from pages at ${quoted(origin)} are refused: start the server with cors set to that origin ${
        options.cors === undefined ? "(--cors)" : `instead of ${quoted(options.cors)}`
      } to allow them`
    }
  }
}
