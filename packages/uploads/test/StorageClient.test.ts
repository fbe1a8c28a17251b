import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import { it } from "@effect/vitest"
import { FetchTransport } from "@hotdata-effect/core"
import * as NodeTransport from "@hotdata-effect/core/NodeTransport"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { assert, describe } from "vitest"
import { StorageClient } from "../src/index.js"

const pattern = (n: number): Uint8Array => {
  const bytes = new Uint8Array(n)
  for (let i = 0; i < n; i++) bytes[i] = (i * 13 + 5) & 0xff
  return bytes
}

/** What the runtime's `Request` (the body handling of its `fetch`) makes of a storage body. */
const sentBytes = async (body: HttpBody.HttpBody): Promise<Uint8Array> => {
  assert(body._tag === "Raw" || body._tag === "Uint8Array")
  const init = body.body as BodyInit
  const request = new Request("http://localhost/", { method: "PUT", body: init })
  return new Uint8Array(await request.arrayBuffer())
}

/** A `Request` that, like a `fetch` that does not know the body, sends its string form. */
class StringifyingRequest {
  readonly text: string | Uint8Array
  constructor(_url: string, init: RequestInit) {
    this.text = init.body instanceof Uint8Array ? init.body : String(init.body)
  }
  arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = typeof this.text === "string" ? new TextEncoder().encode(this.text) : this.text
    return Promise.resolve(bytes.slice().buffer)
  }
}

/** A `Request` that reads a `Blob`'s native contents rather than its `stream()`. */
class NativeBlobRequest {
  constructor(_url: string, readonly init: RequestInit) {}
  arrayBuffer(): Promise<ArrayBuffer> {
    return Blob.prototype.arrayBuffer.call(this.init.body as Blob)
  }
}

/** A `Request` that reads the body through `stream()`, as `fetch` does where streaming works. */
class StreamingRequest {
  constructor(_url: string, readonly init: RequestInit) {}
  async arrayBuffer(): Promise<ArrayBuffer> {
    const chunks: Array<Uint8Array> = []
    const reader = (this.init.body as Blob).stream().getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
    }
    return new Uint8Array(await new Blob(chunks as Array<BlobPart>).arrayBuffer()).buffer
  }
}

class ThrowingRequest {
  constructor() {
    throw new TypeError("unsupported body")
  }
}

const client = Effect.runSync(Effect.provide(HttpClient.HttpClient, FetchHttpClient.layer))

describe("StorageClient on fetch", () => {
  it.effect("a fetch that stringifies the streaming body gets plain bytes, never the string", () =>
    Effect.gen(function*() {
      const streams = yield* StorageClient.probeStreamingBody(
        StringifyingRequest as unknown as StorageClient.RequestConstructor
      )
      assert.isFalse(streams)
      const storage = StorageClient.fromFetch(client, streams)
      assert.isFalse(storage.observesProgress)
      const bytes = pattern(300_000)
      const body = storage.body(bytes, () => {})
      assert.strictEqual(body._tag, "Uint8Array")
      const sent = yield* Effect.promise(() =>
        new StringifyingRequest("", { body: (body as HttpBody.Uint8Array).body as BodyInit }).arrayBuffer()
      )
      assert.deepStrictEqual(new Uint8Array(sent), bytes)
    }))

  it.effect("a fetch that reads a Blob's native contents, or refuses the body, gets plain bytes", () =>
    Effect.gen(function*() {
      assert.isFalse(
        yield* StorageClient.probeStreamingBody(NativeBlobRequest as unknown as StorageClient.RequestConstructor)
      )
      assert.isFalse(
        yield* StorageClient.probeStreamingBody(ThrowingRequest as unknown as StorageClient.RequestConstructor)
      )
      assert.isFalse(yield* StorageClient.probeStreamingBody(undefined))
    }))

  it.effect("a fetch that reads stream() gets the streaming body, which reports progress", () =>
    Effect.gen(function*() {
      assert.isTrue(
        yield* StorageClient.probeStreamingBody(StreamingRequest as unknown as StorageClient.RequestConstructor)
      )
      const storage = StorageClient.fromFetch(client, true)
      assert.isTrue(storage.observesProgress)
      const bytes = pattern(600_000)
      const progress: Array<number> = []
      const body = storage.body(bytes, (sent) => progress.push(sent))
      assert.strictEqual(body._tag, "Raw")
      assert.strictEqual(body.contentLength, bytes.byteLength)
      const read = yield* Effect.promise(() =>
        new StreamingRequest("", { body: (body as HttpBody.Raw).body as Blob }).arrayBuffer()
      )
      assert.deepStrictEqual(new Uint8Array(read), bytes)
      assert.deepStrictEqual(progress, [262_144, 524_288, 600_000])
    }))

  it.effect("makeFetch on this runtime sends every part byte-exact, and reports progress when it says it does", () =>
    Effect.gen(function*() {
      const storage = yield* StorageClient.makeFetch
      const bytes = pattern(700_001)
      let reported = 0
      const sent = yield* Effect.promise(() => sentBytes(storage.body(bytes, (n) => (reported = n))))
      assert.deepStrictEqual(sent, bytes)
      assert.strictEqual(reported, storage.observesProgress ? bytes.byteLength : 0)
    }))
})

describe("StorageClient over an HttpClient in context", () => {
  it.effect("a fetch client is told from a node:http one without sending anything", () =>
    Effect.gen(function*() {
      let calls = 0
      const counting = (input: RequestInfo | URL, init?: RequestInit) => {
        calls++
        return globalThis.fetch(input, init)
      }
      const viaFetch = yield* Effect.provide(HttpClient.HttpClient, FetchHttpClient.layer)
      const viaFetchTransport = yield* Effect.provide(HttpClient.HttpClient, FetchTransport.layer)
      assert.isTrue(yield* StorageClient.probeSendsThroughFetch(viaFetch))
      assert.isTrue(
        yield* StorageClient.probeSendsThroughFetch(viaFetchTransport).pipe(
          Effect.provideService(FetchHttpClient.Fetch, counting as typeof globalThis.fetch)
        )
      )
      assert.isFalse(yield* StorageClient.probeSendsThroughFetch(NodeTransport.make))
      // Neither probe reached the fetch of the caller's context.
      assert.strictEqual(calls, 0)

      // A client of another kind (a test's own) sees one request it cannot send.
      const seen: Array<string> = []
      const own = HttpClient.make((request, url) =>
        Effect.fail(
          new HttpClientError.RequestError({ request, reason: "Transport", cause: seen.push(url.protocol) })
        )
      )
      assert.isFalse(yield* StorageClient.probeSendsThroughFetch(own))
      assert.isFalse(yield* StorageClient.probeSendsThroughFetch(own))
      assert.deepStrictEqual(seen, ["hotdata-probe:"])
    }))

  it.effect("a node:http client gets parts as a streamed body of known length, which reports progress", () =>
    Effect.gen(function*() {
      const storage = yield* StorageClient.forHttpClient(NodeTransport.make)
      assert.isTrue(storage.observesProgress)
      const bytes = pattern(600_001)
      const progress: Array<number> = []
      const body = storage.body(bytes, (sent) => progress.push(sent))
      assert.strictEqual(body._tag, "Stream")
      assert.strictEqual(body.contentLength, bytes.byteLength)
      assert.strictEqual(body.contentType, "")
      assert.deepStrictEqual(progress, [], "nothing is handed over before the client pulls")
      const pieces = yield* Stream.runCollect((body as HttpBody.Stream).stream)
      assert.deepStrictEqual(Chunk.toReadonlyArray(pieces).map((piece) => piece.byteLength), [262_144, 262_144, 75_713])
      assert.deepStrictEqual(new Uint8Array(Buffer.concat(Chunk.toReadonlyArray(pieces))), bytes)
      assert.deepStrictEqual(progress, [262_144, 524_288, 600_001])
    }))

  it.effect("a fetch client gets the body makeFetch would choose on this runtime", () =>
    Effect.gen(function*() {
      const viaFetch = yield* Effect.provide(HttpClient.HttpClient, FetchHttpClient.layer)
      const storage = yield* StorageClient.forHttpClient(viaFetch)
      const fetchDefault = yield* StorageClient.makeFetch
      assert.strictEqual(storage.observesProgress, fetchDefault.observesProgress)
      assert.notStrictEqual(storage.body(pattern(10), () => {})._tag, "Stream")
    }))
})
