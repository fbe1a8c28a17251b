// Upload throughput and client memory: a 1 GiB file sent to the local server's object
// store by (a) @hotdata-effect/uploads, (b) @aws-sdk/lib-storage `Upload` with the same
// part size and concurrency (header-signed requests to the server's S3 endpoint, the same
// front and store), and (c) plain concurrent `fetch` PUTs to minted URLs, the floor. Each
// run happens in its own child process so peak RSS is comparable.
//
// Like with like: the SDK and the raw floor use the same part size (8 MiB) and parts in
// flight (10), read the same file on disk with positioned reads on one handle into a
// buffer per part in flight that is reused, and mint each part's URL just before its PUT
// (the API's contract for streaming sessions). What stays different is what `fetch` does
// with a `Uint8Array` body: it copies it (the SDK streams its part buffer instead). Peak
// RSS growth is the highest RSS sampled every 10 ms over the RSS just before the upload,
// after a GC, in each variant's own process.
//
// The same upload also goes to a discard sink (bench/lib/sink.mjs, its own process: the
// API's upload routes and a storage endpoint that drops the bytes and answers ETags), so
// the client, not the local store, is the bottleneck: throughput, client CPU seconds per
// GiB, peak RSS growth, the SDK with and without an `onProgress` handler, and a resume
// after a SIGKILL at about half the parts (bytes storage received again).
//
//   node bench/uploads.mjs [--runs 3] [--size-mib 1024] [--stores local,sink]
//
// Needs the built packages (`pnpm build`). Writes bench/results/uploads.json.
import { spawn } from "node:child_process"
import { randomFillSync } from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { target, writeResults } from "./lib/results.mjs"

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
  const cpu0 = process.cpuUsage()
  const started = performance.now()
  await run()
  const seconds = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpu0)
  clearInterval(timer)
  peak = Math.max(peak, process.memoryUsage.rss())
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, baselineRss: baseline, peakRss: peak, rssGrowth: peak - baseline }
}

// ---------------------------------------------------------------------------
// Children

const sdk = async (env, extra = {}) => {
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
  let progressEvents = 0
  const options = { concurrency: CONCURRENCY, ...extra }
  if (env.progress) options.onProgress = () => void progressEvents++
  const result = await measure(async () => {
    const upload = await Effect.runPromise(Uploads.uploadFile(env.file, options).pipe(Effect.provide(client)))
    size = upload.size_bytes
  })
  return { ...result, bytes: size, progressEvents }
}

const sdkProgress = (env) => sdk({ ...env, progress: true })

// Resume: the first child uploads with a file checkpoint and SIGKILLs itself once half the
// parts are confirmed; the second resumes from the checkpoint.
const sdkKilled = async (env) => {
  const { Effect, Layer, Redacted } = await import("effect")
  const { FetchHttpClient } = await import("@effect/platform")
  const { HotdataClient } = await import("@hotdata-effect/core")
  const { Uploads } = await import("@hotdata-effect/uploads")
  const client = HotdataClient.layer({ apiKey: Redacted.make(env.apiKey), workspaceId: env.workspaceId, baseUrl: env.baseUrl })
    .pipe(Layer.provide(FetchHttpClient.layer))
  const half = Math.ceil(fs.statSync(env.file).size / PART_SIZE / 2)
  let finished = 0
  await Effect.runPromise(
    Uploads.uploadFile(env.file, {
      concurrency: CONCURRENCY,
      checkpoint: env.checkpoint,
      onEvent: (event) => {
        if (event._tag === "PartFinished" && ++finished >= half) {
          // Let the checkpoint write that follows this part's confirmation land first.
          setTimeout(() => process.kill(process.pid, "SIGKILL"), 0)
        }
      }
    }).pipe(Effect.provide(client))
  )
  throw new Error("the upload finished before the kill")
}

const sdkResume = async (env) => {
  const { Effect, Layer, Redacted } = await import("effect")
  const { FetchHttpClient } = await import("@effect/platform")
  const { HotdataClient } = await import("@hotdata-effect/core")
  const { Uploads } = await import("@hotdata-effect/uploads")
  const client = HotdataClient.layer({ apiKey: Redacted.make(env.apiKey), workspaceId: env.workspaceId, baseUrl: env.baseUrl })
    .pipe(Layer.provide(FetchHttpClient.layer))
  let resumedParts = 0
  let size = 0
  const result = await measure(async () => {
    const upload = await Effect.runPromise(
      Uploads.resume(env.file, {
        concurrency: CONCURRENCY,
        checkpoint: env.checkpoint,
        onEvent: (event) => {
          if (event._tag === "SessionOpened") resumedParts = event.resumedParts
        }
      }).pipe(Effect.provide(client))
    )
    size = upload.size_bytes
  })
  return { ...result, bytes: size, resumedParts }
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
    const handle = await fs.promises.open(env.file, "r")
    const eTags = new Array(count)
    let next = 1
    const worker = async () => {
      // One buffer per worker, reused part after part, as the SDK reuses its part buffers.
      const buffer = new Uint8Array(partSize)
      while (next <= count) {
        const n = next++
        const length = Math.min(partSize, size - (n - 1) * partSize)
        const bytes = buffer.subarray(0, length)
        await handle.read(bytes, 0, length, (n - 1) * partSize)
        // Each part's URL is minted just before its PUT, as the API asks of a client
        // (and as the SDK does), so the floor makes the same calls.
        const minted = await api("POST", `/v1/uploads/${session.upload_id}/parts`, { part_numbers: [n] }, token)
        const response = await fetch(minted.parts[0].url, { method: "PUT", body: bytes })
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

const variants = { sdk, sdkProgress, libStorage, rawFetch, sdkKilled, sdkResume }

if (process.argv[2] === "--child") {
  const env = JSON.parse(process.argv[3])
  const result = await variants[env.variant](env)
  process.stdout.write(JSON.stringify(result) + "\n")
  process.exit(0)
}

// ---------------------------------------------------------------------------
// Parent

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  console.log("usage: node bench/uploads.mjs [--runs 3] [--size-mib 1024] [--stores local,sink]   (needs the built packages)")
  process.exit(0)
}

const runs = Number(arg("runs", "3"))
const sizeMiB = Number(arg("size-mib", "1024"))
const stores = arg("stores", "local,sink").split(",")
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

const child = (env, variant) =>
  new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), "--child", JSON.stringify({ ...env, variant })], {
      stdio: ["ignore", "pipe", "inherit"]
    })
    let out = ""
    proc.stdout.on("data", (chunk) => (out += chunk))
    proc.on("exit", (code, signal) => {
      // Only the resume's first child is meant to die by a signal.
      if (signal !== null) return variant === "sdkKilled" ? resolve({ signal }) : reject(new Error(`${variant} killed by ${signal}`))
      code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop())) : reject(new Error(`${variant} exited ${code}`))
    })
  })

const startSink = () =>
  new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [path.join(here, "lib", "sink.mjs")], { stdio: ["ignore", "pipe", "inherit"] })
    let out = ""
    proc.once("exit", (code) => reject(new Error(`the sink exited (${code}) before it was ready`)))
    proc.stdout.on("data", (chunk) => {
      out += chunk
      const match = /listening (\d+)/.exec(out)
      if (match) resolve({ proc, url: `http://127.0.0.1:${match[1]}` })
    })
  })

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const loads = []
const noteLoad = () => loads.push(os.loadavg()[0])

const local = { sdk: [], libStorage: [], rawFetch: [] }
const sink = { sdk: [], sdkProgress: [], rawFetch: [], libStorage: [] }
const resumes = []
const log = (label, variant, result) =>
  console.log(
    `${label} ${variant.padEnd(11)} ${(result.bytes / MiB / result.seconds).toFixed(1).padStart(7)} MiB/s` +
      `  cpu ${(result.cpuSeconds / (result.bytes / 1024 / MiB)).toFixed(2)} s/GiB` +
      `  peak RSS growth ${(result.rssGrowth / MiB).toFixed(1)} MiB  load ${os.loadavg()[0].toFixed(2)}`
  )

let server
let sinkProc
try {
  if (stores.includes("local")) {
    const { startLocalHotdata } = await import("@hotdata-effect/local")
    server = await startLocalHotdata({ temporary: true })
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
    for (let run = 0; run < runs; run++) {
      // Interleaved, so drift of the machine touches every variant alike.
      for (const variant of Object.keys(local)) {
        noteLoad()
        const result = await child(env, variant)
        local[variant].push(result)
        log(`local run ${run + 1}`, variant, result)
      }
    }
    await server.stop()
    server = undefined
  }
  if (stores.includes("sink")) {
    sinkProc = await startSink()
    const env = {
      file,
      baseUrl: sinkProc.url,
      apiKey: "sink-key",
      workspaceId: "ws_sink",
      s3Endpoint: sinkProc.url,
      bucket: "bench",
      region: "us-east-1",
      accessKeyId: "sink",
      secretAccessKey: "sink-secret"
    }
    const stats = async () => (await fetch(`${sinkProc.url}/stats`)).json()
    for (let run = 0; run < runs; run++) {
      const variants = Object.keys(sink)
      // Rotate the order each round as well as interleaving.
      for (const variant of variants.map((_, i) => variants[(i + run) % variants.length])) {
        noteLoad()
        const result = await child(env, variant)
        sink[variant].push(result)
        log(`sink  run ${run + 1}`, variant, result)
      }
      // Resume after a kill at about half the parts.
      const checkpoint = path.join(tmp, `resume-${run}.upload`)
      const before = new Set(Object.keys(await stats()))
      const killed = await child({ ...env, checkpoint }, "sdkKilled")
      if (killed.signal !== "SIGKILL") throw new Error(`the killed child ended with ${JSON.stringify(killed)}`)
      const ids = Object.keys(await stats()).filter((id) => !before.has(id))
      if (ids.length !== 1) throw new Error(`expected one new upload at the sink, saw ${ids.length}`)
      const atKill = (await stats())[ids[0]].bytes
      const resumed = await child({ ...env, checkpoint }, "sdkResume")
      const total = (await stats())[ids[0]].bytes
      const entry = {
        bytesAtKill: atKill,
        resumedParts: resumed.resumedParts,
        bytesSentByResume: total - atKill,
        bytesReceivedInAll: total,
        bytesResent: total - resumed.bytes,
        resumeSeconds: resumed.seconds
      }
      resumes.push(entry)
      console.log(
        `sink  run ${run + 1} resume      killed at ${(atKill / MiB).toFixed(0)} MiB received, ${entry.resumedParts} parts kept,` +
          ` re-sent ${(entry.bytesResent / MiB).toFixed(1)} MiB`
      )
    }
  }
} finally {
  if (server !== undefined) await server.stop()
  sinkProc?.proc.kill()
  fs.rmSync(tmp, { recursive: true, force: true })
}

const round = (value, digits = 2) => Number(value.toFixed(digits))
const summarize = (list) => ({
  runs: list.length,
  mib_per_s: round(median(list.map((r) => r.bytes / MiB / r.seconds))),
  cpu_s_per_gib: round(median(list.map((r) => r.cpuSeconds / (r.bytes / 1024 / MiB))), 3),
  peak_rss_growth_mib: round(median(list.map((r) => r.rssGrowth / MiB)), 1),
  peak_rss_mib: round(median(list.map((r) => r.peakRss / MiB)), 1),
  samples_mib_per_s: list.map((r) => round(r.bytes / MiB / r.seconds, 1))
})

const metrics = {
  file_mib: sizeMiB,
  part_size_mib: PART_SIZE / MiB,
  concurrency: CONCURRENCY,
  runs,
  cores: os.cpus().length,
  loadavg_1m: { min: round(Math.min(...loads)), median: round(median(loads)), max: round(Math.max(...loads)) }
}
const targets = []
if (local.sdk.length > 0) {
  metrics.local_store = Object.fromEntries(Object.entries(local).map(([v, list]) => [v, summarize(list)]))
  const l = metrics.local_store
  metrics.local_sdk_vs_raw_fetch = round(l.sdk.mib_per_s / l.rawFetch.mib_per_s, 3)
  metrics.local_sdk_vs_lib_storage = round(l.sdk.mib_per_s / l.libStorage.mib_per_s, 3)
  targets.push(target("local store: sdk throughput / raw fetch", metrics.local_sdk_vs_raw_fetch, ">=", 0.9))
  targets.push(target("local store: sdk throughput / lib-storage", metrics.local_sdk_vs_lib_storage, ">=", 1.0))
  targets.push(target("local store: sdk peak RSS growth (MiB)", l.sdk.peak_rss_growth_mib, "<=", 128))
}
if (sink.sdk.length > 0) {
  metrics.discard_sink = Object.fromEntries(Object.entries(sink).map(([v, list]) => [v, summarize(list)]))
  const k = metrics.discard_sink
  metrics.discard_sink.sdkProgress.progress_events = median(sink.sdkProgress.map((r) => r.progressEvents))
  metrics.sink_sdk_vs_raw_fetch = round(k.sdk.mib_per_s / k.rawFetch.mib_per_s, 3)
  metrics.sink_sdk_vs_lib_storage = round(k.sdk.mib_per_s / k.libStorage.mib_per_s, 3)
  metrics.sink_sdk_cpu_vs_raw_fetch = round(k.sdk.cpu_s_per_gib / k.rawFetch.cpu_s_per_gib, 3)
  metrics.sink_progress_on_vs_off = round(k.sdkProgress.mib_per_s / k.sdk.mib_per_s, 3)
  // Paired by round, as the rounds ran back to back.
  metrics.sink_progress_on_vs_off_by_round = sink.sdk.map((r, i) =>
    round((sink.sdkProgress[i].bytes / sink.sdkProgress[i].seconds) / (r.bytes / r.seconds), 3)
  )
  targets.push(target("sink: sdk throughput / raw fetch", metrics.sink_sdk_vs_raw_fetch, ">=", 1.0))
  targets.push(target("sink: sdk CPU s per GiB / raw fetch", metrics.sink_sdk_cpu_vs_raw_fetch, "<=", 1.1))
  targets.push(target("sink: sdk peak RSS growth (MiB)", k.sdk.peak_rss_growth_mib, "<=", 128))
  targets.push(target("sink: progress on / off throughput, at least", metrics.sink_progress_on_vs_off, ">=", 0.98))
  targets.push(target("sink: progress on / off throughput, at most", metrics.sink_progress_on_vs_off, "<=", 1.02))
}
if (resumes.length > 0) {
  const inFlight = CONCURRENCY * PART_SIZE
  metrics.resume = {
    runs: resumes.length,
    in_flight_bound_mib: inFlight / MiB,
    median_bytes_resent_mib: round(median(resumes.map((r) => r.bytesResent)) / MiB, 1),
    max_bytes_resent_mib: round(Math.max(...resumes.map((r) => r.bytesResent)) / MiB, 1),
    median_received_at_kill_mib: round(median(resumes.map((r) => r.bytesAtKill)) / MiB, 1),
    median_resumed_parts: median(resumes.map((r) => r.resumedParts)),
    samples: resumes.map((r) => ({
      received_at_kill_mib: round(r.bytesAtKill / MiB, 1),
      resumed_parts: r.resumedParts,
      resent_mib: round(r.bytesResent / MiB, 1),
      resume_seconds: round(r.resumeSeconds)
    }))
  }
  targets.push(target("resume: most bytes re-sent (MiB), bound concurrency × part size", metrics.resume.max_bytes_resent_mib, "<=", inFlight / MiB))
}

if (local.sdk.length === 0) {
  // A sink-only run keeps the last local-store figures, marked with their date.
  try {
    const previous = JSON.parse(fs.readFileSync(path.join(here, "results", "uploads.json"), "utf8"))
    if (previous.metrics.local_store !== undefined) {
      metrics.local_store_previous = {
        date: previous.date,
        loadavg_1m: previous.metrics.loadavg_1m,
        ...previous.metrics.local_store
      }
    } else if (previous.metrics.local_store_previous !== undefined) metrics.local_store_previous = previous.metrics.local_store_previous
    else if (previous.metrics.sdk_mib_per_s !== undefined) metrics.local_store_previous = { date: previous.date, ...previous.metrics }
  } catch {
    // nothing to keep
  }
}

console.log("\n" + JSON.stringify(metrics, null, 2))
writeResults("uploads", metrics, targets)
