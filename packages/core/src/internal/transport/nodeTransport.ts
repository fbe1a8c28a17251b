import { type NodeHttp, nodeHttp } from "#http"
import * as Cookies from "@effect/platform/Cookies"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as UrlParams from "@effect/platform/UrlParams"
import * as SizeLimit from "@hotdata-effect/kernel/sizeLimit"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type * as http from "node:http"
import type * as https from "node:https"
import type { Readable } from "node:stream"
import { type BodyLimits, type ChunkReader, register, scopedRequests, type SendWhole } from "./lean.js"
import { OwnResponse } from "./ownResponse.js"
import * as RawBody from "./rawBody.js"

/** The agents a client sends through: one per protocol, keeping connections alive. */
export interface Agents {
  readonly http: http.Agent
  readonly https: https.Agent
}

/** Whether this runtime has Node's HTTP modules (see the package's `#http` import). */
export const available: boolean = nodeHttp !== undefined

/** Node's HTTP modules; a runtime without them (a browser) fails the request saying so. */
const modules = (): NodeHttp => {
  if (nodeHttp === undefined) {
    throw new Error("NodeTransport needs node:http, which this runtime does not have: send with FetchTransport")
  }
  return nodeHttp
}

/** Whether `value` is an agent of this runtime's `node:http` (an `https.Agent` is one too). */
export const isAgent = (value: unknown): boolean => nodeHttp !== undefined && value instanceof nodeHttp.http.Agent

let defaultAgents: Agents | undefined

/** The agents of clients made without any: made on first use, shared, idle connections kept. */
export const sharedAgents = (): Agents => {
  if (defaultAgents === undefined) {
    const { http, https } = modules()
    defaultAgents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) }
  }
  return defaultAgents
}

/** `agents`, with the shared agent of each protocol they leave out. */
export const withShared = (
  agents: { readonly http?: http.Agent | undefined; readonly https?: https.Agent | undefined }
): Agents => {
  const shared = sharedAgents()
  return { http: agents.http ?? shared.http, https: agents.https ?? shared.https }
}

/** The shared agents as the clients made without any hold them: made by the first request. */
export const lazySharedAgents: Agents = {
  get http() {
    return sharedAgents().http
  },
  get https() {
    return sharedAgents().https
  }
}

const utf8 = new TextDecoder()

/** What a request asks for when its caller named no encoding: the ones `decoded` undoes. */
const ACCEPT_ENCODING = "gzip, deflate, br"

/** The bound on how far the decompressed body of one answer may expand, set once the call path knows it. */
interface RatioGuard {
  maxRatio: number
}

/**
 * The body of `answer` as its content: through a decompressor when it came gzip-,
 * deflate- or brotli-encoded (as `fetch` decodes them), else the answer itself. A
 * decompressor's failure (a corrupt body) is an error of the body; ending the answer
 * ends it. Past `guard.maxRatio` times the bytes the decompressor took in (see
 * `SizeLimit`), the body fails with `SizeLimit.TooLarge` and the answer is ended.
 */
const decoded = (answer: http.IncomingMessage, guard: RatioGuard): Readable => {
  const encoding = answer.headers["content-encoding"]?.trim().toLowerCase()
  if (encoding === undefined || encoding === "" || encoding === "identity") return answer
  const { stream, zlib } = modules()
  const decompressor = encoding === "gzip" || encoding === "x-gzip"
    ? zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH })
    : encoding === "deflate"
    ? zlib.createInflate({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH })
    : encoding === "br"
    ? zlib.createBrotliDecompress({
      flush: zlib.constants.BROTLI_OPERATION_FLUSH,
      finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH
    })
    : undefined
  if (decompressor === undefined) return answer
  // What came out, against what the decompressor took in (`bytesWritten`, counted as it
  // consumes): failing here destroys the whole pipeline, the answer's socket with it.
  let out = 0
  const meter = new stream.Transform({
    transform(chunk: Buffer, _encoding, callback) {
      out += chunk.length
      const excess = SizeLimit.ratioExcess(out, decompressor.bytesWritten, guard.maxRatio)
      if (excess === undefined) callback(null, chunk)
      else callback(new SizeLimit.TooLarge(excess))
    }
  })
  return stream.pipeline(answer, decompressor, meter, () => {})
}

/** An answer of `node:http` as an `HttpClientResponse`, reading its body without a stream unless asked to. */
export class NodeResponse extends OwnResponse {
  private cachedHeaders: Headers.Headers | undefined
  private cachedCookies: Cookies.Cookies | undefined
  private whole: Promise<Uint8Array> | undefined
  private wholeText: Promise<string> | undefined
  private snippet: Promise<string> | undefined
  private readonly body: Readable
  private readonly guard: RatioGuard

  /**
   * `source` is the answer (status, headers); its content (decompressed when it came
   * compressed: see `decoded`) is read under `limits`. `shared` is the content and ratio
   * guard of another response to the same answer.
   */
  constructor(
    readonly request: HttpClientRequest.HttpClientRequest,
    private readonly source: http.IncomingMessage,
    private readonly end: () => void,
    protected readonly limits?: BodyLimits | undefined,
    shared?: { readonly body: Readable; readonly guard: RatioGuard }
  ) {
    super()
    this.guard = shared?.guard ?? { maxRatio: Number.POSITIVE_INFINITY }
    if (limits !== undefined) this.guard.maxRatio = limits.size.maxRatio
    this.body = shared?.body ?? decoded(source, this.guard)
  }

  withLimits(limits: BodyLimits): NodeResponse {
    return new NodeResponse(this.request, this.source, this.end, limits, { body: this.body, guard: this.guard })
  }

  /** The whole body (under the limits when there are some), read once; a stall or a bound ends the request. */
  private readBytes(): Promise<Uint8Array> {
    // The decompressed body is metered where it is decompressed (see `decoded`).
    return this.whole ??= RawBody.readNode(this.body, this.readLimits(undefined), this.end).catch((cause) => {
      throw cause instanceof HttpClientError.ResponseError ? cause : this.decodeError(cause)
    })
  }

  /** The whole body as text; read once. */
  readText(): Promise<string> {
    return this.wholeText ??= this.readBytes().then((bytes) => utf8.decode(bytes))
  }

  /** The first `max` bytes of the body as text, the rest dropped with the request; read once. */
  readSnippet(max: number): Promise<string> {
    return this.snippet ??= this.wholeText ??
      RawBody.readNode(this.body, this.snippetLimits(max, undefined), this.end).then(
        (bytes) => utf8.decode(bytes),
        (cause) => {
          throw cause instanceof HttpClientError.ResponseError ? cause : this.decodeError(cause)
        }
      )
  }

  /**
   * The body's chunks as `source.read()` has them buffered (all of it at once, so a
   * consumer gets few large chunks), one read at a time; `undefined` once anything else
   * has started reading the body.
   */
  chunkReader(): { readonly reader: ChunkReader; readonly abort: () => void } | undefined {
    const source = this.body
    if (this.whole !== undefined || source.readableDidRead || source.destroyed) return undefined
    let waiting:
      | { resolve: (result: ReadableStreamReadResult<Uint8Array>) => void; reject: (cause: unknown) => void }
      | undefined
    let ended = false
    let failure: { readonly cause: unknown } | undefined
    const settle = () => {
      const next = waiting
      if (next === undefined) return
      if (failure !== undefined) {
        waiting = undefined
        return next.reject(failure.cause)
      }
      const chunk = source.read() as Uint8Array | null
      if (chunk !== null) {
        waiting = undefined
        return next.resolve({ done: false, value: chunk })
      }
      if (ended) {
        waiting = undefined
        next.resolve({ done: true, value: undefined })
      }
    }
    source.on("readable", settle)
    source.once("end", () => {
      ended = true
      settle()
    })
    source.once("error", (cause) => {
      failure = { cause }
      settle()
    })
    source.once("close", () => {
      if (!ended && failure === undefined) {
        failure = { cause: new Error("the answer ended before its body was complete") }
      }
      settle()
    })
    const reader: ChunkReader = {
      read: () =>
        new Promise((resolve, reject) => {
          waiting = { resolve, reject }
          settle()
        }),
      cancel: () => {
        source.destroy()
        return Promise.resolve()
      }
    }
    return { reader, abort: this.end }
  }

  /** One header, read from the answer without building the whole `Headers`. */
  header(name: string): string | undefined {
    const value = this.source.headers[name]
    return Array.isArray(value) ? value.join(", ") : value
  }

  get status(): number {
    return this.source.statusCode ?? 0
  }

  get headers(): Headers.Headers {
    return this.cachedHeaders ??= Headers.fromInput(this.source.headers as Headers.Input)
  }

  get cookies(): Cookies.Cookies {
    return this.cachedCookies ??= Cookies.fromSetCookie(this.source.headers["set-cookie"] ?? [])
  }

  get remoteAddress(): Option.Option<string> {
    return Option.fromNullable(this.source.socket?.remoteAddress)
  }

  /** Reads the whole body once as `read` of it; interrupting the read ends the request. */
  private read<A>(body: () => Promise<A>): Effect.Effect<A, HttpClientError.ResponseError> {
    return Effect.async<A, HttpClientError.ResponseError>((resume) => {
      body().then(
        (value) => resume(Effect.succeed(value)),
        (cause) => resume(Effect.fail(cause instanceof HttpClientError.ResponseError ? cause : this.decodeError(cause)))
      )
      return Effect.sync(this.end)
    })
  }

  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    return this.read(() => this.readText())
  }

  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    return this.read(() =>
      this.readBytes().then((bytes) =>
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
      )
    )
  }

  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    return this.read(() =>
      this.readBytes().then((bytes) =>
        new Response(bytes as Uint8Array<ArrayBuffer>, {
          headers: { "content-type": this.header("content-type") ?? "" }
        })
          .formData()
      )
    )
  }

  protected bodyStream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    // Through a web stream, whose cancel ends the answer at once, even with a read
    // pending on a body that stalled. Ending the stream early (or interrupting it) ends
    // the request; a body read to its end needs nothing more.
    return Stream.suspend(() => {
      let finished = false
      return Stream.fromReadableStream({
        evaluate: () => modules().stream.Readable.toWeb(this.body) as unknown as ReadableStream<Uint8Array>,
        onError: (cause) => this.decodeError(cause)
      }).pipe(
        Stream.onDone(() => Effect.sync(() => (finished = true))),
        Stream.ensuring(Effect.suspend(() => finished ? Effect.void : Effect.sync(this.end)))
      )
    })
  }
}

/** A request body as `node:http` is given it: bytes or nothing, or a web stream to pump. */
type Body =
  | { readonly _tag: "Bytes"; readonly bytes: Uint8Array | string | undefined }
  | { readonly _tag: "Web"; readonly stream: ReadableStream<Uint8Array> }

/** Writes `stream` to `req` as the socket takes it, then ends it; a failure of the stream ends the request. */
const pump = (req: http.ClientRequest, stream: ReadableStream<Uint8Array>) => {
  const reader = stream.getReader()
  const next = (): void => {
    reader.read().then(
      ({ done, value }) => {
        if (done) return void req.end()
        if (req.write(value)) return next()
        req.once("drain", next)
      },
      (cause) => req.destroy(cause instanceof Error ? cause : new Error(String(cause)))
    )
  }
  next()
  req.once("close", () => {
    reader.cancel().catch(() => undefined)
  })
}

/**
 * Starts `request` to `url`: `onResponse` gets the answer, `onError` a failure before
 * it; answers the function that ends the request. A request of a scope made by
 * `HttpClient.withScope` ends when the scope closes.
 */
const start = (
  agents: Agents,
  request: HttpClientRequest.HttpClientRequest,
  url: URL | string,
  body: Body,
  onResponse: (answer: http.IncomingMessage, end: () => void) => void,
  onError: (cause: unknown) => void
): () => void => {
  let req: http.ClientRequest
  const secure = typeof url === "string" ? url.startsWith("https:") : url.protocol === "https:"
  try {
    const { http, https } = modules()
    req = (secure ? https : http).request(url, {
      method: request.method,
      headers: request.headers,
      agent: secure ? agents.https : agents.http
    })
    if (request.headers["accept-encoding"] === undefined) req.setHeader("accept-encoding", ACCEPT_ENCODING)
  } catch (cause) {
    onError(cause)
    return () => {}
  }
  let answered = false
  const end = () => {
    if (!req.destroyed) req.destroy()
  }
  req.once("response", (answer) => {
    answered = true
    onResponse(answer, end)
  })
  req.on("error", (cause) => {
    if (answered) return
    answered = true
    onError(cause)
  })
  const scoped = scopedRequests.get(request)
  if (scoped !== undefined) {
    if (scoped.signal.aborted) end()
    else scoped.signal.addEventListener("abort", end, { once: true })
  }
  if (body._tag === "Bytes") req.end(body.bytes)
  else pump(req, body.stream)
  return end
}

const transportError = (request: HttpClientRequest.HttpClientRequest, cause: unknown) =>
  new HttpClientError.RequestError({ request, reason: "Transport", cause })

/**
 * The URL and body of `request` as `node:http` takes them, or why it cannot be sent.
 * `checked` says the URL was already found sendable: with nothing to add, it goes as it is.
 */
const prepare = (
  request: HttpClientRequest.HttpClientRequest,
  checked: boolean
): Effect.Effect<
  { readonly url: URL | string; readonly body: Body; readonly request: HttpClientRequest.HttpClientRequest },
  HttpClientError.RequestError
> => {
  const url = checked && request.urlParams.length === 0 && request.hash._tag === "None"
    ? request.url
    : UrlParams.makeUrl(request.url, request.urlParams, request.hash)
  if (typeof url !== "string" && url._tag === "Left") {
    return Effect.fail(new HttpClientError.RequestError({ request, reason: "InvalidUrl", cause: url.left }))
  }
  const target = typeof url === "string" ? url : url.right
  const body = request.body
  switch (body._tag) {
    case "Empty":
      return Effect.succeed({ url: target, body: { _tag: "Bytes", bytes: undefined }, request })
    case "Uint8Array":
      return Effect.succeed({ url: target, body: { _tag: "Bytes", bytes: body.body }, request })
    case "Raw":
      return typeof body.body === "string" || body.body instanceof Uint8Array
        ? Effect.succeed({ url: target, body: { _tag: "Bytes", bytes: body.body }, request })
        : Effect.fail(
          new HttpClientError.RequestError({
            request,
            reason: "Encode",
            description: "NodeTransport sends raw bodies of bytes or text only"
          })
        )
    case "FormData":
      // The multipart encoding of the platform's `Response`, with its boundary.
      return Effect.map(
        Effect.promise(async () => {
          const encoded = new Response(body.formData)
          return { type: encoded.headers.get("content-type") ?? "", bytes: new Uint8Array(await encoded.arrayBuffer()) }
        }),
        ({ bytes, type }) => ({
          url: target,
          body: { _tag: "Bytes" as const, bytes },
          request: { ...request, headers: Headers.set(request.headers, "content-type", type) } as typeof request
        })
      )
    case "Stream":
      return Effect.map(
        Stream.toReadableStreamEffect(body.stream),
        (stream) => ({ url: target, body: { _tag: "Web" as const, stream }, request })
      )
  }
}

const execute = (agents: Agents) => (request: HttpClientRequest.HttpClientRequest) =>
  Effect.flatMap(
    prepare(request, false),
    (prepared) =>
      Effect.async<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError>((resume) => {
        const end = start(
          agents,
          prepared.request,
          prepared.url,
          prepared.body,
          (answer, end) => resume(Effect.succeed(new NodeResponse(request, answer, end))),
          (cause) => resume(Effect.fail(transportError(request, cause)))
        )
        return Effect.sync(end)
      })
  )

/** Sends `request` and reads its whole answer in one step (see `Lean.SendWhole`). */
const sendWhole = (agents: Agents): SendWhole => (_services, request, limits, checked, onError, onWhole) =>
  Effect.flatMap(Effect.either(prepare(request, checked)), (prepared) => {
    if (prepared._tag === "Left") return onError(prepared.left)
    return Effect.async((resume) => {
      const end = start(
        agents,
        prepared.right.request,
        prepared.right.url,
        prepared.right.body,
        (answer, end) => {
          const response = new NodeResponse(request, answer, end, limits)
          response.readAnswer().then(
            (text) => resume(onWhole(response, text)),
            (cause) => resume(onError(cause))
          )
        },
        (cause) => resume(onError(transportError(request, cause)))
      )
      return Effect.sync(end)
    })
  })

/** The Node client (see the `NodeTransport` module) over `agents`. */
export const make = (agents: Agents): HttpClient.HttpClient => {
  const run = execute(agents)
  const client = HttpClient.makeWith(
    (request: Effect.Effect<HttpClientRequest.HttpClientRequest>) => Effect.flatMap(request, run),
    Effect.succeed
  )
  register(client, { sendWhole: sendWhole(agents) })
  return client
}
