import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { HotdataClient, HotdataTest, Operation, Operations } from "../src/index.js"

/** Runs `use` against stubs that answer 204 (anything else 501), and hands back what was sent. */
const run = <A>(use: (client: HotdataClient.HotdataClient.Service) => Effect.Effect<A, unknown>) =>
  Effect.gen(function*() {
    const result = yield* Effect.either(Effect.flatMap(HotdataClient.HotdataClient, use))
    const seen = (yield* (yield* HotdataTest.Calls).all).map((call) => call.http)
    return { result, seen }
  }).pipe(Effect.provide(HotdataClient.layerTest({
    databaseContexts: { delete: () => undefined },
    databases: { delete: () => undefined, detachCatalog: () => undefined }
  })))

describe("path parameters", () => {
  it.effect("databaseContexts.delete(db, \"..\") fails with InvalidRequest naming the parameter and sends nothing", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* run((client) => client.databaseContexts.delete("db_1", ".."))
      assert.strictEqual(result._tag, "Left")
      if (result._tag === "Left") {
        const error = result.left as { _tag: string; message: string; operation: string }
        assert.strictEqual(error._tag, "InvalidRequest")
        assert.strictEqual(error.operation, "delete_database_context")
        assert.include(error.message, "`name`")
        assert.include(error.message, "..")
      }
      assert.strictEqual(seen.length, 0)
    }))

  it.effect("empty, `.`, `..` and lone surrogates are refused for every parameter before sending", () =>
    Effect.gen(function*() {
      const cases: Array<[string, (client: HotdataClient.HotdataClient.Service) => Effect.Effect<unknown, unknown>]> = [
        ["connection_id", (client) => client.databases.detachCatalog("db_1", "..")],
        ["database_id", (client) => client.databases.detachCatalog(".", "conn_1")],
        ["database_id", (client) => client.databases.delete("")],
        ["name", (client) => client.databaseContexts.delete("db_1", ".")],
        ["table", (client) => client.databases.loadTable("db_1", "main", "\uD800x", { mode: "append", data: "a\n1" })]
      ]
      for (const [name, use] of cases) {
        const { result, seen } = yield* run(use)
        assert.strictEqual(result._tag, "Left")
        if (result._tag === "Left") {
          assert.strictEqual((result.left as { _tag: string })._tag, "InvalidRequest")
          assert.include((result.left as { message: string }).message, `\`${name}\``)
        }
        assert.strictEqual(seen.length, 0, name)
      }
    }))

  it.effect("dots inside a longer id, percent signs and slashes stay inside their segment", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* run((client) => client.databaseContexts.delete("a/../b", "...%2F?#\u0000 é"))
      assert.strictEqual(result._tag, "Right")
      assert.strictEqual(
        seen[0]!.url.pathname,
        "/v1/databases/a%2F..%2Fb/context/...%252F%3F%23%00%20%C3%A9"
      )
    }))

  it.effect("an id equal to a literal of another route at the same place is encoded whole", () =>
    Effect.gen(function*() {
      const { seen } = yield* run((client) =>
        Effect.all(
          [client.databases.get("count"), client.databases.delete("bulk"), client.databases.get("counts")].map(
            Effect.either
          )
        )
      )
      assert.deepStrictEqual(seen.map((s) => `${s.method} ${s.url.pathname}`), [
        "GET /v1/databases/%63%6F%75%6E%74",
        "DELETE /v1/databases/%62%75%6C%6B",
        "GET /v1/databases/counts"
      ])
    }))

  it("encodes every character outside the unreserved set", () => {
    let all = ""
    for (let c = 0; c < 128; c++) all += String.fromCharCode(c)
    const encoded = Operation.encodePathSegment(all)
    assert.match(encoded, /^(?:%[0-9A-F]{2}|[A-Za-z0-9\-._~])+$/)
    assert.strictEqual(decodeURIComponent(encoded), all)
    assert.strictEqual(
      Operation.renderPath(Operations.GetDatabase, { database_id: "count" }),
      "/v1/databases/%63%6F%75%6E%74"
    )
  })
})
