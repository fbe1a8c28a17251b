/**
 * AWS Signature V4 for the object store, with the maintained signer (`@smithy/signature-v4`):
 * presigned URLs the API hands out, and checks of presigned and header-signed requests the
 * way S3 makes them — a request is re-signed from what it carries, and the signatures are
 * compared.
 *
 * @internal
 */
import { SignatureV4 } from "@smithy/signature-v4"
import { createHash, createHmac, timingSafeEqual } from "node:crypto"
import * as http from "node:http"
import * as https from "node:https"
import { type Refused, refused, strictEncode } from "./protocol.js"

type SignableRequest = Parameters<SignatureV4["presign"]>[0]
type Data = string | ArrayBuffer | ArrayBufferView

const bytes = (data: Data): Buffer =>
  typeof data === "string"
    ? Buffer.from(data, "utf8")
    : ArrayBuffer.isView(data)
    ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    : Buffer.from(data)

/** SHA-256 (or HMAC-SHA-256 with a secret) on Node's crypto, in the shape the signer takes. */
class Sha256 {
  private readonly hash: { update(data: Buffer): unknown; digest(): Buffer }
  constructor(secret?: Data) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(secret))
  }
  update(data: Data): void {
    this.hash.update(bytes(data))
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()))
  }
  reset(): void {
    // Each signature uses a fresh instance.
  }
}

/** Credentials of an S3-compatible store. @internal */
export interface S3Credentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
}

const signerFor = (credentials: S3Credentials, region: string, service: string): SignatureV4 =>
  new SignatureV4({
    credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey },
    region,
    service,
    sha256: Sha256,
    // S3 signs the path as sent, without encoding it again.
    uriEscapePath: false,
    applyChecksum: false
  })

/** A signer for requests to an S3-compatible store. @internal */
export const s3Signer = (credentials: S3Credentials, region: string): SignatureV4 =>
  signerFor(credentials, region, "s3")

const queryObject = (pairs: ReadonlyArray<readonly [string, string]>): Record<string, string | Array<string>> => {
  const out: Record<string, string | Array<string>> = {}
  for (const [key, value] of pairs) {
    const previous = out[key]
    out[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value]
  }
  return out
}

const queryString = (query: Record<string, string | Array<string> | null>): string =>
  Object.entries(query).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map((v) =>
      v === null || v === "" ? strictEncode(key) : `${strictEncode(key)}=${strictEncode(v)}`
    )
  ).join("&")

/** A request to sign, without its headers: `method` on `path` with `query` at the store at `url`. */
const requestTo = (url: URL, method: string, path: string, query: Readonly<Record<string, string>>) => ({
  method,
  protocol: url.protocol,
  hostname: url.hostname,
  ...(url.port === "" ? {} : { port: Number(url.port) }),
  path,
  query: { ...query }
})

/**
 * Sends a request signed in the `Authorization` header (the body's SHA-256 signed too) to
 * an S3-compatible store.
 *
 * @internal
 */
export const signedFetch = async (
  signer: SignatureV4,
  endpoint: string,
  method: string,
  path: string,
  query: Readonly<Record<string, string>>,
  body?: Buffer
): Promise<http.IncomingMessage> => {
  const url = new URL(endpoint)
  const payload = body ?? Buffer.alloc(0)
  const signed = await signer.sign({
    ...requestTo(url, method, path, query),
    headers: {
      host: url.host,
      "x-amz-content-sha256": createHash("sha256").update(payload).digest("hex"),
      ...(body === undefined ? {} : { "content-length": String(body.length) })
    }
  })
  const search = queryString({ ...query })
  const transport = url.protocol === "https:" ? https : http
  return new Promise((resolve, reject) => {
    const request = transport.request(
      `${url.origin}${path}${search === "" ? "" : `?${search}`}`,
      { method, headers: signed.headers as Record<string, string> },
      resolve
    )
    request.once("error", reject)
    request.end(body)
  })
}

/** The path of an object of a bucket, as S3 clients send it. @internal */
export const objectPath = (bucket: string, key: string): string =>
  `/${strictEncode(bucket)}/${key.split("/").map(strictEncode).join("/")}`

/**
 * A presigned URL for `method` on `path` (already encoded) of the store at `endpoint`, with
 * the operation's query (an upload id and part number for a part).
 *
 * @internal
 */
export const presignUrl = async (
  endpoint: string,
  method: string,
  path: string,
  query: Readonly<Record<string, string>>,
  expiresInSeconds: number,
  signer: SignatureV4
): Promise<string> => {
  const url = new URL(endpoint)
  const signed = await signer.presign({
    ...requestTo(url, method, path, query),
    headers: { host: url.host, "X-Amz-Content-Sha256": "UNSIGNED-PAYLOAD" }
  }, { expiresIn: expiresInSeconds })
  return `${url.origin}${path}?${queryString((signed.query ?? {}) as Record<string, string | Array<string> | null>)}`
}

const sameText = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

const parseAmzDate = (amzDate: string): number | undefined => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate)
  if (!m) return undefined
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]))
}

const SHA256_HEX = /^[0-9a-f]{64}$/

/** How a request authenticated: the body hash it promised (`undefined`: unsigned payload). @internal */
export interface Authenticated {
  readonly _tag: "ok"
  readonly payloadSha256: string | undefined
}

/** @internal */
export type Verdict = Authenticated | Refused

/**
 * Checks one way of signing a request to the store (presigned URL or `Authorization` header)
 * against the store's credentials.
 *
 * @internal
 */
export type Verifier = (
  credentials: S3Credentials,
  method: string,
  pathname: string,
  query: Array<[string, string]>,
  headers: http.IncomingHttpHeaders
) => Promise<Verdict>

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

/** The request's headers named in a signed-headers list (`a;b;c`), as the client signed them. */
const signedHeadersOf = (names: ReadonlyArray<string>, headers: http.IncomingHttpHeaders): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const name of names) {
    const value = headers[name]
    out[name] = Array.isArray(value) ? value.join(",") : value ?? ""
  }
  return out
}

const PRESIGN_PARAMS = new Set([
  "X-Amz-Algorithm",
  "X-Amz-Credential",
  "X-Amz-Date",
  "X-Amz-Expires",
  "X-Amz-SignedHeaders",
  "X-Amz-Signature",
  "X-Amz-Content-Sha256"
])

/** The most a presigned URL may live, as in S3: a week. */
const MAX_EXPIRES_SECONDS = 7 * 24 * 3600

/**
 * Checks an AWS Signature V4 presigned request the way S3 does: the signature over the
 * method, path, query and signed headers, and the expiry window.
 *
 * @internal
 */
export const verifyPresigned: Verifier = async (credentials, method, pathname, query, headers) => {
  const params = new Map(query)
  if (params.get("X-Amz-Algorithm") !== "AWS4-HMAC-SHA256") return signatureMismatch
  const credential = params.get("X-Amz-Credential")
  const amzDate = params.get("X-Amz-Date")
  const expires = Number(params.get("X-Amz-Expires"))
  const signedHeaders = params.get("X-Amz-SignedHeaders")
  const signature = params.get("X-Amz-Signature")
  if (!credential || !amzDate || !signedHeaders || !signature || !Number.isInteger(expires)) return signatureMismatch
  if (expires < 1 || expires > MAX_EXPIRES_SECONDS) return signatureMismatch
  const [accessKey, date, region, service, terminator] = credential.split("/")
  if (
    !sameText(accessKey ?? "", credentials.accessKeyId) || !date || !region || !service || terminator !== "aws4_request"
  ) {
    return signatureMismatch
  }
  const signedAt = parseAmzDate(amzDate)
  if (signedAt === undefined || !amzDate.startsWith(date)) return signatureMismatch
  const payloadHash = params.get("X-Amz-Content-Sha256") ?? "UNSIGNED-PAYLOAD"
  const payload = payloadHashOf(payloadHash)
  if (payload._tag === "refused") return payload
  const names = signedHeaders.split(";")
  const request: SignableRequest = {
    method,
    protocol: "http:",
    hostname: "",
    path: pathname,
    query: queryObject(query.filter(([key]) => !PRESIGN_PARAMS.has(key))),
    headers: { ...signedHeadersOf(names, headers), "X-Amz-Content-Sha256": payloadHash }
  }
  const signed = await signerFor(credentials, region, service).presign(request, {
    signingDate: new Date(signedAt),
    expiresIn: expires,
    unhoistableHeaders: new Set(names),
    signableHeaders: new Set(names)
  })
  const expected = signed.query?.["X-Amz-Signature"]
  if (typeof expected !== "string" || signed.query?.["X-Amz-SignedHeaders"] !== signedHeaders) return signatureMismatch
  if (!sameText(expected, signature)) return signatureMismatch
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
 *
 * @internal
 */
export const verifyHeaderSigned: Verifier = async (credentials, method, pathname, query, headers) => {
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
  if (!sameText(accessKey ?? "", credentials.accessKeyId)) {
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
  if (!names.includes("host") || !names.includes("x-amz-date")) return signatureMismatch
  const unsigned = Object.keys(headers).filter((name) => name.startsWith("x-amz-") && !names.includes(name))
  if (unsigned.length > 0) {
    return refused(
      403,
      "AccessDenied",
      `There were headers present in the request which were not signed: ${unsigned.join(", ")}`
    )
  }
  const signed = await signerFor(credentials, region, service).sign({
    method,
    protocol: "http:",
    hostname: "",
    path: pathname,
    query: queryObject(query),
    // The payload hash is the header's value, signed or not.
    headers: { ...signedHeadersOf(names, headers), "x-amz-content-sha256": contentSha }
  }, { signingDate: new Date(signedAt), signableHeaders: new Set(names) })
  const answer = String(signed.headers.authorization ?? signed.headers.Authorization ?? "")
  const expectedHeaders = /SignedHeaders=([^,]+)/.exec(answer)?.[1]
  const expected = /Signature=([0-9a-f]+)/.exec(answer)?.[1]
  if (expected === undefined || expectedHeaders !== signedHeaders) return signatureMismatch
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
