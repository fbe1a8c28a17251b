import * as HttpClient from "@effect/platform/HttpClient"
import { assert, describe, it, vi } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as HashMap from "effect/HashMap"
import * as Inspectable from "effect/Inspectable"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Redacted from "effect/Redacted"
import type * as Tracer from "effect/Tracer"
import { inspect } from "node:util"
import { echoForms, garbageHandler } from "../../../test/runtimes/garbage.mjs"
import { HotdataClient, HotdataError, HotdataTest, PromiseClient, RetryPolicy } from "../src/index.js"
import { createHotdataClient } from "../src/PromiseClient.js"
import { transports } from "./httpClients.js"
import { recordingTracer, textsOf } from "./observe.js"
import { localServer } from "./server.js"

const API_KEY = "hd_test_key_5ecr3t_DO_NOT_LEAK"

const everything = (spans: ReadonlyArray<Tracer.Span>) =>
  spans.flatMap((span) => [span.name, ...[...span.attributes].map(([k, v]) => `${k}=${String(v)}`)]).join("\n")

describe("secrets stay secret", () => {
  it.effect("the API key is in no error message, toString, JSON or span attribute", () => {
    const refuse = (status: number) => () =>
      HotdataTest.error(status, { code: "invalid_api_key", message: "API key is invalid" })
    const layer = HotdataClient.layerTest({
      databases: { list: refuse(401) },
      uploads: { finalize: refuse(500) },
      query: { execute: refuse(500) }
    }, { apiKey: Redacted.make(API_KEY), retryPolicy: RetryPolicy.none })
    return Effect.gen(function*() {
      const { spans, tracer } = yield* recordingTracer
      const client = yield* HotdataClient.HotdataClient
      const errors = yield* Effect.all([
        Effect.flip(client.databases.list()),
        Effect.flip(client.uploads.finalize("upld_1", {}, { finalize_token: "finalize-secret-token" })),
        Effect.flip(client.query.execute({ sql: "select 1" }, { database_id: "data_1" }))
      ]).pipe(Effect.withTracer(tracer))
      for (const error of errors) {
        for (const text of textsOf(error)) {
          assert.notInclude(text, API_KEY)
          assert.notInclude(text, "finalize-secret-token")
        }
      }
      const attributes = everything(spans)
      assert.include(attributes, "Hotdata.list_databases")
      assert.include(attributes, "hotdata.operation=finalize_upload_handler")
      assert.notInclude(attributes, API_KEY)
      assert.notInclude(attributes, "finalize-secret-token")
    }).pipe(Effect.provide(layer))
  })

  it.effect("one span per operation with safe attributes", () => {
    const layer = HotdataClient.layerTest({
      results: { list: () => ({ results: [], count: 0, offset: 0, limit: 100, has_more: false }) }
    })
    return Effect.gen(function*() {
      const { spans, tracer } = yield* recordingTracer
      const client = yield* HotdataClient.HotdataClient
      yield* client.results.list({ database_id: "data_9" }).pipe(Effect.withTracer(tracer))
      const span = spans.find((s) => s.name === "Hotdata.list_results")
      assert.isDefined(span)
      assert.strictEqual(span!.attributes.get("hotdata.database_id"), "data_9")
      assert.strictEqual(span!.attributes.get("http.route"), "/v1/results")
      assert.strictEqual(span!.kind, "client")
    }).pipe(Effect.provide(layer))
  })

  it.effect("the client service and its layer do not print the key", () => {
    const stub = HotdataTest.makeHttpClient({}, HotdataClient.DEFAULT_BASE_URL)
    return Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      assert.notInclude(Inspectable.format(client), API_KEY)
      assert.notInclude(String(Redacted.make(API_KEY)), API_KEY)
    }).pipe(
      Effect.provide(
        HotdataClient.layer({ apiKey: Redacted.make(API_KEY), workspaceId: "ws" }).pipe(
          Layer.provide(Layer.succeed(HttpClient.HttpClient, stub.httpClient))
        )
      )
    )
  })
})

// A key and a finalize token as odd as a header can carry: `+`, `/`, `=`, `%`, quotes,
// and (in the token) characters above ASCII. Their distinctive pieces must never show.
const ODD_KEY = "hd_Live5ecretKEY+odd/chars=and%25more\"q'"
const ODD_TOKEN = "ft_Final7oken+é/ß=%22x"
const LEAKS = ["Live5ecretKEY", "Final7oken"]

const ROUTES = ["echo-400", ...Object.keys(echoForms).map((form) => `echo-502-${form}`)]

/** A real server answering error pages that quote the request's credentials (see test/runtimes/garbage.mjs). */
const echoServer = localServer(garbageHandler({ gzip: Buffer.alloc(0), br: Buffer.alloc(0) }))

/** A logger keeping every line it is given, formatted with its annotations and causes. */
const keepLines = () => {
  const lines: Array<string> = []
  const logger = Logger.make((options) => {
    lines.push(Logger.logfmtLogger.log(options), JSON.stringify(HashMap.toEntries(options.annotations)))
  })
  return { lines, layer: Logger.replace(Logger.defaultLogger, logger) }
}

const assertNoLeak = (where: string, texts: ReadonlyArray<string>) => {
  for (const text of texts) {
    for (const leak of LEAKS) assert.notInclude(text, leak, `${where}: ${text}`)
  }
}

describe("credentials a server or proxy echoes back", () => {
  for (const [name, transportLayer] of transports) {
    for (const route of ROUTES) {
      it.scoped(`${name}: ${route} shows neither key nor token in message, Cause.pretty, logs or spans`, () =>
        Effect.gen(function*() {
          const { url } = yield* echoServer
          const { lines, layer: logs } = keepLines()
          const { printed, spans, tracer } = yield* recordingTracer
          const client = yield* HotdataClient.make({
            apiKey: Redacted.make(ODD_KEY),
            workspaceId: "ws",
            baseUrl: `${url}/${route}`,
            retryPolicy: RetryPolicy.none,
            logLevel: "debug"
          })
          const error = yield* client.uploads.finalize("upl_1", {}, { finalize_token: ODD_TOKEN }).pipe(
            Effect.tapErrorCause((cause) => Effect.logError("the call failed", cause)),
            Effect.flip,
            Effect.withTracer(tracer),
            Effect.provide(logs)
          )
          assert.strictEqual(error._tag, route === "echo-400" ? "BadRequest" : "ServerError")
          // What the server said is still there, the credentials are not.
          if (route === "echo-400") assert.include(error.message, "rejected Authorization: <redacted>")
          else assert.include(error.message, "<redacted>")
          assertNoLeak("error", textsOf(error))
          assertNoLeak("log", lines)
          assertNoLeak("span", [everything(spans), ...printed])
          assert.isNotEmpty(lines)
        }).pipe(Effect.provide(transportLayer)))
    }
  }

  for (const viaFetch of [false, true]) {
    it.scoped(`the Promise client${viaFetch ? " over fetch" : ""}: no echo shows the key or the token`, () =>
      Effect.gen(function*() {
        const { url } = yield* echoServer
        const printed: Array<string> = []
        for (const level of ["log", "info", "debug", "warn", "error"] as const) {
          vi.spyOn(console, level).mockImplementation((...args: Array<unknown>) => {
            printed.push(args.map((arg) => inspect(arg, { depth: 8 })).join(" "))
          })
        }
        try {
          for (const route of ROUTES) {
            const hotdata = createHotdataClient({
              apiKey: ODD_KEY,
              workspaceId: "ws",
              baseUrl: `${url}/${route}`,
              logLevel: "debug",
              env: {},
              ...(viaFetch ? { fetch: globalThis.fetch } : {})
            })
            const error = yield* Effect.promise(() =>
              hotdata.uploads.finalize("upl_1", {}, { finalize_token: ODD_TOKEN }).then(() => undefined, (e) => e)
            )
            yield* Effect.promise(() => hotdata.dispose())
            assert.instanceOf(error, PromiseClient.HotdataPromiseError)
            assertNoLeak(`${route} error`, [
              (error as Error).message,
              String(error),
              JSON.stringify(error),
              inspect(error, { depth: 8 })
            ])
          }
          assert.isNotEmpty(printed)
          assertNoLeak("console", printed)
        } finally {
          vi.restoreAllMocks()
        }
      }))
  }

  it("the redaction finds a secret as JSON, HTML and URLs escape it, and in pieces, but leaves short words", () => {
    const secret = "Bearer ab+cd/EFGH=ij%kl\"mn'op-é"
    const forms = [
      secret,
      JSON.stringify(secret),
      JSON.stringify(secret).replace(/\//g, "\\/").replace(/é/g, "\\u00e9"),
      encodeURIComponent(secret),
      secret.replace(/"/g, "&quot;").replace(/'/g, "&#39;"),
      secret.replace(/"/g, "&#34;").replace(/'/g, "&#x27;")
    ]
    for (const form of forms) {
      const redacted = HotdataError.redact(`before ${form} after`, [secret])
      assert.notInclude(redacted, "EFGH", form)
      assert.match(redacted, /^before .*<redacted>.* after$/)
    }
    // A body cut inside the secret: its start at the very end goes too.
    assert.strictEqual(HotdataError.redact("token: ab+cd/EF", [secret], { cut: true }), "token: <redacted>")
    assert.strictEqual(HotdataError.redact("token: ab+cd/EF", [secret]), "token: ab+cd/EF")
    // Credential-named query parameters and JSON members, whatever their value.
    assert.strictEqual(
      HotdataError.redact("PUT https://s3.test/b/k?X-Amz-Signature=abc123&partNumber=2 failed", []),
      "PUT https://s3.test/b/k?X-Amz-Signature=<redacted>&partNumber=2 failed"
    )
    assert.strictEqual(
      HotdataError.redact("{\"upload_id\":\"u1\",\"finalize_token\":\"ft_9\"}", []),
      "{\"upload_id\":\"u1\",\"finalize_token\":\"<redacted>\"}"
    )
    assert.strictEqual(HotdataError.redact("an ordinary message", ["ab", "xyz"]), "an ordinary message")
  })
})
