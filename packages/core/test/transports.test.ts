import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import * as zlib from "node:zlib"
import { FetchTransport, HotdataClient, HotdataError, RetryPolicy } from "../src/index.js"
import * as NodeTransport from "../src/NodeTransport.js"

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void

/** A real HTTP server on a random port for the duration of the scope. */
const serve = (handler: Handler) =>
  Effect.acquireRelease(
    Effect.async<{ readonly server: http.Server; readonly url: string }>((resume) => {
      const server = http.createServer((req, res) => {
        const chunks: Array<Buffer> = []
        req.on("data", (chunk: Buffer) => chunks.push(chunk))
        req.on("end", () => handler(req, res, Buffer.concat(chunks)))
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo
        resume(Effect.succeed({ server, url: `http://127.0.0.1:${port}` }))
      })
    }),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  )

/** A deferred completed when the server sees the connection of a request close early. */
const closeSignal = Effect.map(Deferred.make<void>(), (closed) => ({
  closed,
  watch: (res: http.ServerResponse) => res.on("close", () => Deferred.unsafeDone(closed, Effect.void))
}))

/**
 * Sends what `send` makes of the URL of a server that never answers, interrupts it once
 * the request has arrived, and waits for the server to see the connection close: it never
 * does unless the interruption ended the request.
 */
const abortsWhenInterrupted = <A, E>(send: (url: string) => Effect.Effect<A, E>) =>
  Effect.gen(function*() {
    const { closed, watch } = yield* closeSignal
    const arrived = yield* Deferred.make<void>()
    const { url } = yield* serve((_req, res) => {
      watch(res)
      Deferred.unsafeDone(arrived, Effect.void)
    })
    const fiber = yield* Effect.fork(send(url))
    yield* Deferred.await(arrived)
    yield* Fiber.interrupt(fiber)
    yield* Deferred.await(closed)
  })

/** The SDK's own transports: each holds the same contract. */
const transports = [
  ["FetchTransport", FetchTransport.make, FetchTransport.layer],
  ["NodeTransport", NodeTransport.make, NodeTransport.layer]
] as const

for (const [name, client, transportLayer] of transports) {
  describe(name, () => {
    it.scoped("round-trips method, status, headers and a JSON body", () =>
      Effect.gen(function*() {
        const { url } = yield* serve((req, res, body) => {
          res.writeHead(201, { "content-type": "application/json", "x-echo": String(req.headers["x-probe"]) })
          res.end(JSON.stringify({ method: req.method, path: req.url, body: JSON.parse(body.toString()) }))
        })
        const response = yield* client.execute(
          HttpClientRequest.post(`${url}/things`).pipe(
            HttpClientRequest.setUrlParam("a", "1"),
            HttpClientRequest.setHeader("x-probe", "p-1"),
            HttpClientRequest.bodyUnsafeJson({ name: "x" })
          )
        )
        assert.strictEqual(response.status, 201)
        assert.strictEqual(response.headers["x-echo"], "p-1")
        assert.deepStrictEqual(yield* response.json, { method: "POST", path: "/things?a=1", body: { name: "x" } })
        // A second read answers from the first.
        assert.include(yield* response.text, "\"method\":\"POST\"")
      }))

    it.scoped("streams a response body chunk by chunk, and sends a streamed request body", () =>
      Effect.gen(function*() {
        const { url } = yield* serve((_req, res, body) => {
          res.writeHead(200, { "content-type": "application/octet-stream" })
          res.write(body)
          setTimeout(() => res.end("|tail"), 20)
        })
        const request = HttpClientRequest.post(url).pipe(
          HttpClientRequest.bodyStream(Stream.make(new TextEncoder().encode("head"), new TextEncoder().encode("-body")))
        )
        const text = yield* client.execute(request).pipe(
          Effect.flatMap((response) => Stream.runCollect(Stream.decodeText(response.stream))),
          Effect.map((chunks) => Chunk.join(chunks, ""))
        )
        assert.strictEqual(text, "head-body|tail")
      }))

    it.scoped("asks for compressed answers and hands their bodies over decompressed", () =>
      Effect.gen(function*() {
        // Large enough to arrive in many chunks, varied enough to compress in many blocks.
        const original = Array.from({ length: 20_000 }, (_, i) => `{"row":${i},"name":"n${(i * 7919) % 1000}"}`)
          .join("\n")
        const encoders: Record<string, (input: string) => Buffer> = {
          gzip: (input) => zlib.gzipSync(input),
          deflate: (input) => zlib.deflateSync(input),
          br: (input) => zlib.brotliCompressSync(input)
        }
        const asked: Array<string | undefined> = []
        const { url } = yield* serve((req, res) => {
          asked.push(req.headers["accept-encoding"])
          const encoding = req.url!.slice(1)
          res.writeHead(200, { "content-type": "text/plain", "content-encoding": encoding })
          res.end(encoders[encoding]!(original))
        })
        for (const encoding of Object.keys(encoders)) {
          const text = yield* Effect.flatMap(client.execute(HttpClientRequest.get(`${url}/${encoding}`)), (r) => r.text)
          assert.strictEqual(text.length, original.length, encoding)
          assert.isTrue(text === original, encoding)
        }
        const streamed = yield* client.execute(HttpClientRequest.get(`${url}/gzip`)).pipe(
          Effect.flatMap((response) => Stream.runCollect(Stream.decodeText(response.stream))),
          Effect.map((chunks) => Chunk.join(chunks, ""))
        )
        assert.isTrue(streamed === original)
        for (const header of asked) {
          assert.include(header, "gzip")
          assert.include(header, "deflate")
        }
      }))

    it.scoped("a compressed body that does not decompress fails its read with a ResponseError", () =>
      Effect.gen(function*() {
        const { url } = yield* serve((_req, res) => {
          res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" })
          res.end(Buffer.from("this is not gzip at all, just text that claims to be"))
        })
        const error = yield* Effect.flatMap(client.execute(HttpClientRequest.get(url)), (r) => r.text).pipe(Effect.flip)
        assert.strictEqual(error._tag, "ResponseError")
      }))

    it.scoped("a request naming its own accept-encoding is sent with it, and an identity answer read as it is", () =>
      Effect.gen(function*() {
        const { url } = yield* serve((req, res) => {
          res.writeHead(200, { "content-type": "text/plain" })
          res.end(`asked ${req.headers["accept-encoding"]}`)
        })
        const text = yield* Effect.flatMap(
          client.execute(HttpClientRequest.get(url).pipe(HttpClientRequest.setHeader("accept-encoding", "identity"))),
          (r) => r.text
        )
        assert.strictEqual(text, "asked identity")
      }))

    it.scoped("interrupting a call waiting for its answer aborts the request", () =>
      abortsWhenInterrupted((url) => client.execute(HttpClientRequest.get(url))))

    it.scopedLive("interrupting a body read aborts the request", () =>
      Effect.gen(function*() {
        const { closed, watch } = yield* closeSignal
        const { url } = yield* serve((_req, res) => {
          watch(res)
          res.writeHead(200, { "content-type": "text/plain" })
          res.write("partial")
        })
        const response = yield* client.execute(HttpClientRequest.get(url))
        // The read has started when the timeout interrupts it.
        const read = yield* Effect.exit(Effect.timeout(response.text, "100 millis"))
        assert.strictEqual(read._tag, "Failure")
        yield* Deferred.await(closed)
      }))

    it.effect("a request sent with HttpClient.withScope is aborted when its scope closes", () =>
      Effect.scoped(Effect.gen(function*() {
        const { closed, watch } = yield* closeSignal
        const { url } = yield* serve((_req, res) => {
          watch(res)
          res.writeHead(200, { "content-type": "text/plain" })
          res.write("never finished")
        })
        const response = yield* Effect.scoped(HttpClient.withScope(client).execute(HttpClientRequest.get(url)))
        assert.strictEqual(response.status, 200)
        yield* Deferred.await(closed)
      })))

    if (name === "FetchTransport") {
      it.scoped("reads FetchHttpClient.RequestInit and FetchHttpClient.Fetch from the context", () =>
        Effect.gen(function*() {
          const { url } = yield* serve((req, res) => {
            if (req.url === "/from") {
              res.writeHead(302, { location: "/to" })
              return res.end()
            }
            res.writeHead(200)
            res.end("arrived")
          })
          const manual = yield* client.execute(HttpClientRequest.get(`${url}/from`)).pipe(
            Effect.provideService(FetchHttpClient.RequestInit, { redirect: "manual" })
          )
          assert.strictEqual(manual.status, 302)
          const seen: Array<string> = []
          const recording: typeof globalThis.fetch = (input, init) => {
            seen.push(String(input))
            return globalThis.fetch(input, init)
          }
          const followed = yield* client.execute(HttpClientRequest.get(`${url}/from`)).pipe(
            Effect.flatMap((response) => response.text),
            Effect.provideService(FetchHttpClient.Fetch, recording)
          )
          assert.strictEqual(followed, "arrived")
          assert.deepStrictEqual(seen, [`${url}/from`])
          // Given to the layer, the same services are the defaults of every request.
          const fromLayer = yield* HttpClient.HttpClient.pipe(
            Effect.flatMap((http) => http.execute(HttpClientRequest.get(`${url}/from`))),
            Effect.provide(FetchTransport.layer.pipe(Layer.provide(Layer.succeed(FetchHttpClient.Fetch, recording))))
          )
          assert.strictEqual(fromLayer.status, 200)
          assert.deepStrictEqual(seen, [`${url}/from`, `${url}/from`])
        }))
    }

    it.scoped("fails with the platform's RequestError and ResponseError", () =>
      Effect.gen(function*() {
        const { server, url } = yield* serve((_req, res) => {
          res.writeHead(200, { "content-length": "100" })
          res.end("short")
        })
        const cut = yield* client.execute(HttpClientRequest.get(url)).pipe(
          Effect.flatMap((response) => response.text),
          Effect.flip
        )
        assert.strictEqual(cut._tag, "ResponseError")
        const port = (server.address() as AddressInfo).port
        yield* Effect.async<void>((resume) => {
          server.closeAllConnections()
          server.close(() => resume(Effect.void))
        })
        const refused = yield* Effect.flip(client.execute(HttpClientRequest.get(`http://127.0.0.1:${port}`)))
        assert.strictEqual(refused._tag, "RequestError")
        assert.strictEqual(refused._tag === "RequestError" && refused.reason, "Transport")
        const invalid = yield* Effect.flip(client.execute(HttpClientRequest.get("not a url")))
        assert.strictEqual(invalid._tag === "RequestError" && invalid.reason, "InvalidUrl")
      }))

    describe("under HotdataClient", () => {
      const layerFor = (baseUrl: string) =>
        HotdataClient.layer({ apiKey: Redacted.make("hd_key"), workspaceId: "ws_1", baseUrl }).pipe(
          Layer.provide(transportLayer)
        )

      const database = (extra: Record<string, unknown> = {}) =>
        JSON.stringify({
          id: "data_1",
          name: "sales",
          default_catalog: "default",
          default_schema: "main",
          default_connection_id: "conn_1",
          created_at: "2026-01-01T00:00:00Z",
          attachments: [],
          ...extra
        })

      it.scopedLive("retries a decoded call after 503 and 429, one failure after another, and records the answer", () =>
        Effect.gen(function*() {
          const answers: Array<(res: http.ServerResponse) => void> = [
            (res) => res.writeHead(503, { "content-type": "application/json" }).end("{\"error\":\"busy\"}"),
            (res) => res.writeHead(429, { "retry-after": "0" }).end(),
            (res) => res.writeHead(200, { "content-type": "application/json", "x-trace-id": "trace-3" }).end(database())
          ]
          let seen = 0
          const { url } = yield* serve((_, res) => answers[Math.min(seen++, answers.length - 1)]!(res))
          const { data, response } = yield* Effect.flatMap(
            HotdataClient.HotdataClient,
            (c) => HotdataClient.withResponse(c.databases.get("data_1"))
          ).pipe(
            HotdataClient.withRetryPolicy(RetryPolicy.make({ baseDelay: "1 millis", jitter: 0 })),
            Effect.provide(layerFor(url))
          )
          assert.strictEqual(data.id, "data_1")
          assert.strictEqual(seen, 3)
          assert.strictEqual(response.status, 200)
          assert.strictEqual(response.traceId, "trace-3")
        }))

      it.scoped("a decoded call fails once on 404 and on an answer that does not decode, naming the field", () =>
        Effect.gen(function*() {
          let seen = 0
          const { url } = yield* serve((req, res) => {
            seen++
            if (req.url?.includes("missing")) {
              return res.writeHead(404, { "content-type": "application/json" }).end("{}")
            }
            res.writeHead(200, { "content-type": "application/json" }).end(database({ name: 42 }))
          })
          const get = (id: string) =>
            Effect.flatMap(HotdataClient.HotdataClient, (c) => c.databases.get(id)).pipe(
              HotdataClient.withRetryPolicy(RetryPolicy.make({ baseDelay: "1 millis" })),
              Effect.provide(layerFor(url)),
              Effect.flip
            )
          const notFound = yield* get("missing")
          assert.strictEqual(notFound._tag, "NotFound")
          const undecodable = yield* get("data_1")
          assert.strictEqual(undecodable._tag, "DecodeError")
          assert.include(undecodable.message, "name")
          assert.strictEqual(seen, 2)
        }))

      it.scoped("a header a call adds that no HTTP header can carry fails the call before anything is sent", () =>
        Effect.gen(function*() {
          let seen = 0
          const { url } = yield* serve((_, res) => {
            seen++
            res.writeHead(200, { "content-type": "application/json" }).end(database())
          })
          const error = yield* Effect.flatMap(HotdataClient.HotdataClient, (c) => c.databases.get("data_1")).pipe(
            HotdataClient.withHeaders({ "x-note": "a\r\nb" }),
            Effect.provide(layerFor(url)),
            Effect.flip
          )
          assert.strictEqual(error._tag, "InvalidRequest")
          assert.include(error.message, "x-note")
          assert.strictEqual(seen, 0)
        }))

      it.scoped("interrupting a decoded call waiting for its answer aborts the request", () =>
        abortsWhenInterrupted((url) =>
          Effect.flatMap(HotdataClient.HotdataClient, (c) => c.databases.get("data_1")).pipe(
            Effect.provide(layerFor(url))
          )
        ))

      it.scoped("decodes a call and classifies transport failures", () =>
        Effect.gen(function*() {
          const { server, url } = yield* serve((req, res) => {
            res.writeHead(200, { "content-type": "application/json", "x-trace-id": "trace-1" })
            res.end(JSON.stringify({
              id: "data_1",
              name: "sales",
              default_catalog: "default",
              default_schema: "main",
              default_connection_id: "conn_1",
              created_at: "2026-01-01T00:00:00Z",
              attachments: [],
              seen: { auth: req.headers.authorization, workspace: req.headers["x-workspace-id"] }
            }))
          })
          const database = yield* Effect.flatMap(HotdataClient.HotdataClient, (c) => c.databases.get("data_1")).pipe(
            Effect.provide(layerFor(url))
          )
          assert.strictEqual(database.id, "data_1")
          const port = (server.address() as AddressInfo).port
          yield* Effect.async<void>((resume) => {
            server.closeAllConnections()
            server.close(() => resume(Effect.void))
          })
          const error = yield* Effect.flatMap(HotdataClient.HotdataClient, (c) => c.databases.get("data_1")).pipe(
            HotdataClient.withRetryPolicy(RetryPolicy.none),
            Effect.provide(layerFor(`http://127.0.0.1:${port}`)),
            Effect.flip
          )
          assert.instanceOf(error, HotdataError.TransportError)
          assert.strictEqual(error._tag === "TransportError" && error.phase, "connect")
        }))
    })
  })
}
