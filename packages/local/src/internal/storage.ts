import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand
} from "@aws-sdk/client-s3"
import { getSignedUrl } from "@aws-sdk/s3-request-presigner"
import { createHash, createHmac, timingSafeEqual } from "node:crypto"
import * as fs from "node:fs"
import * as http from "node:http"
import { createRequire } from "node:module"
import type { AddressInfo } from "node:net"
import { Readable } from "node:stream"
import { pipeline } from "node:stream/promises"
import type { FaultRegistry, StorageRequest } from "./faults.js"

// The AWS SDK warns about Node 20 on every start; that is noise for a local development server.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true"

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
}

interface PartRecord {
  readonly etag: string
  readonly size: number
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

type Verdict = "ok" | "expired" | "invalid"

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
  if (params.get("X-Amz-Algorithm") !== "AWS4-HMAC-SHA256") return "invalid"
  const credential = params.get("X-Amz-Credential")
  const amzDate = params.get("X-Amz-Date")
  const expires = Number(params.get("X-Amz-Expires"))
  const signedHeaders = params.get("X-Amz-SignedHeaders")
  const signature = params.get("X-Amz-Signature")
  if (!credential || !amzDate || !signedHeaders || !signature || !Number.isFinite(expires)) return "invalid"
  const [accessKey, date, region, service, terminator] = credential.split("/")
  if (accessKey !== ACCESS_KEY || !date || !region || !service || terminator !== "aws4_request") return "invalid"
  const canonicalQuery = query
    .filter(([key]) => key !== "X-Amz-Signature")
    .map(([key, value]) => [strictEncode(key), strictEncode(value)] as const)
    .sort(([a, av], [b, bv]) => a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0)
    .map(([key, value]) => `${key}=${value}`)
    .join("&")
  const headerNames = signedHeaders.split(";")
  const canonicalHeaders = headerNames.map((name) => {
    const value = headers[name]
    const text = Array.isArray(value) ? value.join(",") : value ?? ""
    return `${name}:${text.trim().replace(/\s+/g, " ")}\n`
  }).join("")
  const payloadHash = params.get("X-Amz-Content-Sha256") ?? "UNSIGNED-PAYLOAD"
  const canonicalRequest = [method, pathname, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash].join("\n")
  const scope = `${date}/${region}/${service}/aws4_request`
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonicalRequest)].join("\n")
  const key = hmac(hmac(hmac(hmac(`AWS4${SECRET_KEY}`, date), region), service), "aws4_request")
  const expected = createHmac("sha256", key).update(stringToSign).digest("hex")
  if (expected.length !== signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    return "invalid"
  }
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate)
  if (!m) return "invalid"
  const signedAt = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]))
  if (Date.now() > signedAt + expires * 1000) return "expired"
  return "ok"
}

/**
 * Object storage: an S3-protocol store (s3rver) on a private port, and a strict front that
 * clients reach through presigned URLs. The front checks signatures and expiry itself
 * (403 like S3 for an expired or badly signed URL, or a request that also carries an
 * `Authorization` header), records every request, applies injected faults, and forwards
 * accepted writes to the store.
 *
 * @internal
 */
export class Storage {
  private readonly parts = new Map<string, Map<number, PartRecord>>()

  private constructor(
    private readonly store: S3rverInstance,
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
    const storage = new Storage(store, backend, signer, front, frontUrl, options)
    ref.current = storage
    return storage
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

  /** The parts received for a multipart upload, by part number. */
  receivedParts(uploadId: string): ReadonlyMap<number, PartRecord> {
    return this.parts.get(uploadId) ?? new Map()
  }

  async completeMultipart(
    key: string,
    uploadId: string,
    parts: ReadonlyArray<{ readonly part_number: number; readonly e_tag: string }>
  ): Promise<void> {
    await this.backend.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.part_number, ETag: p.e_tag })) }
      })
    )
    this.parts.delete(uploadId)
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
    const record: StorageRequest = {
      method: req.method ?? "GET",
      path: decodeURIComponent(pathname),
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

    if (req.method !== "PUT") {
      return reject(405, "MethodNotAllowed", "Only presigned PUT requests are accepted by this store")
    }
    if (req.headers.authorization !== undefined) {
      return reject(
        403,
        "AccessDenied",
        "Only one auth mechanism allowed; a presigned request must not carry an Authorization header"
      )
    }
    const verdict = verifyPresigned("PUT", pathname, query, req.headers)
    if (verdict === "expired") return reject(403, "AccessDenied", "Request has expired")
    if (verdict === "invalid") {
      return reject(
        403,
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided"
      )
    }
    if (req.headers["content-length"] === undefined) {
      return reject(411, "MissingContentLength", "You must provide the Content-Length HTTP header")
    }
    const chunks: Array<Buffer> = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)

    const prefix = `/${BUCKET}/`
    if (!pathname.startsWith(prefix)) return reject(404, "NoSuchBucket", "The specified bucket does not exist")
    const key = decodeURIComponent(pathname.slice(prefix.length))
    const params = new Map(query)
    const uploadId = params.get("uploadId")
    const partNumber = Number(params.get("partNumber"))
    let etag: string | undefined
    if (uploadId !== undefined) {
      if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000) {
        return reject(400, "InvalidArgument", "Part number must be an integer between 1 and 10000")
      }
      const out = await this.backend.send(
        new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, PartNumber: partNumber, Body: body })
      )
      etag = out.ETag
      if (etag !== undefined) {
        let parts = this.parts.get(uploadId)
        if (parts === undefined) {
          parts = new Map()
          this.parts.set(uploadId, parts)
        }
        parts.set(partNumber, { etag, size: body.length })
      }
    } else {
      const out = await this.backend.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }))
      etag = out.ETag
    }
    respond(200, "", omitETag || etag === undefined ? {} : { ETag: etag })
  }
}
