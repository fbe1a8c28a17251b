import * as Cookies from "@effect/platform/Cookies"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as UrlParams from "@effect/platform/UrlParams"
import * as SizeLimit from "@hotdata-effect/kernel/sizeLimit"
import type * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FiberRef from "effect/FiberRef"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { type BodyLimits, register, scopedRequests } from "./lean.js"
import { OwnResponse } from "./ownResponse.js"
import * as RawBody from "./rawBody.js"

const utf8 = new TextDecoder()

/** A web `Response` as an `HttpClientResponse`, reading its body without a stream unless asked to. */
export class FetchResponse extends OwnResponse {
  private cachedHeaders: Headers.Headers | undefined
  private cachedCookies: Cookies.Cookies | undefined
  /** The reads of the whole body, each made once (made when first asked for: most responses have one). */
  private textRead: Promise<string> | undefined
  private otherReads: Partial<Record<"arrayBuffer" | "formData", Promise<unknown>>> | undefined
  private limited: Promise<Uint8Array> | undefined
  private snippetRead: Promise<string> | undefined

  constructor(
    readonly request: HttpClientRequest.HttpClientRequest,
    private readonly source: Response,
    private readonly controller: AbortController,
    protected readonly limits?: BodyLimits | undefined
  ) {
    super()
  }

  /** Ends the request. */
  private get abort(): Effect.Effect<void> {
    return Effect.sync(() => this.controller.abort())
  }

  /** The same response, its body reads under `limits`. */
  withLimits(limits: BodyLimits): FetchResponse {
    return new FetchResponse(this.request, this.source, this.controller, limits)
  }

  /** The whole body under the limits: the body's own reader and one timer. */
  private readLimited(): Promise<Uint8Array> {
    const headers = this.source.headers
    const encoding = headers.get("content-encoding")
    const declared = headers.get("content-length")
    const length = Number(declared ?? Number.NaN)
    return this.limited ??= RawBody.readWeb(
      this.source.body,
      // `fetch` hands a compressed body over decompressed: the length is the encoded one.
      this.readLimits(SizeLimit.encodedLengthOf(encoding, declared)),
      () => this.controller.abort(),
      Number.isSafeInteger(length) && length > 0 && encoding === null ? length : undefined
    )
  }

  /** The whole body as text (under the limits when there are some); read once. */
  readText(): Promise<string> {
    const limits = this.limits
    return this.textRead ??=
      (limits === undefined ? this.source.text() : this.readLimited().then((bytes) => utf8.decode(bytes)))
        .catch((cause) => {
          throw cause instanceof HttpClientError.ResponseError ? cause : this.decodeError(cause)
        })
  }

  /** The first `max` bytes of the body as text, the rest dropped with the request; read once. */
  readSnippet(max: number): Promise<string> {
    const headers = this.source.headers
    const encoded = SizeLimit.encodedLengthOf(headers.get("content-encoding"), headers.get("content-length"))
    return this.snippetRead ??= this.textRead ??
      RawBody.readWeb(this.source.body, this.snippetLimits(max, encoded), () => this.controller.abort()).then(
        (bytes) => utf8.decode(bytes),
        (cause) => {
          throw cause instanceof HttpClientError.ResponseError ? cause : this.decodeError(cause)
        }
      )
  }

  /** One header, read from the web `Response` without building the whole `Headers`. */
  header(name: string): string | undefined {
    return this.cachedHeaders === undefined ? this.source.headers.get(name) ?? undefined : this.cachedHeaders[name]
  }

  get status(): number {
    return this.source.status
  }

  get headers(): Headers.Headers {
    return this.cachedHeaders ??= Headers.fromInput(this.source.headers as unknown as Headers.Input)
  }

  get cookies(): Cookies.Cookies {
    return this.cachedCookies ??= Cookies.fromSetCookie(this.source.headers.getSetCookie())
  }

  get remoteAddress(): Option.Option<string> {
    return Option.none()
  }

  /**
   * Reads the whole body once (a second read answers from the first); interrupting the
   * read aborts the request.
   */
  private read<A>(kind: "text" | "arrayBuffer" | "formData"): Effect.Effect<A, HttpClientError.ResponseError> {
    return Effect.async<A, HttpClientError.ResponseError>((resume) => {
      const limits = this.limits
      const body = (kind === "text" ?
        this.readText() :
        (this.otherReads ??= {})[kind] ??= limits === undefined
          ? this.source[kind]()
          : this.readLimited().then((bytes): unknown =>
            kind === "arrayBuffer"
              ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
              : new Response(bytes as Uint8Array<ArrayBuffer>, {
                headers: { "content-type": this.source.headers.get("content-type") ?? "" }
              }).formData()
          )) as Promise<A>
      body.then(
        (value) => resume(Effect.succeed(value)),
        (cause) => resume(Effect.fail(cause instanceof HttpClientError.ResponseError ? cause : this.decodeError(cause)))
      )
      return this.abort
    })
  }

  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    return this.read("text")
  }

  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    return this.read("arrayBuffer")
  }

  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    return this.read("formData")
  }

  protected bodyStream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    const body = this.source.body
    if (body === null) {
      return Stream.fail(
        new HttpClientError.ResponseError({
          request: this.request,
          response: this,
          reason: "EmptyBody",
          description: "can not create stream from empty body"
        })
      )
    }
    // Ending the stream early (or interrupting it) cancels the body and aborts the request;
    // a body read to its end needs neither (an abort costs an exception object).
    return Stream.suspend(() => {
      let finished = false
      return Stream.fromReadableStream({ evaluate: () => body, onError: (cause) => this.decodeError(cause) }).pipe(
        Stream.onDone(() => Effect.sync(() => (finished = true))),
        Stream.ensuring(Effect.suspend(() => finished ? Effect.void : this.abort))
      )
    })
  }
}

/** What `fetch` is called with for one request: the function, the URL, the options and the body. */
interface Prepared {
  readonly fetch: typeof globalThis.fetch
  readonly url: URL | string
  readonly init: RequestInit | undefined
  readonly body: BodyInit | null
}

/** Starts `fetch`; `controller` aborts it (the scope's controller for a scoped request). */
const start = (request: HttpClientRequest.HttpClientRequest, prepared: Prepared) => {
  const controller = scopedRequests.get(request) ?? new AbortController()
  const init = prepared.init
  let headers: Headers.Headers = init?.headers === undefined
    ? request.headers
    : Headers.merge(Headers.fromInput(init.headers as unknown as Headers.Input), request.headers)
  // fetch sets the length of what it sends itself.
  if (headers["content-length"] !== undefined) headers = Headers.remove(headers, "content-length")
  const options: RequestInit & { duplex?: "half" } = {
    ...init,
    method: request.method,
    headers,
    body: prepared.body,
    signal: controller.signal
  }
  if (request.body._tag === "Stream") options.duplex = "half"
  let response: Promise<Response>
  try {
    response = prepared.fetch(prepared.url, options)
  } catch (cause) {
    response = Promise.reject(cause)
  }
  return { controller, response }
}

const transportError = (request: HttpClientRequest.HttpClientRequest, cause: unknown) =>
  new HttpClientError.RequestError({ request, reason: "Transport", cause })

const send = (
  request: HttpClientRequest.HttpClientRequest,
  prepared: Prepared
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError> =>
  Effect.async((resume) => {
    const { controller, response } = start(request, prepared)
    response.then(
      (source) => resume(Effect.succeed(new FetchResponse(request, source, controller))),
      (cause) => resume(Effect.fail(transportError(request, cause)))
    )
    return Effect.sync(() => controller.abort())
  })

/**
 * What `fetch` is called with for `request` from a fiber whose services are `services`,
 * or why the request cannot be sent. A streamed body needs an effect to become a
 * `ReadableStream`: its body is left `null` here, for the caller to fill. `checked` says
 * the URL was already found sendable (see `Secrets.unsendable`).
 */
const prepare = (
  defaults: Context.Context<never>,
  services: Context.Context<never>,
  request: HttpClientRequest.HttpClientRequest,
  checked = false
): Prepared | HttpClientError.RequestError => {
  // A URL already found sendable, with nothing to add, goes as it is: `fetch` parses it once.
  const url = checked && request.urlParams.length === 0 && request.hash._tag === "None"
    ? Either.right(request.url)
    : UrlParams.makeUrl(request.url, request.urlParams, request.hash)
  if (url._tag === "Left") return new HttpClientError.RequestError({ request, reason: "InvalidUrl", cause: url.left })
  const fetch: typeof globalThis.fetch = services.unsafeMap.get(FetchHttpClient.Fetch.key) ??
    defaults.unsafeMap.get(FetchHttpClient.Fetch.key) ?? globalThis.fetch
  const init: RequestInit | undefined = services.unsafeMap.get(FetchHttpClient.RequestInit.key) ??
    defaults.unsafeMap.get(FetchHttpClient.RequestInit.key)
  const body = request.body
  switch (body._tag) {
    case "Raw":
      return { fetch, url: url.right, init, body: body.body as BodyInit }
    case "Uint8Array":
      return { fetch, url: url.right, init, body: body.body as Uint8Array<ArrayBuffer> }
    case "FormData":
      return { fetch, url: url.right, init, body: body.formData }
    case "Empty":
    case "Stream":
      return { fetch, url: url.right, init, body: null }
  }
}

/** `go` with `prepared`, its body the request's stream as a `ReadableStream` when it streams one. */
const withBody = <A, E, R>(
  request: HttpClientRequest.HttpClientRequest,
  prepared: Prepared,
  go: (prepared: Prepared) => Effect.Effect<A, E, R>
): Effect.Effect<A, E, R> => {
  const body = request.body
  if (body._tag !== "Stream") return go(prepared)
  return Effect.flatMap(Stream.toReadableStreamEffect(body.stream), (stream) => go({ ...prepared, body: stream }))
}

const execute = (defaults: Context.Context<never>) => (request: HttpClientRequest.HttpClientRequest) =>
  Effect.withFiberRuntime<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>((fiber) => {
    const services = fiber.getFiberRef(FiberRef.currentContext)
    const prepared = prepare(defaults, services, request)
    if (prepared instanceof HttpClientError.RequestError) return Effect.fail(prepared)
    return withBody(request, prepared, (prepared) => send(request, prepared))
  })

/**
 * Sends `request` as the lean client made with `defaults` would, from a fiber whose
 * services are `services`, and reads the body under `limits` (the whole body of a 2xx
 * answer, the start of any other: see `Lean.SendWhole`) before answering with `onWhole`
 * of the response and its text: one step where `execute` then `text` take several. A failure
 * of the transport or of the read goes on with `onError`. `checked` says the URL was
 * already found sendable. Interrupting it aborts the request.
 */
export const sendWhole = <A, E, R>(
  defaults: Context.Context<never>,
  services: Context.Context<never>,
  request: HttpClientRequest.HttpClientRequest,
  limits: BodyLimits,
  checked: boolean,
  onError: (error: HttpClientError.HttpClientError) => Effect.Effect<A, E, R>,
  onWhole: (response: FetchResponse, text: string) => Effect.Effect<A, E, R>
): Effect.Effect<A, E, R> => {
  const prepared = prepare(defaults, services, request, checked)
  if (prepared instanceof HttpClientError.RequestError) return onError(prepared)
  return withBody(request, prepared, (prepared) => whole(request, prepared, limits, onError, onWhole))
}

const whole = <A, E, R>(
  request: HttpClientRequest.HttpClientRequest,
  prepared: Prepared,
  limits: BodyLimits,
  onError: (error: HttpClientError.HttpClientError) => Effect.Effect<A, E, R>,
  onWhole: (response: FetchResponse, text: string) => Effect.Effect<A, E, R>
): Effect.Effect<A, E, R> =>
  Effect.async<A, E, R>((resume) => {
    const { controller, response } = start(request, prepared)
    response.then(
      (source) => {
        const fetched = new FetchResponse(request, source, controller, limits)
        fetched.readAnswer().then(
          (text) => resume(onWhole(fetched, text)),
          (cause) => resume(onError(cause))
        )
      },
      (cause) => resume(onError(transportError(request, cause)))
    )
    return Effect.sync(() => controller.abort())
  })

/**
 * The lean fetch client (see the `FetchTransport` module). `defaults` holds the
 * `FetchHttpClient.Fetch` / `RequestInit` services to use when the calling fiber has none.
 */
export const make = (defaults: Context.Context<never>): HttpClient.HttpClient => {
  const run = execute(defaults)
  const client = HttpClient.makeWith(
    (request: Effect.Effect<HttpClientRequest.HttpClientRequest>) => Effect.flatMap(request, run),
    Effect.succeed
  )
  register(client, {
    sendWhole: (services, request, limits, checked, onError, onWhole) =>
      sendWhole(defaults, services, request, limits, checked, onError, onWhole)
  })
  return client
}
