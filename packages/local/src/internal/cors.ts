import type { IncomingMessage, ServerResponse } from "node:http"

/** Headers a browser page may read from answers: tracing, paging, upload ETags, retries. */
const EXPOSED = ["X-Trace-Id", "ETag", "Retry-After", "Location", "Content-Length", "Content-Type"].join(", ")

/**
 * Cross-origin access for browser development, when the server was started with an
 * origin (`*` for any): the answer carries `Access-Control-Allow-Origin` for that origin, and
 * a preflight (`OPTIONS` with `Access-Control-Request-Method`) is answered here, with 204.
 * Returns whether the request was a preflight, fully answered.
 *
 * @internal
 */
export const applyCors = (origin: string | undefined, req: IncomingMessage, res: ServerResponse): boolean => {
  if (origin === undefined) return false
  const requested = req.headers.origin
  if (requested === undefined || (origin !== "*" && requested !== origin)) return false
  res.setHeader("Access-Control-Allow-Origin", origin === "*" ? "*" : requested)
  res.setHeader("Vary", "Origin")
  res.setHeader("Access-Control-Expose-Headers", EXPOSED)
  if (req.method !== "OPTIONS" || req.headers["access-control-request-method"] === undefined) return false
  res.setHeader("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE")
  const headers = req.headers["access-control-request-headers"]
  if (headers !== undefined) res.setHeader("Access-Control-Allow-Headers", headers)
  res.setHeader("Access-Control-Max-Age", "600")
  res.statusCode = 204
  res.end()
  req.resume()
  return true
}
