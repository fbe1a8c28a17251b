import {
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand
} from "@aws-sdk/client-s3"
import { getSignedUrl } from "@aws-sdk/s3-request-presigner"
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto"
import * as fs from "node:fs"
import * as http from "node:http"
import { createRequire } from "node:module"
import type { AddressInfo } from "node:net"
import * as path from "node:path"
import { Readable, Transform } from "node:stream"
import { pipeline } from "node:stream/promises"
import type { StorageEndpoint } from "../LocalHotdata.js"
import { applyCors } from "./cors.js"
import type { FaultRegistry, StorageRequest } from "./faults.js"
import { syncDirectory, writeFileDurably } from "./state.js"

interface S3rverInstance {
  run(): Promise<AddressInfo>
  close(): Promise<void>
  httpServer?: http.Server
}

type S3rverConstructor = new(options: Record<string, unknown>) => S3rverInstance

const require = createRequire(import.meta.url)

const BUCKET = "hotdata-uploads"
const ACCESS_KEY = "S3RVER"
const SECRET_KEY = "S3RVER"
const REGION = "us-east-1"

/** @internal */
export interface StorageOptions {
  readonly directory: string
  readonly host: string
  readonly urlTtlSeconds: number
  readonly faults: FaultRegistry
  /** The origin browsers may upload from (`*` for any), or `undefined`. */
  readonly cors?: string | undefined
}

interface PartRecord {
  readonly etag: string
  readonly size: number
}

interface CompletedPart {
  readonly partNumber: number
  readonly etag: string
  readonly size: number
}

/** What a completed multipart upload was made of, kept beside the store's uploads. */
interface CompletedUpload {
  readonly key: string
  readonly etag: string
  readonly parts: ReadonlyArray<CompletedPart>
}

const xmlError = (code: string, message: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`

const sha256Hex = (value: string): string => createHash("sha256").update(value).digest("hex")
const hmac = (key: Buffer | string, value: string): Buffer => createHmac("sha256", key).update(value).digest()

const strictEncode = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

const parseQuery = (raw: string): Array<[string, string]> =>
  raw.length === 0 ? [] : raw.split("&").filter((p) => p.length > 0).map((pair) => {
    const eq = pair.indexOf("=")
    const key = eq < 0 ? pair : pair.slice(0, eq)
    const value = eq < 0 ? "" : pair.slice(eq + 1)
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, "%20"))
      } catch {
        return s
      }
    }
    return [decode(key), decode(value)]
  })

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
interface Authenticated {
  readonly _tag: "ok"
  readonly payloadSha256: string | undefined
}

/** Why a request was refused, as S3 answers it. */
interface Refused {
  readonly _tag: "refused"
  readonly status: number
  readonly code: string
  readonly message: string
}

type Verdict = Authenticated | Refused

const refused = (status: number, code: string, message: string): Refused => ({ _tag: "refused", status, code, message })

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
const verifyPresigned = (
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
const verifyHeaderSigned = (
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

/** Headers kept as object metadata on a PUT, as the store keeps them. */
const STORED_METADATA = new Set([
  "cache-control",
  "content-disposition",
  "content-encoding",
  "content-language",
  "content-type",
  "expires",
  "x-amz-storage-class",
  "x-amz-website-redirect-location"
])

/** Query parameters that belong to a presigned URL's signature rather than to the operation. */
const isPresignParam = (key: string): boolean => key.startsWith("X-Amz-")

/** Headers not passed on to the store. */
const HOP_HEADERS = new Set(["authorization", "connection", "keep-alive", "host", "expect", "transfer-encoding"])

/** S3's smallest part but the last; API finalize applies the server's own (configurable) minimum. */
const S3_MIN_PART_SIZE = 5 * 1024 * 1024

/** Bodies of forwarded (non-upload) requests with a signed payload hash are checked whole. */
const MAX_CHECKED_FORWARD_BODY = 64 * 1024 * 1024

/** Where a PUT's body goes when the front writes it straight into the store's files. */
type UploadTarget =
  | { readonly _tag: "object"; readonly key: string }
  | { readonly _tag: "part"; readonly key: string; readonly uploadId: string; readonly partNumber: number }

/**
 * Object storage: an S3-protocol store (s3rver) on a private port, and a strict front that
 * clients reach in one of two ways, as with S3: a presigned URL (query auth), or a request
 * signed in the `Authorization` header with the store's credentials (header auth) — never
 * both at once. The front checks signatures and expiry itself (403 like S3 for an expired or
 * badly signed request), records every request and applies injected faults.
 *
 * Object and part bodies are streamed: the front hashes them (MD5 for the ETag, SHA-256 when
 * the signature promised one) while writing them into the store's own files, in the layout
 * s3rver's filesystem store reads, and moves them into place only once complete and
 * verified. Everything else a header-signed client asks (create/complete/abort multipart,
 * GET, HEAD, list, copy, ...) is forwarded to the store over HTTP.
 *
 * @internal
 */
export class Storage {
  private constructor(
    private readonly store: S3rverInstance,
    private readonly storePort: number,
    private readonly backend: S3Client,
    private readonly signer: S3Client,
    private readonly front: http.Server,
    readonly frontUrl: string,
    private readonly options: StorageOptions
  ) {}

  static async start(options: StorageOptions): Promise<Storage> {
    fs.mkdirSync(options.directory, { recursive: true })
    const S3rver = require("s3rver") as S3rverConstructor
    const store = new S3rver({
      port: 0,
      address: "127.0.0.1",
      silent: true,
      directory: options.directory,
      configureBuckets: [{ name: BUCKET }]
    })
    const storeAddress = await store.run()
    const clientOptions = {
      region: REGION,
      forcePathStyle: true,
      credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
      requestChecksumCalculation: "WHEN_REQUIRED" as const,
      responseChecksumValidation: "WHEN_REQUIRED" as const
    }
    const backend = new S3Client({ ...clientOptions, endpoint: `http://127.0.0.1:${storeAddress.port}` })
    const ref: { current?: Storage } = {}
    const front = http.createServer((req, res) => {
      const storage = ref.current
      if (applyCors(options.cors, req, res)) return
      if (storage === undefined) {
        res.statusCode = 503
        res.end()
        return
      }
      storage.handle(req, res).catch(() => {
        if (!res.headersSent) {
          res.statusCode = 500
          res.setHeader("Content-Type", "application/xml")
          res.end(xmlError("InternalError", "We encountered an internal error. Please try again."))
        } else {
          res.destroy()
        }
      })
    })
    front.keepAliveTimeout = 5_000
    await new Promise<void>((resolve, reject) => {
      front.once("error", reject)
      front.listen(0, options.host, () => resolve())
    })
    const address = front.address() as AddressInfo
    const hostForUrl = options.host.includes(":") ? `[${options.host}]` : options.host
    const frontUrl = `http://${hostForUrl}:${address.port}`
    const signer = new S3Client({ ...clientOptions, endpoint: frontUrl })
    const storage = new Storage(store, storeAddress.port, backend, signer, front, frontUrl, options)
    ref.current = storage
    return storage
  }

  /** The front as an S3 endpoint, with the store's bucket and credentials. */
  get endpoint(): StorageEndpoint {
    return {
      endpoint: this.frontUrl,
      bucket: BUCKET,
      region: REGION,
      accessKeyId: ACCESS_KEY,
      secretAccessKey: SECRET_KEY
    }
  }

  presignPut(key: string): Promise<string> {
    return getSignedUrl(this.signer, new PutObjectCommand({ Bucket: BUCKET, Key: key }), {
      expiresIn: this.options.urlTtlSeconds
    })
  }

  presignPart(key: string, uploadId: string, partNumber: number): Promise<string> {
    return getSignedUrl(
      this.signer,
      new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, PartNumber: partNumber }),
      { expiresIn: this.options.urlTtlSeconds }
    )
  }

  async createMultipart(key: string, contentType: string | null): Promise<string> {
    const out = await this.backend.send(
      new CreateMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        ...(contentType ? { ContentType: contentType } : {})
      })
    )
    if (!out.UploadId) throw new Error("the object store did not return an upload id")
    return out.UploadId
  }

  private manifestPath(uploadId: string): string {
    return path.join(this.uploadsDirectory, `${uploadId}.completed.json`)
  }

  /** What a completed multipart upload was made of. */
  private completedManifest(uploadId: string): CompletedUpload | undefined {
    try {
      return JSON.parse(fs.readFileSync(this.manifestPath(uploadId), "utf8")) as CompletedUpload
    } catch {
      return undefined
    }
  }

  /**
   * The parts received for a multipart upload, by part number, read from the store's files
   * (a part is there once its body and its MD5 are), so they survive a restart; for an
   * upload completed already, the parts it was completed with.
   */
  receivedParts(uploadId: string): ReadonlyMap<number, PartRecord> {
    const parts = new Map<number, PartRecord>()
    if (!/^[A-Za-z0-9_-]+$/.test(uploadId)) return parts
    const directory = path.join(this.uploadsDirectory, uploadId)
    let names: Array<string>
    try {
      names = fs.readdirSync(directory)
    } catch {
      for (const part of this.completedManifest(uploadId)?.parts ?? []) {
        parts.set(part.partNumber, { etag: JSON.stringify(part.etag), size: part.size })
      }
      return parts
    }
    for (const name of names) {
      if (!/^[1-9][0-9]*$/.test(name)) continue
      try {
        const md5 = fs.readFileSync(path.join(directory, `${name}.md5`), "utf8")
        const { size } = fs.statSync(path.join(directory, name))
        parts.set(Number(name), { etag: JSON.stringify(md5), size })
      } catch {
        // A part whose MD5 is missing was not completely received.
      }
    }
    return parts
  }

  async completeMultipart(
    key: string,
    uploadId: string,
    parts: ReadonlyArray<{ readonly part_number: number; readonly e_tag: string }>
  ): Promise<void> {
    const outcome = await this.assemble(key, uploadId, parts.map((p) => ({ partNumber: p.part_number, etag: p.e_tag })))
    if (outcome._tag === "refused") throw new Error(`${outcome.code}: ${outcome.message}`)
  }

  /** The size of a stored object, or `null` when there is none. */
  async objectSize(key: string): Promise<number | null> {
    try {
      const out = await this.backend.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))
      return out.ContentLength ?? 0
    } catch {
      return null
    }
  }

  async download(key: string, file: string): Promise<void> {
    const out = await this.backend.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))
    const body = out.Body
    if (!(body instanceof Readable)) throw new Error("the object store returned no body")
    await pipeline(body, fs.createWriteStream(file))
  }

  async close(): Promise<void> {
    this.front.closeAllConnections()
    await new Promise<void>((resolve) => this.front.close(() => resolve()))
    this.signer.destroy()
    this.backend.destroy()
    this.store.httpServer?.closeAllConnections()
    await this.store.close()
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const rawUrl = req.url ?? "/"
    const qIndex = rawUrl.indexOf("?")
    const pathname = qIndex < 0 ? rawUrl : rawUrl.slice(0, qIndex)
    const query = parseQuery(qIndex < 0 ? "" : rawUrl.slice(qIndex + 1))
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value
    }
    const method = req.method ?? "GET"
    const record: StorageRequest = {
      method,
      path: safeDecode(pathname),
      query: Object.fromEntries(query.filter(([key]) => key !== "X-Amz-Signature")),
      headers,
      bodyBytes: Number(headers["content-length"] ?? 0) || 0,
      status: null
    }
    this.options.faults.storageRequests.push(record)
    const respond = (status: number, body = "", extra: Record<string, string> = {}) => {
      record.status = status
      res.writeHead(status, { "Content-Type": "application/xml", ...extra })
      res.end(body)
    }
    const reject = (status: number, code: string, message: string, extra: Record<string, string> = {}) => {
      // Unread request bodies are drained so the client sees the answer rather than a reset.
      req.resume()
      respond(status, xmlError(code, message), extra)
    }

    const fault = this.options.faults.take("storage")
    let omitETag = false
    if (fault !== undefined) {
      switch (fault._tag) {
        case "ConnectionReset":
          record.status = 0
          req.socket.destroy()
          return
        case "Stall":
          await new Promise((resolve) => setTimeout(resolve, fault.millis))
          if (req.socket.destroyed) return
          break
        case "Status":
          return reject(
            fault.status,
            fault.code ?? (fault.status === 429 || fault.status === 503 ? "SlowDown" : "InjectedFault"),
            fault.message ?? "Injected fault",
            fault.retryAfter !== undefined ? { "Retry-After": String(fault.retryAfter) } : {}
          )
        case "ExpireUrl":
          return reject(403, "AccessDenied", "Request has expired")
        case "OmitETag":
          omitETag = true
          break
        case "CutBody":
          req.resume()
          record.status = 200
          res.writeHead(200, { "Content-Type": "application/xml", "Content-Length": "64" })
          res.write("<?xml version=")
          res.destroy()
          return
        case "FailResult":
          break
      }
    }

    const presigned = query.some(([key]) => key === "X-Amz-Algorithm" || key === "X-Amz-Signature")
    const headerSigned = req.headers.authorization !== undefined
    if (presigned && headerSigned) {
      return reject(
        403,
        "AccessDenied",
        "Only one auth mechanism allowed; a presigned request must not carry an Authorization header"
      )
    }
    if (!headerSigned && method !== "PUT") {
      return reject(405, "MethodNotAllowed", "Only presigned PUT requests are accepted by this store")
    }
    if (!presigned && !headerSigned) {
      return reject(403, "AccessDenied", "Access Denied: sign the request (presigned URL or Authorization header)")
    }
    const verdict = presigned
      ? verifyPresigned(method, pathname, query, req.headers)
      : verifyHeaderSigned(method, pathname, query, req.headers)
    if (verdict._tag === "refused") return reject(verdict.status, verdict.code, verdict.message)
    if (method === "PUT" && req.headers["content-length"] === undefined) {
      return reject(411, "MissingContentLength", "You must provide the Content-Length HTTP header")
    }

    const operationQuery = query.filter(([key]) => !isPresignParam(key))
    const completion = method === "POST" ? completionTarget(pathname, operationQuery) : undefined
    if (completion !== undefined) {
      return this.complete(req, res, record, completion.key, completion.uploadId, verdict.payloadSha256)
    }
    const target = method === "PUT" ? uploadTarget(pathname, operationQuery, req.headers) : undefined
    if (target === undefined) {
      if (presigned) return reject(404, "NoSuchBucket", "The specified bucket does not exist")
      return this.forward(req, res, record, pathname, operationQuery, verdict.payloadSha256, omitETag)
    }
    if (target === "bad-part-number") {
      return reject(400, "InvalidArgument", "Part number must be an integer between 1 and 10000")
    }
    if (target === "bad-key") return reject(400, "InvalidArgument", "The object key is not valid for this store")
    if (target._tag === "part" && !fs.existsSync(path.join(this.uploadsDirectory, target.uploadId, "key"))) {
      return reject(
        404,
        "NoSuchUpload",
        "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."
      )
    }
    const stored = await this.writeBody(req, target, verdict.payloadSha256)
    if (stored._tag === "mismatch") {
      return reject(
        400,
        "XAmzContentSHA256Mismatch",
        "The provided 'x-amz-content-sha256' header does not match what was computed."
      )
    }
    if (stored._tag === "incomplete") {
      return reject(
        400,
        "IncompleteBody",
        "You did not provide the number of bytes specified by the Content-Length HTTP header"
      )
    }
    respond(200, "", omitETag ? {} : { ETag: stored.etag })
  }

  private get uploadsDirectory(): string {
    // s3rver's filesystem store keeps multipart uploads under `<bucket>/._S3rver_uploads/<upload id>/`.
    return path.join(this.options.directory, BUCKET, "._S3rver_uploads")
  }

  /**
   * Completes a multipart upload the way s3rver's filesystem store lays it out, without
   * reading the parts back through a hash: checks the part list (ascending, each part
   * present with its ETag), concatenates the part files into the object, keeps the
   * metadata given at creation, and records the S3 multipart ETag (MD5 of the parts' MD5s,
   * `-<count>`).
   */
  private async assemble(
    key: string,
    uploadId: string,
    parts: ReadonlyArray<{ readonly partNumber: number; readonly etag: string }>,
    minPartSize = 0
  ): Promise<{ readonly _tag: "completed"; readonly etag: string } | Refused> {
    const noSuchUpload = refused(
      404,
      "NoSuchUpload",
      "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."
    )
    if (!/^[A-Za-z0-9_-]+$/.test(uploadId) || !validKey(key)) return noSuchUpload
    const uploadDir = path.join(this.uploadsDirectory, uploadId)
    const storedKey = await fs.promises.readFile(path.join(uploadDir, "key"), "utf8").catch(() => undefined)
    if (storedKey === undefined) {
      // Completed already (the answer may have been lost in a crash): the same part list
      // completes again to the same object.
      const done = this.completedManifest(uploadId)
      const same = done !== undefined && done.key === key && done.parts.length === parts.length &&
        parts.every((p, i) =>
          done.parts[i]!.partNumber === p.partNumber && done.parts[i]!.etag === p.etag.replace(/"/g, "")
        )
      return same ? { _tag: "completed", etag: JSON.stringify(done.etag) } : noSuchUpload
    }
    if (storedKey !== key) return noSuchUpload
    if (parts.length === 0) {
      return refused(
        400,
        "MalformedXML",
        "The XML you provided was not well-formed or did not validate against our published schema."
      )
    }
    const digests: Array<Buffer> = []
    const manifest: Array<CompletedPart> = []
    let previous = 0
    for (const part of parts) {
      if (!Number.isInteger(part.partNumber) || part.partNumber <= previous) {
        return refused(
          400,
          "InvalidPartOrder",
          "The list of parts was not in ascending order. Parts must be ordered by part number."
        )
      }
      previous = part.partNumber
      const md5 = await fs.promises.readFile(path.join(uploadDir, `${part.partNumber}.md5`), "utf8").catch(() => "")
      if (md5 === "" || md5 !== part.etag.replace(/"/g, "")) {
        return refused(
          400,
          "InvalidPart",
          "One or more of the specified parts could not be found. The part might not have been uploaded, or the specified entity tag might not have matched the part's entity tag."
        )
      }
      digests.push(Buffer.from(md5, "hex"))
      const { size } = await fs.promises.stat(path.join(uploadDir, String(part.partNumber)))
      manifest.push({ partNumber: part.partNumber, etag: md5, size })
      if (minPartSize > 0 && part !== parts[parts.length - 1]) {
        if (size < minPartSize) {
          return refused(400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size.")
        }
      }
    }
    const destination = this.objectPath(key)
    await fs.promises.mkdir(path.dirname(destination), { recursive: true })
    const temporary = path.join(path.dirname(destination), `.incoming-${randomBytes(8).toString("hex")}`)
    const out = await fs.promises.open(temporary, "w")
    try {
      const buffer = Buffer.allocUnsafe(4 * 1024 * 1024)
      for (const part of parts) {
        const input = await fs.promises.open(path.join(uploadDir, String(part.partNumber)), "r")
        try {
          for (;;) {
            const { bytesRead } = await input.read(buffer, 0, buffer.length, null)
            if (bytesRead === 0) break
            await out.write(buffer, 0, bytesRead)
          }
        } finally {
          await input.close()
        }
      }
    } catch (cause) {
      await out.close()
      await fs.promises.rm(temporary, { force: true })
      throw cause
    }
    await out.sync()
    await out.close()
    const created = await fs.promises.readFile(path.join(uploadDir, "metadata"), "utf8")
      .then((text) => JSON.parse(text) as Record<string, unknown>)
      .catch(() => ({} as Record<string, unknown>))
    const metadata: Record<string, string> = {}
    for (const [name, value] of Object.entries(created)) {
      if (typeof value === "string" && (STORED_METADATA.has(name) || name.startsWith("x-amz-meta-"))) {
        metadata[name] = value
      }
    }
    const etag = `${createHash("md5").update(Buffer.concat(digests)).digest("hex")}-${parts.length}`
    await Promise.all([
      writeFileDurably(`${destination}.md5`, etag),
      writeFileDurably(metadataPathOf(destination), JSON.stringify(metadata, null, 2))
    ])
    await fs.promises.rename(temporary, destination)
    await syncDirectory(path.dirname(destination))
    // What the upload was made of outlives its part files, for a completion sent again.
    await writeFileDurably(this.manifestPath(uploadId), JSON.stringify({ key, etag, parts: manifest }))
    await fs.promises.rm(uploadDir, { recursive: true, force: true })
    return { _tag: "completed", etag: JSON.stringify(etag) }
  }

  /** Where s3rver's filesystem store keeps an object of the bucket. */
  private objectPath(key: string): string {
    // As s3rver's store does, Windows-unsafe characters are written `&<hex>`.
    const encoded = process.platform === "win32"
      ? key.replace(/[<>:"\\|?*]/g, (c) => `&${Buffer.from(c, "utf8").toString("hex")}`)
      : key
    const segments = encoded.split("/")
    const name = segments.pop()!
    return path.join(this.options.directory, BUCKET, ...segments, `${name}._S3rver_object`)
  }

  /** CompleteMultipartUpload from a header-signed client, answered by {@link assemble}. */
  private async complete(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    record: StorageRequest,
    key: string,
    uploadId: string,
    payloadSha256: string | undefined
  ): Promise<void> {
    const body = await readBody(req, MAX_CHECKED_FORWARD_BODY)
    const answer = (status: number, xml: string) => {
      record.status = status
      res.writeHead(status, { "Content-Type": "application/xml" })
      res.end(xml)
    }
    if (body === undefined) {
      return answer(400, xmlError("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size"))
    }
    if (payloadSha256 !== undefined && createHash("sha256").update(body).digest("hex") !== payloadSha256) {
      return answer(
        400,
        xmlError(
          "XAmzContentSHA256Mismatch",
          "The provided 'x-amz-content-sha256' header does not match what was computed."
        )
      )
    }
    const parts = [...body.toString("utf8").matchAll(/<Part>([\s\S]*?)<\/Part>/g)].map((m) => ({
      partNumber: Number(/<PartNumber>\s*(\d+)\s*<\/PartNumber>/.exec(m[1]!)?.[1]),
      etag: unescapeXml(/<ETag>([\s\S]*?)<\/ETag>/.exec(m[1]!)?.[1] ?? "")
    }))
    const outcome = await this.assemble(key, uploadId, parts, S3_MIN_PART_SIZE)
    if (outcome._tag === "refused") return answer(outcome.status, xmlError(outcome.code, outcome.message))
    answer(
      200,
      `<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
        `<Location>${escapeXml(`${this.frontUrl}/${BUCKET}/${key}`)}</Location><Bucket>${BUCKET}</Bucket>` +
        `<Key>${escapeXml(key)}</Key><ETag>${escapeXml(outcome.etag)}</ETag></CompleteMultipartUploadResult>`
    )
  }

  /**
   * Streams a PUT body into the store's files: hashes it on the way into a temporary file
   * beside its destination, then, when the length and any promised SHA-256 match, writes the
   * MD5 (and, for an object, the metadata) the store reads and moves the file into place.
   */
  private async writeBody(
    req: http.IncomingMessage,
    target: UploadTarget,
    payloadSha256: string | undefined
  ): Promise<
    | { readonly _tag: "stored"; readonly etag: string; readonly size: number }
    | { readonly _tag: "mismatch" }
    | { readonly _tag: "incomplete" }
  > {
    const destination = target._tag === "part"
      ? path.join(this.uploadsDirectory, target.uploadId, String(target.partNumber))
      : this.objectPath(target.key)
    const directory = path.dirname(destination)
    await fs.promises.mkdir(directory, { recursive: true })
    const temporary = path.join(directory, `.incoming-${randomBytes(8).toString("hex")}`)
    const md5 = createHash("md5")
    const sha256 = payloadSha256 === undefined ? undefined : createHash("sha256")
    let size = 0
    try {
      await pipeline(
        req,
        new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            md5.update(chunk)
            sha256?.update(chunk)
            size += chunk.length
            callback(null, chunk)
          }
        }),
        fs.createWriteStream(temporary, { highWaterMark: 1024 * 1024 })
      )
      if (size !== Number(req.headers["content-length"])) {
        await fs.promises.rm(temporary, { force: true })
        return { _tag: "incomplete" }
      }
      if (sha256 !== undefined && sha256.digest("hex") !== payloadSha256) {
        await fs.promises.rm(temporary, { force: true })
        return { _tag: "mismatch" }
      }
      await syncFile(temporary)
      const md5Hex = md5.digest("hex")
      if (target._tag === "part") {
        await writeFileDurably(`${destination}.md5`, md5Hex)
      } else {
        const metadata: Record<string, string> = {}
        for (const [name, value] of Object.entries(req.headers)) {
          if (typeof value === "string" && (STORED_METADATA.has(name) || name.startsWith("x-amz-meta-"))) {
            metadata[name] = value
          }
        }
        await Promise.all([
          writeFileDurably(`${destination}.md5`, md5Hex),
          writeFileDurably(metadataPathOf(destination), JSON.stringify(metadata, null, 2))
        ])
      }
      await fs.promises.rename(temporary, destination)
      await syncDirectory(directory)
      return { _tag: "stored", etag: JSON.stringify(md5Hex), size }
    } catch (cause) {
      await fs.promises.rm(temporary, { force: true })
      throw cause
    }
  }

  /**
   * Passes a verified header-signed request on to the store, unsigned (the store trusts its
   * front), and streams the answer back. A body whose SHA-256 was signed is read whole and
   * checked first; an unsigned one is streamed.
   */
  private async forward(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    record: StorageRequest,
    pathname: string,
    query: ReadonlyArray<readonly [string, string]>,
    payloadSha256: string | undefined,
    omitETag: boolean
  ): Promise<void> {
    let body: Buffer | undefined
    if (payloadSha256 !== undefined) {
      body = await readBody(req, MAX_CHECKED_FORWARD_BODY)
      if (body === undefined) {
        record.status = 400
        res.writeHead(400, { "Content-Type": "application/xml" })
        res.end(xmlError("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size"))
        return
      }
      if (createHash("sha256").update(body).digest("hex") !== payloadSha256) {
        record.status = 400
        res.writeHead(400, { "Content-Type": "application/xml" })
        res.end(
          xmlError(
            "XAmzContentSHA256Mismatch",
            "The provided 'x-amz-content-sha256' header does not match what was computed."
          )
        )
        return
      }
    }
    const headers: http.OutgoingHttpHeaders = {}
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !HOP_HEADERS.has(name)) headers[name] = value
    }
    if (body !== undefined) headers["content-length"] = String(body.length)
    const search = query.map(([key, value]) =>
      value === "" ? strictEncode(key) : `${strictEncode(key)}=${strictEncode(value)}`
    )
      .join("&")
    const upstream = http.request({
      host: "127.0.0.1",
      port: this.storePort,
      method: req.method,
      path: search.length > 0 ? `${pathname}?${search}` : pathname,
      headers
    })
    const answer = new Promise<http.IncomingMessage>((resolve, reject) => {
      upstream.once("response", resolve)
      upstream.once("error", reject)
    })
    if (body !== undefined) upstream.end(body)
    else await pipeline(req, upstream)
    const response = await answer
    const responseHeaders = { ...response.headers }
    if (omitETag) delete responseHeaders.etag
    record.status = response.statusCode ?? 502
    res.writeHead(record.status, responseHeaders)
    await pipeline(response, res)
  }
}

const syncFile = async (file: string): Promise<void> => {
  const handle = await fs.promises.open(file, "r+")
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

const metadataPathOf = (objectPath: string): string => objectPath.replace(/\._S3rver_object$/, "._S3rver_metadata.json")

const escapeXml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

const unescapeXml = (text: string): string =>
  text.replace(/&quot;/g, "\"").replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(
    /&#(x?)([0-9a-fA-F]+);/g,
    (_, hex: string, code: string) => String.fromCodePoint(parseInt(code, hex ? 16 : 10))
  ).replace(/&amp;/g, "&")

/** A request body read whole, or `undefined` (and the rest discarded) past `limit` bytes. */
const readBody = async (req: http.IncomingMessage, limit: number): Promise<Buffer | undefined> => {
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

/** A key the front may turn into a path under the bucket's directory. */
const validKey = (key: string): boolean =>
  key.length > 0 && !key.includes("\0") && !key.split("/").some((segment) => segment === "." || segment === "..")

/** CompleteMultipartUpload (`POST /<bucket>/<key>?uploadId=...`) of the store's bucket. */
const completionTarget = (
  pathname: string,
  query: ReadonlyArray<readonly [string, string]>
): { readonly key: string; readonly uploadId: string } | undefined => {
  const prefix = `/${BUCKET}/`
  if (!pathname.startsWith(prefix) || pathname.length === prefix.length) return undefined
  const uploadId = query.find(([key]) => key === "uploadId")?.[1]
  if (uploadId === undefined || query.some(([key]) => key !== "uploadId" && key !== "x-id")) return undefined
  return { key: safeDecode(pathname.slice(prefix.length)), uploadId }
}

const safeDecode = (value: string): string => {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/**
 * What a PUT stores, when the front can write it itself: an object or a part of the store's
 * bucket. `undefined` for anything else (other buckets, copies, subresources such as
 * `?tagging`), which is forwarded.
 */
const uploadTarget = (
  pathname: string,
  query: ReadonlyArray<readonly [string, string]>,
  headers: http.IncomingHttpHeaders
): UploadTarget | "bad-part-number" | "bad-key" | undefined => {
  const prefix = `/${BUCKET}/`
  if (!pathname.startsWith(prefix) || pathname.length === prefix.length) return undefined
  if (headers["x-amz-copy-source"] !== undefined) return undefined
  const params = new Map(query)
  const uploadId = params.get("uploadId")
  const partNumberText = params.get("partNumber")
  const operational = query.filter(([key]) => key !== "uploadId" && key !== "partNumber" && key !== "x-id")
  if (operational.length > 0 || (uploadId === undefined) !== (partNumberText === undefined)) return undefined
  const key = safeDecode(pathname.slice(prefix.length))
  // The key names files under the bucket's directory: refuse segments that would leave it.
  if (!validKey(key)) return "bad-key"
  if (uploadId === undefined) return { _tag: "object", key }
  const partNumber = Number(partNumberText)
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000) return "bad-part-number"
  if (!/^[A-Za-z0-9_-]+$/.test(uploadId)) return "bad-key"
  return { _tag: "part", key, uploadId, partNumber }
}
