/**
 * The S3 operations the embedded store answers itself (everything but object and part PUTs
 * and multipart completion, which the front streams into the store's files): multipart
 * create and abort, GET and HEAD of objects (with a byte range), DELETE, copy, and
 * ListObjects (V1 and V2) of the one bucket, and ListParts. Only the front calls this, after it verified
 * the request's signature.
 *
 * @internal
 */
import type * as http from "node:http"
import { pipeline } from "node:stream/promises"
import type { StorageRequest } from "../faults.js"
import { type DiskStore, metadataOf, noSuchUpload, type ObjectInfo } from "./disk.js"
import { BUCKET, escapeXml, REGION, safeDecode, validKey, xmlError } from "./protocol.js"

const XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/"
const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`

const objectHeaders = (info: ObjectInfo): Record<string, string> => ({
  ...info.metadata,
  "Content-Type": info.metadata["content-type"] ?? "application/octet-stream",
  ETag: info.etag,
  "Last-Modified": info.lastModified.toUTCString(),
  "Accept-Ranges": "bytes"
})

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` against a size; `undefined` for no or an unusable range. */
const parseRange = (
  header: string | undefined,
  size: number
): { start: number; end: number } | "unsatisfiable" | undefined => {
  const m = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (m === null || (m[1] === "" && m[2] === "")) return undefined
  let start: number
  let end: number
  if (m[1] === "") {
    start = Math.max(0, size - Number(m[2]))
    end = size - 1
  } else {
    start = Number(m[1])
    end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1)
  }
  if (start >= size || start > end) return "unsatisfiable"
  return { start, end }
}

/** Answers one verified request to the store. */
export const serveStore = async (
  store: DiskStore,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  record: StorageRequest,
  pathname: string,
  query: ReadonlyArray<readonly [string, string]>,
  omitETag: boolean
): Promise<void> => {
  const method = req.method ?? "GET"
  const params = new Map(query)
  const answer = (status: number, body = "", headers: Record<string, string> = {}) => {
    record.status = status
    if (omitETag) delete headers.ETag
    res.writeHead(status, body === "" ? headers : { "Content-Type": "application/xml", ...headers })
    res.end(method === "HEAD" ? undefined : body)
  }
  const fail = (status: number, code: string, message: string) => {
    req.resume()
    answer(status, method === "HEAD" ? "" : xmlError(code, message))
  }
  const segments = pathname.split("/")
  const bucket = safeDecode(segments[1] ?? "")
  const key = safeDecode(segments.slice(2).join("/"))

  if (bucket === "") {
    if (method !== "GET") {
      return fail(405, "MethodNotAllowed", "The specified method is not allowed against this resource.")
    }
    req.resume()
    return answer(
      200,
      xml(
        `<ListAllMyBucketsResult xmlns="${XMLNS}"><Owner><ID>local</ID><DisplayName>local</DisplayName></Owner>` +
          `<Buckets><Bucket><Name>${BUCKET}</Name><CreationDate>${
            new Date(0).toISOString()
          }</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>`
      )
    )
  }
  if (bucket !== BUCKET) return fail(404, "NoSuchBucket", "The specified bucket does not exist")

  if (key === "") {
    req.resume()
    if (method === "HEAD") return answer(200, "", { "x-amz-bucket-region": REGION })
    if (method === "GET" && params.has("location")) {
      return answer(200, xml(`<LocationConstraint xmlns="${XMLNS}"></LocationConstraint>`))
    }
    if (method !== "GET" || [...params.keys()].some((k) => !LIST_PARAMS.has(k))) {
      return fail(501, "NotImplemented", "This bucket operation is not implemented by the local store")
    }
    const v2 = params.get("list-type") === "2"
    const prefix = params.get("prefix") ?? ""
    const maxKeys = Math.max(0, Math.min(1000, Number(params.get("max-keys") ?? 1000) || 0))
    const token = params.get("continuation-token")
    const after = v2
      ? token !== undefined ? Buffer.from(token, "base64url").toString("utf8") : params.get("start-after") ?? ""
      : params.get("marker") ?? ""
    const { objects, truncated } = await store.list(prefix, after, maxKeys)
    const last = objects[objects.length - 1]?.key
    const contents = objects.map((o) =>
      `<Contents><Key>${escapeXml(o.key)}</Key><LastModified>${o.lastModified.toISOString()}</LastModified>` +
      `<ETag>${escapeXml(o.etag)}</ETag><Size>${o.size}</Size><StorageClass>STANDARD</StorageClass></Contents>`
    ).join("")
    const paging = v2
      ? `<KeyCount>${objects.length}</KeyCount>` +
        (token !== undefined ? `<ContinuationToken>${escapeXml(token)}</ContinuationToken>` : "") +
        (truncated && last !== undefined
          ? `<NextContinuationToken>${Buffer.from(last, "utf8").toString("base64url")}</NextContinuationToken>`
          : "")
      : `<Marker>${escapeXml(after)}</Marker>` +
        (truncated && last !== undefined ? `<NextMarker>${escapeXml(last)}</NextMarker>` : "")
    return answer(
      200,
      xml(
        `<ListBucketResult xmlns="${XMLNS}"><Name>${BUCKET}</Name><Prefix>${escapeXml(prefix)}</Prefix>` +
          `<MaxKeys>${maxKeys}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${paging}${contents}</ListBucketResult>`
      )
    )
  }

  if (!validKey(key)) return fail(400, "InvalidArgument", "The object key is not valid for this store")
  const subresources = [...params.keys()].filter((k) => k !== "x-id")

  if (method === "POST" && subresources.length === 1 && params.has("uploads")) {
    req.resume()
    const uploadId = await store.createMultipart(key, metadataOf(req.headers))
    return answer(
      200,
      xml(
        `<InitiateMultipartUploadResult xmlns="${XMLNS}"><Bucket>${BUCKET}</Bucket><Key>${escapeXml(key)}</Key>` +
          `<UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`
      )
    )
  }
  if (method === "DELETE" && subresources.length === 1 && params.has("uploadId")) {
    req.resume()
    if (!(await store.abortMultipart(key, params.get("uploadId")!))) {
      return fail(noSuchUpload.status, noSuchUpload.code, noSuchUpload.message)
    }
    return answer(204)
  }
  if (
    method === "GET" && params.has("uploadId") &&
    subresources.every((k) => k === "uploadId" || k === "part-number-marker" || k === "max-parts")
  ) {
    req.resume()
    const uploadId = params.get("uploadId")!
    if (!store.uploadOpen(key, uploadId)) return fail(noSuchUpload.status, noSuchUpload.code, noSuchUpload.message)
    const marker = Number(params.get("part-number-marker") ?? 0) || 0
    const maxParts = Math.max(1, Math.min(1000, Number(params.get("max-parts") ?? 1000) || 1000))
    const all = [...store.receivedParts(uploadId)].filter(([n]) => n > marker).sort(([a], [b]) => a - b)
    const page = all.slice(0, maxParts)
    const truncated = all.length > page.length
    return answer(
      200,
      xml(
        `<ListPartsResult xmlns="${XMLNS}"><Bucket>${BUCKET}</Bucket><Key>${escapeXml(key)}</Key>` +
          `<UploadId>${uploadId}</UploadId><PartNumberMarker>${marker}</PartNumberMarker>` +
          `<NextPartNumberMarker>${page[page.length - 1]?.[0] ?? marker}</NextPartNumberMarker>` +
          `<MaxParts>${maxParts}</MaxParts><IsTruncated>${truncated}</IsTruncated>` +
          page.map(([n, p]) =>
            `<Part><PartNumber>${n}</PartNumber><ETag>${escapeXml(p.etag)}</ETag><Size>${p.size}</Size></Part>`
          )
            .join("") +
          `</ListPartsResult>`
      )
    )
  }
  if (subresources.length > 0) {
    return fail(
      501,
      "NotImplemented",
      `This object operation (${subresources.join(", ")}) is not implemented by the local store`
    )
  }

  if (method === "PUT" && req.headers["x-amz-copy-source"] !== undefined) {
    req.resume()
    const source = safeDecode(String(req.headers["x-amz-copy-source"]).split("?")[0]!).replace(/^\//, "")
    const slash = source.indexOf("/")
    if (slash < 0 || source.slice(0, slash) !== BUCKET) {
      return fail(404, "NoSuchBucket", "The specified bucket does not exist")
    }
    const replace = req.headers["x-amz-metadata-directive"] === "REPLACE"
    const copied = await store.copy(source.slice(slash + 1), key, replace ? metadataOf(req.headers) : undefined)
    if (copied === undefined) return fail(404, "NoSuchKey", "The specified key does not exist.")
    return answer(
      200,
      xml(
        `<CopyObjectResult><LastModified>${copied.lastModified.toISOString()}</LastModified>` +
          `<ETag>${escapeXml(copied.etag)}</ETag></CopyObjectResult>`
      )
    )
  }
  if (method === "DELETE") {
    req.resume()
    await store.delete(key)
    return answer(204)
  }
  if (method === "GET" || method === "HEAD") {
    req.resume()
    const info = await store.head(key)
    if (info === undefined) return fail(404, "NoSuchKey", "The specified key does not exist.")
    const headers = objectHeaders(info)
    const range = parseRange(req.headers.range, info.size)
    if (range === "unsatisfiable") {
      return fail(416, "InvalidRange", "The requested range is not satisfiable")
    }
    if (omitETag) delete headers.ETag
    if (range === undefined) {
      record.status = 200
      res.writeHead(200, { ...headers, "Content-Length": String(info.size) })
      if (method === "HEAD") return void res.end()
      return pipeline(store.read(key), res)
    }
    record.status = 206
    res.writeHead(206, {
      ...headers,
      "Content-Length": String(range.end - range.start + 1),
      "Content-Range": `bytes ${range.start}-${range.end}/${info.size}`
    })
    if (method === "HEAD") return void res.end()
    return pipeline(store.read(key, range), res)
  }
  return fail(405, "MethodNotAllowed", "The specified method is not allowed against this resource.")
}

const LIST_PARAMS = new Set([
  "list-type",
  "prefix",
  "max-keys",
  "continuation-token",
  "start-after",
  "marker",
  "encoding-type",
  "fetch-owner",
  "x-id"
])
