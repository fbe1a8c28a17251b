/**
 * A server that answers garbage, for the checks of the SDK's size bounds and redaction
 * (the core tests and the runtime smoke): decompression bombs, and error pages that echo
 * the request's credentials back in the forms servers and proxies write them.
 *
 * Every answer is made at test time. `makeBombs()` compresses zeros (1 GiB with gzip to
 * about 1 MB, 512 MiB with brotli to under 1 KB); `garbageHandler(bombs)` is a
 * `node:http` request handler answering by the first segment of the path, whatever
 * follows (so `http://host:port/gzip` serves as the base URL of a client):
 *
 * - `/gzip/...`, `/br/...`: a 200 JSON answer whose body is the bomb, with its `content-length`;
 * - `/gzip-chunked/...`, `/br-chunked/...`: the same without a length (chunked);
 * - `/gzip-500/...`: a 500 whose body is the gzip bomb;
 * - `/echo-400/...`: a 400 JSON error whose message quotes the `Authorization` and
 *   `X-Upload-Finalize-Token` headers as sent, URL-encoded and HTML-escaped;
 * - `/echo-502-<form>/...`: a 502 HTML page (a proxy's) quoting them in one form: `raw`,
 *   `json` (a script's string), `json-ascii` (`\/` and `\uXXXX` escapes), `html`, `url`.
 */
import * as zlib from "node:zlib"

const MiB = 1024 * 1024

/** Feeds `total` zero bytes to `stream` (a compressor) and answers what it wrote. */
const compressZeros = (stream, total) =>
  new Promise((resolve, reject) => {
    const out = []
    stream.on("data", (chunk) => out.push(chunk))
    stream.on("end", () => resolve(Buffer.concat(out)))
    stream.on("error", reject)
    const chunk = Buffer.alloc(MiB)
    let left = Math.ceil(total / MiB)
    const write = () => {
      while (left > 0) {
        left--
        if (!stream.write(chunk)) return void stream.once("drain", write)
      }
      stream.end()
    }
    write()
  })

/** The bombs: 1 GiB of zeros gzip'd, 512 MiB brotli'd. */
export const makeBombs = async () => ({
  gzip: await compressZeros(zlib.createGzip({ level: 9 }), 1024 * MiB),
  br: await compressZeros(
    zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }),
    512 * MiB
  )
})

const htmlEscape = (text) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" })[c])

/** JSON string content as Python's `json.dumps` and PHP write it: `\/`, and `\uXXXX` for all but ASCII. */
const jsonAscii = (text) =>
  JSON.stringify(text).slice(1, -1).replace(/\//g, "\\/").replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
  )

/** The forms a page quotes a credential in. */
export const echoForms = {
  raw: (text) => text,
  json: (text) => JSON.stringify(text).slice(1, -1),
  "json-ascii": jsonAscii,
  html: htmlEscape,
  url: (text) => encodeURIComponent(text)
}

/** The request handler (see the module). */
export const garbageHandler = (bombs) => (req, res) => {
  const first = (req.url ?? "").split("?")[0].split("/")[1] ?? ""
  const auth = String(req.headers["authorization"] ?? "")
  const token = String(req.headers["x-upload-finalize-token"] ?? "")
  if (first === "echo-400") {
    res.writeHead(400, { "content-type": "application/json" })
    res.end(JSON.stringify({
      error: {
        code: "bad_request",
        message: `rejected Authorization: ${auth} (${encodeURIComponent(auth)}; ${htmlEscape(auth)}) ` +
          `and token ${token} (${encodeURIComponent(token)})`
      }
    }))
    return
  }
  if (first.startsWith("echo-502-")) {
    const form = echoForms[first.slice("echo-502-".length)] ?? echoForms.raw
    res.writeHead(502, { "content-type": "text/html; charset=utf-8" })
    res.end(`<p>Authorization: ${form(auth)} token: ${form(token)}</p><h1>502 Bad Gateway</h1>`)
    return
  }
  const [kind, variant] = first.split("-")
  const bomb = bombs[kind]
  if (bomb === undefined) {
    res.writeHead(404)
    res.end()
    return
  }
  const headers = { "content-type": "application/json", "content-encoding": kind }
  if (variant !== "chunked") headers["content-length"] = String(bomb.length)
  res.writeHead(variant === "500" ? 500 : 200, headers)
  res.end(bomb)
}
