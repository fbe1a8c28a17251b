import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { assert, describe, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import type * as http from "node:http"
import * as https from "node:https"
import type { AddressInfo } from "node:net"
import * as zlib from "node:zlib"
import selfsigned from "selfsigned"
import { FetchTransport, HotdataClient, RetryPolicy } from "../src/index.js"
import * as NodeTransport from "../src/NodeTransport.js"
import { createHotdataClient } from "../src/PromiseClient.js"

// Over TLS, the way the hosted API is reached: a server with a certificate made for this
// run (for `localhost` and 127.0.0.1), trusted only where a test hands its certificate over.

let generated: ReturnType<typeof selfsigned.generate> | undefined
const certificate = Effect.promise(() =>
  generated ??= selfsigned.generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    extensions: [{ name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }] }]
  })
)

const DATABASE = {
  id: "db_1",
  name: "sales",
  default_catalog: "default",
  default_schema: "main",
  default_connection_id: "conn_1",
  created_at: "2026-01-01T00:00:00Z",
  attachments: []
}

interface TlsServer {
  readonly url: string
  readonly cert: string
  /** The HTTP requests that reached the handler. */
  readonly requests: Array<http.IncomingMessage>
  /** How many TLS connections the server accepted. */
  readonly connections: () => number
  /** How many TCP connections were opened to the server (each attempt of a refused client opens one). */
  readonly sockets: () => number
}

/** An HTTPS server on a random port for the duration of the scope. */
const serveTls = (handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) =>
  Effect.gen(function*() {
    const pems = yield* certificate
    const requests: Array<http.IncomingMessage> = []
    let connections = 0
    let sockets = 0
    const server = yield* Effect.acquireRelease(
      Effect.async<https.Server>((resume) => {
        const server = https.createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
          requests.push(req)
          handler(req, res)
        })
        server.on("secureConnection", () => connections++)
        server.on("connection", () => sockets++)
        server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
      }),
      (server) =>
        Effect.async<void>((resume) => {
          server.closeAllConnections()
          server.close(() => resume(Effect.void))
        })
    )
    const { port } = server.address() as AddressInfo
    return {
      url: `https://127.0.0.1:${port}`,
      cert: pems.cert,
      requests,
      connections: () => connections,
      sockets: () => sockets
    } as TlsServer
  })

const answerDatabase = (req: http.IncomingMessage, res: http.ServerResponse) => {
  const body = JSON.stringify({ ...DATABASE, id: req.url?.split("/").at(-1) })
  if (String(req.headers["accept-encoding"]).includes("gzip")) {
    res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" })
    res.end(zlib.gzipSync(body))
  } else {
    res.writeHead(200, { "content-type": "application/json" })
    res.end(body)
  }
}

const clientOver = (url: string, transport: Layer.Layer<any, any, any>) =>
  HotdataClient.HotdataClient.pipe(
    Effect.provide(
      HotdataClient.layer({ apiKey: Redacted.make("hd_tls_key"), workspaceId: "ws_1", baseUrl: url }).pipe(
        Layer.provide(transport)
      )
    )
  )

describe("HTTPS", () => {
  it.scoped("NodeTransport calls a server whose certificate its agent trusts, over one kept-alive connection", () =>
    Effect.gen(function*() {
      const server = yield* serveTls(answerDatabase)
      const agent = new https.Agent({ keepAlive: true, ca: server.cert })
      yield* Effect.addFinalizer(() => Effect.sync(() => agent.destroy()))
      const client = yield* clientOver(server.url, NodeTransport.layerWith({ https: agent }))
      for (const id of ["db_a", "db_b", "db_c"]) {
        const database = yield* client.databases.get(id)
        assert.strictEqual(database.id, id)
      }
      assert.strictEqual(server.requests.length, 3)
      assert.strictEqual(server.requests[0]!.headers.authorization, "Bearer hd_tls_key")
      // The answers came gzip-compressed and were read decompressed.
      assert.include(String(server.requests[0]!.headers["accept-encoding"]), "gzip")
      assert.strictEqual(server.connections(), 1)
    }))

  it.scoped("a streamed body over TLS is read in order, and interrupting it ends the request", () =>
    Effect.gen(function*() {
      const closed = yield* Deferred.make<void>()
      const firstSent = yield* Deferred.make<void>()
      const server = yield* serveTls((req, res) => {
        res.on("close", () => Deferred.unsafeDone(closed, Effect.void))
        res.writeHead(200, { "content-type": "application/octet-stream" })
        if (req.url === "/whole") {
          for (let i = 0; i < 64; i++) res.write(Buffer.alloc(16 * 1024, i))
          res.end()
        } else {
          // One chunk, then silence: the reader waits until interrupted.
          res.write(Buffer.alloc(1024, 7), () => Deferred.unsafeDone(firstSent, Effect.void))
        }
      })
      const agent = new https.Agent({ keepAlive: true, ca: server.cert })
      yield* Effect.addFinalizer(() => Effect.sync(() => agent.destroy()))
      const client = yield* HttpClient.HttpClient.pipe(Effect.provide(NodeTransport.layerWith({ https: agent })))
      const chunks = yield* client.execute(HttpClientRequest.get(`${server.url}/whole`)).pipe(
        Effect.flatMap((response) => Stream.runCollect(response.stream))
      )
      const bytes = Buffer.concat([...chunks])
      assert.strictEqual(bytes.length, 64 * 16 * 1024)
      for (let i = 0; i < 64; i++) assert.strictEqual(bytes[i * 16 * 1024], i)

      const reading = yield* Effect.fork(
        client.execute(HttpClientRequest.get(`${server.url}/stall`)).pipe(
          Effect.flatMap((response) => Stream.runDrain(response.stream))
        )
      )
      yield* Deferred.await(firstSent)
      yield* Fiber.interrupt(reading)
      yield* Deferred.await(closed)
    }))

  for (
    const [name, transport] of [
      ["NodeTransport", NodeTransport.layer],
      ["FetchTransport", FetchTransport.layer]
    ] as const
  ) {
    it.scopedLive(`${name}: an untrusted certificate fails at once with phase "tls", and no request is sent`, () =>
      Effect.gen(function*() {
        const server = yield* serveTls(answerDatabase)
        const client = yield* clientOver(server.url, transport)
        // A policy that retries connection failures at once; a refused certificate is not one.
        const result = yield* client.databases.get("db_a").pipe(
          HotdataClient.withRetryPolicy(RetryPolicy.make({ maxRetries: 3, baseDelay: "10 millis" })),
          Effect.either
        )
        assert.isTrue(Either.isLeft(result))
        const error = (result as Either.Left<any, any>).left
        assert.strictEqual(error._tag, "TransportError")
        assert.strictEqual(error.phase, "tls")
        assert.match(error.message, /get_database: the server's TLS certificate was refused \(.*self.signed/i)
        assert.notInclude(error.message, "hd_tls_key")
        // One attempt (one connection), refused before any request was written.
        assert.strictEqual(server.sockets(), 1)
        assert.strictEqual(server.requests.length, 0)
      }))
  }

  it.scoped("the Promise client sends through the agents it is given", () =>
    Effect.gen(function*() {
      const server = yield* serveTls(answerDatabase)
      const agent = new https.Agent({ keepAlive: true, ca: server.cert })
      yield* Effect.addFinalizer(() => Effect.sync(() => agent.destroy()))
      const trusted = createHotdataClient({
        apiKey: "hd_tls_key",
        workspaceId: "ws_1",
        baseUrl: server.url,
        agents: { https: agent },
        env: {}
      })
      const untrusted = createHotdataClient({ apiKey: "hd_tls_key", workspaceId: "ws_1", baseUrl: server.url, env: {} })
      yield* Effect.addFinalizer(() => Effect.promise(() => Promise.all([trusted.dispose(), untrusted.dispose()])))
      const database = yield* Effect.promise(() => trusted.databases.get("db_p"))
      assert.strictEqual(database.id, "db_p")
      const failure = yield* Effect.promise(() => untrusted.databases.get("db_p").then(() => undefined, (e) => e))
      assert.strictEqual(failure?._tag, "TransportError")
      assert.strictEqual(failure?.phase, "tls")
      assert.strictEqual(server.requests.length, 1)
    }))
})
