import { describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { assert } from "vitest"
import * as LocalHotdata from "../src/LocalHotdata.js"
import { api, poll } from "./helpers.js"

describe("operations that answer with a job", () => {
  it.layer(LocalHotdata.layerServer(), { timeout: 60_000 })((it) => {
    it.effect("a load waited for answers with its result, or with its failure, and is polled otherwise", () =>
      Effect.gen(function*() {
        const { call } = yield* api
        const db = (yield* call("POST", "/v1/databases", { body: { name: "jobs" } })).json
        const loads = `/v1/databases/${db.id}/schemas/main/tables/t/loads`

        const waited = yield* call("POST", loads, {
          body: { mode: "replace", data: "id\n1\n2\n", async: true, async_after_ms: 10_000 }
        })
        assert.strictEqual(waited.status, 200, waited.text)
        assert.strictEqual(waited.json.row_count, 2)

        // A load that fails while the caller waits is a 400 naming the failure; its idempotency key is free again.
        const bad = {
          mode: "replace",
          data: "id\nnot-a-number\n",
          columns: { id: "INTEGER" },
          idempotency_key: "bad-load",
          async: true,
          async_after_ms: 10_000
        }
        const failed = yield* call("POST", loads, { body: bad })
        assert.strictEqual(failed.status, 400, failed.text)
        assert.strictEqual(failed.json.error.code, "BAD_REQUEST")
        assert.include(failed.json.error.message, "not-a-number")
        const again = yield* call("POST", loads, { body: bad })
        assert.strictEqual(again.status, 400, again.text)
        assert.include(again.json.error.message, "not-a-number")

        // Without async_after_ms the caller gets the job to poll, and a replay gets the same job.
        const job = { mode: "append", data: "id\n3\n", idempotency_key: "polled-load", async: true }
        const submitted = yield* call("POST", loads, { body: job })
        assert.strictEqual(submitted.status, 202, submitted.text)
        assert.match(submitted.json.id, /^job_/)
        assert.isTrue(submitted.json.status_url.endsWith(`/v1/jobs/${submitted.json.id}`))
        const done = yield* poll(
          call("GET", `/v1/jobs/${submitted.json.id}`),
          (r) => r.json.status === "succeeded" || r.json.status === "failed"
        )
        assert.strictEqual(done.json.status, "succeeded", done.text)
        assert.strictEqual(done.json.job_type, "managed_load")
        assert.strictEqual(done.json.result.row_count, 3)
        const replayed = yield* call("POST", loads, { body: job })
        assert.strictEqual(replayed.status, 202)
        assert.strictEqual(replayed.json.id, submitted.json.id)
      }))

    it.effect("a data refresh waited for answers with its result, or with its failure as a 400", () =>
      Effect.gen(function*() {
        const { call, server } = yield* api
        const file = path.join(server.dataDir, "sources", "jobs.csv")
        fs.mkdirSync(path.dirname(file), { recursive: true })
        fs.writeFileSync(file, "id,name\n1,ada\n2,grace\n")
        const connection = yield* call("POST", "/v1/connections", {
          body: { name: "jobs_src", source_type: "csv", config: { path: "jobs.csv" } }
        })
        assert.strictEqual(connection.status, 201, connection.text)
        const id = connection.json.id

        const waited = yield* call("POST", "/v1/refresh", {
          body: { connection_id: id, data: true, async: true, async_after_ms: 10_000 }
        })
        assert.strictEqual(waited.status, 200, waited.text)
        assert.strictEqual(waited.json.connection_id, id)
        assert.strictEqual(waited.json.total_rows, 2)

        fs.rmSync(file)
        const failed = yield* call("POST", "/v1/refresh", {
          body: { connection_id: id, data: true, async: true, async_after_ms: 10_000 }
        })
        assert.strictEqual(failed.status, 400, failed.text)
        assert.strictEqual(failed.json.error.code, "BAD_REQUEST")
        assert.include(failed.json.error.message, "jobs.csv")

        const submitted = yield* call("POST", "/v1/refresh", { body: { connection_id: id, data: true, async: true } })
        assert.strictEqual(submitted.status, 202, submitted.text)
        const done = yield* poll(
          call("GET", `/v1/jobs/${submitted.json.id}`),
          (r) => r.json.status === "succeeded" || r.json.status === "failed"
        )
        assert.strictEqual(done.json.status, "failed")
        assert.strictEqual(done.json.job_type, "data_refresh_connection")
        assert.include(done.json.error_message, "jobs.csv")
      }))
  })
})
