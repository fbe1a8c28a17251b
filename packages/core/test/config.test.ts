import * as HttpClient from "@effect/platform/HttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as fs from "node:fs"
import * as path from "node:path"
import { HotdataClient, HotdataTest } from "../src/index.js"
import { VERSION } from "../src/internal/version.js"

const API_KEY = "hd_test_key_5ecr3t_DO_NOT_LEAK"

/** The HttpClient of a stubbed API at `baseUrl`, with the calls it received. */
const stubHttp = (baseUrl = HotdataClient.DEFAULT_BASE_URL) => {
  const stub = HotdataTest.makeHttpClient({
    databases: { list: () => ({ databases: [], has_more: false }) },
    workspaces: { list: () => ({ ok: true, workspaces: [] }) }
  }, baseUrl)
  return {
    layer: Layer.succeed(HttpClient.HttpClient, stub.httpClient),
    seen: () => Effect.runSync(stub.calls.all).map((call) => call.http)
  }
}

const withEnv = (env: Record<string, string>) =>
  Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))

const build = (env: Record<string, string>, baseUrl?: string) => {
  const stub = stubHttp(baseUrl)
  return {
    seen: stub.seen,
    layer: HotdataClient.layerConfig().pipe(Layer.provide(stub.layer), Layer.provide(withEnv(env)))
  }
}

describe("configuration", () => {
  it.effect("layerConfig reads HOTDATA_API_KEY, HOTDATA_WORKSPACE_ID and HOTDATA_API_URL", () => {
    const { layer, seen } = build({
      HOTDATA_API_KEY: API_KEY,
      HOTDATA_WORKSPACE_ID: "ws_env",
      HOTDATA_API_URL: "https://example.test/v1/"
    }, "https://example.test")
    return Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      yield* client.databases.list()
      assert.strictEqual(client.baseUrl, "https://example.test")
      const [call] = seen()
      assert.strictEqual(call!.url.toString(), "https://example.test/v1/databases")
      assert.strictEqual(call!.headers["authorization"], `Bearer ${API_KEY}`)
      assert.strictEqual(call!.headers["x-workspace-id"], "ws_env")
    }).pipe(Effect.provide(layer))
  })

  it.effect("the base URL defaults to https://api.hotdata.dev", () => {
    const { layer, seen } = build({ HOTDATA_API_KEY: API_KEY, HOTDATA_WORKSPACE_ID: "ws" })
    return Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      yield* client.databases.list()
      assert.strictEqual(seen()[0]!.url.origin, "https://api.hotdata.dev")
    }).pipe(Effect.provide(layer))
  })

  for (
    const [name, env] of [
      ["HOTDATA_API_KEY", { HOTDATA_WORKSPACE_ID: "ws" }],
      ["HOTDATA_API_KEY", { HOTDATA_API_KEY: "  ", HOTDATA_WORKSPACE_ID: "ws" }],
      ["HOTDATA_WORKSPACE_ID", { HOTDATA_API_KEY: API_KEY }],
      ["HOTDATA_WORKSPACE_ID", { HOTDATA_API_KEY: API_KEY, HOTDATA_WORKSPACE_ID: "" }]
    ] as const
  ) {
    it.effect(`a missing or empty ${name} fails layer construction naming it (${JSON.stringify(env)})`, () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(Layer.build(build(env).layer).pipe(Effect.scoped))
        assert.include(String(error), name)
        assert.notInclude(String(error), API_KEY)
      }))
  }

  it.effect("/v1/workspaces calls carry no X-Workspace-Id, every other call does", () => {
    const layer = HotdataClient.layerTest({ workspaces: { list: () => ({ ok: true, workspaces: [] }) } })
    return Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      yield* client.workspaces.list()
      yield* Effect.either(client.secrets.list())
      const seen = yield* (yield* HotdataTest.Calls).all
      assert.isUndefined(seen[0]!.http.headers["x-workspace-id"])
      assert.strictEqual(seen[1]!.http.headers["x-workspace-id"], "ws_test")
    }).pipe(Effect.provide(layer))
  })

  it.effect("a workspace-scoped call without a workspace id fails before sending", () => {
    const stub = stubHttp()
    return Effect.gen(function*() {
      const client = yield* HotdataClient.make({ apiKey: Redacted.make(API_KEY) })
      const error = yield* Effect.flip(client.secrets.list())
      assert.strictEqual(error._tag, "InvalidRequest")
      assert.include(error.message, "workspace")
      assert.strictEqual(stub.seen().length, 0)
    }).pipe(Effect.provide(stub.layer))
  })

  it.effect("sends the SDK user agent, or the caller's", () => {
    const stub = stubHttp()
    return Effect.gen(function*() {
      const a = yield* HotdataClient.make({ apiKey: Redacted.make(API_KEY) })
      const b = yield* HotdataClient.make({ apiKey: Redacted.make(API_KEY), userAgent: "my-app/2" })
      yield* a.workspaces.list()
      yield* b.workspaces.list()
      assert.strictEqual(stub.seen()[0]!.headers["user-agent"], `hotdata-effect/${VERSION}`)
      assert.strictEqual(stub.seen()[1]!.headers["user-agent"], "my-app/2")
    }).pipe(Effect.provide(stub.layer))
  })

  it("the user agent version matches package.json", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "../package.json"), "utf8"))
    assert.strictEqual(VERSION, pkg.version)
  })

  it.effect("transformClient sees every request", () => {
    const stub = stubHttp()
    return Effect.gen(function*() {
      const client = yield* HotdataClient.make({
        apiKey: Redacted.make(API_KEY),
        transformClient: HttpClient.mapRequest((r) => ({ ...r, headers: { ...r.headers, "x-extra": "1" } }) as typeof r)
      })
      yield* client.workspaces.list()
      assert.strictEqual(stub.seen()[0]!.headers["x-extra"], "1")
    }).pipe(Effect.provide(stub.layer))
  })
})
