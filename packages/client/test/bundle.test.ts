/**
 * The built bundle of @hotdata-effect/client (dist/index.js and dist/index.cjs, made by
 * `npm run build`), against a real local server: what a user of the published package
 * runs. Its own copy of Effect must still give `instanceof HotdataPromiseError`, tagged
 * errors with their HTTP facts, and Arrow objects of the user's apache-arrow.
 */
import { assert, layer } from "@effect/vitest"
import { LocalHotdata } from "@hotdata-effect/local"
import { Table } from "apache-arrow"
import { Effect, Redacted } from "effect"
import { createRequire } from "node:module"
import * as path from "node:path"
import * as url from "node:url"
import type * as Client from "../src/index.js"

const dist = path.join(import.meta.dirname, "..", "dist")
const loadEsm = (): Promise<typeof Client> => import(url.pathToFileURL(path.join(dist, "index.js")).href)
const loadCjs = (): typeof Client => createRequire(import.meta.url)(path.join(dist, "index.cjs"))

const optionsOf = (local: LocalHotdata.LocalHotdata["Type"]): Client.Options => ({
  apiKey: Redacted.value(local.apiKey),
  workspaceId: local.workspaceId,
  baseUrl: local.baseUrl,
  env: {}
})

layer(LocalHotdata.layer(), { excludeTestServices: true, timeout: 60_000 })("client bundle", (it) => {
  for (const [format, load] of [["ESM", loadEsm], ["CommonJS", async () => loadCjs()]] as const) {
    it.effect(`${format}: calls the API and throws tagged errors that are instanceof HotdataPromiseError`, () =>
      Effect.gen(function*() {
        const local = yield* LocalHotdata.LocalHotdata
        const client = yield* Effect.promise(load)
        const result = yield* Effect.promise(async () => {
          await using hotdata = client.createHotdataClient({
            ...optionsOf(local),
            retryPolicy: client.retryPolicy({ maxRetries: 2, baseDelay: "10 millis" }),
            timeout: [30, 0]
          })
          const db = await hotdata.databases.create({ name: `bundle-${format}` })
          const got = await hotdata.databases.get(db.id, { timeout: "10 seconds", maxRetries: 0 })
          await hotdata.databases.delete(db.id)
          const error = await hotdata.databases.get("db_does_not_exist").then(() => undefined, (e: unknown) => e)
          // A disposed client rejects later calls with an AbortError.
          const noRetries = client.createHotdataClient({ ...optionsOf(local), retryPolicy: client.noRetries })
          await noRetries.dispose()
          const disposed = await noRetries.databases.list().then(() => undefined, (e: unknown) => e)
          assert.strictEqual((disposed as Error | undefined)?.name, "AbortError")
          return { id: db.id, got: got.id, error }
        })
        assert.strictEqual(result.got, result.id)
        const error = result.error
        assert.isTrue(error instanceof client.HotdataPromiseError)
        assert.isTrue(error instanceof Error)
        if (!(error instanceof client.HotdataPromiseError)) return
        assert.strictEqual(error._tag, "NotFound")
        assert.strictEqual(error.status, 404)
        assert.isString(error.message)
        assert.isNotEmpty(error.message)
        assert.isString(error.traceId)
        // A plain object with the same fields is not one of the SDK's errors.
        assert.isFalse({ _tag: "NotFound", status: 404, message: "x" } instanceof client.HotdataPromiseError)
      }))
  }

  it.effect("a missing API key throws InvalidConfig synchronously, naming the setting", () =>
    Effect.gen(function*() {
      const client = yield* Effect.promise(loadEsm)
      let thrown: unknown
      try {
        client.createHotdataClient({ env: {} })
      } catch (error) {
        thrown = error
      }
      assert.isTrue(thrown instanceof client.HotdataPromiseError)
      assert.strictEqual((thrown as Client.HotdataPromiseError)._tag, "InvalidConfig")
      assert.include((thrown as Client.HotdataPromiseError).message, "apiKey")
    }))

  it.effect("uploads bytes with progress, loads them, and answers Arrow tables of the user's apache-arrow", () =>
    Effect.gen(function*() {
      const local = yield* LocalHotdata.LocalHotdata
      const client = yield* Effect.promise(loadEsm)
      const result = yield* Effect.promise(async () => {
        await using hotdata = client.createHotdataClient(optionsOf(local))
        const db = await hotdata.databases.create({ name: "bundle-arrow" })
        try {
          let csv = "id,name\n"
          for (let i = 0; i < 1000; i++) csv += `${i},n${i % 7}\n`
          const events: Array<string> = []
          const loaded = await client.loadFile(hotdata, new TextEncoder().encode(csv), {
            databaseId: db.id,
            schema: "main",
            table: "t",
            mode: "replace",
            upload: { contentType: "text/csv", onEvent: (event) => events.push(event._tag) }
          })
          const table = await client.queryTable(hotdata, "SELECT count(*) AS n, sum(id) AS s FROM t", {
            databaseId: db.id
          })
          let rows = 0
          for await (const batch of client.queryBatches(hotdata, "SELECT * FROM t", { databaseId: db.id })) {
            rows += batch.numRows
          }
          return { loaded: loaded.row_count, table, rows, events }
        } finally {
          await hotdata.databases.delete(db.id)
        }
      })
      assert.strictEqual(result.loaded, 1000)
      assert.strictEqual(result.rows, 1000)
      assert.isTrue(result.table instanceof Table)
      assert.strictEqual(Number(result.table.getChild("n")?.get(0)), 1000)
      assert.strictEqual(Number(result.table.getChild("s")?.get(0)), (999 * 1000) / 2)
      assert.include(result.events, "SessionOpened")
      assert.include(result.events, "Finished")
    }))
})
