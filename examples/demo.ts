/**
 * The hotdata-effect demo: generate a taxi-trips CSV, upload it straight to storage with a
 * live progress bar, load it into a table, run three analytic queries, stream a result as
 * Arrow, and show the trace ids and retries met on the way. Cleans up after itself.
 *
 * Runs against an embedded local server, or against the hosted service when
 * HOTDATA_API_KEY and HOTDATA_WORKSPACE_ID (and optionally HOTDATA_API_URL) are set.
 *
 *   npm run demo                      # about 100 MB of trips
 *   npm run demo -- --rows 50000      # a smaller file
 */
import { FetchHttpClient, HttpClient } from "@effect/platform"
import { ArrowQuery } from "@hotdata-effect/arrow"
import { HotdataClient, Polling, Query } from "@hotdata-effect/core"
import { Faults, LocalHotdata } from "@hotdata-effect/local"
import { type UploadEvent, Uploads } from "@hotdata-effect/uploads"
import { Duration, Effect, Layer, Stream } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { formatBytes, formatTable } from "./lib/table.js"
import { writeTrips } from "./lib/trips.js"

const argument = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i === -1 ? fallback : Number(process.argv[i + 1])
}
const ROWS = argument("rows", 1_000_000)
const tty = process.stdout.isTTY === true
const hosted = Boolean(process.env.HOTDATA_API_KEY && process.env.HOTDATA_WORKSPACE_ID)

const say = (label: string, text: string) => console.log(`${label.padEnd(8)} ${text}`)
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

// ---------------------------------------------------------------------------
// What happened on the way: every API response's trace id, and every retry.

interface Seen {
  readonly method: string
  readonly path: string
  readonly status: number
  readonly traceId: string | undefined
}
const seen: Array<Seen> = []
const record = (client: HttpClient.HttpClient) =>
  HttpClient.transformResponse(client, (effect) =>
    Effect.tap(effect, (response) => {
      seen.push({
        method: response.request.method,
        path: new URL(response.request.url).pathname,
        status: response.status,
        traceId: response.headers["x-trace-id"]
      })
    }))

// ---------------------------------------------------------------------------
// The live progress bar: redrawn in place on a terminal, plain lines otherwise.

const progressBar = () => {
  let lastLine = 0
  return (p: UploadEvent.Progress, retries: number) => {
    const total = p.totalBytes
    const fraction = total ? p.bytesDone / total : 0
    const width = 28
    const filled = Math.round(fraction * width)
    const bar = total ? `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ` : ""
    const parts = `parts ${p.partsDone}${p.partsTotal ? `/${p.partsTotal}` : ""}`
    const text = `${bar}${formatBytes(p.bytesDone)}${total ? ` / ${formatBytes(total)}` : ""}  ${
      formatBytes(p.bytesPerSecond)
    }/s  ${parts}${retries > 0 ? `  retries ${retries}` : ""}`
    if (tty) {
      process.stdout.write(`\r${"upload".padEnd(8)} ${text}\x1b[K`)
    } else if (p.bytesDone === total || Date.now() - lastLine > 1000) {
      lastLine = Date.now()
      say("upload", text)
    }
  }
}

// ---------------------------------------------------------------------------

const QUERIES = [
  {
    title: "Trips and revenue by pickup zone",
    sql: `SELECT pickup_zone AS zone, count(*) AS trips, round(sum(fare), 2) AS revenue,
                 round(avg(distance_km), 2) AS avg_km
          FROM trips GROUP BY pickup_zone ORDER BY revenue DESC`
  },
  {
    title: "Busiest pickup hours",
    sql: `SELECT hour(CAST(pickup_at AS TIMESTAMP)) AS hour, count(*) AS trips,
                 round(avg(fare), 2) AS avg_fare
          FROM trips GROUP BY 1 ORDER BY trips DESC LIMIT 5`
  },
  {
    title: "Tips by payment type",
    sql: `SELECT payment, count(*) AS trips, round(100 * sum(tip) / sum(fare), 2) AS tip_pct,
                 round(avg(passengers), 2) AS avg_passengers
          FROM trips GROUP BY payment ORDER BY tip_pct DESC`
  }
]

const demo = Effect.gen(function*() {
  const client = yield* HotdataClient.HotdataClient
  say("server", hosted ? `hosted, ${client.baseUrl}` : `embedded local server at ${client.baseUrl}`)

  // 1. A realistic data file.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hotdata-demo-"))
  yield* Effect.addFinalizer(() => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true })))
  const file = path.join(dir, "trips.csv")
  const started = Date.now()
  const data = yield* Effect.promise(() => writeTrips(file, ROWS))
  say(
    "data",
    `${ROWS.toLocaleString("en-US")} trips → ${formatBytes(data.bytes)} CSV in ${seconds(Date.now() - started)}`
  )

  // 2. A database of our own, removed at the end.
  const db = yield* Effect.acquireRelease(
    client.databases.create({ name: `demo-${Date.now().toString(36)}` }),
    (db) =>
      client.databases.delete(db.id).pipe(
        Effect.tap(() => Effect.sync(() => say("cleanup", `deleted database ${db.id}`))),
        Effect.orElse(() => Effect.sync(() => say("cleanup", `could not delete ${db.id}`)))
      )
  )
  say("database", `created ${db.id}`)

  // Show recovery: on the local server, make one part PUT fail and the first query be refused.
  const local = yield* Effect.serviceOption(LocalHotdata.LocalHotdata)
  if (local._tag === "Some") {
    const server = local.value
    yield* server.injectFault("storage", Faults.status(500))
    yield* server.injectFault("query", Faults.status(429, { retryAfter: "1 second" }))
    say("faults", "injected: one storage 500 on a part PUT, one 429 on the first query")
  }

  // 3. Upload straight to storage, with progress.
  const draw = progressBar()
  let retries = 0
  const uploadStart = Date.now()
  const finished = yield* Uploads.upload(file, { contentType: "text/csv" }).pipe(
    Stream.tap((event) =>
      Effect.sync(() => {
        if (event._tag === "PartRetried") {
          retries++
          if (!tty) {
            say(
              "retry",
              `part ${event.partNumber} (${event.tier}): ${event.error._tag}, again in ${Duration.format(event.delay)}`
            )
          }
        }
        if (event._tag === "Progress") draw(event, retries)
      })
    ),
    Stream.runLast
  )
  if (tty) process.stdout.write("\n")
  const upload = finished._tag === "Some" && finished.value._tag === "Finished" ? finished.value.upload : undefined
  if (upload === undefined) return yield* Effect.dieMessage("the upload ended without finalizing")
  const uploadMs = Date.now() - uploadStart
  say(
    "upload",
    `finalized ${upload.upload_id}: ${formatBytes(upload.size_bytes)} in ${seconds(uploadMs)} (${
      formatBytes(upload.size_bytes / (uploadMs / 1000))
    }/s), ${retries} part ${retries === 1 ? "retry" : "retries"}`
  )

  // 4. Load it into a table; a big load runs as a background job.
  const loadStart = Date.now()
  const load = yield* client.databases.loadTable(db.id, "main", "trips", {
    mode: "replace",
    upload_id: upload.upload_id,
    format: "csv",
    async: true,
    async_after_ms: 1000
  })
  const loaded = load.status === 200 ? load.body : (yield* Polling.job(load.body.id)).result
  const rowCount = loaded && "row_count" in loaded ? loaded.row_count : undefined
  say("load", `main.trips: ${rowCount?.toLocaleString("en-US") ?? "?"} rows in ${seconds(Date.now() - loadStart)}`)

  // 5. Three analytic queries.
  for (const [i, { sql, title }] of QUERIES.entries()) {
    const t0 = Date.now()
    const result = yield* Query.run(sql, { databaseId: db.id })
    console.log("")
    say(`query ${i + 1}`, `${title} (${seconds(Date.now() - t0)})`)
    console.log(formatTable(result.columns, result.rows))
  }
  console.log("")

  // 6. The whole table as an Arrow stream, decoded batch by batch as it arrives.
  const arrowStart = Date.now()
  const stats = yield* Effect.scoped(Effect.gen(function*() {
    const result = yield* ArrowQuery.open("SELECT * FROM trips", { databaseId: db.id })
    const ready = Date.now()
    const totals = yield* Stream.runFold(result.batches, { rows: 0, batches: 0, bytes: 0 }, (acc, batch) => ({
      rows: acc.rows + batch.numRows,
      batches: acc.batches + 1,
      bytes: acc.bytes + batch.data.byteLength
    }))
    return { ...totals, waited: ready - arrowStart, streamed: (Date.now() - ready) / 1000 }
  }))
  say(
    "arrow",
    `SELECT * FROM trips ready in ${seconds(stats.waited)}, then ${
      stats.rows.toLocaleString("en-US")
    } rows in ${stats.batches} batches: ${formatBytes(stats.bytes)} in ${stats.streamed.toFixed(2)} s (${
      formatBytes(stats.bytes / stats.streamed)
    }/s, ${Math.round(stats.rows / stats.streamed).toLocaleString("en-US")} rows/s)`
  )

  // 7. What happened on the way.
  const retried = seen.filter((s) => s.status === 429 || s.status >= 500)
  say(
    "calls",
    `${seen.length} API calls` +
      (retried.length > 0 ? `; ${retried.length} refused or failed on the way, and retried:` : "; none needed a retry")
  )
  for (const s of retried) say("", `${s.method} ${s.path} → ${s.status} (trace ${s.traceId ?? "none"})`)
  const traced = seen.filter((s) => s.traceId !== undefined).slice(-3)
  for (const s of traced) say("trace", `${s.method} ${s.path} → ${s.status}  ${s.traceId}`)
  if (data.fareCents > 0n) {
    const check = yield* Query.run("SELECT CAST(round(sum(fare) * 100) AS BIGINT) AS cents FROM trips", {
      databaseId: db.id
    })
    const cents = BigInt(String(check.rows[0]![0]))
    say(
      "check",
      cents === data.fareCents ? "sum of fares matches the generated file" : `MISMATCH: ${cents} != ${data.fareCents}`
    )
    if (cents !== data.fareCents) return yield* Effect.dieMessage("the loaded data does not match the file")
  }
})

const clientLayer: Layer.Layer<HotdataClient.HotdataClient, unknown> = hosted
  ? HotdataClient.layerConfig({ transformClient: record }).pipe(Layer.provide(FetchHttpClient.layer))
  : Layer.unwrapEffect(
    Effect.map(LocalHotdata.LocalHotdata, (server) =>
      HotdataClient.layer({
        apiKey: server.apiKey,
        workspaceId: server.workspaceId,
        baseUrl: server.baseUrl,
        transformClient: record
      }))
  ).pipe(Layer.provide(FetchHttpClient.layer), Layer.provideMerge(LocalHotdata.layerServer()))

const main = demo.pipe(
  Effect.scoped,
  Effect.provide(clientLayer),
  Effect.tapErrorCause((cause) => Effect.sync(() => console.error(`demo failed: ${cause}`)))
)

Effect.runPromise(main).then(
  () => process.exit(0),
  () => process.exit(1)
)
