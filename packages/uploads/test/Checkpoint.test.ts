/**
 * The file store of checkpoints: a checkpoint saved whole, parts appended one line
 * each, a line a crash cut short ignored, and a save folding the lines back in; and
 * what an upload asks of a store, with and without `append`.
 */
import { it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, assert, describe } from "vitest"
import { recordingTracer, textsOf } from "../../core/test/observe.js"
import { Checkpoint, Uploads } from "../src/index.js"
import * as Resume from "../src/internal/checkpoint.js"
import { Tracker } from "../src/internal/shared.js"
import { CheckpointError } from "../src/UploadError.js"
import { bytesOf, sameBytes, stubUploads } from "./stubs.js"

const MiB = 1024 * 1024

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "uploads-checkpoint-"))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

const TOKEN = "finalize-token-secret"

const checkpointOf = (parts: ReadonlyArray<{ partNumber: number; eTag: string }>) =>
  new Checkpoint.Checkpoint({
    version: 2,
    uploadId: "upld_1",
    finalizeToken: Redacted.make(TOKEN),
    partSize: 8 * 1024 * 1024,
    size: 80 * 1024 * 1024,
    fingerprint: "f",
    headers: {},
    createdAt: 1,
    parts
  })

const store = Checkpoint.fileStore
const loadParts = (key: string) =>
  Effect.map(store.load(key), (loaded) => Option.getOrThrow(loaded).parts.map((part) => [part.partNumber, part.eTag]))

describe("Checkpoint.fileStore", () => {
  it.effect("parts appended after a save are read back with it, in order, the file staying the owner's", () =>
    Effect.gen(function*() {
      const key = path.join(tmp, "append.upload")
      yield* store.save(key, checkpointOf([{ partNumber: 1, eTag: "\"a\"" }]))
      yield* store.append!(key, [{ partNumber: 3, eTag: "\"e3\"" }])
      yield* store.append!(key, [{ partNumber: 2, eTag: "\"e2\"" }])
      assert.deepStrictEqual(yield* loadParts(key), [[1, "\"a\""], [2, "\"e2\""], [3, "\"e3\""]])
      assert.strictEqual(fs.statSync(key).mode & 0o777, 0o600)
      // An appended part costs one short line, not a rewrite of the file.
      const lines = fs.readFileSync(key, "utf8").split("\n")
      assert.strictEqual(lines.length, 4)
      assert.isBelow(lines[2]!.length, 50)
      const loaded = Option.getOrThrow(yield* store.load(key))
      assert.strictEqual(Redacted.value(loaded.finalizeToken), TOKEN)
    }))

  it.effect("a last line a crash cut short is ignored; a save folds the appended lines back in", () =>
    Effect.gen(function*() {
      const key = path.join(tmp, "torn.upload")
      yield* store.save(key, checkpointOf([]))
      yield* store.append!(key, [{ partNumber: 1, eTag: "\"one\"" }])
      fs.appendFileSync(key, "{\"partNumber\":2,\"eT")
      assert.deepStrictEqual(yield* loadParts(key), [[1, "\"one\""]])

      const loaded = Option.getOrThrow(yield* store.load(key))
      yield* store.save(key, checkpointOf([...loaded.parts, { partNumber: 2, eTag: "\"two\"" }]))
      assert.strictEqual(fs.readFileSync(key, "utf8").split("\n").length, 2)
      yield* store.append!(key, [{ partNumber: 3, eTag: "\"three\"" }, { partNumber: 4, eTag: "\"four\"" }])
      assert.deepStrictEqual(yield* loadParts(key), [[1, "\"one\""], [2, "\"two\""], [3, "\"three\""], [
        4,
        "\"four\""
      ]])
    }))

  it.effect("a checkpoint written whole without a trailing newline still loads", () =>
    Effect.gen(function*() {
      const key = path.join(tmp, "whole.upload")
      yield* store.save(key, checkpointOf([{ partNumber: 1, eTag: "\"a\"" }]))
      fs.writeFileSync(key, fs.readFileSync(key, "utf8").trimEnd())
      assert.deepStrictEqual(yield* loadParts(key), [[1, "\"a\""]])
    }))

  it.effect("a part is never appended to a checkpoint that was not saved; a garbled line is unreadable", () =>
    Effect.gen(function*() {
      const missing = yield* Effect.flip(store.append!(path.join(tmp, "none.upload"), [{ partNumber: 1, eTag: "e" }]))
      assert.strictEqual(missing.reason, "unwritable")
      assert.isFalse(fs.existsSync(path.join(tmp, "none.upload")))

      const key = path.join(tmp, "garbled.upload")
      yield* store.save(key, checkpointOf([]))
      fs.appendFileSync(key, "not json\n")
      const garbled = yield* Effect.flip(store.load(key))
      assert.strictEqual(garbled.reason, "unreadable")
      assert.notInclude(garbled.message, TOKEN)
    }))
})

describe("a stored text that is not a checkpoint", () => {
  /** A whole checkpoint's JSON with one field changed. */
  const edited = (change: Record<string, unknown>) =>
    JSON.stringify({
      version: 2,
      uploadId: "upld_1",
      finalizeToken: TOKEN,
      partSize: 5 * MiB,
      size: 9 * MiB,
      fingerprint: "f",
      headers: {},
      createdAt: 1,
      parts: [],
      ...change
    })
  /** Texts a damaged or edited checkpoint file may hold, each quoting the token somewhere. */
  const texts: ReadonlyArray<readonly [string, string, string | undefined]> = [
    ["a JSON string", JSON.stringify(TOKEN), undefined],
    ["a JSON array", JSON.stringify([TOKEN, { finalizeToken: TOKEN }]), undefined],
    ["not JSON", `finalizeToken=${TOKEN}`, undefined],
    ["a field of the wrong type", edited({ partSize: TOKEN }), "partSize"],
    ["a token of the wrong type", edited({ finalizeToken: [TOKEN] }), "finalizeToken"],
    ["a header of the wrong type", edited({ headers: { [TOKEN]: [TOKEN] } }), "headers"],
    ["a part of the wrong type", edited({ parts: [{ partNumber: 1, eTag: TOKEN, crc32: TOKEN }] }), "parts[0].crc32"],
    ["a version of another kind", edited({ version: TOKEN }), "version"]
  ]

  it.effect("is unreadable, naming the field at fault and never quoting the token, in the error or the span", () =>
    Effect.gen(function*() {
      const fake = stubUploads()
      for (const [what, text, field] of texts) {
        const key = path.join(tmp, `bad-${what.replaceAll(" ", "-")}.upload`)
        fs.writeFileSync(key, text + "\n", { mode: 0o600 })
        const { printed, tracer } = yield* recordingTracer
        const error = yield* Effect.flip(
          Uploads.resume(bytesOf(9 * MiB), { checkpoint: key }).pipe(
            Effect.provide(fake.layer),
            Effect.withTracer(tracer)
          )
        )
        assert.strictEqual(error._tag, "CheckpointError", what)
        if (error._tag !== "CheckpointError") continue
        assert.strictEqual(error.reason, "unreadable", what)
        if (field !== undefined) assert.strictEqual(error.field, field, what)
        assert.include(error.message, key, what)
        for (const shown of [...textsOf(error), ...printed]) assert.notInclude(shown, TOKEN, what)
        assert.isAbove(printed.length, 0, what)
      }
      // Nothing was asked of the server.
      assert.strictEqual(fake.api.length, 0)
    }))

  it.effect("an appended part line that is not a part is unreadable, without quoting it", () =>
    Effect.gen(function*() {
      const key = path.join(tmp, "bad-line.upload")
      yield* store.save(key, checkpointOf([]))
      fs.appendFileSync(key, JSON.stringify({ partNumber: TOKEN, eTag: TOKEN }) + "\n")
      const error = yield* Effect.flip(store.load(key))
      assert.strictEqual(error.reason, "unreadable")
      assert.strictEqual(error.field, "partNumber")
      for (const shown of textsOf(error)) assert.notInclude(shown, TOKEN)
    }))
})

describe("the checkpoint writer", () => {
  /** A memory store that logs its calls, with or without `append`, beside the upload's events. */
  const recording = (withAppend: boolean) =>
    Effect.map(Checkpoint.makeMemory, (memory) => {
      const log: Array<string> = []
      const store: Checkpoint.CheckpointStore.Service = {
        load: memory.load,
        save: (key, checkpoint) =>
          Effect.zipRight(
            memory.save(key, checkpoint),
            Effect.sync(() => void log.push(`save ${checkpoint.parts.map((part) => part.partNumber).join(",")}`))
          ),
        remove: (key) => Effect.zipRight(memory.remove(key), Effect.sync(() => void log.push("remove"))),
        ...(withAppend
          ? {
            append: (key: string, parts: ReadonlyArray<Checkpoint.CheckpointPart>) =>
              Effect.gen(function*() {
                const saved = Option.getOrThrow(yield* memory.load(key))
                yield* memory.save(key, new Checkpoint.Checkpoint({ ...saved, parts: [...saved.parts, ...parts] }))
                log.push(`append ${parts.map((part) => part.partNumber).join(",")}`)
              })
          }
          : {})
      }
      return { store, log }
    })

  const upload = (withAppend: boolean) =>
    Effect.gen(function*() {
      const { log, store } = yield* recording(withAppend)
      const fake = stubUploads({ partSize: 3 * MiB })
      const data = bytesOf(8 * MiB + 1)
      const upload = yield* Uploads.uploadFile(data, {
        checkpoint: "k",
        concurrency: 1,
        onEvent: (event) => {
          if (event._tag === "PartFinished") log.push(`finished ${event.partNumber}`)
        }
      }).pipe(Effect.provide(fake.layer), Effect.provideService(Checkpoint.CheckpointStore, store))
      assert.isTrue(sameBytes(fake.assembled(upload.upload_id), data))
      return log
    })

  it.effect("a store that appends: one whole save, then each part appended before it is reported", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* upload(true), [
        "save ",
        "append 1",
        "finished 1",
        "append 2",
        "finished 2",
        "append 3",
        "finished 3",
        "remove"
      ])
    }))

  it.effect("a store without append: saved whole after each part, before it is reported", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* upload(false), [
        "save ",
        "save 1",
        "finished 1",
        "save 1,2",
        "finished 2",
        "save 1,2,3",
        "finished 3",
        "remove"
      ])
    }))
})

describe("the checkpoint writer's appends", () => {
  const fixed = {
    uploadId: "upld_1",
    finalizeToken: Redacted.make(TOKEN),
    partSize: 8,
    size: 80,
    fingerprint: "f",
    headers: {},
    createdAt: 1
  }
  const record = (partNumber: number) => ({
    partNumber,
    offset: (partNumber - 1) * 8,
    length: 8,
    eTag: `e${partNumber}`,
    crc32: partNumber
  })
  const storeWith = (append: NonNullable<Checkpoint.CheckpointStore.Service["append"]>) => ({
    load: () => Effect.succeedNone,
    save: () => Effect.void,
    remove: () => Effect.void,
    append
  })

  it.effect("parts that finish while an append runs go in the next one, each waiting for its own line", () =>
    Effect.gen(function*() {
      const calls: Array<Array<number>> = []
      const latch = yield* Deferred.make<void>()
      const store = storeWith((_, parts) =>
        Effect.suspend(() => {
          calls.push(parts.map((part) => part.partNumber))
          return calls.length === 1 ? Deferred.await(latch) : Effect.void
        })
      )
      const tracker = new Tracker(() => Effect.void, 0, 80, 10)
      const writer = yield* Resume.writer(store, "k", fixed, tracker)
      const first = yield* Effect.fork(writer.part(record(1)))
      while (calls.length === 0) yield* Effect.yieldNow()
      const others = yield* Effect.fork(
        Effect.all([writer.part(record(2)), writer.part(record(3))], { concurrency: 2 })
      )
      for (let i = 0; i < 20; i++) yield* Effect.yieldNow()
      // Parts 2 and 3 wait behind the append of part 1: neither is done before their line is.
      assert.isNull(others.unsafePoll())
      yield* Deferred.succeed(latch, undefined)
      yield* Fiber.join(first)
      yield* Fiber.join(others)
      assert.deepStrictEqual(calls, [[1], [2, 3]])
    }))

  it.effect("a failed append fails every later part without writing after it", () =>
    Effect.gen(function*() {
      let calls = 0
      const store = storeWith((key) =>
        Effect.suspend(() => {
          calls++
          return Effect.fail(new CheckpointError({ reason: "unwritable", key, message: "disk full" }))
        })
      )
      const writer = yield* Resume.writer(store, "k", fixed, new Tracker(() => Effect.void, 0, 80, 10))
      const first = yield* Effect.flip(writer.part(record(1)))
      const second = yield* Effect.flip(writer.part(record(2)))
      assert.strictEqual(first.message, "disk full")
      assert.strictEqual(second, first)
      assert.strictEqual(calls, 1)
    }))
})
