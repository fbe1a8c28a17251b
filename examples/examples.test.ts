import { assert, layer } from "@effect/vitest"
import { LocalHotdata } from "@hotdata-effect/local"
import { Effect, Redacted } from "effect"
import { execFile } from "node:child_process"
import * as path from "node:path"
import { promisify } from "node:util"
import * as ArrowStream from "./arrow-stream.js"
import * as ErrorHandling from "./error-handling.js"
import * as Pagination from "./pagination.js"
import * as QueryExample from "./query.js"
import * as UploadProgress from "./upload-progress.js"
import * as UploadResume from "./upload-resume.js"

// Every example runs against a real local server.
layer(LocalHotdata.layer(), { excludeTestServices: true, timeout: 60_000 })("examples", (it) => {
  it.effect("query", () =>
    Effect.gen(function*() {
      const result = yield* QueryExample.program
      assert.deepStrictEqual(result, { count: 3, largest: "Lisbon" })
    }))

  it.effect("arrow stream", () =>
    Effect.gen(function*() {
      const result = yield* ArrowStream.program
      assert.strictEqual(result.rows, 100_000)
      assert.isAtLeast(result.batches, 1)
      assert.strictEqual(result.sum, (99_999 * 100_000) / 4)
    }))

  it.effect("upload with progress", () =>
    Effect.gen(function*() {
      const result = yield* UploadProgress.program
      assert.strictEqual(result.rows, 200_000)
      assert.isAtLeast(result.progressEvents, 2)
    }))

  it.scoped("upload killed with SIGKILL part-way, resumed from its checkpoint", () =>
    Effect.gen(function*() {
      const result = yield* UploadResume.program
      assert.isTrue(result.killed)
      assert.isAtLeast(result.partsBeforeKill, 1)
      // Only the parts the checkpoint lacked were sent again, and the result is exact.
      assert.isAtMost(result.partsSentOnResume, result.partsTotal - result.partsBeforeKill)
      assert.isAbove(result.partsSentOnResume, 0)
      assert.isTrue(result.checkpointRemoved)
      assert.isTrue(result.exact)
    }))

  it.effect("pagination", () =>
    Effect.gen(function*() {
      const result = yield* Pagination.program
      assert.deepStrictEqual(result, { all: 7, taken: 2 })
    }))

  it.effect("error handling", () =>
    Effect.gen(function*() {
      const result = yield* ErrorHandling.program
      assert.include(result.missing, "not found")
      assert.include(result.badSql, "bad request")
      assert.include(result.invalid, "InvalidRequest")
      assert.isTrue(result.isSdkError)
    }))

  it.effect("Promise client from plain JavaScript", () =>
    Effect.gen(function*() {
      const local = yield* LocalHotdata.LocalHotdata
      const { stdout } = yield* Effect.promise(() =>
        promisify(execFile)(process.execPath, [path.join(import.meta.dirname, "promise-client.mjs")], {
          env: {
            ...process.env,
            HOTDATA_API_KEY: Redacted.value(local.apiKey),
            HOTDATA_WORKSPACE_ID: local.workspaceId,
            HOTDATA_API_URL: local.baseUrl
          }
        })
      )
      assert.match(stdout, /uploaded \d+ of \d+ bytes/)
      assert.include(stdout, "loaded 50000 rows")
      assert.include(stdout, "most rows: Porto (33333)")
      assert.match(stdout, /streamed 50000 rows in \d+ Arrow batches/)
      assert.include(stdout, "3 lines")
      assert.include(stdout, "caught NotFound (404)")
    }))
})
