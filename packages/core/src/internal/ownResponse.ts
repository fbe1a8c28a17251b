import type * as Cookies from "@effect/platform/Cookies"
import type * as Headers from "@effect/platform/Headers"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Effect from "effect/Effect"
import * as Inspectable from "effect/Inspectable"
import type * as Option from "effect/Option"
import type * as Stream from "effect/Stream"
import { type IdleLimit, type LimitsOwnReads, OwnReads } from "./lean.js"

/**
 * What the responses of the SDK's two transports (`FetchResponse`, `NodeResponse`) have in
 * common: the reads derived from the text, the idle limit on `stream`, the error of a body
 * that does not decode, and how they print.
 */
export abstract class OwnResponse extends Inspectable.Class implements LimitsOwnReads {
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  readonly [OwnReads] = true as const
  abstract readonly request: HttpClientRequest.HttpClientRequest
  /** The limit on how long the body may stop moving, when there is one. */
  protected abstract readonly idle?: IdleLimit | undefined

  abstract withIdleLimit(limit: IdleLimit): HttpClientResponse.HttpClientResponse
  abstract get status(): number
  abstract get headers(): Headers.Headers
  abstract get cookies(): Cookies.Cookies
  abstract get remoteAddress(): Option.Option<string>
  abstract get text(): Effect.Effect<string, HttpClientError.ResponseError>
  abstract get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError>
  abstract get formData(): Effect.Effect<FormData, HttpClientError.ResponseError>
  /** The body as a stream, without the idle limit. */
  protected abstract bodyStream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError>

  protected decodeError(cause: unknown): HttpClientError.ResponseError {
    return new HttpClientError.ResponseError({ request: this.request, response: this, reason: "Decode", cause })
  }

  /** `text` turned into a value by `parse`; a parse that throws fails as a body that does not decode. */
  private parsed<A>(parse: (text: string) => A): Effect.Effect<A, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) => {
      try {
        return Effect.succeed(parse(text))
      } catch (cause) {
        return Effect.fail(this.decodeError(cause))
      }
    })
  }

  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return this.parsed((text) => text === "" ? null : JSON.parse(text) as unknown)
  }

  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return this.parsed((text) => UrlParams.fromInput(new URLSearchParams(text)))
  }

  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    return this.idle === undefined ? this.bodyStream() : this.idle.limitStream(this, this.bodyStream())
  }

  toJSON(): unknown {
    return HttpIncomingMessage.inspect(this, {
      _id: "@effect/platform/HttpClientResponse",
      request: this.request.toJSON(),
      status: this.status
    })
  }
}
