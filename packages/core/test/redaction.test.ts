import * as HttpClient from "@effect/platform/HttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Inspectable from "effect/Inspectable"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import type * as Tracer from "effect/Tracer"
import { HotdataClient, HotdataTest, RetryPolicy } from "../src/index.js"
import { recordingTracer, textsOf } from "./observe.js"

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
