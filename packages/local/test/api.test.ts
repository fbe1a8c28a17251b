import { describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { assert } from "vitest"
import * as LocalHotdata from "../src/LocalHotdata.js"
import { api } from "./helpers.js"

describe("auth, errors and unimplemented operations", () => {
  it.layer(LocalHotdata.layerServer())((it) => {
    it.effect("401 without or with a wrong key, with a non-empty body", () =>
      Effect.gen(function*() {
        const { call } = yield* api
        const none = yield* call("GET", "/v1/workspaces", { auth: false, workspace: false })
        assert.strictEqual(none.status, 401)
        assert.isAbove(none.text.length, 0)
        assert.isString(none.json.error.message)
        const wrong = yield* call("GET", "/v1/databases", { auth: "nope" })
        assert.strictEqual(wrong.status, 401)
        assert.isString(wrong.headers.get("x-trace-id"))
      }))

    it.effect("unknown workspace is 404; workspaces take the bearer only", () =>
      Effect.gen(function*() {
        const { call } = yield* api
        const unknown = yield* call("GET", "/v1/connections", { workspace: "ws_unknown" })
        assert.strictEqual(unknown.status, 404)
        const list = yield* call("GET", "/v1/workspaces", { workspace: false })
        assert.strictEqual(list.status, 200)
        assert.isTrue(list.json.ok)
        assert.isTrue(list.json.workspaces.some((w: any) => w.public_id === "ws_local"))
        const created = yield* call("POST", "/v1/workspaces", { workspace: false, body: { name: "second" } })
        assert.strictEqual(created.status, 201)
        const id = created.json.workspace.public_id
        const dbs = yield* call("GET", "/v1/databases", { workspace: id })
        assert.deepStrictEqual(dbs.json.databases, [])
        assert.strictEqual((yield* call("DELETE", `/v1/workspaces/${id}`, { workspace: false })).status, 204)
        assert.strictEqual((yield* call("GET", "/v1/databases", { workspace: id })).status, 404)
      }))

    it.effect("bad input gets a 4xx with a clear message", () =>
      Effect.gen(function*() {
        const { call } = yield* api
        const malformed = yield* call("POST", "/v1/databases", {
          raw: "{not json",
          headers: { "content-type": "application/json" }
        })
        assert.strictEqual(malformed.status, 400)
        assert.include(malformed.json.error.message, "malformed JSON")
        const wrongType = yield* call("POST", "/v1/databases", { body: { name: 42 } })
        assert.strictEqual(wrongType.status, 400)
        assert.include(wrongType.json.error.message, "name")
        const badLimit = yield* call("GET", "/v1/databases?limit=abc")
        assert.strictEqual(badLimit.status, 400)
        assert.include(badLimit.json.error.message, "limit")
        const badCursor = yield* call("GET", "/v1/databases?cursor=zzz")
        assert.strictEqual(badCursor.status, 400)
        const unknownDb = yield* call("GET", "/v1/databases/data_missing")
        assert.strictEqual(unknownDb.status, 404)
        const noRoute = yield* call("GET", "/v1/nothing-here")
        assert.strictEqual(noRoute.status, 404)

        const db = (yield* call("POST", "/v1/databases", { body: {} })).json
        const noDb = yield* call("POST", "/v1/query", { body: { sql: "SELECT 1" } })
        assert.strictEqual(noDb.status, 400)
        const disagree = yield* call("POST", "/v1/query", {
          database: db.id,
          body: { sql: "SELECT 1", database_id: "data_other" }
        })
        assert.strictEqual(disagree.status, 400)
        const missingDb = yield* call("POST", "/v1/query", { database: "data_missing", body: { sql: "SELECT 1" } })
        assert.strictEqual(missingDb.status, 404)
        const sqlError = yield* call("POST", "/v1/query", { database: db.id, body: { sql: "SELEC nonsense" } })
        assert.strictEqual(sqlError.status, 400)
        assert.include(sqlError.json.error.message, "syntax error")
        const empty = yield* call("POST", "/v1/query", { database: db.id, body: { sql: "  " } })
        assert.strictEqual(empty.status, 400)
        const dialect = yield* call("POST", "/v1/query", {
          database: db.id,
          body: { sql: "SELECT 1", dialect: "cobol" }
        })
        assert.strictEqual(dialect.status, 400)
        const asyncAfter = yield* call("POST", "/v1/query", {
          database: db.id,
          body: { sql: "SELECT 1", async_after_ms: 2000 }
        })
        assert.strictEqual(asyncAfter.status, 400)
        const duck = yield* call("POST", "/v1/query", {
          database: db.id,
          body: { sql: "SELECT 1 AS one", dialect: "duckdb" }
        })
        assert.strictEqual(duck.status, 200)

        const loads = `/v1/databases/${db.id}/schemas/main/tables/t/loads`
        const twoSources = yield* call("POST", loads, {
          body: { mode: "replace", data: "a\n1\n", upload_id: "upld_x" }
        })
        assert.strictEqual(twoSources.status, 400)
        const badMode = yield* call("POST", loads, { body: { mode: "merge", data: "a\n1\n" } })
        assert.strictEqual(badMode.status, 400)
        const tooLarge = yield* call("POST", loads, {
          body: { mode: "replace", data: "a\n" + "1\n".repeat(1024 * 1024 + 10) }
        })
        assert.strictEqual(tooLarge.status, 413)
        assert.strictEqual(tooLarge.json.error.code, "INLINE_DATA_TOO_LARGE")
        const missingUpload = yield* call("POST", loads, { body: { mode: "replace", upload_id: "upld_missing" } })
        assert.strictEqual(missingUpload.status, 404)
        const badIdent = yield* call("POST", `/v1/databases/${db.id}/schemas/main/tables/bad-name/loads`, {
          body: { mode: "replace", data: "a\n1\n" }
        })
        assert.strictEqual(badIdent.status, 400)
        const badCsv = yield* call("POST", loads, { body: { mode: "upsert", data: "a\n1\n" } })
        assert.strictEqual(badCsv.status, 400)
        const resultMissing = yield* call("GET", "/v1/results/rslt_missing", { database: db.id })
        assert.strictEqual(resultMissing.status, 404)
        const mintMissing = yield* call("POST", "/v1/uploads/upld_missing/parts", {
          body: { part_numbers: [1] },
          headers: { "x-upload-finalize-token": "x" }
        })
        assert.strictEqual(mintMissing.status, 404)
      }))

    it.effect("databases list with cursor pagination, search and count", () =>
      Effect.gen(function*() {
        const { call } = yield* api
        for (const name of ["alpha-1", "alpha-2", "beta-1"]) {
          assert.strictEqual(
            (yield* call("POST", "/v1/databases", { body: { name, default_catalog: "cat" } })).status,
            201
          )
        }
        const alpha = yield* call("GET", "/v1/databases?search=ALPHA&limit=1")
        assert.strictEqual(alpha.json.databases.length, 1)
        assert.strictEqual(alpha.json.databases[0].name, "alpha-2", "newest first")
        assert.isTrue(alpha.json.has_more)
        const second = yield* call("GET", `/v1/databases?search=alpha&limit=1&cursor=${alpha.json.next_cursor}`)
        assert.strictEqual(second.json.databases[0].name, "alpha-1")
        assert.isFalse(second.json.has_more)
        const count = yield* call("GET", "/v1/databases/count?search=alpha")
        assert.strictEqual(count.json.total, 2)
        const db = alpha.json.databases[0]
        assert.strictEqual(db.default_catalog, "cat")
        const q = yield* call("POST", "/v1/query", { database: db.id, body: { sql: "SELECT 1 AS x FROM cat.main.t" } })
        assert.strictEqual(q.status, 400, "the catalog answers by its requested name; the table does not exist yet")
        assert.include(q.json.error.message, "t")
        const types = yield* call("GET", "/v1/connection-types")
        assert.isTrue(types.json.connection_types.some((t: any) => t.name === "managed"))
        const connections = yield* call("GET", "/v1/connections")
        assert.isTrue(connections.json.connections.every((c: any) => c.source_type === "managed"))
        const usage = yield* call("GET", "/v1/usage")
        assert.strictEqual(usage.status, 200)
        assert.isAbove(usage.json.query_count, 0)
      }))

    it.effect("database contexts and attached catalogs", () =>
      Effect.gen(function*() {
        const { call } = yield* api
        const a = (yield* call("POST", "/v1/databases", { body: { name: "a" } })).json
        const b = (yield* call("POST", "/v1/databases", { body: { name: "b" } })).json
        yield* call("POST", `/v1/databases/${b.id}/schemas/main/tables/items/loads`, {
          body: { mode: "replace", data: "x\n1\n2\n" }
        })
        const attach = yield* call("POST", `/v1/databases/${a.id}/catalogs`, {
          body: { connection_id: b.default_connection_id, alias: "other" }
        })
        assert.strictEqual(attach.status, 204, attach.text)
        const detail = yield* call("GET", `/v1/databases/${a.id}`)
        assert.deepStrictEqual(detail.json.attachments, [{ connection_id: b.default_connection_id, alias: "other" }])
        const q = yield* call("POST", "/v1/query", {
          database: a.id,
          body: { sql: "SELECT sum(x) AS s FROM other.main.items" }
        })
        assert.deepStrictEqual(q.json.rows, [[3]])
        assert.strictEqual(
          (yield* call("DELETE", `/v1/databases/${a.id}/catalogs/${b.default_connection_id}`)).status,
          204
        )
        assert.deepStrictEqual((yield* call("GET", `/v1/databases/${a.id}`)).json.attachments, [])

        const ctx = `/v1/databases/${a.id}/context`
        assert.strictEqual((yield* call("POST", ctx, { body: { name: "readme", content: "v1" } })).status, 200)
        yield* call("POST", ctx, { body: { name: "readme", content: "v2" } })
        assert.strictEqual((yield* call("GET", `${ctx}/readme`)).json.context.content, "v2")
        assert.strictEqual((yield* call("GET", ctx)).json.contexts.length, 1)
        assert.strictEqual((yield* call("DELETE", `${ctx}/readme`)).status, 204)
        assert.strictEqual((yield* call("GET", `${ctx}/readme`)).status, 404)
      }))
  })
})
