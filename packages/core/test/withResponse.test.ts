import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Redacted } from "effect"
import { HotdataClient, HotdataError } from "../src/index.js"

const seen: Array<Request> = []
const fetchStub: typeof globalThis.fetch = async (input, init) => {
  seen.push(new Request(input, init))
  return new Response(JSON.stringify({ databases: [], has_more: false }), {
    status: 200,
    headers: { "content-type": "application/json", "x-trace-id": "tr_effect" }
  })
}

const ClientLive = HotdataClient.layer({
  apiKey: Redacted.make("hd_test_key_0123456789"),
  workspaceId: "ws_1",
  baseUrl: "https://api.test"
}).pipe(
  Layer.provide(FetchHttpClient.layer),
  Layer.provide(Layer.succeed(FetchHttpClient.Fetch, fetchStub))
)

describe("HotdataClient.withResponse and withHeaders", () => {
  it.effect("withResponse returns the body with the status, headers and trace id", () =>
    Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const { data, response } = yield* HotdataClient.withResponse(client.databases.list())
      assert.deepStrictEqual(data.databases, [])
      assert.strictEqual(response.status, 200)
      assert.strictEqual(response.traceId, "tr_effect")
    }).pipe(Effect.provide(ClientLive)))

  it.effect("withResponse fails with DecodeError when the effect made no call", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(HotdataClient.withResponse(Effect.succeed(1)))
      assert.instanceOf(error, HotdataError.DecodeError)
    }))

  it.effect("withHeaders nests and adds headers only inside it", () =>
    Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      seen.length = 0
      yield* client.databases.list().pipe(
        HotdataClient.withHeaders({ "x-b": "2" }),
        HotdataClient.withHeaders({ "x-a": "1" })
      )
      yield* client.databases.list()
      assert.strictEqual(seen[0]!.headers.get("x-a"), "1")
      assert.strictEqual(seen[0]!.headers.get("x-b"), "2")
      assert.isNull(seen[1]!.headers.get("x-a"))
    }).pipe(Effect.provide(ClientLive)))

  it.effect("a call's effect run again outside withHeaders carries none of its headers", () =>
    Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      seen.length = 0
      const list = client.databases.list()
      yield* list.pipe(HotdataClient.withHeaders({ "x-a": "1" }))
      yield* list
      assert.strictEqual(seen[0]!.headers.get("x-a"), "1")
      assert.isNull(seen[1]!.headers.get("x-a"))
    }).pipe(
      // Without trace headers too, where a call adds nothing else to its headers.
      Effect.locally(HttpClient.currentTracerPropagation, false),
      Effect.provide(ClientLive)
    ))
})
