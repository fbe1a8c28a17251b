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
 * context ({@link forHttpClient}), or from the runtime's `fetch` when there is none
 * ({@link makeFetch}); either way its parts go as bodies the stall watchdog can see
 * move, wherever the client allows it. Provide this service to choose another
 * transport, or to swap storage out in tests ({@link fromHttpClient}).
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"

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
 * A `Blob` whose contents are read through `stream()` from the caller's buffer, in
 * pieces of `STREAM_CHUNK`, each reported to `onProgress`. Its native contents are
 * empty, so a runtime that ignores `stream()` sends nothing, which the probe sees.
 */
const streamingBlob = (bytes: Uint8Array, onProgress: (sent: number) => void): Blob => {
  class StreamingBlob extends Blob {
    override get size(): number {
      return bytes.byteLength
    }
    override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
      let offset = 0
      return new ReadableStream<Uint8Array<ArrayBuffer>>({
        pull(controller) {
          if (offset >= bytes.byteLength) {
            controller.close()
            return
          }
          const end = Math.min(offset + STREAM_CHUNK, bytes.byteLength)
          controller.enqueue(bytes.subarray(offset, end) as Uint8Array<ArrayBuffer>)
          offset = end
          onProgress(offset)
        }
      }, { highWaterMark: 0 })
    }
  }
  return new StreamingBlob([])
}

/**
 * A body `fetch` reads piece by piece while sending, with a known length (the
 * runtime takes the `Content-Length` from the `Blob`'s size, so it never goes out
 * chunked). Each piece handed over is reported to `onProgress`, and the part is not
 * copied as a whole.
 *
 * It is a real `Blob` that serves its bytes through `stream()`. Runtimes differ in how
 * they read a `Blob` body: some call `stream()`, others read the native contents
 * (empty here) and would send nothing. Use it only where {@link probeStreamingBody}
 * says it works; {@link makeFetch} does that check itself.
 *
 * @since 0.1.0
 * @category bodies
 */
export const fetchStreamingBody = (bytes: Uint8Array, onProgress: (sent: number) => void): HttpBody.HttpBody =>
  HttpBody.raw(streamingBlob(bytes, onProgress), { contentLength: bytes.byteLength })

/**
 * The `Request` constructor a probe builds its test request with.
 *
 * @since 0.1.0
 * @category models
 */
export type RequestConstructor = new(input: string, init: RequestInit) => Request

const PROBE_BYTES = STREAM_CHUNK + 3

/**
 * Whether a runtime's `fetch` sends {@link fetchStreamingBody} as the bytes it
 * holds, given its `Request` (`globalThis.Request` for the running one): builds a `Request` (the same body handling `fetch` applies) with a
 * streaming body of a known pattern larger than one piece, and checks that reading it
 * back yields exactly those bytes and that every piece was handed over through
 * `stream()`, so progress is reported.
 *
 * The answer comes from what the runtime does, never from its name or version: a
 * runtime that turns an unknown body into its string form, reads a `Blob`'s native
 * contents, or has no `Request` answers `false`, and parts then go as plain bytes.
 * What a `Request` cannot show is the `Content-Length` that `fetch` sends: Node's undici
 * and Deno take it from the `Blob`'s size, which the SDK's CI checks on each runtime.
 *
 * @since 0.1.0
 * @category probes
 */
export const probeStreamingBody = (RequestClass: RequestConstructor | undefined): Effect.Effect<boolean> =>
  Effect.promise(() => probe(RequestClass))

const probe = async (RequestClass: RequestConstructor | undefined): Promise<boolean> => {
  if (RequestClass === undefined || typeof Blob === "undefined" || typeof ReadableStream === "undefined") {
    return false
  }
  const bytes = new Uint8Array(PROBE_BYTES)
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) & 0xff
  let reported = 0
  const body = streamingBlob(bytes, (sent) => {
    reported = sent
  })
  try {
    const request = new RequestClass("http://localhost/", { method: "PUT", body })
    const read = new Uint8Array(await request.arrayBuffer())
    return reported === bytes.length && read.length === bytes.length && read.every((b, i) => b === bytes[i])
  } catch {
    return false
  }
}

let globalProbe: Promise<boolean> | undefined

/** The probe of the global `fetch`, run once per process. */
const probeGlobal: Effect.Effect<boolean> = Effect.promise(() => globalProbe ??= probe(globalThis.Request))

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
 * `Uint8Array` body: every client can send it, but none lets the body be seen to move,
 * so a PUT that stalls is only cut by its time limit. For a storage stub in tests, or a
 * client that can send neither of the bodies {@link forHttpClient} would choose.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromHttpClient = (client: HttpClient.HttpClient): StorageClient.Service =>
  StorageClient.of({ client: bare(client), body: uint8ArrayBody, observesProgress: false })

/**
 * A body of `Stream` kind with a known length: the bytes in pieces of 256 KiB, handed
 * out one at a time as the client pulls them, each reported to `onProgress`, and a
 * `Content-Length` of their size. A `node:http` client (core's `NodeTransport`,
 * `@effect/platform-node`'s clients) writes the pieces as the socket takes them and sends
 * the length it is given, so the pieces pulled are what went out, give or take the
 * socket's buffers. A `fetch` client must not get it: `fetch` drops the length and
 * sends a stream chunked, which presigned PUTs refuse.
 *
 * @since 0.1.0
 * @category bodies
 */
export const streamBody = (bytes: Uint8Array, onProgress: (sent: number) => void): HttpBody.HttpBody =>
  HttpBody.stream(
    Stream.suspend(() => {
      let offset = 0
      return Stream.repeatEffectOption(Effect.suspend(() => {
        if (offset >= bytes.byteLength) return Effect.fail(Option.none())
        const end = Math.min(offset + STREAM_CHUNK, bytes.byteLength)
        const piece = bytes.subarray(offset, end)
        offset = end
        onProgress(offset)
        return Effect.succeed(piece)
      }))
    }),
    "",
    bytes.byteLength
  )

/**
 * A storage client over a client that sends a {@link streamBody} as it pulls it, with
 * the length it is given: core's `NodeTransport`, `@effect/platform-node`'s
 * `NodeHttpClient` (over `node:http` or undici). The stall watchdog sees its parts move.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromStreamingHttpClient = (client: HttpClient.HttpClient): StorageClient.Service =>
  StorageClient.of({ client: bare(client), body: streamBody, observesProgress: true })

/** A URL no transport can send to (no such scheme): a probe request never leaves the process. */
const PROBE_URL = "hotdata-probe://storage-client/"

const fetchProbes = new WeakMap<HttpClient.HttpClient, boolean>()

/**
 * Whether `client` sends its requests through the `FetchHttpClient.Fetch` service, as
 * `FetchHttpClient` and core's `FetchTransport` do: one request to a URL of a scheme no
 * transport knows is executed with a `Fetch` of the probe's own that answers at once.
 * A `fetch` client calls it (and nothing is sent); any other client fails the request
 * on the unknown scheme, sending nothing either. Run once per client.
 *
 * @since 0.1.0
 * @category probes
 */
export const probeSendsThroughFetch = (client: HttpClient.HttpClient): Effect.Effect<boolean> =>
  Effect.suspend(() => {
    const known = fetchProbes.get(client)
    if (known !== undefined) return Effect.succeed(known)
    let called = false
    const fetch = (() => {
      called = true
      return Promise.resolve(new Response(null, { status: 204 }))
    }) as unknown as typeof globalThis.fetch
    return bare(client).execute(HttpClientRequest.put(PROBE_URL)).pipe(
      Effect.flatMap((response) => Effect.ignore(response.arrayBuffer)),
      Effect.provideService(FetchHttpClient.Fetch, fetch),
      Effect.exit,
      Effect.map(() => {
        fetchProbes.set(client, called)
        return called
      })
    )
  })

/**
 * The storage client an upload builds from an `HttpClient` in its context, chosen by
 * what the client does ({@link probeSendsThroughFetch}): a client that sends through
 * `fetch` gets the body {@link makeFetch} would choose for the runtime
 * ({@link fromFetch} after {@link probeStreamingBody}); any other client, such as one
 * over `node:http`, gets {@link fromStreamingHttpClient}. Either way the stall watchdog
 * sees the parts move, except on a `fetch` that cannot stream a `Blob` (their parts go as
 * plain bytes, bounded by the part time limit only). A client that can send neither
 * body (one that cannot send a `Stream` body with its `Content-Length`) is given as
 * {@link fromHttpClient} instead.
 *
 * @since 0.1.0
 * @category constructors
 */
export const forHttpClient = (client: HttpClient.HttpClient): Effect.Effect<StorageClient.Service> =>
  Effect.flatMap(probeSendsThroughFetch(client), (throughFetch) =>
    throughFetch
      ? Effect.map(probeGlobal, (streams) => fromFetch(client, streams))
      : Effect.succeed(fromStreamingHttpClient(client)))

/**
 * A storage client over the `HttpClient` in context ({@link forHttpClient}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<StorageClient.Service, never, HttpClient.HttpClient> = Effect.flatMap(
  HttpClient.HttpClient,
  forHttpClient
)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<StorageClient, never, HttpClient.HttpClient> = Layer.effect(StorageClient, make)

/**
 * A storage client on `fetch` whose parts go as {@link fetchStreamingBody} when
 * `streams` is true, and as plain bytes otherwise.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromFetch = (client: HttpClient.HttpClient, streams: boolean): StorageClient.Service =>
  StorageClient.of({
    client: bare(client),
    body: streams ? fetchStreamingBody : uint8ArrayBody,
    observesProgress: streams
  })

/**
 * A storage client on the runtime's `fetch`. Where {@link probeStreamingBody} finds
 * that `fetch` sends a streaming body correctly, parts are streamed from their buffer
 * with a known length, which saves a copy of every part and lets a PUT that stops
 * moving be cut without waiting for its time limit; elsewhere parts are sent as plain
 * bytes and only the time limit applies. The probe runs once per process.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeFetch: Effect.Effect<StorageClient.Service> = Effect.zipWith(
  Effect.provide(HttpClient.HttpClient, FetchHttpClient.layer),
  probeGlobal,
  fromFetch
)
/**
 * {@link makeFetch} as a layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFetch: Layer.Layer<StorageClient> = Layer.effect(StorageClient, makeFetch)
