import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { HotdataClient, HotdataError, HotdataTest, Operations, RetryPolicy } from "../src/index.js"
import { underTestClock } from "./clock.js"

type Replies = (index: number) => ReturnType<typeof HotdataTest.json>

/** Runs `use` against stubs of the writes answered by `reply`, moving the test clock until it finishes. */
const run = <A, E>(
  reply: Replies,
  use: (client: HotdataClient.HotdataClient.Service) => Effect.Effect<A, E>
) =>
  Effect.gen(function*() {
    const client = yield* HotdataClient.HotdataClient
    const result = yield* underTestClock(use(client), 40, "10 seconds")
    const seen = yield* (yield* HotdataTest.Calls).all
    return { result, seen, bodies: seen.map((s) => JSON.parse(s.http.body || "null") as Record<string, unknown>) }
  }).pipe(Effect.provide(HotdataClient.layerTest({
    databases: {
      loadTable: ({ index }) => reply(index),
      create: ({ index }) => reply(index),
      bulkCreate: ({ index }) => reply(index)
    },
    connections: { loadTable: ({ index }) => reply(index) }
  })))

const loaded = HotdataTest.json(200, {
  connection_id: "conn_1",
  schema_name: "main",
  table_name: "t",
  row_count: 2,
  arrow_schema_json: "{}"
})
/** The answer was lost after the request went out: no proof the server did not act on it. */
const lost = HotdataTest.disconnect({ phase: "request" })
const load = (client: HotdataClient.HotdataClient.Service, options?: { readonly idempotencyKey?: string }) =>
  client.databases.loadTable("db_1", "main", "t", { mode: "append", data: "a\n1\n2" }, options)
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe("idempotency keys", () => {
  it.effect("a load whose answer is lost is retried with the same generated key", () =>
    Effect.gen(function*() {
      const { bodies, result } = yield* run((i) => i < 2 ? lost : loaded, (client) => load(client))
      assert.strictEqual(result._tag, "Right")
      assert.strictEqual(bodies.length, 3)
      const key = bodies[0]!.idempotency_key
      assert.match(String(key), UUID)
      for (const body of bodies) assert.strictEqual(body.idempotency_key, key)
    }))

  it.effect("a load is retried after 503 and a timeout-like failure; a write without a key is not", () =>
    Effect.gen(function*() {
      const keyed = yield* run(
        (i) => i === 0 ? HotdataTest.error(503) : i === 1 ? lost : loaded,
        (client) => load(client)
      )
      assert.strictEqual(keyed.result._tag, "Right")
      assert.strictEqual(keyed.seen.length, 3)
      const unkeyed = yield* run(() => lost, (client) => client.databases.create({ name: "a" }))
      assert.strictEqual(unkeyed.result._tag, "Left")
      assert.strictEqual(unkeyed.seen.length, 1)
    }))

  it.effect("a keyed load whose original is still running is resent with the same key and gets its result", () =>
    Effect.gen(function*() {
      const inProgress = HotdataTest.error(409, { code: HotdataError.idempotencyKeyInProgress, retryAfter: 3 })
      const { bodies, result, seen } = yield* run((i) => i < 2 ? inProgress : loaded, (client) => load(client))
      assert.strictEqual(result._tag, "Right")
      if (result._tag === "Right") assert.strictEqual(result.right.status === 200 && result.right.body.row_count, 2)
      assert.strictEqual(bodies.length, 3)
      for (const body of bodies) assert.strictEqual(body.idempotency_key, bodies[0]!.idempotency_key)
      // Each resend waited at least the Retry-After the server sent with its 409.
      assert.isAtLeast(seen[1]!.at - seen[0]!.at, 3000)
      assert.isAtLeast(seen[2]!.at - seen[1]!.at, 3000)
    }))

  it.effect("other data under a used key is a final Conflict: not resent", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* run(
        () => HotdataTest.error(409, { code: "CONFLICT", message: "idempotency_key k was already used" }),
        (client) => load(client)
      )
      assert.strictEqual(seen.length, 1)
      assert.strictEqual(result._tag, "Left")
      if (result._tag === "Left") {
        assert.strictEqual(result.left._tag, "Conflict")
        assert.isFalse(HotdataError.isKeyInProgress(result.left))
      }
    }))

  it.effect("a bulk creation whose batch is still being created is resent with the same key", () =>
    Effect.gen(function*() {
      const inProgress = HotdataTest.error(409, { code: HotdataError.idempotencyKeyInProgress })
      const batch = {
        batch_id: "batch_1",
        cancel_requested: false,
        count: 2,
        created_count: 2,
        expires_at: null,
        job_id: null,
        status_url: "/v1/databases/bulk/batch_1"
      }
      const { bodies, result } = yield* run(
        (i) => i === 0 ? inProgress : HotdataTest.json(202, batch),
        (client) => client.databases.bulkCreate({ count: 2 })
      )
      assert.strictEqual(result._tag, "Right")
      assert.strictEqual(bodies.length, 2)
      assert.strictEqual(bodies[1]!.idempotency_key, bodies[0]!.idempotency_key)
    }))

  it.effect("that code does not make a write without a key replayable", () =>
    Effect.gen(function*() {
      const inProgress = HotdataTest.error(409, { code: HotdataError.idempotencyKeyInProgress })
      const { result, seen } = yield* run(() => inProgress, (client) => client.databases.create({ name: "a" }))
      assert.strictEqual(result._tag, "Left")
      assert.strictEqual(seen.length, 1)
    }))

  it.effect("each call gets its own key", () =>
    Effect.gen(function*() {
      const { bodies } = yield* run(() => loaded, (client) => Effect.zip(load(client), load(client)))
      assert.strictEqual(bodies.length, 2)
      assert.notStrictEqual(bodies[0]!.idempotency_key, bodies[1]!.idempotency_key)
    }))

  it.effect("the idempotencyKey option sets the key; a key in the body wins; two different keys are refused", () =>
    Effect.gen(function*() {
      const option = yield* run(() => loaded, (client) => load(client, { idempotencyKey: "batch-7" }))
      assert.strictEqual(option.bodies[0]!.idempotency_key, "batch-7")
      const inBody = yield* run(() => loaded, (client) =>
        client.connections.loadTable("conn_1", "main", "t", {
          mode: "append",
          data: "a\n1",
          idempotency_key: "mine"
        }))
      assert.strictEqual(inBody.bodies[0]!.idempotency_key, "mine")
      const both = yield* run(
        () => loaded,
        (client) =>
          client.databases.loadTable("db_1", "main", "t", { mode: "append", data: "a\n1", idempotency_key: "a" }, {
            idempotencyKey: "b"
          })
      )
      assert.strictEqual(both.seen.length, 0)
      assert.strictEqual(both.result._tag, "Left")
      if (both.result._tag === "Left") {
        assert.strictEqual(both.result.left._tag, "InvalidRequest")
        assert.include(both.result.left.message, "idempotencyKey")
      }
    }))

  it.effect("bulk database creation sends a key too", () =>
    Effect.gen(function*() {
      const { bodies } = yield* run(
        () => HotdataTest.json(202, {}),
        (client) => Effect.either(client.databases.bulkCreate({ count: 2 }))
      )
      assert.match(String(bodies[0]!.idempotency_key), UUID)
    }))

  it("the keyed writes are the ones the contract gives a key, and they are replay-safe", () => {
    const keyed = Object.values(Operations.all).filter((o) => "idempotencyKey" in o).map((o) => o.id).sort()
    assert.deepStrictEqual(keyed, ["bulk_create_databases", "load_database_table", "load_managed_table"])
    for (const id of keyed) assert.isTrue(RetryPolicy.isReplaySafe(Operations.all[id as keyof typeof Operations.all]))
    assert.isFalse(RetryPolicy.isReplaySafe(Operations.CreateDatabase))
  })

  it("the core README lists exactly the writes that have no key", () => {
    const readme = fs.readFileSync(path.join(import.meta.dirname, "..", "README.md"), "utf8")
    const section = /<!-- writes-without-key:start -->\n([\s\S]*?)<!-- writes-without-key:end -->/.exec(readme)
    assert.isNotNull(section, "README section writes-without-key")
    const listed = section![1]!.trim().split("\n")
    const expected = Object.values(Operations.all)
      .filter((o) => !RetryPolicy.isReplaySafe(o))
      .map((o) => `- \`${o.group}.${o.name}\` (\`${o.method} ${o.path}\`)`)
      .sort()
    assert.deepStrictEqual(listed, expected)
  })
})
