import { describe, it } from "@effect/vitest"
import { HotdataClient } from "@hotdata-effect/core/HotdataClient"
import * as Effect from "effect/Effect"
import { assert } from "vitest"
import * as LocalHotdata from "../src/LocalHotdata.js"

describe("bulk database batches on the local server", () => {
  it.layer(LocalHotdata.layer())((it) => {
    it.effect("deleting a batch deletes its databases (with their tables and indexes) and only them", () =>
      Effect.gen(function*() {
        const client = yield* HotdataClient
        const keep = yield* client.databases.create({ name: "outside-the-batch" })
        const batch = yield* client.databases.bulkCreate({ count: 3, name_template: "bulk-\"{n}\"" })
        const members = yield* client.databases.list({ batch: batch.batch_id })
        assert.strictEqual(members.databases.length, 3)
        const first = yield* client.databases.get(members.databases[0]!.id)
        yield* client.databases.loadTable(first.id, "main", "t", { mode: "replace", data: "id\n1\n" })
        yield* client.indexes.create(first.default_connection_id, "main", "t", { index_name: "by_id", columns: ["id"] })

        const deleted = yield* client.databases.deleteBatch(batch.batch_id)
        assert.deepStrictEqual(deleted, { batch_id: batch.batch_id, deleted_count: 3 })
        const missing = yield* Effect.flip(client.databases.get(first.id))
        assert.strictEqual(missing._tag, "NotFound")
        const remaining = yield* client.databases.list()
        assert.deepStrictEqual(remaining.databases.map((d) => d.id), [keep.id])
        assert.strictEqual((yield* Effect.flip(client.databases.getBatch(batch.batch_id)))._tag, "NotFound")
        assert.strictEqual((yield* Effect.flip(client.databases.deleteBatch(batch.batch_id)))._tag, "NotFound")
      }))
  })
})
