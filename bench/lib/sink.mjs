// A discard sink for the upload benchmark, run as its own process: a storage endpoint that
// reads every body, drops the bytes and answers an ETag, plus the API's three upload
// routes (open a session, mint part URLs pointing at the sink, finalize) and the three
// S3 multipart calls `@aws-sdk/lib-storage` makes. Bytes received are counted per upload
// (`GET /stats`), aborted bodies included, so a benchmark can see what was sent again.
//
//   node bench/lib/sink.mjs   -> prints "listening <port>"
import { randomUUID } from "node:crypto"
import * as http from "node:http"

const MiB = 1024 * 1024
const uploads = new Map() // id -> { bytes, puts, parts: Map<n, size> }
const record = (id) => {
  let upload = uploads.get(id)
  if (upload === undefined) uploads.set(id, upload = { bytes: 0, puts: 0, parts: new Map() })
  return upload
}

const readJson = (request) =>
  new Promise((resolve, reject) => {
    let text = ""
    request.setEncoding("utf8")
    request.on("data", (chunk) => text += chunk)
    request.on("end", () => resolve(text === "" ? {} : JSON.parse(text)))
    request.on("error", reject)
  })

const json = (response, status, body) => {
  const text = JSON.stringify(body)
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) })
  response.end(text)
}
const xml = (response, body) => {
  response.writeHead(200, { "content-type": "application/xml", "content-length": Buffer.byteLength(body) })
  response.end(body)
}

/** Reads and drops a body, counting it against `id`; answers the ETag of part `n`. */
const discard = (request, response, id, n) => {
  const upload = record(id)
  let size = 0
  request.on("data", (chunk) => {
    size += chunk.length
    upload.bytes += chunk.length
  })
  request.on("end", () => {
    upload.puts++
    upload.parts.set(n, size)
    response.writeHead(200, { etag: `"${id.slice(0, 8)}-${n}-${size}"`, "content-length": 0 })
    response.end()
  })
  request.on("error", () => {})
}

const server = http.createServer(async (request, response) => {
  const url = new URL(request.url, "http://sink")
  const route = url.pathname.split("/").filter(Boolean)
  const base = `http://127.0.0.1:${server.address().port}`
  try {
    // The API's upload routes.
    if (route[0] === "v1" && route[1] === "uploads") {
      const body = await readJson(request)
      if (request.method === "POST" && route.length === 2) {
        const id = `upld_${randomUUID().replaceAll("-", "")}`
        record(id)
        return json(response, 201, {
          upload_id: id,
          finalize_token: randomUUID(),
          mode: "multipart",
          headers: {},
          part_size: body.part_size || 8 * MiB
        })
      }
      const id = route[2]
      if (request.method === "POST" && route[3] === "parts") {
        const parts = [...new Set(body.part_numbers)].sort((a, b) => a - b)
          .map((n) => ({ part_number: n, url: `${base}/put/${id}/${n}?X-Signature=sink` }))
        return json(response, 200, { parts })
      }
      if (request.method === "POST" && route[3] === "finalize") {
        const upload = record(id)
        const size = body.parts.reduce((sum, part) => sum + (upload.parts.get(part.part_number) ?? 0), 0)
        return json(response, 200, {
          upload_id: id,
          status: "finalized",
          size_bytes: size,
          created_at: new Date().toISOString(),
          content_type: null
        })
      }
    }
    if (request.method === "PUT" && route[0] === "put") return discard(request, response, route[1], Number(route[2]))
    if (request.method === "GET" && route[0] === "stats") {
      return json(response, 200, Object.fromEntries([...uploads].map(([id, u]) => [id, { bytes: u.bytes, puts: u.puts }])))
    }
    // S3 multipart calls (path style: /<bucket>/<key>).
    if (request.method === "POST" && url.searchParams.has("uploads")) {
      await readJson(request).catch(() => ({}))
      const id = `s3_${randomUUID().replaceAll("-", "")}`
      record(id)
      return xml(
        response,
        `<?xml version="1.0" encoding="UTF-8"?><InitiateMultipartUploadResult><Bucket>${route[0]}</Bucket>` +
          `<Key>${route.slice(1).join("/")}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`
      )
    }
    if (request.method === "PUT" && url.searchParams.has("uploadId")) {
      return discard(request, response, url.searchParams.get("uploadId"), Number(url.searchParams.get("partNumber")))
    }
    if (request.method === "POST" && url.searchParams.has("uploadId")) {
      request.resume()
      await new Promise((resolve) => request.on("end", resolve))
      return xml(
        response,
        `<?xml version="1.0" encoding="UTF-8"?><CompleteMultipartUploadResult><Location>${base}${url.pathname}</Location>` +
          `<Bucket>${route[0]}</Bucket><Key>${route.slice(1).join("/")}</Key><ETag>"done"</ETag></CompleteMultipartUploadResult>`
      )
    }
    if (request.method === "PUT") return discard(request, response, `put_${url.pathname}`, 1)
    json(response, 404, { error: { message: `no route ${request.method} ${url.pathname}` } })
  } catch (cause) {
    json(response, 500, { error: { message: String(cause) } })
  }
})
server.keepAliveTimeout = 60_000
server.listen(0, "127.0.0.1", () => process.stdout.write(`listening ${server.address().port}\n`))
