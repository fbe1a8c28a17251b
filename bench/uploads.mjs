// Upload throughput and client memory: a 1 GiB file sent to the local server's object
// store by (a) @hotdata-effect/uploads, (b) @aws-sdk/lib-storage `Upload` with the same
// part size and concurrency (header-signed requests to the server's S3 endpoint, the same
// front and store), and (c) plain concurrent `fetch` PUTs to minted URLs, the floor. Each
// run happens in its own child process so peak RSS is comparable.
//
//   node bench/uploads.mjs [--runs 3] [--size-mib 1024]
//
// Needs the built packages (`pnpm build`). Writes bench/results/uploads.json.
import { spawn } from "node:child_process"
import { randomFillSync } from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const MiB = 1024 * 1024
const PART_SIZE = 8 * MiB
const CONCURRENCY = 10
const here = path.dirname(fileURLToPath(import.meta.url))

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`)
  return i === -1 ? fallback : process.argv[i + 1]
}

/** Samples RSS while `run` goes; answers the growth over the RSS just before it. */
const measure = async (run) => {
  globalThis.gc?.()
  const baseline = process.memoryUsage.rss()
  let peak = baseline
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss())
  }, 10)
  const started = performance.now()
  await run()
  const seconds = (performance.now() - started) / 1000
  clearInterval(timer)
  peak = Math.max(peak, process.memoryUsage.rss())
  return { seconds, baselineRss: baseline, peakRss: peak, rssGrowth: peak - baseline }
}

// ---------------------------------------------------------------------------
// Children

const sdk = async (env) => {
  const { Effect, Layer, Redacted } = await import("effect")
  const { FetchHttpClient } = await import("@effect/platform")
  const { HotdataClient } = await import("@hotdata-effect/core")
  const { Uploads } = await import("@hotdata-effect/uploads")
  const client = HotdataClient.layer({
    apiKey: Redacted.make(env.apiKey),
    workspaceId: env.workspaceId,
    baseUrl: env.baseUrl
  }).pipe(Layer.provide(FetchHttpClient.layer))
  let size = 0
  const result = await measure(async () => {
    const upload = await Effect.runPromise(
      Uploads.uploadFile(env.file, { concurrency: CONCURRENCY }).pipe(Effect.provide(client))
    )
    size = upload.size_bytes
  })
  return { ...result, bytes: size }
}

const libStorage = async (env) => {
  const { S3Client } = await import("@aws-sdk/client-s3")
  const { Upload } = await import("@aws-sdk/lib-storage")
  const s3 = new S3Client({
    endpoint: env.s3Endpoint,
    region: env.region,
    forcePathStyle: true,
    credentials: { accessKeyId: env.accessKeyId, secretAccessKey: env.secretAccessKey },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED"
  })
  const result = await measure(async () => {
    const upload = new Upload({
      client: s3,
      params: { Bucket: env.bucket, Key: `bench-${process.pid}`, Body: fs.createReadStream(env.file) },
      partSize: PART_SIZE,
      queueSize: CONCURRENCY
    })
    await upload.done()
  })
  s3.destroy()
  return { ...result, bytes: fs.statSync(env.file).size }
}

const rawFetch = async (env) => {
  const api = async (method, route, body, extra = {}) => {
    const response = await fetch(`${env.baseUrl}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${env.apiKey}`,
        "x-workspace-id": env.workspaceId,
        "content-type": "application/json",
        ...extra
      },
      body: JSON.stringify(body)
    })
    if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`)
    return response.json()
  }
  const size = fs.statSync(env.file).size
  const result = await measure(async () => {
    const session = await api("POST", "/v1/uploads", { part_size: PART_SIZE })
    const token = { "x-upload-finalize-token": session.finalize_token }
    const partSize = session.part_size
    const count = Math.ceil(size / partSize)
    const urls = new Map()
    for (let first = 1; first <= count; first += 100) {
      const numbers = []
      for (let n = first; n < Math.min(first + 100, count + 1); n++) numbers.push(n)
      const minted = await api("POST", `/v1/uploads/${session.upload_id}/parts`, { part_numbers: numbers }, token)
      for (const part of minted.parts) urls.set(part.part_number, part.url)
    }
    const handle = await fs.promises.open(env.file, "r")
    const eTags = new Array(count)
    let next = 1
    const worker = async () => {
      while (next <= count) {
        const n = next++
        const length = Math.min(partSize, size - (n - 1) * partSize)
        const buffer = new Uint8Array(length)
        await handle.read(buffer, 0, length, (n - 1) * partSize)
        const response = await fetch(urls.get(n), { method: "PUT", body: buffer })
        await response.arrayBuffer()
        if (!response.ok) throw new Error(`part ${n}: ${response.status}`)
        eTags[n - 1] = response.headers.get("etag")
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    await handle.close()
    await api("POST", `/v1/uploads/${session.upload_id}/finalize`, {
      parts: eTags.map((e_tag, i) => ({ part_number: i + 1, e_tag }))
    }, token)
  })
  return { ...result, bytes: size }
}

const variants = { sdk, libStorage, rawFetch }

if (process.argv[2] === "--child") {
  const env = JSON.parse(process.argv[3])
  const result = await variants[env.variant](env)
  process.stdout.write(JSON.stringify(result) + "\n")
  process.exit(0)
}

// ---------------------------------------------------------------------------
// Parent

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  console.log("usage: node bench/uploads.mjs [--runs 3] [--size-mib 1024]   (needs the built packages)")
  process.exit(0)
}

const runs = Number(arg("runs", "3"))
const sizeMiB = Number(arg("size-mib", "1024"))
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-uploads-"))
const file = path.join(tmp, "data.bin")
{
  const block = randomFillSync(Buffer.alloc(16 * MiB))
  const fd = fs.openSync(file, "w")
  for (let written = 0; written < sizeMiB * MiB; written += block.length) {
    // Vary each block a little so no two parts are identical.
    block.writeUInt32LE(written / block.length, 0)
    fs.writeSync(fd, block)
  }
  fs.closeSync(fd)
}

const { startLocalHotdata } = await import("@hotdata-effect/local")
const server = await startLocalHotdata({ temporary: true })

// lib-storage signs its own requests (SigV4 in the Authorization header) with the store's
// credentials; the local server's front accepts those too, so all three variants write
// through the same front into the same store.
const storage = server.storage
if (storage === undefined) throw new Error("the local server started without object storage")

const env = {
  file,
  baseUrl: server.baseUrl,
  apiKey: server.apiKey,
  workspaceId: server.workspaceId,
  s3Endpoint: storage.endpoint,
  bucket: storage.bucket,
  region: storage.region,
  accessKeyId: storage.accessKeyId,
  secretAccessKey: storage.secretAccessKey
}

const child = (variant) =>
  new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), "--child", JSON.stringify({ ...env, variant })], {
      stdio: ["ignore", "pipe", "inherit"]
    })
    let out = ""
    proc.stdout.on("data", (chunk) => (out += chunk))
    proc.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop())) : reject(new Error(`${variant} exited ${code}`))))
  })

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

const samples = { sdk: [], libStorage: [], rawFetch: [] }
try {
  for (let run = 0; run < runs; run++) {
    // Interleaved, so drift of the machine touches every variant alike.
    for (const variant of Object.keys(samples)) {
      const result = await child(variant)
      samples[variant].push(result)
      console.log(
        `run ${run + 1} ${variant.padEnd(10)} ${(result.bytes / MiB / result.seconds).toFixed(1).padStart(7)} MiB/s` +
          `  peak RSS growth ${(result.rssGrowth / MiB).toFixed(1)} MiB`
      )
    }
  }
} finally {
  await server.stop()
  fs.rmSync(tmp, { recursive: true, force: true })
}

const metrics = {}
for (const [variant, list] of Object.entries(samples)) {
  metrics[`${variant}_mib_per_s`] = Number(median(list.map((r) => r.bytes / MiB / r.seconds)).toFixed(2))
  metrics[`${variant}_peak_rss_growth_mib`] = Number(median(list.map((r) => r.rssGrowth / MiB)).toFixed(1))
  metrics[`${variant}_peak_rss_mib`] = Number(median(list.map((r) => r.peakRss / MiB)).toFixed(1))
}
metrics.file_mib = sizeMiB
metrics.part_size_mib = PART_SIZE / MiB
metrics.concurrency = CONCURRENCY
metrics.runs = runs
const vsFloor = metrics.sdk_mib_per_s / metrics.rawFetch_mib_per_s
const vsLibStorage = metrics.sdk_mib_per_s / metrics.libStorage_mib_per_s
metrics.sdk_vs_raw_fetch = Number(vsFloor.toFixed(3))
metrics.sdk_vs_lib_storage = Number(vsLibStorage.toFixed(3))

const target = (name, value, op, limit) => ({
  name,
  value,
  op,
  limit,
  met: op === ">=" ? value >= limit : value <= limit
})
const targets = [
  target("sdk throughput / raw fetch", metrics.sdk_vs_raw_fetch, ">=", 0.9),
  target("sdk throughput / lib-storage", metrics.sdk_vs_lib_storage, ">=", 1.0),
  target("sdk peak RSS growth (MiB)", metrics.sdk_peak_rss_growth_mib, "<=", 128)
]

console.log("\nmedians:")
for (const [name, value] of Object.entries(metrics)) console.log(`  ${name.padEnd(32)} ${value}`)
console.log("\ntargets:")
for (const t of targets) console.log(`  ${t.met ? "met   " : "MISSED"} ${t.name}: ${t.value} ${t.op} ${t.limit}`)

fs.mkdirSync(path.join(here, "results"), { recursive: true })
fs.writeFileSync(
  path.join(here, "results", "uploads.json"),
  JSON.stringify({ date: new Date().toISOString(), node: process.version, metrics, targets }, null, 2) + "\n"
)
