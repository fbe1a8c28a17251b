import { describe, it } from "@effect/vitest"
import { HotdataClient } from "@hotdata-effect/core/HotdataClient"
import * as Effect from "effect/Effect"
import { assert } from "vitest"
import * as Faults from "../src/Faults.js"
import * as LocalHotdata from "../src/LocalHotdata.js"

describe("LocalHotdata.layer with the core client", () => {
  it.layer(LocalHotdata.layer())((it) => {
    it.effect("the client reaches the local server", () =>
      Effect.gen(function*() {
        const client = yield* HotdataClient
        const db = yield* client.databases.create({ name: "via-client" })
        assert.strictEqual(db.default_catalog, "default")
        yield* client.databases.addTable(db.id, "main", { name: "declared", key: ["id"] })
        const loaded = yield* client.databases.loadTable(db.id, "main", "people", {
          mode: "replace",
          data: "id,name\n1,ada\n2,grace\n"
        })
        assert.strictEqual(loaded.status, 200)
        const answer = yield* client.query.execute(
          { sql: "SELECT name FROM default.main.people ORDER BY id" },
          { database_id: db.id }
        )
        assert.strictEqual(answer.status, 200)
        if (answer.status === 200) assert.deepStrictEqual(answer.body.rows, [["ada"], ["grace"]])
        const listed = yield* client.databases.list()
        assert.isTrue(listed.databases.some((d) => d.id === db.id))
        const info = yield* client.informationSchema.list({ connection_id: db.default_connection_id })
        assert.deepStrictEqual(info.tables.map((t) => t.table).sort(), ["declared", "people"])
      }))

    it.effect("server errors surface as the client's typed errors", () =>
      Effect.gen(function*() {
        const client = yield* HotdataClient
        const local = yield* LocalHotdata.LocalHotdata
        const missing = yield* Effect.flip(client.databases.get("data_missing"))
        assert.strictEqual(missing._tag, "NotFound")
        const refresh = yield* Effect.flip(client.refresh.execute({ data: true }))
        assert.strictEqual(refresh._tag, "BadRequest")
        yield* local.injectFault("get_usage", Faults.status(500), 1)
        const failed = yield* Effect.flip(client.usage.get())
        assert.strictEqual(failed._tag, "ServerError")
      }))
  })
})
