import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { HotdataClient, HotdataTest } from "../src/index.js"

const db = (id: string) => ({
  id,
  name: id,
  default_catalog: "default",
  default_schema: "main",
  expires_at: null,
  created_at: "2026-01-01T00:00:00Z"
})

const callsOf = Effect.flatMap(HotdataTest.Calls, (calls) => calls.all)

describe("pagination", () => {
  it.effect("follows cursors until has_more is false", () => {
    const pages = {
      "": { databases: [db("a"), db("b")], count: 2, has_more: true, next_cursor: "c1", limit: 2 },
      c1: { databases: [db("c"), db("d")], count: 2, has_more: true, next_cursor: "c2", limit: 2 },
      c2: { databases: [db("e")], count: 1, has_more: false, next_cursor: null, limit: 2 }
    }
    const layer = HotdataClient.layerTest({
      databases: { list: ({ query }) => pages[(query.cursor ?? "") as keyof typeof pages] }
    })
    return Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const ids = yield* client.databases.listStream({ limit: 2, search: "x" }).pipe(
        Stream.map((d) => d.id),
        Stream.runCollect
      )
      assert.deepStrictEqual(Chunk.toReadonlyArray(ids), ["a", "b", "c", "d", "e"])
      const seen = yield* callsOf
      assert.strictEqual(seen.length, 3)
      assert.deepStrictEqual(seen.map((s) => s.http.url.searchParams.get("search")), ["x", "x", "x"])
      assert.deepStrictEqual(seen.map((s) => s.http.url.searchParams.get("limit")), ["2", "2", "2"])
    }).pipe(Effect.provide(layer))
  })

  it.effect("follows offsets with has_more, carrying headers on every page", () => {
    const results = Array.from(
      { length: 5 },
      (_, i) => ({ id: `rslt_${i}`, status: "ready", created_at: "2026-01-01", error_message: null })
    )
    const layer = HotdataClient.layerTest({
      results: {
        list: ({ query }) => {
          const offset = query.offset ?? 0
          const page = results.slice(offset, offset + 2)
          return { results: page, count: page.length, offset, limit: 2, has_more: offset + 2 < results.length }
        }
      }
    })
    return Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const ids = yield* client.results.listStream({ database_id: "data_1", limit: 2 }).pipe(
        Stream.map((r) => r.id),
        Stream.runCollect
      )
      assert.deepStrictEqual(Chunk.toReadonlyArray(ids), results.map((r) => r.id))
      const seen = yield* callsOf
      assert.deepStrictEqual(seen.map((s) => s.http.url.searchParams.get("offset")), ["0", "2", "4"])
      assert.isTrue(seen.every((s) => s.http.headers["x-database-id"] === "data_1"))
    }).pipe(Effect.provide(layer))
  })

  it.effect("pages without has_more (jobs) continue until an empty page", () => {
    const jobs = Array.from({ length: 3 }, (_, i) => ({
      id: `job_${i}`,
      job_type: "managed_load",
      status: "succeeded",
      attempts: 1,
      created_at: "2026-01-01"
    }))
    const layer = HotdataClient.layerTest({
      jobs: {
        list: ({ query }) => HotdataTest.json(200, { jobs: jobs.slice(query.offset ?? 0, (query.offset ?? 0) + 2) })
      }
    })
    return Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const ids = yield* client.jobs.listStream({ limit: 2 }).pipe(Stream.map((j) => j.id), Stream.runCollect)
      assert.deepStrictEqual(Chunk.toReadonlyArray(ids), ["job_0", "job_1", "job_2"])
      assert.strictEqual((yield* callsOf).length, 3)
    }).pipe(Effect.provide(layer))
  })

  it.effect("taking a few items stops fetching pages", () => {
    const layer = HotdataClient.layerTest({
      databases: {
        list: ({ query }) => {
          const n = Number(query.cursor ?? 0)
          return { databases: [db(`d${n}`), db(`d${n + 1}`)], has_more: true, next_cursor: String(n + 2) }
        }
      }
    })
    return Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const taken = yield* client.databases.listStream().pipe(Stream.take(3), Stream.runCollect)
      assert.strictEqual(Chunk.size(taken), 3)
      assert.strictEqual((yield* callsOf).length, 2)
    }).pipe(Effect.provide(layer))
  })

  it.effect("an error on a later page fails the stream with its typed error", () => {
    const layer = HotdataClient.layerTest({
      databases: {
        list: ({ query }) =>
          query.cursor === undefined
            ? { databases: [db("a")], has_more: true, next_cursor: "c1" }
            : HotdataTest.error(400, { code: "BAD_REQUEST", message: "bad cursor" })
      }
    })
    return Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const error = yield* Effect.flip(Stream.runCollect(client.databases.listStream()))
      assert.strictEqual(error._tag, "BadRequest")
      assert.strictEqual(error.message, "bad cursor")
    }).pipe(Effect.provide(layer))
  })
})
