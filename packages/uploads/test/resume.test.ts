/**
 * Resumable uploads against the real local server: a checkpoint written as parts
 * finish, a resume that sends only the missing parts and finalizes once, and the
 * checkpoints a resume must refuse.
 */
import { layer } from "@effect/vitest"
import { HotdataClient, Query } from "@hotdata-effect/core"
import { LocalHotdata } from "@hotdata-effect/local"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, assert, describe } from "vitest"
import { Checkpoint, Tables, Uploads } from "../src/index.js"

const MiB = 1024 * 1024
const FINALIZE = "finalize_upload_handler"

/** A CSV of `rows` rows `i,v` with pseudo-random letters, and its md5 of `v` joined by `|`. */
const csvOf = (rows: number, seed: number) => {
  const lines = ["i,v"]
  const hash = createHash("md5")
  let x = seed >>> 0
  for (let i = 0; i < rows; i++) {
    let v = ""
    for (let j = 0; j < 60; j++) {
      x = (x * 1103515245 + 12345) >>> 0
      v += String.fromCharCode(97 + ((x >>> 16) % 26))
    }
    if (i > 0) hash.update("|")
    hash.update(v)
    lines.push(`${i},${v}`)
  }
  return { bytes: new TextEncoder().encode(lines.join("\n") + "\n"), rows, md5: hash.digest("hex") }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "uploads-resume-"))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

/** About 23 MiB: five parts of 5 MiB. */
const csv = csvOf(380_000, 11)

const finalizeCount = Effect.flatMap(LocalHotdata.LocalHotdata, (server) => server.callCount(FINALIZE))
const putCount = Effect.map(
  Effect.flatMap(LocalHotdata.LocalHotdata, (server) => server.storageRequests),
  (requests) => requests.filter((request) => request.method === "PUT").length
)

/** Starts an upload that dies once `parts` parts are confirmed, as a crashed process would stop. */
const crashAfter = (source: Uploads.UploadSource, checkpoint: string, parts: number) =>
  Effect.gen(function*() {
    let finished = 0
    const exit = yield* Effect.exit(Uploads.uploadFile(source, {
      checkpoint,
      partSize: 5 * MiB,
      concurrency: 1,
      onEvent: (event) =>
        event._tag === "PartFinished" && ++finished === parts ? Effect.die("the process crashed") : Effect.void
    }))
    assert.isTrue(exit._tag === "Failure")
  })

describe("resumable uploads against the local server", () => {
  layer(LocalHotdata.layer(), { timeout: 180_000, excludeTestServices: true })((it) => {
    it.effect("a file resumes from its checkpoint: only missing parts are sent, finalized once, byte-exact", () =>
      Effect.gen(function*() {
        const server = yield* LocalHotdata.LocalHotdata
        const file = path.join(tmp, "resume.csv")
        fs.writeFileSync(file, csv.bytes)
        const key = path.join(tmp, "resume.checkpoint")
        const finalizedBefore = yield* finalizeCount

        yield* crashAfter(file, key, 2)
        // The checkpoint is the owner's only, holds the finished parts, and never prints the token.
        assert.strictEqual(fs.statSync(key).mode & 0o777, 0o600)
        const saved = Option.getOrThrow(yield* Checkpoint.fileStore.load(key))
        assert.isAtLeast(saved.parts.length, 2)
        assert.strictEqual(saved.partSize, 5 * MiB)
        assert.notInclude(String(saved.finalizeToken), Redacted.value(saved.finalizeToken))
        assert.notInclude(JSON.stringify(saved), Redacted.value(saved.finalizeToken))

        // Loading the same file with the same checkpoint resumes it.
        yield* server.clearStorageRequests
        const client = yield* HotdataClient.HotdataClient
        const db = yield* client.databases.create({ name: "resume" })
        const loaded = yield* Tables.loadFile(file, {
          databaseId: db.id,
          schema: "main",
          table: "resumed",
          mode: "replace",
          format: "csv",
          upload: { checkpoint: key, contentType: "text/csv" }
        })
        assert.strictEqual(loaded.row_count, csv.rows)
        assert.strictEqual(yield* putCount, 5 - saved.parts.length)
        assert.strictEqual((yield* finalizeCount) - finalizedBefore, 1)
        // Finalized: the checkpoint is gone.
        assert.isFalse(fs.existsSync(key))
        const result = yield* Query.run(
          `SELECT count(*), md5(string_agg(v, '|' ORDER BY i)) FROM "default".main.resumed`,
          { databaseId: db.id }
        )
        assert.strictEqual(Number(result.rows[0]![0]), csv.rows)
        assert.strictEqual(String(result.rows[0]![1]), csv.md5)
      }))

    it.effect("a Blob resumes through a provided store", () =>
      Effect.gen(function*() {
        const blob = new Blob([csv.bytes as Uint8Array<ArrayBuffer>])
        const finalizedBefore = yield* finalizeCount
        yield* crashAfter(blob, "blob", 3)
        const saved = Option.getOrThrow(
          yield* Effect.flatMap(Checkpoint.CheckpointStore, (store) => store.load("blob"))
        )
        const resumedParts: Array<number> = []
        const upload = yield* Uploads.resume(blob, {
          checkpoint: "blob",
          onEvent: (event) => {
            if (event._tag === "SessionOpened") resumedParts.push(event.resumedParts)
          }
        })
        assert.strictEqual(upload.upload_id, saved.uploadId)
        assert.strictEqual(upload.size_bytes, csv.bytes.byteLength)
        assert.deepStrictEqual(resumedParts, [saved.parts.length])
        assert.isAtLeast(saved.parts.length, 3)
        assert.strictEqual((yield* finalizeCount) - finalizedBefore, 1)
      }).pipe(Effect.provide(Checkpoint.layerMemory)))

    it.effect("a changed file is refused with sourceChanged", () =>
      Effect.gen(function*() {
        const file = path.join(tmp, "changed.csv")
        fs.writeFileSync(file, csv.bytes)
        const key = path.join(tmp, "changed.checkpoint")
        yield* crashAfter(file, key, 1)
        const changed = new Uint8Array(csv.bytes)
        changed[Math.floor(changed.byteLength / 2)] = 0x41
        fs.writeFileSync(file, changed)
        const error = yield* Effect.flip(Uploads.resume(file, { checkpoint: key }))
        assert.strictEqual(error._tag, "CheckpointError")
        if (error._tag === "CheckpointError") assert.strictEqual(error.reason, "sourceChanged")
      }))

    it.effect("a checkpoint of a finalized session fails with sessionGone; none at all with missing", () =>
      Effect.gen(function*() {
        const file = path.join(tmp, "finalized.csv")
        fs.writeFileSync(file, csv.bytes)
        const key = path.join(tmp, "finalized.checkpoint")
        yield* crashAfter(file, key, 1)
        const copy = fs.readFileSync(key)
        yield* Uploads.resume(file, { checkpoint: key })
        fs.writeFileSync(key, copy, { mode: 0o600 })
        const gone = yield* Effect.flip(Uploads.resume(file, { checkpoint: key }))
        assert.strictEqual(gone._tag, "CheckpointError")
        if (gone._tag === "CheckpointError") {
          assert.strictEqual(gone.reason, "sessionGone")
          // The checkpoint's own JSON is the file's first line; parts follow, one a line.
          assert.notInclude(gone.message, JSON.parse(copy.toString().split("\n")[0]!).finalizeToken)
        }
        const missing = yield* Effect.flip(Uploads.resume(file, { checkpoint: path.join(tmp, "nothing") }))
        assert.strictEqual(missing._tag, "CheckpointError")
        if (missing._tag === "CheckpointError") assert.strictEqual(missing.reason, "missing")
      }))
  })
})
