import { assert, describe, it } from "@effect/vitest"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import type * as http from "node:http"
import * as Operations from "../src/generated/Operations.js"
import { HotdataClient, Results, RetryPolicy } from "../src/index.js"
import { transports } from "./httpClients.js"
import { localServer } from "./server.js"

/** `count` pieces of `size` bytes, piece `i` filled with the byte `i`. */
const piecesOf = (count: number, size: number) => Array.from({ length: count }, (_, i) => new Uint8Array(size).fill(i))

const HEADERS = { "content-type": "application/vnd.apache.arrow.stream" }

/** Sends `pieces` one every `gapMillis`, then ends the body. */
const sends = (pieces: ReadonlyArray<Uint8Array>, gapMillis: number) =>
(
  _: http.IncomingMessage,
  response: http.ServerResponse
) => {
  response.writeHead(200, HEADERS)
  let at = 0
  const next = () => {
    if (response.destroyed) return
    if (at === pieces.length) return response.end()
    response.write(pieces[at++]!)
    setTimeout(next, gapMillis)
  }
  next()
}

/** Sends `sent` bytes, then nothing more, ever; `closed` hears when the client goes away. */
const stalls =
  (sent: number, closed: () => void = () => undefined) =>
  (request: http.IncomingMessage, response: http.ServerResponse) => {
    response.writeHead(200, HEADERS)
    response.write(new Uint8Array(sent))
    request.socket.once("close", closed)
  }

const clientFor = (url: string, idleTimeout: Duration.DurationInput) =>
  HotdataClient.make({
    apiKey: Redacted.make("hd_test_key"),
    workspaceId: "ws",
    baseUrl: url,
    retryPolicy: RetryPolicy.none,
    idleTimeout
  })

/** A reader over the body of a result request, in the current scope. */
const readerOf = (client: HotdataClient.HotdataClient.Service) =>
  Effect.flatMap(
    client.response(Operations.GetResult, { path: ["rslt_1"], options: { database_id: "data_1", format: "arrow" } }),
    Results.bodyReader
  )

/** Reads the whole body, `perRead` chunks at most per read. */
const readAll = (reader: Results.BodyReader, perRead: number) =>
  Effect.gen(function*() {
    const chunks: Array<Uint8Array> = []
    let reads = 0
    while (true) {
      let taken = 0
      reads++
      const more = yield* reader.read((chunk) => {
        chunks.push(chunk)
        return ++taken < perRead
      })
      if (!more) break
    }
    const bytes = new Uint8Array(chunks.reduce((n, chunk) => n + chunk.length, 0))
    let offset = 0
    for (const chunk of chunks) {
      bytes.set(chunk, offset)
      offset += chunk.length
    }
    return { bytes, reads }
  })

const joined = (pieces: ReadonlyArray<Uint8Array>) => {
  const out = new Uint8Array(pieces.reduce((n, piece) => n + piece.length, 0))
  let offset = 0
  for (const piece of pieces) {
    out.set(piece, offset)
    offset += piece.length
  }
  return out
}

describe("Results.bodyReader", () => {
  for (const [name, transport] of transports) {
    it.scopedLive(`${name}: hands over every byte in order, then answers the end on every later read`, () =>
      Effect.gen(function*() {
        const pieces = piecesOf(6, 5000)
        const server = yield* localServer(sends(pieces, 5))
        const client = yield* clientFor(server.url, "5 seconds")
        const reader = yield* readerOf(client)
        const { bytes, reads } = yield* readAll(reader, 1)
        assert.deepStrictEqual(bytes, joined(pieces))
        assert.isAbove(reads, 1)
        assert.isFalse(yield* reader.read(() => true))
      }).pipe(Effect.provide(transport)))

    it.scopedLive(`${name}: a body that stops moving fails the read with a TimeoutError`, () =>
      Effect.gen(function*() {
        const server = yield* localServer(stalls(100))
        const client = yield* clientFor(server.url, "300 millis")
        const reader = yield* readerOf(client)
        const error = yield* Effect.flip(readAll(reader, Infinity))
        assert.strictEqual(error._tag, "ResponseError")
        const cause = error.cause as { _tag?: string; message?: string } | undefined
        assert.strictEqual(cause?._tag, "TimeoutError")
        assert.include(cause?.message, "stopped moving")
      }).pipe(Effect.provide(transport)))

    it.scopedLive(`${name}: a slow body that keeps moving is never cut, nor is time between reads counted`, () =>
      Effect.gen(function*() {
        // Ten pieces 60 ms apart: the body takes twice the idle limit.
        const pieces = piecesOf(10, 100)
        const server = yield* localServer(sends(pieces, 60))
        const client = yield* clientFor(server.url, "300 millis")
        const reader = yield* readerOf(client)
        const first: Array<Uint8Array> = []
        assert.isTrue(yield* reader.read((chunk) => (first.push(chunk), false)))
        // The consumer away for longer than the idle limit: no read was waiting.
        yield* Effect.sleep("700 millis")
        const { bytes } = yield* readAll(reader, Infinity)
        assert.deepStrictEqual(joined([...first, bytes]), joined(pieces))
      }).pipe(Effect.provide(transport)))

    it.scopedLive(`${name}: closing the scope before the end aborts the request`, () =>
      Effect.gen(function*() {
        let closed = false
        const server = yield* localServer(stalls(1000, () => {
          closed = true
        }))
        const client = yield* clientFor(server.url, "1 minute")
        yield* Effect.scoped(Effect.flatMap(readerOf(client), (reader) => reader.read(() => false)))
        for (let i = 0; i < 100 && !closed; i++) yield* Effect.sleep("10 millis")
        assert.isTrue(closed)
      }).pipe(Effect.provide(transport)))
  }
})
