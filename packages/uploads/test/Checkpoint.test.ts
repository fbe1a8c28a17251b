/**
 * The file store of checkpoints: a checkpoint saved whole, parts appended one line
 * each, a line a crash cut short ignored, and a save folding the lines back in.
 */
import { it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, assert, describe } from "vitest"
import { Checkpoint } from "../src/index.js"

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "uploads-checkpoint-"))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

const TOKEN = "finalize-token-secret"

const checkpointOf = (parts: ReadonlyArray<{ partNumber: number; eTag: string }>) =>
  new Checkpoint.Checkpoint({
    version: 1,
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
      for (const partNumber of [3, 2]) yield* store.append!(key, { partNumber, eTag: `"e${partNumber}"` })
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
      yield* store.append!(key, { partNumber: 1, eTag: "\"one\"" })
      fs.appendFileSync(key, "{\"partNumber\":2,\"eT")
      assert.deepStrictEqual(yield* loadParts(key), [[1, "\"one\""]])

      const loaded = Option.getOrThrow(yield* store.load(key))
      yield* store.save(key, checkpointOf([...loaded.parts, { partNumber: 2, eTag: "\"two\"" }]))
      assert.strictEqual(fs.readFileSync(key, "utf8").split("\n").length, 2)
      yield* store.append!(key, { partNumber: 3, eTag: "\"three\"" })
      assert.deepStrictEqual(yield* loadParts(key), [[1, "\"one\""], [2, "\"two\""], [3, "\"three\""]])
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
      const missing = yield* Effect.flip(store.append!(path.join(tmp, "none.upload"), { partNumber: 1, eTag: "e" }))
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
