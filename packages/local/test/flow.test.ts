import { describe, it } from "@effect/vitest"
import { tableFromIPC } from "apache-arrow"
import * as Effect from "effect/Effect"
import { assert } from "vitest"
import * as LocalHotdata from "../src/LocalHotdata.js"
import { api, poll, put } from "./helpers.js"

const MiB = 1024 * 1024

describe("end to end", () => {
  it.layer(LocalHotdata.layerServer({ inlineRowLimit: 5 }), { timeout: 120_000 })((it) => {
    it.effect("database, uploads, loads, queries, results, saved queries, secrets, information_schema", () =>
      Effect.gen(function*() {
        const { call } = yield* api

        // Database with its managed default catalog.
        const created = yield* call("POST", "/v1/databases", { body: { name: "shop" } })
        assert.strictEqual(created.status, 201, created.text)
        const db = created.json
        assert.strictEqual(db.default_catalog, "default")
        assert.strictEqual(db.default_schema, "main")
        assert.match(db.default_connection_id, /^conn/)
        assert.isTrue(typeof created.headers.get("x-trace-id") === "string")

        const connection = yield* call("GET", `/v1/connections/${db.default_connection_id}`)
        assert.strictEqual(connection.json.source_type, "managed")
        assert.strictEqual(connection.json.name, "default")

        const mainAgain = yield* call("POST", `/v1/databases/${db.id}/schemas`, { body: { name: "main" } })
        assert.strictEqual(mainAgain.status, 409, "schema main is pre-declared")

        // Single upload.
        const csv = "id,name,price\n1,apple,1.5\n2,pear,2.25\n3,plum,0.75\n"
        const single = yield* call("POST", "/v1/uploads", {
          body: { declared_size_bytes: csv.length, content_type: "text/csv", filename: "fruit.csv" }
        })
        assert.strictEqual(single.status, 201, single.text)
        assert.strictEqual(single.json.mode, "single")
        assert.isString(single.json.url)
        assert.isUndefined(single.json.part_urls)
        const stored = yield* put(single.json.url, new TextEncoder().encode(csv))
        assert.strictEqual(stored.status, 200, stored.text)
        assert.isString(stored.headers.get("etag"))
        const finalizeHeaders = { "x-upload-finalize-token": single.json.finalize_token }
        const fin = yield* call("POST", `/v1/uploads/${single.json.upload_id}/finalize`, {
          body: {},
          headers: finalizeHeaders
        })
        assert.strictEqual(fin.status, 200, fin.text)
        assert.strictEqual(fin.json.size_bytes, csv.length)
        const again = yield* call("POST", `/v1/uploads/${single.json.upload_id}/finalize`, {
          body: {},
          headers: finalizeHeaders
        })
        assert.strictEqual(again.status, 400, "a second finalize is rejected")

        // Load into default.main.fruit (the table is created by the load).
        const loaded = yield* call("POST", `/v1/databases/${db.id}/schemas/main/tables/fruit/loads`, {
          body: { mode: "replace", upload_id: single.json.upload_id }
        })
        assert.strictEqual(loaded.status, 200, loaded.text)
        assert.strictEqual(loaded.json.row_count, 3)
        assert.strictEqual(loaded.json.connection_id, db.default_connection_id)
        const reload = yield* call("POST", `/v1/databases/${db.id}/schemas/main/tables/fruit/loads`, {
          body: { mode: "append", upload_id: single.json.upload_id }
        })
        assert.strictEqual(reload.status, 409, "an upload loads at most once")

        // Multipart upload (streaming session: no declared size), two parts.
        const partSize = 5 * MiB
        const lines: Array<string> = ["id,name,price"]
        let n = 100
        let length = 0
        while (length < partSize + 1000) {
          const line = `${n},item${n},${n / 10}`
          lines.push(line)
          length += line.length + 1
          n++
        }
        const big = new TextEncoder().encode(lines.join("\n") + "\n")
        const streaming = yield* call("POST", "/v1/uploads", {
          body: { part_size: partSize, content_type: "text/csv" }
        })
        assert.strictEqual(streaming.status, 201, streaming.text)
        assert.strictEqual(streaming.json.mode, "multipart")
        assert.isUndefined(streaming.json.part_urls)
        assert.strictEqual(streaming.json.part_size, partSize)
        const mpHeaders = { "x-upload-finalize-token": streaming.json.finalize_token }
        const minted = yield* call("POST", `/v1/uploads/${streaming.json.upload_id}/parts`, {
          body: { part_numbers: [2, 1] },
          headers: mpHeaders
        })
        assert.strictEqual(minted.status, 200, minted.text)
        assert.deepStrictEqual(minted.json.parts.map((p: any) => p.part_number), [1, 2])
        const tooMany = yield* call("POST", `/v1/uploads/${streaming.json.upload_id}/parts`, {
          body: { part_numbers: Array.from({ length: 101 }, (_, i) => i + 1) },
          headers: mpHeaders
        })
        assert.strictEqual(tooMany.status, 400)
        const parts = yield* Effect.forEach(
          minted.json.parts as Array<{ part_number: number; url: string }>,
          (p) =>
            Effect.map(
              put(p.url, big.subarray((p.part_number - 1) * partSize, p.part_number * partSize)),
              (r) => ({ part_number: p.part_number, e_tag: r.headers.get("etag")! })
            ),
          { concurrency: 2 }
        )
        const badEtag = yield* call("POST", `/v1/uploads/${streaming.json.upload_id}/finalize`, {
          body: { parts: [{ part_number: 1, e_tag: "\"nope\"" }, parts[1]] },
          headers: mpHeaders
        })
        assert.strictEqual(badEtag.status, 400)
        const wrongToken = yield* call("POST", `/v1/uploads/${streaming.json.upload_id}/finalize`, {
          body: { parts },
          headers: { "x-upload-finalize-token": "wrong" }
        })
        assert.strictEqual(wrongToken.status, 400)
        const mpFin = yield* call("POST", `/v1/uploads/${streaming.json.upload_id}/finalize`, {
          body: { parts },
          headers: mpHeaders
        })
        assert.strictEqual(mpFin.status, 200, mpFin.text)
        assert.strictEqual(mpFin.json.size_bytes, big.length)

        // Async load through the connection path, polled as a job.
        const asyncLoad = yield* call(
          "POST",
          `/v1/connections/${db.default_connection_id}/schemas/main/tables/fruit/loads`,
          { body: { mode: "append", upload_id: streaming.json.upload_id, async: true } }
        )
        assert.strictEqual(asyncLoad.status, 202, asyncLoad.text)
        const job = yield* poll(
          call("GET", `/v1/jobs/${asyncLoad.json.id}`),
          (r) => r.json.status === "succeeded" || r.json.status === "failed"
        )
        assert.strictEqual(job.json.status, "succeeded", job.text)
        const total = 3 + lines.length - 1
        assert.strictEqual(job.json.result.row_count, total)

        // Sync query, not truncated.
        const q = yield* call("POST", "/v1/query", {
          database: db.id,
          body: { sql: "SELECT id, name FROM default.main.fruit WHERE id <= 3 ORDER BY id" }
        })
        assert.strictEqual(q.status, 200, q.text)
        assert.deepStrictEqual(q.json.rows, [[1, "apple"], [2, "pear"], [3, "plum"]])
        assert.strictEqual(q.json.truncated, false)
        assert.strictEqual(q.json.total_row_count, 3)

        // Truncated above the inline cap (5 rows in this server).
        const t = yield* call("POST", "/v1/query", {
          body: { database_id: db.id, sql: "SELECT * FROM fruit ORDER BY id" }
        })
        assert.strictEqual(t.status, 200, t.text)
        assert.strictEqual(t.json.truncated, true)
        assert.strictEqual(t.json.preview_row_count, 5)
        assert.isNull(t.json.total_row_count)
        assert.isString(t.json.result_id)
        const ready = yield* poll(
          call("GET", `/v1/results/${t.json.result_id}?limit=0`, { database: db.id }),
          (r) => r.status === 200
        )
        assert.strictEqual(ready.headers.get("x-total-row-count"), String(total))
        assert.deepStrictEqual(ready.json.rows, [])

        // Results in every format, with offset/limit.
        const page = yield* call("GET", `/v1/results/${t.json.result_id}?offset=1&limit=2`, { database: db.id })
        assert.strictEqual(page.json.rows.length, 2)
        assert.deepStrictEqual(page.json.rows[0].slice(0, 2), [2, "pear"])
        assert.match(page.headers.get("link") ?? "", /offset=3.*rel="next"/)
        const csvPage = yield* call("GET", `/v1/results/${t.json.result_id}?format=csv&limit=2`, {
          database: db.id,
          headers: { accept: "application/json" }
        })
        assert.strictEqual(csvPage.headers.get("content-type"), "text/csv; charset=utf-8")
        assert.strictEqual(csvPage.text, "id,name,price\n1,apple,1.5\n2,pear,2.25\n")
        const md = yield* call("GET", `/v1/results/${t.json.result_id}?format=md&limit=1`, { database: db.id })
        assert.strictEqual(md.text, "| id | name | price |\n| --- | --- | --- |\n| 1 | apple | 1.5 |\n")
        const arrow = yield* call("GET", `/v1/results/${t.json.result_id}?offset=1&limit=2`, {
          database: db.id,
          headers: { accept: "application/vnd.apache.arrow.stream" }
        })
        assert.strictEqual(arrow.headers.get("content-type"), "application/vnd.apache.arrow.stream")
        const table = tableFromIPC(arrow.bytes)
        assert.strictEqual(table.numRows, 2)
        assert.deepStrictEqual(table.schema.fields.map((f) => f.name), ["id", "name", "price"])
        assert.strictEqual(table.getChild("name")!.get(0), "pear")
        const parquet = yield* call("GET", `/v1/results/${t.json.result_id}?format=parquet`, { database: db.id })
        assert.strictEqual(new TextDecoder().decode(parquet.bytes.subarray(0, 4)), "PAR1")
        const wrongDb = yield* call("GET", `/v1/results/${t.json.result_id}`, { database: "data_nope" })
        assert.strictEqual(wrongDb.status, 404)
        const results = yield* call("GET", "/v1/results?limit=10", { database: db.id })
        assert.isTrue(results.json.results.some((r: any) => r.id === t.json.result_id))

        // Async query polled through its run.
        const submitted = yield* call("POST", "/v1/query", {
          database: db.id,
          body: { sql: "SELECT 1 AS x", async: true }
        })
        assert.strictEqual(submitted.status, 202, submitted.text)
        assert.match(submitted.json.status_url, /\/v1\/query-runs\/qrun/)
        const run = yield* poll(
          call("GET", `/v1/query-runs/${submitted.json.query_run_id}`, { database: db.id }),
          (r) => r.json.status === "succeeded" || r.json.status === "failed"
        )
        assert.strictEqual(run.json.status, "succeeded")
        assert.strictEqual(run.json.row_count, 1)
        const runResult = yield* poll(
          call("GET", `/v1/results/${run.json.result_id}`, { database: db.id }),
          (r) => r.status === 200
        )
        assert.deepStrictEqual(runResult.json.rows, [[1]])
        const runs = yield* call("GET", "/v1/query-runs?limit=50", { database: db.id })
        assert.isTrue(runs.json.query_runs.some((r: any) => r.id === submitted.json.query_run_id))
        const noHeader = yield* call("GET", `/v1/query-runs/${submitted.json.query_run_id}`)
        assert.strictEqual(noHeader.status, 400)
        const fast = yield* call("POST", "/v1/query", {
          database: db.id,
          body: { sql: "SELECT 2 AS y", async: true, async_after_ms: 5000 }
        })
        assert.strictEqual(fast.status, 200)
        assert.deepStrictEqual(fast.json.rows, [[2]])

        // Inline load + key-based upsert.
        const inline = yield* call("POST", `/v1/databases/${db.id}/schemas/sales/tables/orders/loads`, {
          body: { mode: "replace", data: "id,qty\n1,10\n2,20\n", idempotency_key: "k1" }
        })
        assert.strictEqual(inline.status, 200, inline.text)
        const replay = yield* call("POST", `/v1/databases/${db.id}/schemas/sales/tables/orders/loads`, {
          body: { mode: "replace", data: "id,qty\n1,10\n2,20\n", idempotency_key: "k1" }
        })
        assert.deepStrictEqual(replay.json, inline.json)
        const reused = yield* call("POST", `/v1/databases/${db.id}/schemas/sales/tables/orders/loads`, {
          body: { mode: "replace", data: "id,qty\n9,90\n", idempotency_key: "k1" }
        })
        assert.strictEqual(reused.status, 409)
        const upsert = yield* call("POST", `/v1/databases/${db.id}/schemas/sales/tables/orders/loads`, {
          body: { mode: "upsert", key: ["id"], data: "id,qty\n2,25\n3,30\n" }
        })
        assert.strictEqual(upsert.json.row_count, 3)
        const sum = yield* call("POST", "/v1/query", {
          database: db.id,
          body: { sql: "SELECT sum(qty) AS s FROM sales.orders" }
        })
        assert.deepStrictEqual(sum.json.rows, [[65]])

        // Saved queries with versions.
        const saved = yield* call("POST", "/v1/queries", { body: { name: "one", sql: "SELECT 1 AS v" } })
        assert.strictEqual(saved.status, 201)
        yield* call("PUT", `/v1/queries/${saved.json.id}`, { body: { sql: "SELECT 2 AS v" } })
        const v3 = yield* call("PUT", `/v1/queries/${saved.json.id}`, { body: { sql: "SELECT 3 AS v" } })
        assert.strictEqual(v3.json.latest_version, 3)
        const versions = yield* call("GET", `/v1/queries/${saved.json.id}/versions`)
        assert.deepStrictEqual(versions.json.versions.map((v: any) => v.version).sort(), [1, 2, 3])
        const executed = yield* call("POST", `/v1/queries/${saved.json.id}/execute`, { database: db.id, body: {} })
        assert.deepStrictEqual(executed.json.rows, [[3]])
        const v1 = yield* call("POST", `/v1/queries/${saved.json.id}/execute`, {
          database: db.id,
          body: { version: 1 }
        })
        assert.deepStrictEqual(v1.json.rows, [[1]])

        // Secrets never echo their value.
        const secretValue = "s3cr3t-value-xyz"
        const responses = [
          yield* call("POST", "/v1/secrets", { body: { name: "token", value: secretValue } }),
          yield* call("GET", "/v1/secrets/token"),
          yield* call("GET", "/v1/secrets"),
          yield* call("PUT", "/v1/secrets/token", { body: { value: `${secretValue}-2` } })
        ]
        for (const r of responses) {
          assert.isTrue(r.status < 300, r.text)
          assert.notInclude(r.text, secretValue)
        }
        assert.strictEqual((yield* call("DELETE", "/v1/secrets/token")).status, 204)
        assert.strictEqual((yield* call("GET", "/v1/secrets/token")).status, 404)

        // information_schema over the managed catalog.
        const info = yield* call(
          "GET",
          `/v1/information_schema?connection_id=${db.default_connection_id}&include_columns=true`
        )
        assert.strictEqual(info.status, 200, info.text)
        assert.strictEqual(info.json.count, info.json.tables.length)
        const fruit = info.json.tables.find((t: any) => t.table === "fruit")
        assert.deepStrictEqual(fruit.columns.map((c: any) => c.name), ["id", "name", "price"])
        const paged = yield* call("GET", `/v1/information_schema?connection_id=${db.default_connection_id}&limit=1`)
        assert.strictEqual(paged.json.has_more, true)
        const next = yield* call(
          "GET",
          `/v1/information_schema?connection_id=${db.default_connection_id}&limit=1&cursor=${paged.json.next_cursor}`
        )
        assert.notStrictEqual(next.json.tables[0].table, paged.json.tables[0].table)

        // Fork keeps the data and is independent.
        const forked = yield* call("POST", `/v1/databases/${db.id}/fork`, { body: { name: "shop-copy" } })
        assert.strictEqual(forked.status, 201, forked.text)
        assert.notStrictEqual(forked.json.default_connection_id, db.default_connection_id)
        yield* call("DELETE", `/v1/connections/${db.default_connection_id}/schemas/sales/tables/orders`)
        const inFork = yield* call("POST", "/v1/query", {
          database: forked.json.id,
          body: { sql: "SELECT count(*) AS c FROM default.sales.orders" }
        })
        assert.deepStrictEqual(inFork.json.rows, [[3]])
        const gone = yield* call("POST", "/v1/query", { database: db.id, body: { sql: "SELECT * FROM sales.orders" } })
        assert.strictEqual(gone.status, 400)

        // Cleanup.
        assert.strictEqual((yield* call("DELETE", `/v1/databases/${forked.json.id}`)).status, 204)
        assert.strictEqual((yield* call("DELETE", `/v1/databases/${db.id}`)).status, 204)
        assert.strictEqual((yield* call("GET", `/v1/databases/${db.id}`)).status, 404)
      }))
  })
})
