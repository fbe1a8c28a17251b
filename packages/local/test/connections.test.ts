import { DuckDBInstance } from "@duckdb/node-api"
import { describe, it } from "@effect/vitest"
import { HotdataClient } from "@hotdata-effect/core/HotdataClient"
import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { assert } from "vitest"
import * as LocalHotdata from "../src/LocalHotdata.js"
import { poll, rowsOf } from "./helpers.js"

/** Writes a file into the server's sources directory. */
const writeSource = (name: string, content: string) =>
  Effect.map(LocalHotdata.LocalHotdata, (local) => {
    const dir = path.join(local.dataDir, "sources")
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    fs.writeFileSync(path.join(dir, name), content)
    return path.join(dir, name)
  })

describe("connections to files", () => {
  it.layer(LocalHotdata.layer())((it) => {
    it.effect("a CSV connection: discovery, queries through its catalog, refresh, purge, profile, delete", () =>
      Effect.gen(function*() {
        const client = yield* HotdataClient
        const file = yield* writeSource("people.csv", "id,name,active\n1,ada,true\n2,grace,false\n3,,true\n")
        const created = yield* client.connections.create({
          name: "people_src",
          source_type: "csv",
          config: { path: "people.csv" }
        })
        assert.strictEqual(created.discovery_status, "success")
        assert.strictEqual(created.tables_discovered, 1)

        const info = yield* client.informationSchema.list({ connection_id: created.id, include_columns: true })
        assert.deepStrictEqual(info.tables.map((t) => `${t.schema}.${t.table}`), ["main.people"])
        assert.deepStrictEqual(info.tables[0]!.columns!.map((c) => c.name), ["id", "name", "active"])
        const got = yield* client.connections.get(created.id)
        assert.strictEqual(got.source_type, "csv")
        assert.strictEqual(got.synced_table_count, 1)
        const health = yield* client.connections.checkHealth(created.id)
        assert.isTrue(health.healthy)

        const db = yield* client.databases.create({ name: "reader" })
        yield* client.databases.attachCatalog(db.id, { connection_id: created.id })
        assert.deepStrictEqual(yield* rowsOf(db.id, "SELECT count(*) FROM people_src.main.people"), [[3]])

        // The cache is a snapshot: a changed file is seen after refresh.
        fs.writeFileSync(file, "id,name,active\n1,ada,true\n2,grace,false\n3,,true\n4,edsger,false\n")
        assert.deepStrictEqual(yield* rowsOf(db.id, "SELECT count(*) FROM people_src.main.people"), [[3]])
        const refreshed = yield* client.refresh.execute({
          connection_id: created.id,
          schema_name: "main",
          table_name: "people",
          data: true
        })
        assert.strictEqual(refreshed.status, 200)
        if (refreshed.status === 200) assert.strictEqual((refreshed.body as { rows_synced: number }).rows_synced, 4)
        assert.deepStrictEqual(yield* rowsOf(db.id, "SELECT count(*) FROM people_src.main.people"), [[4]])

        // A purge drops the cached copy; the next query reads the file again.
        fs.writeFileSync(file, "id,name,active\n1,ada,true\n")
        yield* client.connections.purgeTableCache(created.id, "main", "people")
        const purged = yield* client.connections.get(created.id)
        assert.strictEqual(purged.synced_table_count, 0)
        assert.deepStrictEqual(yield* rowsOf(db.id, "SELECT count(*) FROM people_src.main.people"), [[1]])
        fs.writeFileSync(file, "id,name,active\n1,ada,true\n2,grace,false\n3,,true\n")
        yield* client.connections.purgeCache(created.id)
        assert.deepStrictEqual(yield* rowsOf(db.id, "SELECT count(*) FROM people_src.main.people"), [[3]])

        const profile = yield* client.connections.getTableProfile(created.id, "main", "people")
        assert.strictEqual(profile.row_count, 3)
        const byName = new Map(profile.columns.map((c) => [c.name, c]))
        assert.deepStrictEqual(byName.get("id")!.profile, { type: "numeric", min: "1", max: "3", mean: 2 })
        assert.strictEqual(byName.get("name")!.null_count, 1)
        assert.strictEqual(byName.get("name")!.cardinality, 2)
        const names = byName.get("name")!.profile
        assert.strictEqual(names?.type, "categorical")
        assert.deepStrictEqual(byName.get("active")!.profile, { type: "boolean", true_count: 2, false_count: 1 })

        yield* client.connections.delete(created.id)
        const gone = yield* Effect.flip(client.connections.get(created.id))
        assert.strictEqual(gone._tag, "NotFound")
        const after = yield* client.databases.get(db.id)
        assert.deepStrictEqual(after.attachments, [])
      }))

    it.effect("Parquet, JSON and DuckDB file sources; refresh as a job", () =>
      Effect.gen(function*() {
        const client = yield* HotdataClient
        const local = yield* LocalHotdata.LocalHotdata
        const dir = path.join(local.dataDir, "sources")
        fs.mkdirSync(dir, { recursive: true })
        yield* Effect.promise(async () => {
          const instance = await DuckDBInstance.create(":memory:")
          const conn = await instance.connect()
          await conn.run(`COPY (SELECT range AS n FROM range(5)) TO '${path.join(dir, "n.parquet")}' (FORMAT parquet)`)
          await conn.run(`ATTACH '${path.join(dir, "shop.duckdb")}' AS shop`)
          await conn.run("CREATE SCHEMA shop.sales")
          await conn.run("CREATE TABLE shop.sales.orders AS SELECT range AS id, range * 2.5 AS total FROM range(7)")
          await conn.run("CREATE TABLE shop.main.customers AS SELECT 'c' || range AS name FROM range(2)")
          await conn.run("DETACH shop")
          conn.closeSync()
          instance.closeSync()
        })
        yield* writeSource("events.json", "{\"kind\":\"a\",\"n\":1}\n{\"kind\":\"b\",\"n\":2}\n")

        const parquet = yield* client.connections.create({
          name: "numbers",
          source_type: "parquet",
          config: { path: "n.parquet", table: "nums" }
        })
        const json = yield* client.connections.create({
          name: "events",
          source_type: "json",
          config: { path: "events.json" }
        })
        const shop = yield* client.connections.create({
          name: "shop",
          source_type: "duckdb",
          config: { path: "shop.duckdb" }
        })
        assert.strictEqual(shop.tables_discovered, 2)
        const info = yield* client.informationSchema.list({ connection_id: shop.id })
        assert.deepStrictEqual(info.tables.map((t) => `${t.schema}.${t.table}`), ["main.customers", "sales.orders"])

        const db = yield* client.databases.create({ name: "files" })
        for (const c of [parquet, json, shop]) yield* client.databases.attachCatalog(db.id, { connection_id: c.id })
        assert.deepStrictEqual(yield* rowsOf(db.id, "SELECT sum(n) FROM numbers.main.nums"), [[10]])
        assert.deepStrictEqual(yield* rowsOf(db.id, "SELECT kind FROM events.main.events ORDER BY n"), [["a"], ["b"]])
        assert.deepStrictEqual(yield* rowsOf(db.id, "SELECT count(*) FROM shop.sales.orders"), [[7]])

        const submitted = yield* client.refresh.execute({ connection_id: shop.id, data: true, async: true })
        assert.strictEqual(submitted.status, 202)
        if (submitted.status !== 202) return
        const job = yield* poll(
          Effect.orDie(client.jobs.get(submitted.body.id)),
          (j) => j.status === "succeeded" || j.status === "failed"
        )
        assert.strictEqual(job.status, "succeeded")
        assert.strictEqual(job.job_type, "data_refresh_connection")
        assert.deepInclude(job.result as object, { connection_id: shop.id, tables_refreshed: 2, total_rows: 9 })

        const schema = yield* client.refresh.execute({})
        assert.strictEqual(schema.status, 200)
        if (schema.status === 200) assert.deepInclude(schema.body as object, { connections_failed: 0 })
      }))

    it.effect("connection types tell what works locally; remote engines get a 400 naming what is missing", () =>
      Effect.gen(function*() {
        const client = yield* HotdataClient
        const types = yield* client.connectionTypes.list()
        assert.deepStrictEqual(types.connection_types.map((t) => t.name), [
          "managed",
          "duckdb",
          "csv",
          "parquet",
          "json"
        ])
        const postgres = yield* Effect.flip(
          client.connections.create({ name: "pg", source_type: "postgres", config: { host: "localhost" } })
        )
        assert.strictEqual(postgres._tag, "BadRequest")
        assert.include(postgres.message, "PostgreSQL scanner extension")
        const unknown = yield* Effect.flip(client.connections.create({ name: "x", source_type: "nope", config: {} }))
        assert.strictEqual(unknown._tag, "BadRequest")
      }))

    it.effect("paths outside the sources directory are refused", () =>
      Effect.gen(function*() {
        const client = yield* HotdataClient
        const local = yield* LocalHotdata.LocalHotdata
        const outside = fs.mkdtempSync(path.join(os.tmpdir(), "hotdata-outside-"))
        const secret = path.join(outside, "secret.csv")
        fs.writeFileSync(secret, "a\n1\n")
        fs.mkdirSync(path.join(local.dataDir, "sources"), { recursive: true })
        fs.symlinkSync(secret, path.join(local.dataDir, "sources", "link.csv"))
        for (
          const hostile of [
            secret,
            "../state.json",
            path.join(local.dataDir, "state.json"),
            "../../../../../../etc/passwd",
            "link.csv"
          ]
        ) {
          const refused = yield* Effect.flip(
            client.connections.create({ name: "hostile", source_type: "csv", config: { path: hostile } })
          )
          assert.strictEqual(refused._tag, "BadRequest", hostile)
        }
        const list = yield* client.connections.list()
        assert.isFalse(list.connections.some((c) => c.name === "hostile"))
        fs.rmSync(outside, { recursive: true, force: true })
      }))

    it.effect("a source file whose name starts with dots is inside the sources directory", () =>
      Effect.gen(function*() {
        const client = yield* HotdataClient
        const dotted = yield* client.connections.create({
          name: "dotted",
          source_type: "csv",
          config: { path: "..csv" }
        }).pipe(Effect.either)
        // The file did not exist yet: refused as missing, never as outside.
        assert.strictEqual(dotted._tag, "Left")
        if (dotted._tag === "Left") assert.notInclude(dotted.left.message, "outside")
        yield* writeSource("..csv", "a\n1\n2\n")
        yield* writeSource("...hidden.csv", "a\n3\n")
        const created = yield* client.connections.create({
          name: "dotted",
          source_type: "csv",
          config: { path: "..csv" }
        })
        assert.strictEqual(created.tables_discovered, 1)
        const hidden = yield* client.connections.create({
          name: "hidden",
          source_type: "csv",
          config: { path: "...hidden.csv" }
        })
        const db = yield* client.databases.create({ name: "dots" })
        yield* client.databases.attachCatalog(db.id, { connection_id: created.id })
        yield* client.databases.attachCatalog(db.id, { connection_id: hidden.id })
        assert.deepStrictEqual(yield* rowsOf(db.id, "SELECT sum(a) FROM dotted.main.csv"), [[3]])
        assert.deepStrictEqual(yield* rowsOf(db.id, "SELECT sum(a) FROM hidden.main.hidden"), [[3]])
      }))

    it.effect("a hard link in the sources directory to a file outside is refused, also after the fact", () =>
      Effect.gen(function*() {
        const client = yield* HotdataClient
        const local = yield* LocalHotdata.LocalHotdata
        const outside = fs.mkdtempSync(path.join(os.tmpdir(), "hotdata-outside-"))
        const secret = path.join(outside, "secret.csv")
        fs.writeFileSync(secret, "token\nsecret-value\n")
        const sources = path.join(local.dataDir, "sources")
        fs.mkdirSync(sources, { recursive: true })
        fs.linkSync(secret, path.join(sources, "hard.csv"))
        const refused = yield* Effect.flip(
          client.connections.create({ name: "hard", source_type: "csv", config: { path: "hard.csv" } })
        )
        assert.strictEqual(refused._tag, "BadRequest")
        assert.include(refused.message, "hard link")
        // A source swapped for a hard link after it was made is not read again.
        const swapped = yield* writeSource("swapped.csv", "token\nfine\n")
        const connection = yield* client.connections.create({
          name: "swapped",
          source_type: "csv",
          config: { path: "swapped.csv" }
        })
        fs.rmSync(swapped)
        fs.linkSync(secret, swapped)
        const refresh = yield* Effect.either(client.refresh.execute({ connection_id: connection.id, data: true }))
        assert.strictEqual(refresh._tag, "Left")
        const health = yield* client.connections.checkHealth(connection.id)
        assert.isFalse(health.healthy)
        assert.include(health.error ?? "", "hard link")
        const reader = yield* client.databases.create({ name: "swapped_reader" })
        yield* client.databases.attachCatalog(reader.id, { connection_id: connection.id })
        assert.deepStrictEqual(yield* rowsOf(reader.id, "SELECT token FROM swapped.main.swapped"), [["fine"]])
        fs.rmSync(outside, { recursive: true, force: true })
      }))

    it.effect("managed catalogs: refresh and cache purge answer 400, delete 409, profile works", () =>
      Effect.gen(function*() {
        const client = yield* HotdataClient
        const db = yield* client.databases.create({ name: "managed" })
        yield* client.databases.loadTable(db.id, "main", "t", { mode: "replace", data: "x,y\n1,a\n2,a\n3,b\n" })
        const refresh = yield* Effect.flip(
          client.refresh.execute({ connection_id: db.default_connection_id, data: true })
        )
        assert.strictEqual(refresh._tag, "BadRequest")
        assert.include(refresh.message, "loads endpoint")
        const purge = yield* Effect.flip(client.connections.purgeCache(db.default_connection_id))
        assert.strictEqual(purge._tag, "BadRequest")
        const del = yield* Effect.flip(client.connections.delete(db.default_connection_id))
        assert.strictEqual(del._tag, "Conflict")
        const profile = yield* client.connections.getTableProfile(db.default_connection_id, "main", "t")
        assert.strictEqual(profile.row_count, 3)
        const y = profile.columns.find((c) => c.name === "y")!
        assert.deepStrictEqual(y.profile, {
          type: "categorical",
          values: [{ value: "a", count: 2 }, { value: "b", count: 1 }]
        })
        const missing = yield* Effect.flip(client.connections.getTableProfile(db.default_connection_id, "main", "nope"))
        assert.strictEqual(missing._tag, "NotFound")
      }))
  })
})
