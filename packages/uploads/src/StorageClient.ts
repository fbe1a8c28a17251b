/**
 * The HTTP client that part PUTs go through, kept apart from the API client.
 *
 * A presigned URL carries its authorization in the query string: storage rejects a
 * PUT that adds an `Authorization` header or other headers it did not sign, so the
 * storage client must never inherit the API client's headers. It also must not record
 * the URL anywhere (its signature is a credential), so tracing is off for it, trace
 * headers are not propagated, and redirects are not followed (a redirected PUT would
 * lose its signature; a 3xx is reported as a storage error instead).
 *
 * By default an upload builds its storage client from the `HttpClient` in its
 * context. Provide this service to choose another transport, or to swap storage out
 * in tests.
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"

/**
 * @since 0.1.0
 * @category tags
 */
export class StorageClient extends Context.Tag("@hotdata-effect/uploads/StorageClient")<
  StorageClient,
  StorageClient.Service
>() {}

/**
 * @since 0.1.0
 */
export declare namespace StorageClient {
  /**
   * @since 0.1.0
   * @category models
   */
  export interface Service {
    /** The bare client the PUTs are sent with. */
    readonly client: HttpClient.HttpClient
    /**
     * Turns the bytes of a part into a request body with a `Content-Length`.
     * `onProgress` hears the running count of bytes handed to the transport, when the
     * body lets that be seen; {@link Service.observesProgress} says whether it does.
     */
    readonly body: (bytes: Uint8Array, onProgress: (sent: number) => void) => HttpBody.HttpBody
    /** Whether `body` reports progress, which lets a PUT that stopped moving be detected early. */
    readonly observesProgress: boolean
  }
}

/**
 * A body of the bytes as they are, without a `Content-Type` of its own (storage gets
 * only the headers the session asks for). Every HTTP client can send it.
 *
 * @since 0.1.0
 * @category bodies
 */
export const uint8ArrayBody = (bytes: Uint8Array): HttpBody.HttpBody => HttpBody.uint8Array(bytes, "")

const STREAM_CHUNK = 256 * 1024

/**
 * A body `fetch` reads piece by piece while sending, with a known length (so it goes
 * out with a `Content-Length`, never chunked). Each piece handed over is reported to
 * `onProgress`, and the bytes are not copied as a whole.
 *
 * It is an object `fetch` on Node (undici) takes for a `Blob`; other clients and
 * browsers need {@link uint8ArrayBody}.
 *
 * @since 0.1.0
 * @category bodies
 */
export const fetchStreamingBody = (bytes: Uint8Array, onProgress: (sent: number) => void): HttpBody.HttpBody => {
  const blobLike = {
    size: bytes.byteLength,
    type: "",
    [Symbol.toStringTag]: "Blob",
    stream: () => {
      let offset = 0
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (offset >= bytes.byteLength) {
            controller.close()
            return
          }
          const end = Math.min(offset + STREAM_CHUNK, bytes.byteLength)
          controller.enqueue(bytes.subarray(offset, end))
          offset = end
          onProgress(offset)
        }
      }, { highWaterMark: 0 })
    },
    arrayBuffer: () =>
      Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer),
    slice: () => {
      throw new Error("not supported")
    }
  }
  return HttpBody.raw(blobLike, { contentLength: bytes.byteLength })
}

/**
 * Strips a client down for storage: no spans (they would record the presigned URL),
 * no trace headers, and redirects not followed when the client is `fetch`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const bare = (client: HttpClient.HttpClient): HttpClient.HttpClient =>
  client.pipe(
    HttpClient.withTracerDisabledWhen(() => true),
    HttpClient.withTracerPropagation(false),
    HttpClient.transformResponse((effect) =>
      Effect.flatMap(Effect.serviceOption(FetchHttpClient.RequestInit), (init) =>
        Effect.provideService(effect, FetchHttpClient.RequestInit, {
          ...Option.getOrElse(init, () => ({})),
          redirect: "manual"
        }))
    )
  )

/**
 * A storage client over `client`, made bare, sending every part as a plain
 * `Uint8Array` body.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromHttpClient = (client: HttpClient.HttpClient): StorageClient.Service =>
  StorageClient.of({ client: bare(client), body: uint8ArrayBody, observesProgress: false })

/**
 * A storage client over the `HttpClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<StorageClient.Service, never, HttpClient.HttpClient> = Effect.map(
  HttpClient.HttpClient,
  fromHttpClient
)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<StorageClient, never, HttpClient.HttpClient> = Layer.effect(StorageClient, make)

const isNode = typeof process !== "undefined" && typeof process.versions?.node === "string"

/**
 * A storage client on the runtime's `fetch`. On Node, parts are streamed from their
 * buffer with a known length, which saves a copy of every part and lets a PUT that
 * stops moving be cut without waiting for its time limit; elsewhere parts are sent as
 * plain bytes.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeFetch: Effect.Effect<StorageClient.Service> = Effect.map(
  Effect.provide(HttpClient.HttpClient, FetchHttpClient.layer),
  (client) =>
    StorageClient.of({
      client: bare(client),
      body: isNode ? fetchStreamingBody : uint8ArrayBody,
      observesProgress: isNode
    })
)

/**
 * {@link makeFetch} as a layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFetch: Layer.Layer<StorageClient> = Layer.effect(StorageClient, makeFetch)
