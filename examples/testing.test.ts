/**
 * Testing your own code that uses the SDK, two ways:
 *
 * 1. Swap the `HttpClient`: the SDK runs for real over a fake transport you control.
 * 2. Run against `LocalHotdata.layer()`: a real Hotdata-compatible server on a random
 *    port for the life of the test, with fault injection.
 */
import { HttpClient, HttpClientResponse } from "@effect/platform"
import { assert, describe, it, layer } from "@effect/vitest"
import { HotdataClient } from "@hotdata-effect/core"
import { Faults, LocalHotdata } from "@hotdata-effect/local"
import { Effect, Layer, Redacted } from "effect"

// The code under test: count a workspace's databases, 0 when the service is down.
const countDatabases = Effect.gen(function*() {
  const client = yield* HotdataClient.HotdataClient
  const { total } = yield* client.databases.count()
  return total
}).pipe(Effect.catchTag("ServerError", () => Effect.succeed(0)))

describe("swap the HttpClient", () => {
  const fake = (status: number, body: unknown) =>
    HotdataClient.layer({ apiKey: Redacted.make("test"), workspaceId: "ws_test" }).pipe(
      Layer.provide(Layer.succeed(
        HttpClient.HttpClient,
        HttpClient.make((request) =>
          Effect.succeed(HttpClientResponse.fromWeb(request, Response.json(body, { status })))
        )
      ))
    )

  it.effect("reads the count", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* countDatabases, 12)
    }).pipe(Effect.provide(fake(200, { total: 12 }))))

  it.effect("falls back to 0 on a 500", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* countDatabases, 0)
    }).pipe(Effect.provide(fake(500, { error: { code: "INTERNAL_SERVER_ERROR", message: "boom" } }))))
})

layer(LocalHotdata.layer(), { excludeTestServices: true })("against the local server", (it) => {
  it.effect("counts real databases", () =>
    Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const before = yield* countDatabases
      const db = yield* client.databases.create({ name: "counted" })
      assert.strictEqual(yield* countDatabases, before + 1)
      yield* client.databases.delete(db.id)
    }))

  it.effect("survives the service failing", () =>
    Effect.gen(function*() {
      const server = yield* LocalHotdata.LocalHotdata
      yield* server.injectFault("count_databases", Faults.status(500))
      assert.strictEqual(yield* countDatabases, 0)
    }))
})
