/**
 * What the object store's front and store share: the bucket and credentials, S3's XML
 * answers, and reading request URLs and bodies.
 *
 * @internal
 */
import type * as http from "node:http"

/** The bucket uploads land in. @internal */
export const BUCKET = "hotdata-uploads"
/** @internal */
export const REGION = "us-east-1"

/** Why a request was refused, as S3 answers it. @internal */
export interface Refused {
  readonly _tag: "refused"
  readonly status: number
  readonly code: string
  readonly message: string
}

/** @internal */
export const refused = (status: number, code: string, message: string): Refused => ({
  _tag: "refused",
  status,
  code,
  message
})

/** @internal */
export const xmlError = (code: string, message: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>`

/** @internal */
export const escapeXml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

/** @internal */
export const unescapeXml = (text: string): string =>
  text.replace(/&quot;/g, "\"").replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(
    /&#(x?)([0-9a-fA-F]+);/g,
    (_, hex: string, code: string) => String.fromCodePoint(parseInt(code, hex ? 16 : 10))
  ).replace(/&amp;/g, "&")

/** URI-encodes as SigV4 and S3 do (RFC 3986 unreserved characters only). @internal */
export const strictEncode = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/** @internal */
export const safeDecode = (value: string): string => {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** A query string as decoded pairs, in order. @internal */
export const parseQuery = (raw: string): Array<[string, string]> =>
  raw.length === 0 ? [] : raw.split("&").filter((p) => p.length > 0).map((pair) => {
    const eq = pair.indexOf("=")
    const key = eq < 0 ? pair : pair.slice(0, eq)
    const value = eq < 0 ? "" : pair.slice(eq + 1)
    return [safeDecode(key.replace(/\+/g, "%20")), safeDecode(value.replace(/\+/g, "%20"))]
  })

/** A request body read whole, or `undefined` (and the rest discarded) past `limit` bytes. @internal */
export const readBody = async (req: http.IncomingMessage, limit: number): Promise<Buffer | undefined> => {
  const chunks: Array<Buffer> = []
  let length = 0
  for await (const chunk of req) {
    length += (chunk as Buffer).length
    if (length > limit) {
      req.resume()
      return undefined
    }
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/** A key the store may turn into a path under the bucket's directory. @internal */
export const validKey = (key: string): boolean =>
  key.length > 0 && !key.includes("\0") && !key.split("/").some((segment) => segment === "." || segment === "..")
