/**
 * A keyed write whose answer is lost after the server ran it is replayed by the SDK with
 * the same idempotency key, and the server applies it once.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import { assert, layer } from "@effect/vitest"
import { HotdataClient, Query, RetryPolicy } from "@hotdata-effect/core"
import { Faults, LocalHotdata } from "@hotdata-effect/local"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as crypto from "node:crypto"

/** A client of the local server that records the JSON body of every attempt it sends. */
const recordingClient = Effect.gen(function*() {
  const server = yield* LocalHotdata.LocalHotdata
  const sent: Array<{ readonly url: string; readonly body: Record<string, unknown> }> = []
  const client = yield* HotdataClient.make({
    apiKey: server.apiKey,
    workspaceId: server.workspaceId,
    baseUrl: server.baseUrl,
    retryPolicy: RetryPolicy.make({ baseDelay: "20 millis", jitter: 0 }),
    transformClient: HttpClient.tapRequest((request) =>
      Effect.sync(() => {
        if (request.body._tag === "Uint8Array") {
          sent.push({ url: request.url, body: JSON.parse(new TextDecoder().decode(request.body.body)) })
        }
      })
    )
  })
  return { client, sent, server }
}).pipe(Effect.provide(FetchHttpClient.layer))

const csv = (from: number, count: number) => {
  let text = "id,amount\n"
  for (let i = from; i < from + count; i++) text += `${i},${i * 2}\n`
  return text
}

const countRows = (client: HotdataClient.HotdataClient.Service, databaseId: string, table: string) =>
  Effect.map(
    Query.run(`SELECT count(*) AS n, sum(amount) AS total FROM ${table}`, { databaseId }).pipe(
      Effect.provideService(HotdataClient.HotdataClient, client)
    ),
    (result) => ({ n: Number(result.rows[0]![0]), total: Number(result.rows[0]![1]) })
  )

layer(Layer.fresh(LocalHotdata.layerServer()), { timeout: 120_000, excludeTestServices: true })(
  "idempotent loads against the local server",
  (it) => {
    it.effect("an append whose answer is cut after it ran is retried with the same key and lands once", () =>
      Effect.gen(function*() {
        const { client, sent, server } = yield* recordingClient
        const db = yield* client.databases.create({ name: `idem-${crypto.randomUUID().slice(0, 8)}` })
        const first = yield* client.databases.loadTable(db.id, "main", "t", { mode: "replace", data: csv(0, 10) })
        assert.strictEqual(first.status, 200)

        const before = yield* server.callCount("load_database_table")
        sent.length = 0
        yield* server.injectFault("load_database_table", Faults.cutBody(), 1)
        const appended = yield* client.databases.loadTable(db.id, "main", "t", { mode: "append", data: csv(10, 5) })
        assert.strictEqual(appended.status, 200)
        if (appended.status === 200) assert.strictEqual(appended.body.row_count, 15)
        // Two attempts reached the server, with one key.
        assert.strictEqual((yield* server.callCount("load_database_table")) - before, 2)
        assert.strictEqual(sent.length, 2)
        const key = sent[0]!.body.idempotency_key
        assert.isString(key)
        assert.strictEqual(sent[1]!.body.idempotency_key, key)

        const rows = yield* countRows(client, db.id, "t")
        assert.deepStrictEqual(rows, { n: 15, total: 2 * (14 * 15) / 2 })
      }))

    it.effect("the connection-scoped load too, with the key given as an option and two answers cut before their body", () =>
      Effect.gen(function*() {
        const { client, sent, server } = yield* recordingClient
        const db = yield* client.databases.create({ name: `idem-${crypto.randomUUID().slice(0, 8)}` })
        const connection = db.default_connection_id
        yield* client.connections.loadTable(connection, "main", "u", { mode: "replace", data: csv(0, 3) })
        sent.length = 0
        yield* server.injectFault("load_managed_table", Faults.cutBody(0), 2)
        const appended = yield* client.connections.loadTable(connection, "main", "u", {
          mode: "append",
          data: csv(3, 4)
        }, { idempotencyKey: "append-3-to-7" })
        assert.strictEqual(appended.status, 200)
        assert.deepStrictEqual(sent.map((s) => s.body.idempotency_key), Array(3).fill("append-3-to-7"))
        const rows = yield* countRows(client, db.id, "u")
        assert.strictEqual(rows.n, 7)

        // The same key with other data is refused and loads nothing.
        const reused = yield* Effect.flip(
          client.connections.loadTable(connection, "main", "u", { mode: "append", data: csv(100, 1) }, {
            idempotencyKey: "append-3-to-7"
          })
        )
        assert.strictEqual(reused._tag, "Conflict")
        assert.strictEqual((yield* countRows(client, db.id, "u")).n, 7)
      }))

    it.effect("a bulk database creation whose answer is lost is replayed with its key and creates the batch once", () =>
      Effect.gen(function*() {
        const { client, sent, server } = yield* recordingClient
        const tag = crypto.randomUUID().slice(0, 8)
        yield* server.injectFault("bulk_create_databases", Faults.cutBody(), 1)
        const batch = yield* client.databases.bulkCreate({ count: 3, name_template: `bulk-${tag}-{n}` })
        assert.strictEqual(batch.count, 3)
        assert.strictEqual(batch.created_count, 3)
        assert.strictEqual(sent.length, 2)
        assert.strictEqual(sent[1]!.body.idempotency_key, sent[0]!.body.idempotency_key)
        const created = yield* client.databases.count({ batch: batch.batch_id })
        assert.strictEqual(created.total, 3)
        assert.strictEqual((yield* client.databases.count({ search: `bulk-${tag}-` })).total, 3)
        assert.strictEqual((yield* client.databases.getBatch(batch.batch_id)).created_count, 3)

        // The same key answers with the original batch whatever the body.
        const again = yield* client.databases.bulkCreate({ count: 5 }, {
          idempotencyKey: String(sent[0]!.body.idempotency_key)
        })
        assert.strictEqual(again.batch_id, batch.batch_id)
        assert.strictEqual((yield* client.databases.count({ search: `bulk-${tag}-` })).total, 3)
      }))
  }
)
