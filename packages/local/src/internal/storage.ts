import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { pipeline } from "node:stream/promises"
import type { StorageEndpoint } from "../LocalHotdata.js"
import { applyCors } from "./cors.js"
import { applyFault, type FaultRegistry, type StorageRequest } from "./faults.js"
import { makeHostCheck } from "./hostCheck.js"
import { DiskStore, type PartRecord, type UploadTarget } from "./storage/disk.js"
import {
  BUCKET,
  escapeXml,
  parseQuery,
  readBody,
  REGION,
  safeDecode,
  unescapeXml,
  validKey,
  xmlError
} from "./storage/protocol.js"
import { serveStore } from "./storage/s3.js"
import {
  objectPath,
  presignUrl,
  type S3Credentials,
  s3Signer,
  verifyHeaderSigned,
  verifyPresigned
} from "./storage/sigv4.js"

/** @internal */
export interface StorageOptions {
  readonly directory: string
  readonly host: string
  readonly urlTtlSeconds: number
  /** What presigned URLs are signed with and header-signed requests must be signed with. */
  readonly credentials: S3Credentials
  readonly faults: FaultRegistry
  /** The origin browsers may upload from (`*` for any), or `undefined`. */
  readonly cors?: string | undefined
  /** Names besides the server's own that requests may give as `Host` (`*`: any). */
  readonly allowedHosts?: ReadonlyArray<string> | undefined
}

/**
 * What the API's handlers use of object storage: the embedded store ({@link Storage}) or an
 * external S3-compatible one (`storage/external.ts`).
 *
 * @internal
 */
export interface ObjectStorage {
  /** Where presigned URLs point. */
  readonly frontUrl: string
  readonly endpoint: StorageEndpoint
  presignPut(key: string): Promise<string>
  presignPart(key: string, uploadId: string, partNumber: number): Promise<string>
  createMultipart(key: string, contentType: string | null): Promise<string>
  /** The parts received for a multipart upload, by part number. */
  receivedParts(uploadId: string, key: string): Promise<ReadonlyMap<number, PartRecord>>
  completeMultipart(
    key: string,
    uploadId: string,
    parts: ReadonlyArray<{ readonly part_number: number; readonly e_tag: string }>
  ): Promise<void>
  /** The size of a stored object, or `null` when there is none. */
  objectSize(key: string): Promise<number | null>
  /** Copies an object into a local file. */
  download(key: string, file: string): Promise<void>
  close(): Promise<void>
}

/** Query parameters that belong to a presigned URL's signature rather than to the operation. */
const isPresignParam = (key: string): boolean => key.startsWith("X-Amz-")

/** S3's smallest part but the last; API finalize applies the server's own (configurable) minimum. */
const S3_MIN_PART_SIZE = 5 * 1024 * 1024

/** Bodies of requests with a signed payload hash that the front reads whole are checked up to this size. */
const MAX_CHECKED_BODY = 64 * 1024 * 1024

/**
 * Object storage: an S3-protocol store of the server's own, reachable only through a strict
 * front, in one of two ways, as with S3: a presigned URL (query auth), or a request signed
 * in the `Authorization` header with the store's credentials (header auth) — never both at
 * once. The front checks signatures and expiry (403 like S3 for an expired or badly signed
 * request), records every request and applies injected faults; there is no other way in.
 *
 * Object and part bodies are streamed: the front hashes them (MD5 for the ETag, SHA-256 when
 * the signature promised one) while writing them into the store's files ({@link DiskStore}),
 * and moves them into place only once complete and verified. The other operations a
 * header-signed client asks (create/abort multipart, GET, HEAD, list, copy, delete) are
 * answered by the store itself (`storage/s3.ts`).
 *
 * The methods besides the front are what the API's handlers use.
 *
 * @internal
 */
export class Storage implements ObjectStorage {
  private readonly signer: ReturnType<typeof s3Signer>

  private constructor(
    private readonly disk: DiskStore,
    private readonly front: http.Server,
    readonly frontUrl: string,
    private readonly options: StorageOptions
  ) {
    this.signer = s3Signer(options.credentials, REGION)
  }

  static async start(options: StorageOptions): Promise<Storage> {
    fs.mkdirSync(options.directory, { recursive: true })
    const disk = new DiskStore(options.directory)
    const ref: { current?: Storage } = {}
    const checkHost = makeHostCheck(options)
    const front = http.createServer((req, res) => {
      const storage = ref.current
      const refusal = checkHost(req)
      if (refusal !== undefined) {
        req.resume()
        res.writeHead(refusal.status, { "Content-Type": "application/xml" })
        res.end(xmlError(refusal.status === 421 ? "MisdirectedRequest" : "AccessDenied", refusal.message))
        return
      }
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
    const storage = new Storage(disk, front, frontUrl, options)
    ref.current = storage
    return storage
  }

  /** The front as an S3 endpoint, with the store's bucket and credentials. */
  get endpoint(): StorageEndpoint {
    return {
      endpoint: this.frontUrl,
      bucket: BUCKET,
      region: REGION,
      accessKeyId: this.options.credentials.accessKeyId,
      secretAccessKey: this.options.credentials.secretAccessKey
    }
  }

  presignPut(key: string): Promise<string> {
    return presignUrl(this.frontUrl, "PUT", objectPath(BUCKET, key), {}, this.options.urlTtlSeconds, this.signer)
  }

  presignPart(key: string, uploadId: string, partNumber: number): Promise<string> {
    return presignUrl(
      this.frontUrl,
      "PUT",
      objectPath(BUCKET, key),
      { partNumber: String(partNumber), uploadId },
      this.options.urlTtlSeconds,
      this.signer
    )
  }

  createMultipart(key: string, contentType: string | null): Promise<string> {
    return this.disk.createMultipart(key, contentType ? { "content-type": contentType } : {})
  }

  /**
   * The parts received for a multipart upload, by part number (read from the store's files,
   * so they survive a restart); for an upload completed already, the parts it was made of.
   */
  receivedParts(uploadId: string): Promise<ReadonlyMap<number, PartRecord>> {
    return Promise.resolve(this.disk.receivedParts(uploadId))
  }

  async completeMultipart(
    key: string,
    uploadId: string,
    parts: ReadonlyArray<{ readonly part_number: number; readonly e_tag: string }>
  ): Promise<void> {
    const outcome = await this.disk.assemble(
      key,
      uploadId,
      parts.map((p) => ({ partNumber: p.part_number, etag: p.e_tag }))
    )
    if (outcome._tag === "refused") throw new Error(`${outcome.code}: ${outcome.message}`)
  }

  /** The size of a stored object, or `null` when there is none. */
  async objectSize(key: string): Promise<number | null> {
    return (await this.disk.head(key))?.size ?? null
  }

  async download(key: string, file: string): Promise<void> {
    if ((await this.disk.head(key)) === undefined) throw new Error(`the object store has no object ${key}`)
    await pipeline(this.disk.read(key), fs.createWriteStream(file))
  }

  async close(): Promise<void> {
    this.front.closeAllConnections()
    await new Promise<void>((resolve) => this.front.close(() => resolve()))
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

    const action = await applyFault(this.options.faults.take("storage"), req)
    if (action._tag === "Stop") {
      if (action.reset) record.status = 0
      return
    }
    if (action._tag === "Refuse") {
      return reject(
        action.status,
        action.code ?? (action.status === 429 || action.status === 503 ? "SlowDown" : "InjectedFault"),
        action.message ?? "Injected fault",
        action.headers
      )
    }
    if (action.expireUrl) return reject(403, "AccessDenied", "Request has expired")
    if (action.cut !== undefined) {
      req.resume()
      record.status = 200
      res.writeHead(200, { "Content-Type": "application/xml", "Content-Length": "64" })
      res.write("<?xml version=")
      res.destroy()
      return
    }
    const omitETag = action.omitETag

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
      ? await verifyPresigned(this.options.credentials, method, pathname, query, req.headers)
      : await verifyHeaderSigned(this.options.credentials, method, pathname, query, req.headers)
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
      return this.serve(req, res, record, pathname, operationQuery, verdict.payloadSha256, omitETag)
    }
    if (target === "bad-part-number") {
      return reject(400, "InvalidArgument", "Part number must be an integer between 1 and 10000")
    }
    if (target === "bad-key") return reject(400, "InvalidArgument", "The object key is not valid for this store")
    if (target._tag === "part" && !this.disk.uploadOpen(target.key, target.uploadId)) {
      return reject(
        404,
        "NoSuchUpload",
        "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."
      )
    }
    const stored = await this.disk.writeBody(req, target, verdict.payloadSha256)
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

  /** CompleteMultipartUpload from a header-signed client, answered by {@link assemble}. */
  private async complete(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    record: StorageRequest,
    key: string,
    uploadId: string,
    payloadSha256: string | undefined
  ): Promise<void> {
    const body = await readBody(req, MAX_CHECKED_BODY)
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
    const outcome = await this.disk.assemble(key, uploadId, parts, S3_MIN_PART_SIZE)
    if (outcome._tag === "refused") return answer(outcome.status, xmlError(outcome.code, outcome.message))
    answer(
      200,
      `<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
        `<Location>${escapeXml(`${this.frontUrl}/${BUCKET}/${key}`)}</Location><Bucket>${BUCKET}</Bucket>` +
        `<Key>${escapeXml(key)}</Key><ETag>${escapeXml(outcome.etag)}</ETag></CompleteMultipartUploadResult>`
    )
  }

  /**
   * Answers a verified header-signed request with the store; a body whose SHA-256 was signed
   * is checked first.
   */
  private async serve(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    record: StorageRequest,
    pathname: string,
    query: ReadonlyArray<readonly [string, string]>,
    payloadSha256: string | undefined,
    omitETag: boolean
  ): Promise<void> {
    if (payloadSha256 !== undefined && payloadSha256 !== EMPTY_SHA256) {
      const body = await readBody(req, MAX_CHECKED_BODY)
      const refuse = (status: number, code: string, message: string) => {
        record.status = status
        res.writeHead(status, { "Content-Type": "application/xml" })
        res.end(xmlError(code, message))
      }
      if (body === undefined) {
        return refuse(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size")
      }
      if (createHash("sha256").update(body).digest("hex") !== payloadSha256) {
        return refuse(
          400,
          "XAmzContentSHA256Mismatch",
          "The provided 'x-amz-content-sha256' header does not match what was computed."
        )
      }
    }
    return serveStore(this.disk, req, res, record, pathname, query, omitETag)
  }
}

const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

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
