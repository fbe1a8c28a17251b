import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { HotdataClient, HotdataTest, Schemas } from "../src/index.js"

describe("lenient decoding, exact encoding", () => {
  it.effect("absent fields read as missing or null, unknown fields are ignored, unknown enum strings kept", () => {
    const layer = HotdataClient.layerTest({
      uploads: {
        create: () =>
          HotdataTest.json(201, {
            upload_id: "upld_1",
            finalize_token: "tok",
            mode: "resumable-v2",
            headers: {},
            part_size: null,
            brand_new_field: { nested: true }
          })
      }
    })
    return Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const session = yield* client.uploads.create({})
      assert.strictEqual(session.mode, "resumable-v2")
      assert.isUndefined(session.url)
      assert.isNull(session.part_size)
      assert.notProperty(session, "brand_new_field")
    }).pipe(Effect.provide(layer))
  })

  it.effect("a required nullable field that is absent reads as null", () => {
    const layer = HotdataClient.layerTest({
      jobs: {
        get: () =>
          HotdataTest.json(200, {
            id: "job_1",
            job_type: "some_future_type",
            status: "running",
            attempts: 1,
            created_at: "2026-01-01"
          })
      }
    })
    return Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const job = yield* client.jobs.get("job_1")
      assert.strictEqual(job.job_type, "some_future_type")
      assert.strictEqual(job.status, "running")
    }).pipe(Effect.provide(layer))
  })

  it.effect("an absent optional field is left off the wire, never sent as null", () => {
    const layer = HotdataClient.layerTest({
      uploads: {
        create: () => ({
          upload_id: "upld_1",
          finalize_token: "tok",
          mode: "multipart",
          headers: {},
          part_size: 8388608
        })
      }
    })
    return Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      yield* client.uploads.create({ part_size: 8388608, filename: "trips.csv" })
      const [call] = yield* (yield* HotdataTest.Calls).all
      const body = JSON.parse(call!.http.body)
      assert.deepStrictEqual(body, { part_size: 8388608, filename: "trips.csv" })
      assert.notProperty(body, "declared_size_bytes")
    }).pipe(Effect.provide(layer))
  })

  it.effect("finalize of a single upload sends {} even without a body", () => {
    const layer = HotdataClient.layerTest({
      uploads: {
        finalize: ({ path }) => ({
          upload_id: path.upload_id,
          status: "finalized",
          size_bytes: 3,
          created_at: "2026-01-01"
        })
      }
    })
    return Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      yield* client.uploads.finalize("upld_1", undefined, { finalize_token: "tok" })
      const [call] = yield* (yield* HotdataTest.Calls).of("uploads", "finalize")
      assert.strictEqual(call!.http.body, "{}")
      assert.strictEqual(call!.headers.finalize_token, "tok")
    }).pipe(Effect.provide(layer))
  })

  it.effect("bad input is refused before sending, naming what was wrong", () => {
    const layer = HotdataClient.layerTest({})
    return Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const limit = yield* Effect.flip(client.databases.list({ limit: 0 }))
      assert.strictEqual(limit._tag, "InvalidRequest")
      assert.include(limit.message, "limit")
      const missing = yield* Effect.flip(client.results.get("rslt_1", { database_id: "" }))
      assert.include(missing.message, "database_id")
      const path = yield* Effect.flip(client.databases.get(""))
      assert.include(path.message, "database_id")
      const body = yield* Effect.flip(client.query.execute({ sql: 42 } as never))
      assert.strictEqual(body._tag, "InvalidRequest")
      assert.include(body.message, "sql")
      assert.strictEqual((yield* (yield* HotdataTest.Calls).all).length, 0)
    }).pipe(Effect.provide(layer))
  })

  it("multi-status operations keep the status next to the body", () => {
    // The 202 of a query is a different shape from its 200: both decode by status.
    assert.isTrue(Schema.is(Schemas.AsyncQueryResponse)({ query_run_id: "q", status: "running", status_url: "u" }))
  })

  it.effect("a query answers with its status: 200 rows or 202 run", () => {
    const layer = HotdataClient.layerTest({
      query: {
        execute: ({ payload }) =>
          payload.async !== true
            ? HotdataTest.respond(200, {
              columns: ["x"],
              nullable: [false],
              rows: [[1]],
              execution_time_ms: 1,
              query_run_id: "qrun_1",
              preview_row_count: 1,
              row_count: 1,
              truncated: false
            })
            : HotdataTest.respond(202, {
              query_run_id: "qrun_2",
              status: "running",
              status_url: "https://x/v1/query-runs/qrun_2"
            })
      }
    })
    return Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const a = yield* client.query.execute({ sql: "select 1" }, { database_id: "d" })
      const b = yield* client.query.execute({ sql: "select 1", async: true }, { database_id: "d" })
      assert.isTrue(a.status === 200 && a.body.rows.length === 1)
      assert.isTrue(b.status === 202 && b.body.query_run_id === "qrun_2")
    }).pipe(Effect.provide(layer))
  })
})
