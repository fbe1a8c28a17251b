/**
 * Resumable uploads against the real local server: a checkpoint written as parts
 * finish, a resume that sends only the missing parts and finalizes once, and the
 * checkpoints a resume must refuse.
 */
import { layer } from "@effect/vitest"
import { HotdataClient, Query } from "@hotdata-effect/core"
import { LocalHotdata } from "@hotdata-effect/local"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
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

/** `bytes` with the first letter at or after `at` changed to another letter (the CSV stays a CSV). */
const editLetter = (bytes: Uint8Array, at: number) => {
  const edited = new Uint8Array(bytes)
  let i = at
  while (edited[i]! < 0x61 || edited[i]! > 0x7a) i++
  edited[i] = edited[i] === 0x61 ? 0x62 : 0x61
  return { edited, at: i }
}

/** What `md5(string_agg(v, '|' ORDER BY i))` gives for a CSV of `i,v` rows. */
const md5Of = (bytes: Uint8Array) =>
  createHash("md5").update(
    new TextDecoder().decode(bytes).trimEnd().split("\n").slice(1).map((line) => line.slice(line.indexOf(",") + 1))
      .join("|")
  ).digest("hex")

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

    /** A file of `csv` with a checkpoint of its first `parts` parts, as a crashed upload leaves them. */
    const crashed = (name: string, parts: number) =>
      Effect.gen(function*() {
        const file = path.join(tmp, `${name}.csv`)
        fs.writeFileSync(file, csv.bytes)
        const key = path.join(tmp, `${name}.checkpoint`)
        yield* crashAfter(file, key, parts)
        const saved = Option.getOrThrow(yield* Checkpoint.fileStore.load(key))
        return { file, key, saved }
      })

    /** Resumes after `edit` changed the checkpoint; answers the error and what reached the server. */
    const resumeEdited = (name: string, edit: (saved: Checkpoint.Checkpoint) => Checkpoint.Checkpoint) =>
      Effect.gen(function*() {
        const server = yield* LocalHotdata.LocalHotdata
        const { file, key, saved } = yield* crashed(name, 2)
        yield* Checkpoint.fileStore.save(key, edit(saved))
        yield* server.clearStorageRequests
        const finalizedBefore = yield* finalizeCount
        const retried: Array<string> = []
        const exit = yield* Effect.exit(Uploads.resume(file, {
          checkpoint: key,
          rounds: fastRounds,
          onEvent: (event) => {
            if (event._tag === "PartRetried") retried.push(event.error._tag)
          }
        }))
        return { exit, puts: yield* putCount, finalized: (yield* finalizeCount) - finalizedBefore, saved, retried }
      })

    const fastRounds = Uploads.rounds({ extraRounds: 1, baseDelay: "10 millis" })

    it.effect("a checkpoint whose part size was changed is refused before any byte is sent or anything finalized", () =>
      Effect.gen(function*() {
        const { exit, finalized, puts, saved } = yield* resumeEdited(
          "doubled",
          (saved) => new Checkpoint.Checkpoint({ ...saved, partSize: saved.partSize * 2 })
        )
        assert.strictEqual(finalized, 0)
        assert.strictEqual(puts, 0)
        assert.isTrue(Exit.isFailure(exit))
        const error = Exit.isFailure(exit) ? Cause.failureOption(exit.cause) : Option.none()
        assert.strictEqual(Option.getOrUndefined(error)?._tag, "CheckpointError")
        const found = Option.getOrThrow(error)
        if (found._tag === "CheckpointError") {
          assert.strictEqual(found.reason, "sourceChanged")
          assert.match(found.message, /part 1 .*does not hold what the source holds/)
          assert.notInclude(found.message, Redacted.value(saved.finalizeToken))
        }
      }))

    it.effect("a part size of 0, 1.5 or 1 byte, or parts out of the plan, fail at once naming the field", () =>
      Effect.gen(function*() {
        const cases: ReadonlyArray<readonly [string, (saved: Checkpoint.Checkpoint) => Checkpoint.Checkpoint, string]> =
          [
            ["zero", (saved) => new Checkpoint.Checkpoint({ ...saved, partSize: 0 }), "partSize"],
            ["fraction", (saved) => new Checkpoint.Checkpoint({ ...saved, partSize: 1.5 }), "partSize"],
            ["one-byte", (saved) => new Checkpoint.Checkpoint({ ...saved, partSize: 1 }), "partSize"],
            [
              "beyond",
              (saved) =>
                new Checkpoint.Checkpoint({ ...saved, parts: [...saved.parts, { ...saved.parts[0]!, partNumber: 6 }] }),
              `parts[${2}].partNumber`
            ],
            [
              "repeated",
              (saved) => new Checkpoint.Checkpoint({ ...saved, parts: [...saved.parts, saved.parts[0]!] }),
              `parts[${2}].partNumber`
            ]
          ]
        for (const [name, edit, field] of cases) {
          const { exit, finalized, puts, saved } = yield* resumeEdited(`field-${name}`, (saved) => {
            assert.strictEqual(saved.parts.length, 2)
            return edit(saved)
          })
          assert.strictEqual(finalized, 0, name)
          assert.strictEqual(puts, 0, name)
          const error = Exit.isFailure(exit) ? Option.getOrUndefined(Cause.failureOption(exit.cause)) : undefined
          assert.strictEqual(error?._tag, "CheckpointError", name)
          if (error?._tag === "CheckpointError") {
            assert.strictEqual(error.reason, "invalid", name)
            assert.strictEqual(error.field, field, name)
            assert.include(error.message, `\`${field}\``, name)
            assert.notInclude(error.message, Redacted.value(saved.finalizeToken), name)
          }
        }
      }))

    it.effect("a checkpoint header with a line break fails at once, not retried, without quoting it", () =>
      Effect.gen(function*() {
        const value = "injected-value\r\nx-other: 1"
        const { exit, finalized, puts, retried } = yield* resumeEdited(
          "header",
          (saved) => new Checkpoint.Checkpoint({ ...saved, headers: { "x-amz-meta-note": value } })
        )
        assert.strictEqual(finalized, 0)
        assert.strictEqual(puts, 0)
        assert.deepStrictEqual(retried, [])
        const error = Exit.isFailure(exit) ? Option.getOrUndefined(Cause.failureOption(exit.cause)) : undefined
        assert.strictEqual(error?._tag, "CheckpointError")
        if (error?._tag === "CheckpointError") {
          assert.strictEqual(error.reason, "invalid")
          assert.strictEqual(error.field, "headers")
          assert.include(error.message, "x-amz-meta-note")
          assert.notInclude(error.message, "injected-value")
        }
      }))

    it.effect("a file edited in place between the fingerprint's samples, size and mtime kept, is refused", () =>
      Effect.gen(function*() {
        const server = yield* LocalHotdata.LocalHotdata
        const { file, key, saved } = yield* crashed("edited", 2)
        // One byte of part 1, about 1 MiB in: outside the head, middle and tail samples of 64 KiB,
        // rewritten in place, the modification time put back.
        const before = fs.statSync(file)
        const { at, edited } = editLetter(csv.bytes, MiB)
        const handle = fs.openSync(file, "r+")
        fs.writeSync(handle, edited, at, 1, at)
        fs.closeSync(handle)
        fs.utimesSync(file, before.atimeMs / 1000, before.mtimeMs / 1000)
        assert.deepStrictEqual(new Uint8Array(fs.readFileSync(file)), edited)
        // The modification time the fingerprint reads (whole milliseconds) is the one it had.
        assert.strictEqual(Math.floor(fs.statSync(file).mtimeMs), Math.floor(before.mtimeMs))
        yield* server.clearStorageRequests
        const finalizedBefore = yield* finalizeCount
        const error = yield* Effect.flip(Uploads.resume(file, { checkpoint: key }))
        assert.strictEqual(error._tag, "CheckpointError")
        if (error._tag === "CheckpointError") {
          assert.strictEqual(error.reason, "sourceChanged")
          assert.strictEqual(error.uploadId, saved.uploadId)
          assert.match(error.message, /part 1 /)
        }
        assert.strictEqual(yield* putCount, 0)
        assert.strictEqual((yield* finalizeCount) - finalizedBefore, 0)
      }))

    it.effect("a file edited in a part not sent yet resumes into the new file, whole", () =>
      Effect.gen(function*() {
        const { file, key, saved } = yield* crashed("edited-later", 2)
        const before = fs.statSync(file)
        // A byte of the last part, past the parts the checkpoint holds (and out of the samples).
        const { at, edited } = editLetter(csv.bytes, csv.bytes.byteLength - 200 * 1024)
        assert.isAbove(at, 4 * 5 * MiB)
        fs.writeFileSync(file, edited)
        fs.utimesSync(file, before.atimeMs / 1000, before.mtimeMs / 1000)
        const client = yield* HotdataClient.HotdataClient
        const db = yield* client.databases.create({ name: "resume_edited" })
        const loaded = yield* Tables.loadFile(file, {
          databaseId: db.id,
          schema: "main",
          table: "edited",
          mode: "replace",
          format: "csv",
          upload: { checkpoint: key, contentType: "text/csv" }
        })
        assert.strictEqual(loaded.row_count, csv.rows)
        const result = yield* Query.run(`SELECT md5(string_agg(v, '|' ORDER BY i)) FROM "default".main.edited`, {
          databaseId: db.id
        })
        // The edited file's content, whole: not the original's, nor a mix of both.
        assert.strictEqual(String(result.rows[0]![0]), md5Of(edited))
        assert.notStrictEqual(md5Of(edited), csv.md5)
        assert.isAtLeast(saved.parts.length, 2)
      }))

    it.effect("a checkpoint of version 1 (no CRC-32) resumes its session but sends every part again", () =>
      Effect.gen(function*() {
        const resumed: Array<number> = []
        const server = yield* LocalHotdata.LocalHotdata
        const { file, key, saved } = yield* crashed("version1", 2)
        yield* Checkpoint.fileStore.save(
          key,
          new Checkpoint.Checkpoint({
            ...saved,
            version: 1,
            parts: saved.parts.map(({ eTag, partNumber }) => ({ partNumber, eTag }))
          })
        )
        yield* server.clearStorageRequests
        const finalizedBefore = yield* finalizeCount
        const upload = yield* Uploads.resume(file, {
          checkpoint: key,
          onEvent: (event) => {
            if (event._tag === "SessionOpened") resumed.push(event.resumedParts)
          }
        })
        assert.strictEqual(upload.upload_id, saved.uploadId)
        assert.strictEqual(upload.size_bytes, csv.bytes.byteLength)
        assert.deepStrictEqual(resumed, [0])
        assert.strictEqual(yield* putCount, 5)
        assert.strictEqual((yield* finalizeCount) - finalizedBefore, 1)
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
