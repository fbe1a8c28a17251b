import { assert, layer } from "@effect/vitest"
import { HotdataClient, Operations, Polling, Query } from "@hotdata-effect/core"
import { Faults, LocalHotdata } from "@hotdata-effect/local"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as crypto from "node:crypto"

const MiB = 1024 * 1024

/** Upload `bytes` with the core primitives: session, presigned PUTs, finalize. */
const uploadBytes = (bytes: Uint8Array, declare: boolean) =>
  Effect.gen(function*() {
    const client = yield* HotdataClient.HotdataClient
    const session = yield* client.uploads.create({
      content_type: "text/csv",
      ...(declare ? { declared_size_bytes: bytes.length } : {})
    })
    const put = (url: string, body: Uint8Array) =>
      Effect.promise(async () => {
        const response = await fetch(url, { method: "PUT", body: body as BodyInit, headers: session.headers })
        assert.strictEqual(response.status, 200, await response.clone().text())
        return response.headers.get("etag")!
      })
    if (session.mode === "single") {
      yield* put(session.url!, bytes)
      return yield* client.uploads.finalize(session.upload_id, {}, { finalize_token: session.finalize_token })
    }
    const partSize = session.part_size!
    const count = Math.max(1, Math.ceil(bytes.length / partSize))
    const numbers = Array.from({ length: count }, (_, i) => i + 1)
    const urls = session.part_urls ??
      (yield* client.uploads.mintParts(session.upload_id, { part_numbers: numbers }, {
        finalize_token: session.finalize_token
      })).parts.map((p) => p.url)
    const parts = yield* Effect.forEach(numbers, (n) =>
      Effect.map(
        put(urls[n - 1]!, bytes.subarray((n - 1) * partSize, Math.min(n * partSize, bytes.length))),
        (e_tag) => ({ part_number: n, e_tag })
      ), { concurrency: 4 })
    return yield* client.uploads.finalize(session.upload_id, { parts }, { finalize_token: session.finalize_token })
  })

const csv = (rows: number, pad = 0) => {
  let text = "id,city,amount,note\n"
  for (let i = 0; i < rows; i++) text += `${i},city-${i % 7},${(i % 1000) / 10},${"x".repeat(pad)}\n`
  return new TextEncoder().encode(text)
}

layer(LocalHotdata.layer({ inlineRowLimit: 1000 }), { timeout: 120_000, excludeTestServices: true })(
  "core client against the local server",
  (it) => {
    it.effect("database → uploads → loads → queries → results → saved queries → cleanup", () =>
      Effect.gen(function*() {
        const client = yield* HotdataClient.HotdataClient
        const db = yield* client.databases.create({ name: `e2e-${crypto.randomUUID().slice(0, 8)}` })
        assert.isString(db.default_connection_id)
        const fetched = yield* client.databases.get(db.id)
        assert.strictEqual(fetched.id, db.id)
        const listed = yield* client.databases.listStream().pipe(Stream.runCollect)
        assert.isTrue(Chunk.some(listed, (d) => d.id === db.id))

        // A small upload (single PUT) and a large one (multipart, streaming session).
        const small = csv(50)
        const single = yield* uploadBytes(small, true)
        assert.strictEqual(single.size_bytes, small.length)
        const large = csv(300_000, 20) // about 12 MiB: more than one part
        assert.isAbove(large.length, 8 * MiB)
        const multi = yield* uploadBytes(large, false)
        assert.strictEqual(multi.size_bytes, large.length)

        const loadSmall = yield* client.databases.loadTable(db.id, "main", "small", {
          mode: "replace",
          upload_id: single.upload_id
        })
        assert.isTrue(loadSmall.status === 200 && loadSmall.body.row_count === 50)
        // The large load runs as a job.
        const loadLarge = yield* client.databases.loadTable(db.id, "main", "large", {
          mode: "replace",
          upload_id: multi.upload_id,
          async: true
        })
        if (loadLarge.status === 202) {
          const job = yield* Polling.job(loadLarge.body.id)
          assert.strictEqual(job.status, "succeeded")
        }
        // An upload loads at most once.
        const again = yield* Effect.flip(client.databases.loadTable(db.id, "main", "small", {
          mode: "append",
          upload_id: single.upload_id
        }))
        assert.strictEqual(again._tag, "Conflict")

        // Sync query with inline rows, then a truncated one followed to the end, then async.
        const sum = yield* Query.run("SELECT count(*) AS n, sum(amount) AS total FROM large", { databaseId: db.id })
        assert.strictEqual(Number(sum.rows[0]![0]), 300_000)
        const truncated = yield* Query.run("SELECT id FROM large WHERE id < 5000 ORDER BY id", {
          databaseId: db.id,
          pageSize: 2000
        })
        assert.isTrue(truncated.truncated)
        assert.strictEqual(truncated.rows.length, 5000)
        assert.strictEqual(Number(truncated.rows[4999]![0]), 4999)
        const asyncRun = yield* Query.run("SELECT city, count(*) AS n FROM large GROUP BY city ORDER BY city", {
          databaseId: db.id,
          async: true
        })
        assert.strictEqual(asyncRun.rows.length, 7)
        const Row = Schema.Struct({ city: Schema.String, n: Schema.Number })
        const typed = yield* Query.runAs(
          Row,
          "SELECT city, count(*)::INTEGER AS n FROM small GROUP BY city ORDER BY city",
          {
            databaseId: db.id
          }
        )
        assert.strictEqual(typed[0]!.city, "city-0")

        // Results in every format.
        const resultId = sum.resultId!
        yield* Polling.result(resultId, { databaseId: db.id })
        const json = yield* client.results.get(resultId, { database_id: db.id, format: "json" })
        assert.isTrue(json.status === 200 && json.body.rows!.length === 1)
        for (const format of ["csv", "md", "arrow", "parquet"] as const) {
          const bytes = yield* Effect.scoped(
            Effect.flatMap(
              client.response(Operations.GetResult, {
                path: [resultId],
                options: { database_id: db.id, format }
              }),
              (response) => response.arrayBuffer
            )
          ).pipe(Effect.orDie)
          assert.isAbove(bytes.byteLength, 0, format)
        }
        const results = yield* client.results.listStream({ database_id: db.id }).pipe(Stream.runCollect)
        assert.isTrue(Chunk.some(results, (r) => r.id === resultId))
        const runs = yield* client.queryRuns.listStream({ database_id: db.id }).pipe(Stream.runCollect)
        assert.isAtLeast(Chunk.size(runs), 3)

        // Saved queries with versions.
        const saved = yield* client.savedQueries.create({ name: "total", sql: "SELECT 1 AS v" })
        yield* client.savedQueries.update(saved.id, { sql: "SELECT 2 AS v" })
        const versions = yield* client.savedQueries.listVersionsStream(saved.id).pipe(Stream.runCollect)
        assert.isAtLeast(Chunk.size(versions), 2)
        const executed = yield* client.savedQueries.execute(saved.id, undefined, { database_id: db.id })
        assert.strictEqual(Number(executed.rows[0]![0]), 2)
        yield* client.savedQueries.delete(saved.id)

        // Cleanup.
        yield* client.databases.delete(db.id)
        const gone = yield* Effect.flip(client.databases.get(db.id))
        assert.strictEqual(gone._tag, "NotFound")
      }))

    it.effect("retries through injected faults: a 503 on a GET and a reset before a POST's response", () =>
      Effect.gen(function*() {
        const server = yield* LocalHotdata.LocalHotdata
        const client = yield* HotdataClient.HotdataClient
        const listsBefore = yield* server.callCount("list_databases")
        yield* server.injectFault("list_databases", Faults.status(503, { retryAfter: "1 second" }), 2)
        const page = yield* client.databases.list()
        assert.isArray(page.databases)
        assert.strictEqual((yield* server.callCount("list_databases")) - listsBefore, 3)
        const before = yield* server.callCount("create_database")
        yield* server.injectFault("create_database", Faults.connectionReset)
        const db = yield* client.databases.create({ name: "after-reset" })
        assert.isString(db.id)
        assert.strictEqual((yield* server.callCount("create_database")) - before, 2)
        yield* client.databases.delete(db.id)
      }))

    it.effect("a POST answered 503 is not replayed", () =>
      Effect.gen(function*() {
        const server = yield* LocalHotdata.LocalHotdata
        const client = yield* HotdataClient.HotdataClient
        const before = yield* server.callCount("create_database")
        yield* server.injectFault("create_database", Faults.status(503))
        const error = yield* Effect.flip(client.databases.create({ name: "never" }))
        assert.strictEqual(error._tag, "ServerError")
        assert.isString((error as { traceId?: string }).traceId)
        assert.strictEqual((yield* server.callCount("create_database")) - before, 1)
      }))

    it.effect("bad input and unknown ids are typed 4xx errors with the server's message", () =>
      Effect.gen(function*() {
        const client = yield* HotdataClient.HotdataClient
        const db = yield* client.databases.create({ name: "errors" })
        const sql = yield* Effect.flip(Query.run("SELEC nonsense", { databaseId: db.id }))
        assert.strictEqual(sql._tag, "BadRequest")
        const missing = yield* Effect.flip(client.databases.get("data_does_not_exist"))
        assert.strictEqual(missing._tag, "NotFound")
        const big = "a\n" + "1\n".repeat(1_100_000)
        const tooLarge = yield* Effect.flip(
          client.databases.loadTable(db.id, "main", "t", { mode: "replace", data: big })
        )
        assert.strictEqual(tooLarge._tag, "PayloadTooLarge")
        yield* client.databases.delete(db.id)
      }))
  }
)
