/**
 * AWS Signature V4 checks of requests to the object store, as S3 makes them.
 *
 * @internal
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto"
import type * as http from "node:http"
import { ACCESS_KEY, type Refused, refused, SECRET_KEY, strictEncode } from "./protocol.js"

const sha256Hex = (value: string): string => createHash("sha256").update(value).digest("hex")
const hmac = (key: Buffer | string, value: string): Buffer => createHmac("sha256", key).update(value).digest()

/** The key that signs a request on `date` for `region` and `service` (SigV4). */
const signingKey = (date: string, region: string, service: string): Buffer =>
  hmac(hmac(hmac(hmac(`AWS4${SECRET_KEY}`, date), region), service), "aws4_request")

const canonicalQueryOf = (query: ReadonlyArray<readonly [string, string]>): string =>
  query
    .map(([key, value]) => [strictEncode(key), strictEncode(value)] as const)
    .sort(([a, av], [b, bv]) => a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0)
    .map(([key, value]) => `${key}=${value}`)
    .join("&")

const canonicalHeadersOf = (names: ReadonlyArray<string>, headers: http.IncomingHttpHeaders): string =>
  names.map((name) => {
    const value = headers[name]
    const text = Array.isArray(value) ? value.join(",") : value ?? ""
    return `${name}:${text.trim().replace(/\s+/g, " ")}\n`
  }).join("")

interface SignedRequest {
  readonly method: string
  readonly pathname: string
  readonly canonicalQuery: string
  readonly signedHeaders: string
  readonly headers: http.IncomingHttpHeaders
  readonly payloadHash: string
  readonly amzDate: string
  readonly date: string
  readonly region: string
  readonly service: string
}

/** The SigV4 signature S3 expects for a request, with the store's own secret. */
const signatureOf = (request: SignedRequest): string => {
  const canonicalRequest = [
    request.method,
    request.pathname,
    request.canonicalQuery,
    canonicalHeadersOf(request.signedHeaders.split(";"), request.headers),
    request.signedHeaders,
    request.payloadHash
  ].join("\n")
  const scope = `${request.date}/${request.region}/${request.service}/aws4_request`
  const stringToSign = ["AWS4-HMAC-SHA256", request.amzDate, scope, sha256Hex(canonicalRequest)].join("\n")
  return createHmac("sha256", signingKey(request.date, request.region, request.service))
    .update(stringToSign)
    .digest("hex")
}

const sameText = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

const parseAmzDate = (amzDate: string): number | undefined => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate)
  if (!m) return undefined
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]))
}

const SHA256_HEX = /^[0-9a-f]{64}$/

/** How a request authenticated: the body hash it promised (`undefined`: unsigned payload). */
export interface Authenticated {
  readonly _tag: "ok"
  readonly payloadSha256: string | undefined
}

export type Verdict = Authenticated | Refused

const signatureMismatch = refused(
  403,
  "SignatureDoesNotMatch",
  "The request signature we calculated does not match the signature you provided"
)

/** The payload hash a request promises: a SHA-256 to check, unsigned, or a form this store does not take. */
const payloadHashOf = (value: string): Authenticated | Refused => {
  if (value === "UNSIGNED-PAYLOAD") return { _tag: "ok", payloadSha256: undefined }
  if (SHA256_HEX.test(value)) return { _tag: "ok", payloadSha256: value }
  if (value.startsWith("STREAMING-")) {
    return refused(
      501,
      "NotImplemented",
      "Chunked (aws-chunked) payloads are not supported by this store; send UNSIGNED-PAYLOAD or the body's SHA-256"
    )
  }
  return refused(
    400,
    "InvalidArgument",
    "x-amz-content-sha256 must be UNSIGNED-PAYLOAD or a valid sha256 value"
  )
}

/**
 * Checks an AWS Signature V4 presigned request the way S3 does: the signature over the
 * method, path, query and signed headers, and the expiry window.
 */
export const verifyPresigned = (
  method: string,
  pathname: string,
  query: Array<[string, string]>,
  headers: http.IncomingHttpHeaders
): Verdict => {
  const params = new Map(query)
  if (params.get("X-Amz-Algorithm") !== "AWS4-HMAC-SHA256") return signatureMismatch
  const credential = params.get("X-Amz-Credential")
  const amzDate = params.get("X-Amz-Date")
  const expires = Number(params.get("X-Amz-Expires"))
  const signedHeaders = params.get("X-Amz-SignedHeaders")
  const signature = params.get("X-Amz-Signature")
  if (!credential || !amzDate || !signedHeaders || !signature || !Number.isFinite(expires)) return signatureMismatch
  const [accessKey, date, region, service, terminator] = credential.split("/")
  if (accessKey !== ACCESS_KEY || !date || !region || !service || terminator !== "aws4_request") {
    return signatureMismatch
  }
  const payload = payloadHashOf(params.get("X-Amz-Content-Sha256") ?? "UNSIGNED-PAYLOAD")
  if (payload._tag === "refused") return payload
  const expected = signatureOf({
    method,
    pathname,
    canonicalQuery: canonicalQueryOf(query.filter(([key]) => key !== "X-Amz-Signature")),
    signedHeaders,
    headers,
    payloadHash: params.get("X-Amz-Content-Sha256") ?? "UNSIGNED-PAYLOAD",
    amzDate,
    date,
    region,
    service
  })
  if (!sameText(expected, signature)) return signatureMismatch
  const signedAt = parseAmzDate(amzDate)
  if (signedAt === undefined) return signatureMismatch
  if (Date.now() > signedAt + expires * 1000) return refused(403, "AccessDenied", "Request has expired")
  return payload
}

/** How far a header-signed request's clock may be from the store's, as in S3. */
const MAX_SKEW_MS = 15 * 60 * 1000

/**
 * Checks an AWS Signature V4 request signed in the `Authorization` header with the store's
 * credentials, the way S3 does: the credential scope, the signature over the canonical
 * request (with `x-amz-content-sha256` as the payload hash), that every `x-amz-*` header is
 * signed, and the clock skew.
 */
export const verifyHeaderSigned = (
  method: string,
  pathname: string,
  query: Array<[string, string]>,
  headers: http.IncomingHttpHeaders
): Verdict => {
  const authorization = headers.authorization ?? ""
  const space = authorization.indexOf(" ")
  const algorithm = space < 0 ? authorization : authorization.slice(0, space)
  if (algorithm !== "AWS4-HMAC-SHA256") {
    return refused(400, "InvalidArgument", "Unsupported Authorization Type; only AWS4-HMAC-SHA256 is accepted")
  }
  const fields = new Map<string, string>()
  for (const part of authorization.slice(space + 1).split(",")) {
    const eq = part.indexOf("=")
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim())
  }
  const credential = fields.get("Credential")
  const signedHeaders = fields.get("SignedHeaders")
  const signature = fields.get("Signature")
  if (!credential || !signedHeaders || !signature) {
    return refused(400, "AuthorizationHeaderMalformed", "The authorization header is malformed")
  }
  const [accessKey, date, region, service, terminator] = credential.split("/")
  if (!date || !region || !service || terminator !== "aws4_request") {
    return refused(
      400,
      "AuthorizationHeaderMalformed",
      "The authorization header is malformed; the credential is invalid"
    )
  }
  if (accessKey !== ACCESS_KEY) {
    return refused(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.")
  }
  const amzDate = typeof headers["x-amz-date"] === "string" ? headers["x-amz-date"] : undefined
  const signedAt = amzDate === undefined ? undefined : parseAmzDate(amzDate)
  if (amzDate === undefined || signedAt === undefined || !amzDate.startsWith(date)) {
    return refused(403, "AccessDenied", "AWS authentication requires a valid x-amz-date header")
  }
  const contentSha = headers["x-amz-content-sha256"]
  if (typeof contentSha !== "string") {
    return refused(400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256")
  }
  const payload = payloadHashOf(contentSha)
  if (payload._tag === "refused") return payload
  const names = signedHeaders.split(";")
  if (!names.includes("host")) return signatureMismatch
  const unsigned = Object.keys(headers).filter((name) => name.startsWith("x-amz-") && !names.includes(name))
  if (unsigned.length > 0) {
    return refused(
      403,
      "AccessDenied",
      `There were headers present in the request which were not signed: ${unsigned.join(", ")}`
    )
  }
  const expected = signatureOf({
    method,
    pathname,
    canonicalQuery: canonicalQueryOf(query),
    signedHeaders,
    headers,
    payloadHash: contentSha,
    amzDate,
    date,
    region,
    service
  })
  if (!sameText(expected, signature)) return signatureMismatch
  if (Math.abs(Date.now() - signedAt) > MAX_SKEW_MS) {
    return refused(
      403,
      "RequestTimeTooSkewed",
      "The difference between the request time and the current time is too large."
    )
  }
  return payload
}
