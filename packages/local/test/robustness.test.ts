import { describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { assert } from "vitest"
import * as LocalHotdata from "../src/LocalHotdata.js"
import { api, bytesOf, poll, put } from "./helpers.js"

describe("robustness", () => {
  it.layer(LocalHotdata.layerServer())((it) => {
    it.effect("a JSON body nested too deep is a 400, and the server keeps answering", () =>
      Effect.gen(function*() {
        const { call } = yield* api
        const db = (yield* call("POST", "/v1/databases", { body: {} })).json
        const nest = (open: string, close: string) => `${open.repeat(200_000)}1${close.repeat(200_000)}`
        for (
          const deep of [
            nest("[", "]"),
            `{"sql": ${nest("[", "]")}}`,
            `{"sql": "SELECT 1", "x": ${nest("{\"a\":", "}")}}`
          ]
        ) {
          const r = yield* call("POST", "/v1/query", {
            database: db.id,
            raw: deep,
            headers: { "content-type": "application/json" }
          })
          assert.strictEqual(r.status, 400, r.text.slice(0, 300))
          assert.include(r.json.error.message, "nested")
        }
        // Depths a body really has are fine, and so are brackets inside strings.
        const fine = yield* call("POST", "/v1/query", {
          database: db.id,
          body: { sql: `SELECT '${"[".repeat(1000)}' AS s` }
        })
        assert.strictEqual(fine.status, 200, fine.text)
      }))

    it.effect("50 concurrent queries all answer with their own rows and results", () =>
      Effect.gen(function*() {
        const { call } = yield* api
        const db = (yield* call("POST", "/v1/databases", { body: {} })).json
        yield* call("POST", `/v1/databases/${db.id}/schemas/main/tables/nums/loads`, {
          body: { mode: "replace", data: "n\n" + Array.from({ length: 100 }, (_, i) => i).join("\n") + "\n" }
        })
        const replies = yield* Effect.forEach(
          Array.from({ length: 50 }, (_, i) => i),
          (i) =>
            call("POST", "/v1/query", {
              database: db.id,
              body: { sql: `SELECT n + ${i} AS v FROM nums WHERE n = ${i}` }
            }),
          { concurrency: "unbounded" }
        )
        replies.forEach((r, i) => {
          assert.strictEqual(r.status, 200, r.text)
          assert.deepStrictEqual(r.json.rows, [[2 * i]])
        })
        const ids = new Set(replies.map((r) => r.json.result_id))
        assert.strictEqual(ids.size, 50)
        const last = replies[49]!
        const ready = yield* poll(
          call("GET", `/v1/results/${last.json.result_id}`, { database: db.id }),
          (r) => r.status === 200
        )
        assert.deepStrictEqual(ready.json.rows, [[98]])
      }))
  })

  it.effect(
    "a restart with the same data directory keeps databases, tables, results and finalized uploads",
    () =>
      Effect.gen(function*() {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hotdata-local-restart-"))
        const first = yield* Effect.scoped(
          Effect.gen(function*() {
            const { call } = yield* api
            const db = (yield* call("POST", "/v1/databases", { body: { name: "kept" } })).json
            yield* call("POST", `/v1/databases/${db.id}/schemas/main/tables/t/loads`, {
              body: { mode: "replace", data: "a,b\n1,x\n2,y\n" }
            })
            const q = yield* call("POST", "/v1/query", { database: db.id, body: { sql: "SELECT * FROM t ORDER BY a" } })
            yield* poll(
              call("GET", `/v1/results/${q.json.result_id}?limit=0`, { database: db.id }),
              (r) => r.status === 200
            )
            const session = yield* call("POST", "/v1/uploads", { body: { declared_size_bytes: 8 } })
            yield* put(session.json.url, new TextEncoder().encode("c\n1\n2\n3\n"))
            const fin = yield* call("POST", `/v1/uploads/${session.json.upload_id}/finalize`, {
              body: {},
              headers: { "x-upload-finalize-token": session.json.finalize_token }
            })
            assert.strictEqual(fin.status, 200)
            return { db, resultId: q.json.result_id as string, uploadId: session.json.upload_id as string }
          }).pipe(Effect.provide(LocalHotdata.layerServer({ dataDir })))
        )

        yield* Effect.scoped(
          Effect.gen(function*() {
            const { call } = yield* api
            const db = yield* call("GET", `/v1/databases/${first.db.id}`)
            assert.strictEqual(db.status, 200)
            assert.strictEqual(db.json.name, "kept")
            const rows = yield* call("POST", "/v1/query", {
              database: first.db.id,
              body: { sql: "SELECT count(*) AS c FROM t" }
            })
            assert.deepStrictEqual(rows.json.rows, [[2]])
            const result = yield* call("GET", `/v1/results/${first.resultId}`, { database: first.db.id })
            assert.strictEqual(result.status, 200)
            assert.deepStrictEqual(result.json.rows, [[1, "x"], [2, "y"]])
            const load = yield* call("POST", `/v1/databases/${first.db.id}/schemas/main/tables/u/loads`, {
              body: { mode: "replace", upload_id: first.uploadId, format: "csv" }
            })
            assert.strictEqual(load.status, 200, load.text)
            assert.strictEqual(load.json.row_count, 3)
            const fromResult = yield* call("POST", `/v1/databases/${first.db.id}/schemas/main/tables/copy/loads`, {
              body: { mode: "replace", result_id: first.resultId }
            })
            assert.strictEqual(fromResult.json.row_count, 2)
          }).pipe(Effect.provide(LocalHotdata.layerServer({ dataDir })))
        )
        fs.rmSync(dataDir, { recursive: true, force: true })
      }),
    60_000
  )

  it.effect("a temporary data directory is removed when the scope closes", () =>
    Effect.gen(function*() {
      const dir = yield* Effect.scoped(
        Effect.map(LocalHotdata.LocalHotdata, (s) => s.dataDir).pipe(
          Effect.tap((d) => Effect.sync(() => assert.isTrue(fs.existsSync(d)))),
          Effect.provide(LocalHotdata.layerServer())
        )
      )
      assert.isFalse(fs.existsSync(dir))
      void bytesOf
    }))
})
