import { describe, layer } from "@effect/vitest"
import { HotdataClient } from "@hotdata-effect/core/HotdataClient"
import * as HotdataError from "@hotdata-effect/core/HotdataError"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import { assert } from "vitest"
import * as Faults from "../src/Faults.js"
import * as LocalHotdata from "../src/LocalHotdata.js"
import { api, poll, rowsOf } from "./helpers.js"

/** Resolves once the injected faults are all taken: a stalled load then holds its key. */
const faultsTaken = Effect.gen(function*() {
  const { call } = yield* api
  yield* poll(call("GET", "/__admin/faults", { workspace: false }), (r) => r.json.faults.length === 0)
})

const batchRows = (key: string, rows: number) =>
  "batch,n\n" + Array.from({ length: rows }, (_, i) => `${key},${i}`).join("\n") + "\n"

describe("keyed writes meeting their original still running", () => {
  layer(LocalHotdata.layer(), { timeout: 60_000, excludeTestServices: true })((it) => {
    it.effect("a load resent with its key while the original runs answers with the original's result; rows land once", () =>
      Effect.gen(function*() {
        const { call, server } = yield* api
        const db = (yield* call("POST", "/v1/databases", { body: { name: "waits" } })).json
        const loads = `/v1/databases/${db.id}/schemas/main/tables/t/loads`
        const body = { mode: "append", data: batchRows("a", 3), idempotency_key: "wait-for-me" }
        yield* server.injectFault("table_load", Faults.stall("1500 millis"))

        const original = yield* Effect.fork(call("POST", loads, { body }))
        yield* faultsTaken
        const resent = yield* call("POST", loads, { body })
        const first = yield* Fiber.join(original)

        assert.strictEqual(first.status, 200, first.text)
        assert.strictEqual(resent.status, 200, resent.text)
        assert.deepStrictEqual(resent.json, first.json)
        assert.deepStrictEqual(yield* rowsOf(db.id, "SELECT count(*) FROM t"), [[3]])
      }))

    it.effect("other data under a key in use is a plain Conflict, not retried; the original still lands", () =>
      Effect.gen(function*() {
        const { call, server } = yield* api
        const client = yield* HotdataClient
        const db = (yield* call("POST", "/v1/databases", { body: { name: "other-data" } })).json
        yield* server.injectFault("table_load", Faults.stall("1 second"))
        const load = (data: string) =>
          client.databases.loadTable(db.id, "main", "t", { mode: "append", data }, { idempotencyKey: "shared" })

        const original = yield* Effect.fork(load(batchRows("a", 2)))
        yield* faultsTaken
        const before = yield* server.callCount("load_database_table")
        const other = yield* Effect.flip(load(batchRows("b", 5)))
        assert.strictEqual(other._tag, "Conflict")
        assert.isFalse(HotdataError.isKeyInProgress(other))
        assert.include(other.message, "different load")
        assert.strictEqual((yield* server.callCount("load_database_table")) - before, 1)
        const first = yield* Fiber.join(original)
        assert.strictEqual(first.status === 200 && first.body.row_count, 2)
        assert.deepStrictEqual(yield* rowsOf(db.id, "SELECT batch, count(*) FROM t GROUP BY batch"), [["a", 2]])
      }))

    it.effect("a bulk creation resent while its batch is created answers 409 IDEMPOTENCY_KEY_IN_PROGRESS", () =>
      Effect.gen(function*() {
        const { call } = yield* api
        const client = yield* HotdataClient
        const body = { count: 30, name_template: "bulk-wait-{n}", idempotency_key: "bulk-wait" }
        const original = yield* Effect.fork(call("POST", "/v1/databases/bulk", { body }))
        yield* poll(call("GET", "/v1/databases/count?search=bulk-wait-"), (r) => r.json.total > 0)

        const resent = yield* call("POST", "/v1/databases/bulk", { body })
        assert.strictEqual(resent.status, 409, resent.text)
        assert.strictEqual(resent.json.error.code, HotdataError.idempotencyKeyInProgress)
        assert.isNotNull(resent.headers.get("retry-after"))

        // The client retries that answer with the same key until the batch is there.
        const batch = yield* client.databases.bulkCreate(body)
        const first = yield* Fiber.join(original)
        assert.strictEqual(first.status, 202, first.text)
        assert.strictEqual(batch.batch_id, first.json.batch_id)
        const total = yield* call("GET", "/v1/databases/count?search=bulk-wait-")
        assert.strictEqual(total.json.total, 30)
      }))
  })

  layer(LocalHotdata.layer({ keyedLoadWait: "100 millis" }), { timeout: 60_000, excludeTestServices: true })((it) => {
    it.effect("past the server's wait a resend answers 409 IDEMPOTENCY_KEY_IN_PROGRESS; the client retries it with the same key", () =>
      Effect.gen(function*() {
        const { call, server } = yield* api
        const client = yield* HotdataClient
        const db = (yield* call("POST", "/v1/databases", { body: { name: "bounded" } })).json
        const loads = `/v1/databases/${db.id}/schemas/main/tables/t/loads`
        const body = { mode: "append" as const, data: batchRows("a", 4) }
        yield* server.injectFault("table_load", Faults.stall("1500 millis"))

        const original = yield* Effect.fork(
          client.databases.loadTable(db.id, "main", "t", body, { idempotencyKey: "slow-load" })
        )
        yield* faultsTaken
        // Raw: the server waited a while, then says the original is still running.
        const raw = yield* call("POST", loads, { body: { ...body, idempotency_key: "slow-load" } })
        assert.strictEqual(raw.status, 409, raw.text)
        assert.strictEqual(raw.json.error.code, HotdataError.idempotencyKeyInProgress)
        assert.isNotNull(raw.headers.get("retry-after"))

        // Through the client: that answer is retried with the same key until the original answers.
        const before = yield* server.callCount("load_database_table")
        const resent = yield* client.databases.loadTable(db.id, "main", "t", body, { idempotencyKey: "slow-load" })
        const first = yield* Fiber.join(original)
        assert.deepStrictEqual(resent, first)
        assert.strictEqual(first.status === 200 && first.body.row_count, 4)
        assert.isAtLeast((yield* server.callCount("load_database_table")) - before, 2)
        assert.deepStrictEqual(yield* rowsOf(db.id, "SELECT count(*) FROM t"), [[4]])
      }))
  })
})
