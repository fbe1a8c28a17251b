/**
 * Upload bytes straight to storage and follow the progress, then load them into a table.
 */
import { HotdataClient, Query } from "@hotdata-effect/core"
import { Uploads } from "@hotdata-effect/uploads"
import { Effect, Stream } from "effect"
import { runMain } from "./lib/run.js"

export const program = Effect.gen(function*() {
  const client = yield* HotdataClient.HotdataClient
  const db = yield* client.databases.create({ name: "example-upload" })
  let csv = "id,value\n"
  for (let i = 0; i < 200_000; i++) csv += `${i},${i % 97}\n`
  const bytes = new TextEncoder().encode(csv)

  const progress: Array<number> = []
  const last = yield* Uploads.upload(bytes, { contentType: "text/csv" }).pipe(
    Stream.tap((event) => Effect.sync(() => event._tag === "Progress" && progress.push(event.bytesDone))),
    Stream.runLast
  )
  if (last._tag === "None" || last.value._tag !== "Finished") return yield* Effect.dieMessage("no finalized upload")
  const upload = last.value.upload

  yield* client.databases.loadTable(db.id, "main", "numbers", { mode: "replace", upload_id: upload.upload_id })
  const check = yield* Query.run("SELECT count(*) AS n FROM numbers", { databaseId: db.id })
  yield* client.databases.delete(db.id)
  return { uploaded: upload.size_bytes, progressEvents: progress.length, rows: Number(check.rows[0]![0]) }
})

runMain(import.meta, program)
