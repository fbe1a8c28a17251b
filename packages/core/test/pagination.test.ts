import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { HotdataClient } from "../src/index.js"
import { clientLayer } from "./utils.js"

const db = (id: string) => ({
  id,
  name: id,
  default_catalog: "default",
  default_schema: "main",
  created_at: "2026-01-01T00:00:00Z"
})

describe("pagination", () => {
  it.effect("follows cursors until has_more is false", () => {
    const pages: Record<string, unknown> = {
      "": { databases: [db("a"), db("b")], count: 2, has_more: true, next_cursor: "c1", limit: 2 },
      c1: { databases: [db("c"), db("d")], count: 2, has_more: true, next_cursor: "c2", limit: 2 },
      c2: { databases: [db("e")], count: 1, has_more: false, limit: 2 }
    }
    const { layer, seen } = clientLayer((request) => ({
      status: 200,
      body: pages[request.url.searchParams.get("cursor") ?? ""]
    }))
    return Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const ids = yield* client.databases.listStream({ limit: 2, search: "x" }).pipe(
        Stream.map((d) => d.id),
        Stream.runCollect
      )
      assert.deepStrictEqual(Chunk.toReadonlyArray(ids), ["a", "b", "c", "d", "e"])
      assert.strictEqual(seen.length, 3)
      assert.deepStrictEqual(seen.map((s) => s.url.searchParams.get("search")), ["x", "x", "x"])
      assert.deepStrictEqual(seen.map((s) => s.url.searchParams.get("limit")), ["2", "2", "2"])
    }).pipe(Effect.provide(layer))
  })

  it.effect("follows offsets with has_more, carrying headers on every page", () => {
    const results = Array.from(
      { length: 5 },
      (_, i) => ({ id: `rslt_${i}`, status: "ready", created_at: "2026-01-01" })
    )
    const { layer, seen } = clientLayer((request) => {
      const offset = Number(request.url.searchParams.get("offset") ?? 0)
      const page = results.slice(offset, offset + 2)
      return {
        status: 200,
        body: { results: page, count: page.length, offset, limit: 2, has_more: offset + 2 < results.length }
      }
    })
    return Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const ids = yield* client.results.listStream({ database_id: "data_1", limit: 2 }).pipe(
        Stream.map((r) => r.id),
        Stream.runCollect
      )
      assert.deepStrictEqual(Chunk.toReadonlyArray(ids), results.map((r) => r.id))
      assert.deepStrictEqual(seen.map((s) => s.url.searchParams.get("offset")), ["0", "2", "4"])
      assert.isTrue(seen.every((s) => s.headers["x-database-id"] === "data_1"))
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
    const { layer, seen } = clientLayer((request) => {
      const offset = Number(request.url.searchParams.get("offset") ?? 0)
      return { status: 200, body: { jobs: jobs.slice(offset, offset + 2) } }
    })
    return Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const ids = yield* client.jobs.listStream({ limit: 2 }).pipe(Stream.map((j) => j.id), Stream.runCollect)
      assert.deepStrictEqual(Chunk.toReadonlyArray(ids), ["job_0", "job_1", "job_2"])
      assert.strictEqual(seen.length, 3)
    }).pipe(Effect.provide(layer))
  })

  it.effect("taking a few items stops fetching pages", () => {
    const { layer, seen } = clientLayer((request) => {
      const n = Number(request.url.searchParams.get("cursor") ?? 0)
      return {
        status: 200,
        body: { databases: [db(`d${n}`), db(`d${n + 1}`)], has_more: true, next_cursor: String(n + 2) }
      }
    })
    return Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const taken = yield* client.databases.listStream().pipe(Stream.take(3), Stream.runCollect)
      assert.strictEqual(Chunk.size(taken), 3)
      assert.strictEqual(seen.length, 2)
    }).pipe(Effect.provide(layer))
  })

  it.effect("an error on a later page fails the stream with its typed error", () => {
    const { layer } = clientLayer((request) =>
      request.url.searchParams.get("cursor") === null
        ? { status: 200, body: { databases: [db("a")], has_more: true, next_cursor: "c1" } }
        : { status: 400, body: { error: { code: "BAD_REQUEST", message: "bad cursor" } } }
    )
    return Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const error = yield* Effect.flip(Stream.runCollect(client.databases.listStream()))
      assert.strictEqual(error._tag, "BadRequest")
      assert.strictEqual(error.message, "bad cursor")
    }).pipe(Effect.provide(layer))
  })
})
