// The browser page: plain JavaScript importing the packages by name, bundled by
// bundle.mjs. It reads the server from the location hash, uploads a generated CSV Blob
// in parts with progress, loads it, streams the table back as Arrow record batches and
// publishes what it saw on window.__result for run.mjs to check.
import { FetchHttpClient } from "@effect/platform"
import { ArrowQuery } from "@hotdata-effect/arrow"
import { HotdataClient } from "@hotdata-effect/core"
import { Tables, Uploads } from "@hotdata-effect/uploads"
import { Effect, Layer, Redacted, Stream } from "effect"
import { csvText } from "./data.mjs"

const params = new URLSearchParams(location.hash.slice(1))
const rows = Number(params.get("rows"))
const partSize = Number(params.get("partSize"))

const Hotdata = HotdataClient.layer({
  apiKey: Redacted.make(params.get("apiKey")),
  workspaceId: params.get("workspaceId"),
  baseUrl: params.get("baseUrl")
}).pipe(Layer.provide(FetchHttpClient.layer))

const program = Effect.gen(function*() {
  const client = yield* HotdataClient.HotdataClient
  const blob = new Blob([csvText(rows)], { type: "text/csv" })
  const progress = []
  const db = yield* client.databases.create({ name: "browser" })
  const loaded = yield* Tables.loadFile(blob, {
    databaseId: db.id,
    schema: "main",
    table: "events",
    mode: "replace",
    upload: {
      contentType: "text/csv",
      filename: "events.csv",
      partSize,
      onProgress: (p) =>
        progress.push({ bytesDone: p.bytesDone, totalBytes: p.totalBytes, partsDone: p.partsDone, percent: p.percent })
    }
  })
  let batches = 0
  let streamedRows = 0
  let sum = 0n
  yield* ArrowQuery.stream(`SELECT i, v FROM "default".main.events ORDER BY i`, { databaseId: db.id }).pipe(
    Stream.runForEach((batch) =>
      Effect.sync(() => {
        batches++
        streamedRows += batch.numRows
        for (const v of batch.getChild("v")) sum += BigInt(v)
      })
    )
  )
  // A file path has nothing to read it from here: a typed error, not a crash.
  const pathError = yield* Effect.flip(Uploads.uploadFile("/tmp/events.csv"))
  return {
    blobSize: blob.size,
    loadedRows: loaded.row_count ?? null,
    progress,
    batches,
    streamedRows,
    sum: sum.toString(),
    pathError: { tag: pathError._tag, reason: pathError.reason ?? null, message: pathError.message }
  }
})

Effect.runPromise(Effect.provide(program, Hotdata)).then(
  (result) => {
    window.__result = { ok: true, ...result }
  },
  (error) => {
    window.__result = { ok: false, error: String(error?.message ?? error), tag: error?._tag ?? null }
  }
)
