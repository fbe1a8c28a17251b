import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import type * as http from "node:http"
import * as zlib from "node:zlib"
import * as Operations from "../src/generated/Operations.js"
import { HotdataClient, RetryPolicy } from "../src/index.js"
import { transports } from "./httpClients.js"
import { localServer } from "./server.js"

const API_KEY = "hd_test_key_5ecr3t_DO_NOT_LEAK"

const BODY = JSON.stringify({ databases: [], has_more: false }).replace("[", `[${" ".repeat(40)}`)

/** Sends the headers and the first `sent` bytes of the body, then nothing more, ever. */
const stalls = (sent: number) => (_: http.IncomingMessage, response: http.ServerResponse) => {
  response.writeHead(200, { "content-type": "application/json", "content-length": String(BODY.length) })
  response.write(BODY.slice(0, sent))
}

/** Sends the gzipped body's headers and its first half, then nothing more, ever. */
const stallsCompressed = (_: http.IncomingMessage, response: http.ServerResponse) => {
  const compressed = zlib.gzipSync(BODY)
  response.writeHead(200, {
    "content-type": "application/json",
    "content-encoding": "gzip",
    "content-length": String(compressed.length)
  })
  response.write(compressed.subarray(0, compressed.length >> 1))
}

/** Sends the body one byte every `gapMillis`: slow in total, but always moving. */
const trickles = (gapMillis: number) => (_: http.IncomingMessage, response: http.ServerResponse) => {
  response.writeHead(200, { "content-type": "application/json", "content-length": String(BODY.length) })
  let at = 0
  const timer = setInterval(() => {
    if (response.destroyed) return clearInterval(timer)
    response.write(BODY[at]!)
    at++
    if (at === BODY.length) {
      clearInterval(timer)
      response.end()
    }
  }, gapMillis)
}

const clientFor = (url: string, idleTimeout?: Duration.DurationInput) =>
  HotdataClient.make({
    apiKey: Redacted.make(API_KEY),
    workspaceId: "ws",
    baseUrl: url,
    retryPolicy: RetryPolicy.none,
    ...(idleTimeout !== undefined ? { idleTimeout } : {})
  })

const streamed = (client: HotdataClient.HotdataClient.Service) =>
  Effect.scoped(
    Effect.flatMap(
      client.response(Operations.GetResult, { path: ["rslt_1"], options: { database_id: "data_1", format: "arrow" } }),
      (response) => Effect.map(Stream.runCollect(response.stream), (chunks) => Chunk.size(chunks))
    )
  )

describe("a response body that stops moving", () => {
  for (const [name, transport] of transports) {
    it.scopedLive(`${name}: a decoded call whose body stalls fails with TimeoutError`, () =>
      Effect.gen(function*() {
        const server = yield* localServer(stalls(20))
        const client = yield* clientFor(server.url, "300 millis")
        const error = yield* Effect.flip(client.databases.list())
        assert.strictEqual(error._tag, "TimeoutError")
        assert.include(error.message, "list_databases")
        assert.include(error.message, "stopped moving")
      }).pipe(Effect.provide(transport)))

    it.scopedLive(`${name}: a decoded call whose compressed body stalls halfway fails with TimeoutError`, () =>
      Effect.gen(function*() {
        const server = yield* localServer(stallsCompressed)
        const client = yield* clientFor(server.url, "300 millis")
        const error = yield* Effect.flip(client.databases.list())
        assert.strictEqual(error._tag, "TimeoutError")
        assert.include(error.message, "stopped moving")
      }).pipe(Effect.provide(transport)))

    it.scopedLive(`${name}: a streamed body that stalls fails with a TimeoutError`, () =>
      Effect.gen(function*() {
        const server = yield* localServer(stalls(20))
        const client = yield* clientFor(server.url)
        const error = yield* Effect.flip(streamed(client).pipe(HotdataClient.withIdleTimeout("300 millis")))
        assert.strictEqual(error._tag, "ResponseError")
        const cause = error._tag === "ResponseError" ? error.cause : undefined
        assert.strictEqual((cause as { _tag?: string } | undefined)?._tag, "TimeoutError")
      }).pipe(Effect.provide(transport)))

    it.scopedLive(`${name}: a slow body that keeps moving is never cut, decoded or streamed`, () =>
      Effect.gen(function*() {
        // One byte every 20 ms: the whole body takes about three times the idle limit.
        const server = yield* localServer(trickles(20))
        const client = yield* clientFor(server.url, "500 millis")
        const page = yield* client.databases.list()
        assert.deepStrictEqual(page.databases, [])
        const chunks = yield* streamed(client)
        assert.isAbove(chunks, 1)
      }).pipe(Effect.provide(transport)))
  }
})

describe("a response without a body", () => {
  for (const [name, transport] of transports) {
    it.scopedLive(`${name}: a 204 answer decodes as it did, with the idle timeout on`, () =>
      Effect.gen(function*() {
        const server = yield* localServer((_, response) => {
          response.writeHead(204)
          response.end()
        })
        const client = yield* clientFor(server.url, "1 second")
        yield* client.databases.delete("data_1")
        assert.strictEqual(server.received.length, 1)
      }).pipe(Effect.provide(transport)))
  }
})

describe("the default idle timeout", () => {
  /** A transport whose responses send headers and one piece of body, then hang. */
  const hanging = Layer.succeed(
    HttpClient.HttpClient,
    HttpClient.make((request) =>
      Effect.sync(() =>
        HttpClientResponse.fromWeb(
          request,
          new Response(
            new ReadableStream({
              start: (controller) => controller.enqueue(new TextEncoder().encode("{\"databases\":["))
            }),
            { status: 200, headers: { "content-type": "application/json" } }
          )
        )
      )
    )
  )

  it.effect("is 60 s: a stalled body fails with TimeoutError once 60 s pass, not before", () =>
    Effect.gen(function*() {
      assert.isTrue(Duration.equals(HotdataClient.DEFAULT_IDLE_TIMEOUT, Duration.seconds(60)))
      const client = yield* clientFor("https://api.test")
      const fiber = yield* Effect.fork(Effect.flip(client.databases.list()))
      yield* TestClock.adjust("59 seconds")
      assert.isNull(fiber.unsafePoll())
      yield* TestClock.adjust("2 seconds")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "TimeoutError")
    }).pipe(Effect.provide(hanging)))

  it.effect("Duration.infinity switches it off, per call", () =>
    Effect.gen(function*() {
      const client = yield* clientFor("https://api.test")
      const fiber = yield* Effect.fork(client.databases.list().pipe(HotdataClient.withIdleTimeout(Duration.infinity)))
      yield* TestClock.adjust("1 hour")
      assert.isNull(fiber.unsafePoll())
      yield* Fiber.interrupt(fiber)
    }).pipe(Effect.provide(hanging)))
})
