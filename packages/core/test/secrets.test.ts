import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import type * as http from "node:http"
import * as Operations from "../src/generated/Operations.js"
import { HotdataClient, HotdataTest, RetryPolicy } from "../src/index.js"
import * as internal from "../src/internal/call/index.js"
import { underTestClock } from "./clock.js"
import { transports } from "./httpClients.js"
import { recordingTracer, textsOf } from "./observe.js"
import { localServer } from "./server.js"

const API_KEY = "hd_test_key_5ecr3t_DO_NOT_LEAK"

/** A stubbed API at `baseUrl`, as the `HttpClient` layer of a client made in the test, with its calls. */
const stubHttp = (handlers: HotdataTest.Handlers = {}, baseUrl = HotdataClient.DEFAULT_BASE_URL) => {
  const stub = HotdataTest.makeHttpClient(handlers, baseUrl)
  return {
    layer: Layer.succeed(HttpClient.HttpClient, stub.httpClient),
    get seen() {
      return Effect.runSync(stub.calls.all)
    }
  }
}
const noDatabases = { databases: { list: () => ({ databases: [], has_more: false }) } }

/** Keys as a secret store may hand them over; every piece between the bad characters is secret. */
const hostileKeys = {
  "a line break": "hd_live_FIRSThalf\nSECONDhalf_9f3a",
  "a CRLF": "hd_live_FIRSThalf\r\nSECONDhalf_9f3a",
  "a NUL": "hd_live_FIRSThalf\u0000SECONDhalf_9f3a",
  "unicode": "hd_live_FIRSThalf\u043a\u043b\u044e\u0447SECONDhalf_9f3a"
} as const
const PIECES = ["FIRSThalf", "SECONDhalf", "9f3a", "hd_live"]

const assertClean = (text: string, pieces: ReadonlyArray<string> = PIECES) => {
  for (const piece of pieces) assert.notInclude(text, piece)
}

const ok = (_: unknown, response: http.ServerResponse) => {
  response.writeHead(200, { "content-type": "application/json" })
  response.end(JSON.stringify({ databases: [], has_more: false }))
}

describe("settings are checked before anything is sent", () => {
  for (const [kind, key] of Object.entries(hostileKeys)) {
    it.effect(`make refuses a key with ${kind}, naming the problem and not the key`, () =>
      Effect.gen(function*() {
        const fake = stubHttp()
        const error = yield* Effect.flip(
          HotdataClient.make({ apiKey: Redacted.make(key), workspaceId: "ws" }).pipe(Effect.provide(fake.layer))
        )
        assert.strictEqual(error._tag, "InvalidConfig")
        assert.strictEqual(error.setting, "apiKey")
        assert.match(error.message, kind === "unicode" ? /non-ASCII/ : kind === "a NUL" ? /NUL/ : /line break/)
        for (const text of textsOf(error)) assertClean(text)
        assert.strictEqual(fake.seen.length, 0)
      }))
  }

  it.effect("an empty key is refused; whitespace around a key is removed", () => {
    const fake = stubHttp({ workspaces: { list: () => ({ ok: true, workspaces: [] }) } })
    return Effect.gen(function*() {
      const empty = yield* Effect.flip(HotdataClient.make({ apiKey: Redacted.make(" \n") }))
      assert.include(empty.message, "empty")
      const client = yield* HotdataClient.make({ apiKey: Redacted.make(`  ${API_KEY}\r\n`) })
      yield* client.workspaces.list()
      assert.strictEqual(fake.seen[0]!.http.headers["authorization"], `Bearer ${API_KEY}`)
    }).pipe(Effect.provide(fake.layer))
  })

  for (
    const [url, problem] of [
      ["https://admin:pa55w0rd-XYZ@api.example.test", /credentials/],
      ["https://admin@api.example.test", /credentials/],
      ["ftp://api.example.test", /http: or https:/],
      ["file:///etc/passwd", /http: or https:/],
      ["api.example.test", /not a valid absolute URL/],
      ["https://api.example.test/?token=pa55w0rd-XYZ", /query/],
      ["https://api.example.test/#pa55w0rd-XYZ", /fragment/]
    ] as const
  ) {
    it.effect(`make refuses the base URL ${url.replace(/pa55w0rd-XYZ/, "***")}`, () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(HotdataClient.make({ apiKey: Redacted.make(API_KEY), baseUrl: url }))
        assert.strictEqual(error._tag, "InvalidConfig")
        assert.strictEqual(error.setting, "baseUrl")
        assert.match(error.message, problem)
        for (const text of textsOf(error)) assertClean(text, ["pa55w0rd-XYZ", "admin"])
      }).pipe(Effect.provide(stubHttp().layer)))
  }

  const fromEnv = (env: Record<string, string>) =>
    HotdataClient.layerConfig().pipe(
      Layer.provide(stubHttp().layer),
      Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))))
    )
  const configFailure = (env: Record<string, string>) =>
    Effect.flip(Effect.scoped(Layer.build(fromEnv(env)))).pipe(Effect.map((error) => Cause.pretty(Cause.fail(error))))

  it.effect("a missing HOTDATA_API_KEY is named, not hidden", () =>
    Effect.gen(function*() {
      const text = yield* configFailure({ HOTDATA_WORKSPACE_ID: "ws" })
      assert.include(text, "HOTDATA_API_KEY")
      assert.notInclude(text, "<redacted>")
    }))

  it.effect("layerConfig names the variable and the problem of a bad key or URL, never the value", () =>
    Effect.gen(function*() {
      for (const key of Object.values(hostileKeys)) {
        const text = yield* configFailure({ HOTDATA_API_KEY: key, HOTDATA_WORKSPACE_ID: "ws" })
        assert.include(text, "HOTDATA_API_KEY")
        assertClean(text)
      }
      const text = yield* configFailure({
        HOTDATA_API_KEY: API_KEY,
        HOTDATA_WORKSPACE_ID: "ws",
        HOTDATA_API_URL: "https://admin:pa55w0rd-XYZ@api.example.test"
      })
      assert.include(text, "HOTDATA_API_URL")
      assert.include(text, "credentials")
      assertClean(text, ["pa55w0rd-XYZ", API_KEY])
    }))
})

describe("no secret in any error, cause or span, whatever the transport throws", () => {
  for (const [transportName, transport] of transports) {
    for (const [kind, key] of Object.entries(hostileKeys)) {
      // The client refuses such keys up front; this sends one anyway, below the checks, to
      // hold the scrubbing of what each real transport throws.
      it.scoped(`${transportName}: a request carrying a key with ${kind}`, () =>
        Effect.gen(function*() {
          const server = yield* localServer(ok)
          const { printed, tracer } = yield* recordingTracer
          const base = yield* HttpClient.HttpClient
          const executor = internal.makeExecutor(
            HttpClient.mapRequest(base, HttpClientRequest.setHeader("authorization", `Bearer ${key}`)),
            {
              baseUrl: server.url,
              workspaceId: "ws",
              timeout: Duration.infinity,
              idleTimeout: Duration.seconds(60),
              retryPolicy: RetryPolicy.none
            }
          )
          const error = yield* Effect.flip(
            executor.call(Operations.ListDatabases, { path: [] }).pipe(Effect.withTracer(tracer))
          )
          assert.include(["TransportError", "InvalidRequest"], error._tag)
          for (const text of [...textsOf(error), ...printed]) assertClean(text)
          assert.isAbove(printed.length, 0)
        }).pipe(Effect.provide(transport)))
    }

    it.scoped(`${transportName}: a client whose header option has a line break fails once, sending nothing`, () =>
      Effect.gen(function*() {
        const server = yield* localServer(ok)
        let attempts = 0
        const client = yield* HotdataClient.make({
          apiKey: Redacted.make(API_KEY),
          workspaceId: "ws",
          baseUrl: server.url,
          transformClient: HttpClient.mapRequest((request) => {
            attempts++
            return request
          })
        })
        const { printed, tracer } = yield* recordingTracer
        const error = yield* Effect.flip(
          client.query.execute({ sql: "select 1" }, { database_id: "data_SECRETish\nX" }).pipe(
            Effect.withTracer(tracer)
          )
        )
        assert.strictEqual(error._tag, "InvalidRequest")
        assert.include(error.message, "x-database-id")
        assert.include(error.message, "line break")
        for (const text of [...textsOf(error), ...printed]) assertClean(text, [API_KEY])
        assert.strictEqual(attempts, 1)
        assert.strictEqual(server.received.length, 0)
      }).pipe(Effect.provide(transport)))
  }
})

describe("hopeless requests are not retried", () => {
  /** Runs `effect`, moving the test clock far enough for every retry of the default policy. */
  const settled = <A, E>(effect: Effect.Effect<A, E>) => underTestClock(effect, 30, "10 seconds")

  /** A client of the API stubbed by `fake` at https://api.test, with `options` on top. */
  const clientOf = (fake: ReturnType<typeof stubHttp>, options: Partial<HotdataClient.Options> = {}) =>
    HotdataClient.make({
      apiKey: Redacted.make(API_KEY),
      workspaceId: "ws",
      baseUrl: "https://api.test",
      ...options
    }).pipe(Effect.provide(fake.layer))

  for (
    const [name, error] of [
      [
        "undici's invalid-argument error",
        Object.assign(new Error("invalid authorization header"), {
          code: "UND_ERR_INVALID_ARG"
        })
      ],
      [
        "Node's invalid-character error",
        Object.assign(new TypeError("Invalid character in header content"), {
          code: "ERR_INVALID_CHAR"
        })
      ],
      ["Node's invalid-URL error", Object.assign(new TypeError("Invalid URL"), { code: "ERR_INVALID_URL" })]
    ] as const
  ) {
    it.effect(`a transport that refuses the request (${name}) gets one attempt, an idempotent call too`, () =>
      Effect.gen(function*() {
        const fake = stubHttp(
          { databases: { list: () => HotdataTest.disconnect({ cause: error }) } },
          "https://api.test"
        )
        const client = yield* clientOf(fake)
        const result = yield* settled(client.databases.list())
        assert.isTrue(result._tag === "Left" && result.left._tag === "InvalidRequest")
        assert.strictEqual(fake.seen.length, 1)
      }))
  }

  for (
    const [name, workspaceId, rewrite, named] of [
      [
        "a header value no transport can send: one attempt, nothing sent, under the default policy",
        "ws\r\nX-Injected: 1",
        (request: HttpClientRequest.HttpClientRequest) => request,
        undefined
      ],
      [
        "an unsupported scheme reached through transformClient: one attempt",
        "ws",
        (request: HttpClientRequest.HttpClientRequest) =>
          HttpClientRequest.setUrl(request, request.url.replace(/^https:/, "gopher:")),
        "gopher:"
      ]
    ] as const
  ) {
    it.effect(name, () =>
      Effect.gen(function*() {
        const fake = stubHttp(noDatabases, "https://api.test")
        let attempts = 0
        const client = yield* clientOf(fake, {
          workspaceId,
          transformClient: HttpClient.mapRequest((request) => {
            attempts++
            return rewrite(request)
          })
        })
        const result = yield* settled(client.databases.list())
        assert.isTrue(result._tag === "Left" && result.left._tag === "InvalidRequest")
        if (named !== undefined) assert.isTrue(result._tag === "Left" && result.left.message.includes(named))
        assert.strictEqual(attempts, 1)
        assert.strictEqual(fake.seen.length, 0)
      }))
  }

  it.effect("a connection failure is still retried", () =>
    Effect.gen(function*() {
      const fake = stubHttp({
        databases: {
          list: ({ index }) => index < 2 ? HotdataTest.disconnect() : { databases: [], has_more: false }
        }
      }, "https://api.test")
      const client = yield* clientOf(fake)
      const result = yield* settled(client.databases.list())
      assert.strictEqual(result._tag, "Right")
      assert.strictEqual(fake.seen.length, 3)
    }))
})

it("a transport error quoting URL credentials is scrubbed", () => {
  const request = HttpClientRequest.get("https://admin:pa55w0rd-XYZ@api.test/v1/databases")
  const error = internal.fromHttpClientError(
    "list_databases",
    new HttpClientError.RequestError({
      request,
      reason: "Transport",
      cause: new TypeError(`Request cannot be constructed from a URL that includes credentials: ${request.url}`)
    })
  )
  for (const text of textsOf(error)) assertClean(text, ["pa55w0rd-XYZ", "admin:"])
})
