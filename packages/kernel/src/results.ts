/**
 * The decisions of the results protocol (`GET /v1/results/{id}`) as plain code: whether
 * an answer says the result is ready, still being computed or failed, and what its
 * headers say about the result (the total row count, the link to the next window).
 *
 * - 200 with data, or a status body saying `ready`: ready.
 * - 202 (with `Retry-After`), or a status body saying `pending`, `processing`, `running`
 *   or `queued`: not ready yet.
 * - a status body with any other status (`failed`, ...): failed, with the server's
 *   `error_message` when it gave one. (A 409 says the same; it is an error status, which
 *   a client maps to its error before any body is read.)
 */

/** The link to the next window of a result, when `limit` stopped before its end. */
export interface NextPage {
  /** The URL the server gave (`Link: <...>; rel="next"`). */
  readonly url: string
  readonly offset: number | undefined
  readonly limit: number | undefined
}

/** What an answer says of its result (see the module comment). */
export type State =
  | { readonly _tag: "Ready" }
  | { readonly _tag: "Pending"; readonly status: string }
  | { readonly _tag: "Failed"; readonly status: string; readonly errorMessage: string | undefined }

/** The HTTP status of an answer whose result is still being computed. */
export const PENDING_STATUS = 202

/** The statuses of a status body that say the result is still being computed. */
export const pendingStatuses: ReadonlySet<string> = new Set(["pending", "processing", "running", "queued"])

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

/** The `status` a body states, when it is an object with a string `status`. */
export const statusOf = (body: unknown): string | undefined =>
  isRecord(body) && typeof body.status === "string" ? body.status : undefined

const READY: State = { _tag: "Ready" }

/** What a 202 answer with the JSON value `body` says: pending, with the status it states (`pending` when none). */
export const pendingOf = (body: unknown): { readonly _tag: "Pending"; readonly status: string } => ({
  _tag: "Pending",
  status: statusOf(body) ?? "pending"
})

/**
 * What an answer of HTTP status `httpStatus` with the JSON value `body` (`undefined`
 * when there is none, or it could not be read) says of its result. A 202 whose body
 * states no status is `pending`.
 */
export const stateOf = (httpStatus: number, body: unknown): State => {
  if (httpStatus === PENDING_STATUS) return pendingOf(body)
  const status = statusOf(body)
  if (status === undefined || status === "ready") return READY
  if (pendingStatuses.has(status)) return { _tag: "Pending", status }
  const errorMessage = isRecord(body) && typeof body.error_message === "string" ? body.error_message : undefined
  return { _tag: "Failed", status, errorMessage }
}

/** A count header (`X-Total-Row-Count`): digits only, blanks around them allowed. */
export const parseCount = (value: string | undefined): number | undefined =>
  value !== undefined && /^\s*\d+\s*$/.test(value) ? Number(value) : undefined

/** Reads the `rel="next"` target of a `Link` header, resolved against `base`. */
export const parseNextLink = (value: string | undefined, base: string): NextPage | undefined => {
  if (value === undefined) return undefined
  for (const part of value.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part)
    if (match === null) continue
    const rels = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(match[2]!)
    if (rels === null || !rels[1]!.split(/\s+/).includes("next")) continue
    let url: URL
    try {
      url = new URL(match[1]!, base)
    } catch {
      continue
    }
    const number = (name: string) => parseCount(url.searchParams.get(name) ?? undefined)
    return { url: url.toString(), offset: number("offset"), limit: number("limit") }
  }
  return undefined
}

/** Whether a content type is JSON (`application/json`, `application/problem+json`). */
export const isJson = (contentType: string | undefined): boolean =>
  contentType !== undefined && /^application\/(problem\+)?json/i.test(contentType)
