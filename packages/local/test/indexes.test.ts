import { describe, it } from "@effect/vitest"
import { HotdataClient } from "@hotdata-effect/core/HotdataClient"
import * as Effect from "effect/Effect"
import { assert } from "vitest"
import * as LocalHotdata from "../src/LocalHotdata.js"
import { api, poll, rowsOf } from "./helpers.js"

/** A database whose default connection holds `docs` (id, title, body, embedding FLOAT[3]). */
const seeded = Effect.gen(function*() {
  const client = yield* HotdataClient
  const db = yield* client.databases.create({ name: "indexed" })
  yield* client.databases.loadTable(db.id, "main", "docs", {
    mode: "replace",
    data: "id,title,body\n1,ducks,ducks swim in the pond\n2,geese,geese fly south\n3,ponds,a pond without ducks\n"
  })
  const created = yield* client.query.execute({
    sql: "CREATE TABLE default.main.vectors AS SELECT * FROM (VALUES " +
      "(1, [1.0, 0.0, 0.0]::FLOAT[3]), (2, [0.0, 1.0, 0.0]::FLOAT[3]), (3, [0.9, 0.1, 0.0]::FLOAT[3])" +
      ") t(id, embedding)"
  }, { database_id: db.id })
  assert.strictEqual(created.status, 200)
  return { client, db, connection: db.default_connection_id }
})

describe("indexes on the local server", () => {
  it.layer(LocalHotdata.layer())((it) => {
    it.effect("a sorted index is a DuckDB index on the managed table, hostile names included", () =>
      Effect.gen(function*() {
        const { client, connection, db } = yield* seeded
        const name = "by id\"; DROP TABLE docs; --"
        const made = yield* client.indexes.create(connection, "main", "docs", { index_name: name, columns: ["id"] })
        assert.strictEqual(made.status, 201)
        if (made.status === 201) {
          assert.strictEqual(made.body.index_name, name)
          assert.strictEqual(made.body.index_type, "sorted")
          assert.strictEqual(made.body.status, "ready")
        }
        const inDuckDb = yield* rowsOf(
          db.id,
          "SELECT index_name FROM duckdb_indexes() WHERE table_name = 'docs'"
        )
        assert.deepStrictEqual(inDuckDb, [[name]])
        assert.deepStrictEqual(yield* rowsOf(db.id, "SELECT count(*) FROM default.main.docs"), [[3]])
        const listed = yield* client.indexes.list(connection, "main", "docs")
        assert.deepStrictEqual(listed.indexes.map((i) => [i.index_name, i.columns]), [[name, ["id"]]])
        const page = yield* client.indexes.listForDatabase({ database_id: db.id })
        assert.strictEqual(page.count, 1)
        assert.strictEqual(page.indexes[0]!.table_name, "docs")
        assert.strictEqual(page.indexes[0]!.connection_id, connection)

        const again = yield* Effect.flip(
          client.indexes.create(connection, "main", "docs", { index_name: name, columns: ["id"] })
        )
        assert.strictEqual(again._tag, "Conflict")
        const column = yield* Effect.flip(
          client.indexes.create(connection, "main", "docs", { index_name: "x", columns: ["missing"] })
        )
        assert.strictEqual(column._tag, "BadRequest")
        assert.include(column.message, "missing")
        const table = yield* Effect.flip(client.indexes.list(connection, "main", "nowhere"))
        assert.strictEqual(table._tag, "NotFound")

        yield* client.indexes.delete(connection, "main", "docs", name)
        assert.deepStrictEqual(
          yield* rowsOf(db.id, "SELECT index_name FROM duckdb_indexes() WHERE table_name = 'docs'"),
          []
        )
        const gone = yield* Effect.flip(client.indexes.delete(connection, "main", "docs", name))
        assert.strictEqual(gone._tag, "NotFound")
      }))

    it.effect("vector and bm25 indexes are kept as metadata; searches scan with DuckDB's functions", () =>
      Effect.gen(function*() {
        const { client, connection, db } = yield* seeded
        const vector = yield* client.indexes.create(connection, "main", "vectors", {
          index_name: "emb",
          index_type: "vector",
          columns: ["embedding"],
          dimensions: 3
        })
        assert.strictEqual(vector.status, 201)
        if (vector.status === 201) {
          assert.strictEqual(vector.body.metric, "cosine")
          assert.strictEqual(vector.body.source_column, "embedding")
        }
        const nearest = yield* rowsOf(
          db.id,
          "SELECT id FROM default.main.vectors " +
            "ORDER BY array_cosine_similarity(embedding, [1.0, 0.0, 0.0]::FLOAT[3]) DESC LIMIT 2"
        )
        assert.deepStrictEqual(nearest, [[1], [3]])

        const text = yield* Effect.flip(client.indexes.create(connection, "main", "docs", {
          index_name: "emb",
          index_type: "vector",
          columns: ["body"]
        }))
        assert.strictEqual(text._tag, "BadRequest")
        assert.include(text.message, "does not compute embeddings")
        const dims = yield* Effect.flip(client.indexes.create(connection, "main", "vectors", {
          index_name: "emb4",
          index_type: "vector",
          columns: ["embedding"],
          dimensions: 4
        }))
        assert.strictEqual(dims._tag, "BadRequest")

        const bm25 = yield* client.indexes.create(connection, "main", "docs", {
          index_name: "body_text",
          index_type: "bm25",
          columns: ["body"]
        })
        assert.strictEqual(bm25.status, 201)
        const notText = yield* Effect.flip(client.indexes.create(connection, "main", "docs", {
          index_name: "ids",
          index_type: "bm25",
          columns: ["id"]
        }))
        assert.strictEqual(notText._tag, "BadRequest")
        const matches = yield* rowsOf(
          db.id,
          "SELECT id FROM default.main.docs WHERE body ILIKE '%pond%' ORDER BY id"
        )
        assert.deepStrictEqual(matches, [[1], [3]])
        // No DuckDB index is made for these kinds.
        assert.deepStrictEqual(yield* rowsOf(db.id, "SELECT count(*) FROM duckdb_indexes()"), [[0]])

        const vectors = yield* client.indexes.listForDatabase({ database_id: db.id, index_type: "vector" })
        assert.deepStrictEqual(vectors.indexes.map((i) => i.index_name), ["emb"])
        const first = yield* client.indexes.listForDatabase({ database_id: db.id, limit: 1 })
        assert.isTrue(first.has_more)
        const second = yield* client.indexes.listForDatabase({
          database_id: db.id,
          limit: 1,
          cursor: first.next_cursor!
        })
        assert.isFalse(second.has_more)
        assert.notStrictEqual(second.indexes[0]!.index_name, first.indexes[0]!.index_name)
      }))

    it.effect("async creation answers with a create_index job whose result is the index", () =>
      Effect.gen(function*() {
        const { client, connection } = yield* seeded
        const submitted = yield* client.indexes.create(connection, "main", "docs", {
          index_name: "by_title",
          columns: ["title"],
          async: true
        })
        assert.strictEqual(submitted.status, 202)
        if (submitted.status !== 202) return
        const job = yield* poll(
          Effect.orDie(client.jobs.get(submitted.body.id)),
          (j) => j.status === "succeeded" || j.status === "failed"
        )
        assert.strictEqual(job.status, "succeeded")
        assert.strictEqual(job.job_type, "create_index")
        assert.strictEqual((job.result as { index_name: string }).index_name, "by_title")
        const listed = yield* client.indexes.list(connection, "main", "docs")
        assert.deepStrictEqual(listed.indexes.map((i) => [i.index_name, i.status]), [["by_title", "ready"]])
      }))

    it.effect("list_indexes_collection needs X-Database-Id", () =>
      Effect.gen(function*() {
        const { call } = yield* api
        const missing = yield* call("GET", "/v1/indexes")
        assert.strictEqual(missing.status, 400)
        const unknown = yield* call("GET", "/v1/indexes", { database: "data_missing" })
        assert.strictEqual(unknown.status, 404)
      }))
  })
})

describe("embedding providers on the local server", () => {
  it.layer(LocalHotdata.layer())((it) => {
    it.effect("CRUD, with the API key kept as a secret and never answered", () =>
      Effect.gen(function*() {
        const client = yield* HotdataClient
        const { call } = yield* api
        const key = "sk-local-provider-key-0123456789"
        const name = "openai \"prod\"/'; DROP --"
        const created = yield* client.embeddingProviders.create({
          name,
          provider_type: "openai",
          config: { model: "text-embedding-3-small" },
          api_key: key
        })
        assert.strictEqual(created.name, name)
        const got = yield* client.embeddingProviders.get(created.id)
        assert.isTrue(got.has_secret)
        assert.deepStrictEqual(got.config, { model: "text-embedding-3-small" })

        const raw = [
          yield* call("GET", "/v1/embedding-providers"),
          yield* call("GET", `/v1/embedding-providers/${created.id}`),
          yield* call("GET", "/v1/secrets")
        ]
        for (const reply of raw) {
          assert.strictEqual(reply.status, 200)
          assert.notInclude(reply.text, key)
        }
        const secretName = `embedding-provider-${created.id}`
        assert.isTrue(raw[2]!.json.secrets.some((s: { name: string }) => s.name === secretName))

        const updated = yield* client.embeddingProviders.update(created.id, { name: "renamed", api_key: "sk-new" })
        assert.strictEqual(updated.name, "renamed")
        assert.strictEqual((yield* client.embeddingProviders.list()).embedding_providers[0]!.name, "renamed")

        yield* client.embeddingProviders.delete(created.id)
        assert.strictEqual((yield* Effect.flip(client.embeddingProviders.get(created.id)))._tag, "NotFound")
        assert.strictEqual((yield* call("GET", `/v1/secrets/${secretName}`)).status, 404)
      }))

    it.effect("a provider without a key, one naming a secret, and the validation errors", () =>
      Effect.gen(function*() {
        const client = yield* HotdataClient
        const service = yield* client.embeddingProviders.create({
          name: "service",
          provider_type: "service",
          config: { model: "text-embedding-3-small" }
        })
        assert.isFalse((yield* client.embeddingProviders.get(service.id)).has_secret)
        const taken = yield* Effect.flip(
          client.embeddingProviders.create({ name: "service", provider_type: "service" })
        )
        assert.strictEqual(taken._tag, "Conflict")

        yield* client.secrets.create({ name: "shared_key", value: "sk-shared" })
        const named = yield* client.embeddingProviders.create({
          name: "named",
          provider_type: "openai",
          secret_name: "shared_key"
        })
        assert.isTrue((yield* client.embeddingProviders.get(named.id)).has_secret)
        yield* client.embeddingProviders.delete(named.id)
        // A secret the provider only named stays.
        assert.strictEqual((yield* client.secrets.get("shared_key")).name, "shared_key")

        const both = yield* Effect.flip(client.embeddingProviders.create({
          name: "both",
          provider_type: "openai",
          api_key: "sk",
          secret_name: "shared_key"
        }))
        assert.strictEqual(both._tag, "BadRequest")
        const unknownSecret = yield* Effect.flip(
          client.embeddingProviders.create({ name: "x", provider_type: "openai", secret_name: "nope" })
        )
        assert.strictEqual(unknownSecret._tag, "NotFound")
        const badType = yield* Effect.flip(client.embeddingProviders.create({ name: "y", provider_type: "Open AI!" }))
        assert.strictEqual(badType._tag, "BadRequest")
        const empty = yield* Effect.flip(client.embeddingProviders.create({ name: " ", provider_type: "openai" }))
        assert.strictEqual(empty._tag, "BadRequest")
        const missing = yield* Effect.flip(client.embeddingProviders.update("embp_missing", { name: "z" }))
        assert.strictEqual(missing._tag, "NotFound")
      }))
  })
})
