import * as Cookies from "@effect/platform/Cookies"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as UrlParams from "@effect/platform/UrlParams"
import type * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import { globalValue } from "effect/GlobalValue"
import * as Inspectable from "effect/Inspectable"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as RawBody from "./rawBody.js"

/**
 * The controllers `HttpClient.withScope` registers for the requests it sends: the scope
 * aborts them when it closes. The platform keeps them in this global map for its own
 * clients; reading it here gives a scoped request sent through this client the same end.
 */
const scopedRequests = globalValue(
  "@effect/platform/HttpClient/scopedRequests",
  () => new WeakMap<HttpClientRequest.HttpClientRequest, AbortController>()
)

/**
 * A limit on how long the body may stop moving: `onIdle` is the failure of a read that
 * waited `millis` for a chunk, `limitStream` puts the same limit on `stream`.
 */
export interface IdleLimit {
  readonly millis: number
  readonly onIdle: (response: HttpClientResponse.HttpClientResponse) => HttpClientError.ResponseError
  readonly limitStream: (
    response: HttpClientResponse.HttpClientResponse,
    stream: Stream.Stream<Uint8Array, HttpClientError.ResponseError>
  ) => Stream.Stream<Uint8Array, HttpClientError.ResponseError>
}

const utf8 = new TextDecoder()

/** A web `Response` as an `HttpClientResponse`, reading its body without a stream unless asked to. */
export class FetchResponse extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  private cachedHeaders: Headers.Headers | undefined
  private cachedCookies: Cookies.Cookies | undefined
  private readonly bodies: Partial<Record<"text" | "arrayBuffer" | "formData", Promise<unknown>>> = {}
  private readonly abort: Effect.Effect<void>
  private limited: Promise<Uint8Array> | undefined

  constructor(
    readonly request: HttpClientRequest.HttpClientRequest,
    private readonly source: Response,
    private readonly controller: AbortController,
    private readonly idle?: IdleLimit | undefined
  ) {
    super()
    this.abort = Effect.sync(() => controller.abort())
  }

  /** The same response, its body reads failing once the body has not moved for `limit.millis`. */
  withIdleLimit(limit: IdleLimit): FetchResponse {
    return new FetchResponse(this.request, this.source, this.controller, limit)
  }

  /** The whole body under the idle limit: the body's own reader and one timer. */
  private readLimited(idle: IdleLimit): Promise<Uint8Array> {
    return this.limited ??= RawBody.readWeb(
      this.source.body,
      { millis: idle.millis, onIdle: () => idle.onIdle(this) },
      () => this.controller.abort()
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

  private decodeError(cause: unknown): HttpClientError.ResponseError {
    return new HttpClientError.ResponseError({ request: this.request, response: this, reason: "Decode", cause })
  }

  /**
   * Reads the whole body once (a second read answers from the first); interrupting the
   * read aborts the request.
   */
  private read<A>(kind: "text" | "arrayBuffer" | "formData"): Effect.Effect<A, HttpClientError.ResponseError> {
    return Effect.async<A, HttpClientError.ResponseError>((resume) => {
      const idle = this.idle
      const body = (this.bodies[kind] ??= idle === undefined || kind === "formData"
        ? this.source[kind]()
        : this.readLimited(idle).then((bytes) =>
          kind === "text"
            ? utf8.decode(bytes)
            : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
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

  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) => {
      try {
        return Effect.succeed(text === "" ? null : JSON.parse(text) as unknown)
      } catch (cause) {
        return Effect.fail(this.decodeError(cause))
      }
    })
  }

  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    return this.read("arrayBuffer")
  }

  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    return this.read("formData")
  }

  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) => {
      try {
        return Effect.succeed(UrlParams.fromInput(new URLSearchParams(text)))
      } catch (cause) {
        return Effect.fail(this.decodeError(cause))
      }
    })
  }

  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    return this.idle === undefined ? this.bodyStream() : this.idle.limitStream(this, this.bodyStream())
  }

  private bodyStream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
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

  toJSON(): unknown {
    return HttpIncomingMessage.inspect(this, {
      _id: "@effect/platform/HttpClientResponse",
      request: this.request.toJSON(),
      status: this.status
    })
  }
}

const send = (
  request: HttpClientRequest.HttpClientRequest,
  url: URL,
  fetch: typeof globalThis.fetch,
  init: RequestInit | undefined,
  body: BodyInit | null
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError> =>
  Effect.async((resume) => {
    const scoped = scopedRequests.get(request)
    const controller = scoped ?? new AbortController()
    let headers: Headers.Headers = init?.headers === undefined
      ? request.headers
      : Headers.merge(Headers.fromInput(init.headers as unknown as Headers.Input), request.headers)
    // fetch sets the length of what it sends itself.
    if (headers["content-length"] !== undefined) headers = Headers.remove(headers, "content-length")
    const options: RequestInit & { duplex?: "half" } = {
      ...init,
      method: request.method,
      headers,
      body,
      signal: controller.signal
    }
    if (request.body._tag === "Stream") options.duplex = "half"
    let response: Promise<Response>
    try {
      response = fetch(url, options)
    } catch (cause) {
      response = Promise.reject(cause)
    }
    response.then(
      (source) => resume(Effect.succeed(new FetchResponse(request, source, controller))),
      (cause) => resume(Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause })))
    )
    return Effect.sync(() => controller.abort())
  })

const execute = (defaults: Context.Context<never>) => (request: HttpClientRequest.HttpClientRequest) =>
  Effect.withFiberRuntime<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>((fiber) => {
    const url = UrlParams.makeUrl(request.url, request.urlParams, request.hash)
    if (url._tag === "Left") {
      return Effect.fail(new HttpClientError.RequestError({ request, reason: "InvalidUrl", cause: url.left }))
    }
    const services = fiber.getFiberRef(FiberRef.currentContext).unsafeMap
    const fetch: typeof globalThis.fetch = services.get(FetchHttpClient.Fetch.key) ??
      defaults.unsafeMap.get(FetchHttpClient.Fetch.key) ?? globalThis.fetch
    const init: RequestInit | undefined = services.get(FetchHttpClient.RequestInit.key) ??
      defaults.unsafeMap.get(FetchHttpClient.RequestInit.key)
    const body = request.body
    switch (body._tag) {
      case "Raw":
        return send(request, url.right, fetch, init, body.body as BodyInit)
      case "Uint8Array":
        return send(request, url.right, fetch, init, body.body as Uint8Array<ArrayBuffer>)
      case "FormData":
        return send(request, url.right, fetch, init, body.formData)
      case "Stream":
        return Effect.flatMap(
          Stream.toReadableStreamEffect(body.stream),
          (stream) => send(request, url.right, fetch, init, stream)
        )
      case "Empty":
        return send(request, url.right, fetch, init, null)
    }
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
  untraced.add(client)
  return client
}

/** The clients made by {@link make}: they open no span of their own. */
const untraced = new WeakSet<HttpClient.HttpClient>()

/** Whether `client` is one of this module's, which opens no span (and so needs no switching off). */
export const opensNoSpan = (client: HttpClient.HttpClient): boolean => untraced.has(client)
