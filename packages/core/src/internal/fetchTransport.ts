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

/**
 * The controllers `HttpClient.withScope` registers for the requests it sends: the scope
 * aborts them when it closes. The platform keeps them in this global map for its own
 * clients; reading it here gives a scoped request sent through this client the same end.
 */
const scopedRequests = globalValue(
  "@effect/platform/HttpClient/scopedRequests",
  () => new WeakMap<HttpClientRequest.HttpClientRequest, AbortController>()
)

/** A web `Response` as an `HttpClientResponse`, reading its body without a stream unless asked to. */
export class FetchResponse extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  private cachedHeaders: Headers.Headers | undefined
  private cachedCookies: Cookies.Cookies | undefined
  private readonly bodies: Partial<Record<"text" | "arrayBuffer" | "formData", Promise<unknown>>> = {}
  private readonly abort: Effect.Effect<void>

  constructor(
    readonly request: HttpClientRequest.HttpClientRequest,
    private readonly source: Response,
    controller: AbortController
  ) {
    super()
    this.abort = Effect.sync(() => controller.abort())
  }

  get status(): number {
    return this.source.status
  }

  get headers(): Headers.Headers {
    return this.cachedHeaders ??= Headers.fromInput(this.source.headers)
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
      const body = (this.bodies[kind] ??= this.source[kind]()) as Promise<A>
      body.then(
        (value) => resume(Effect.succeed(value)),
        (cause) => resume(Effect.fail(this.decodeError(cause)))
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
    // Ending the stream early (or interrupting it) cancels the body and aborts the request.
    return Stream.ensuring(
      Stream.fromReadableStream({ evaluate: () => body, onError: (cause) => this.decodeError(cause) }),
      this.abort
    )
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
      : Headers.merge(Headers.fromInput(init.headers), request.headers)
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
  return HttpClient.makeWith(
    (request: Effect.Effect<HttpClientRequest.HttpClientRequest>) => Effect.flatMap(request, run),
    Effect.succeed
  )
}
