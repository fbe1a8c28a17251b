import type * as Cookies from "@effect/platform/Cookies"
import type * as Headers from "@effect/platform/Headers"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as UrlParams from "@effect/platform/UrlParams"
import * as SizeLimit from "@hotdata-effect/kernel/sizeLimit"
import * as Effect from "effect/Effect"
import * as Inspectable from "effect/Inspectable"
import type * as Option from "effect/Option"
import type * as Stream from "effect/Stream"
import { type BodyLimits, type LimitsOwnReads, OwnReads, readsWhole } from "./lean.js"
import * as RawBody from "./rawBody.js"

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
  /** The limits the body is read under, when the call path set them (see `withLimits`). */
  protected abstract readonly limits?: BodyLimits | undefined

  abstract withLimits(limits: BodyLimits): HttpClientResponse.HttpClientResponse
  abstract readText(): Promise<string>
  abstract readSnippet(max: number): Promise<string>
  abstract get status(): number
  abstract get headers(): Headers.Headers
  abstract get cookies(): Cookies.Cookies
  abstract get remoteAddress(): Option.Option<string>
  abstract get text(): Effect.Effect<string, HttpClientError.ResponseError>
  abstract get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError>
  abstract get formData(): Effect.Effect<FormData, HttpClientError.ResponseError>
  /** The body as a stream, without the idle limit. */
  protected abstract bodyStream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError>

  /** The failure of a body read: a bound it went past as the limits word it, anything else as a `Decode` error. */
  protected decodeError(cause: unknown): HttpClientError.ResponseError {
    if (cause instanceof SizeLimit.TooLarge && this.limits !== undefined) {
      return this.limits.onTooLarge(this, cause.excess)
    }
    return new HttpClientError.ResponseError({ request: this.request, response: this, reason: "Decode", cause })
  }

  /**
   * What a call reads of its answer (see `Lean.SendWhole`): the whole body of a 2xx, the
   * start of any other (`SizeLimit.ERROR_BODY_BYTES`).
   */
  readAnswer(): Promise<string> {
    return readsWhole(this.status) ? this.readText() : this.readSnippet(SizeLimit.ERROR_BODY_BYTES)
  }

  /**
   * The limits of a whole-body read, failing as `limits` word it (none without limits);
   * `encoded` is the encoded size of a compressed body whose decompression is not metered
   * otherwise.
   */
  protected readLimits(encoded: number | undefined): RawBody.ReadLimits {
    const limits = this.limits
    if (limits === undefined) return RawBody.unlimited
    return {
      millis: limits.millis,
      onIdle: () => limits.onIdle(this),
      size: limits.size,
      onTooLarge: (excess) => limits.onTooLarge(this, excess),
      encoded
    }
  }

  /** The same for reading the first `max` bytes of the body only (for an error status): it ends there. */
  protected snippetLimits(max: number, encoded: number | undefined): RawBody.ReadLimits {
    const limits = this.readLimits(encoded)
    return { ...limits, size: { ...limits.size, maxBytes: max }, truncate: true }
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
    return this.limits === undefined ? this.bodyStream() : this.limits.limitStream(this, this.bodyStream())
  }

  toJSON(): unknown {
    return HttpIncomingMessage.inspect(this, {
      _id: "@effect/platform/HttpClientResponse",
      request: this.request.toJSON(),
      status: this.status
    })
  }
}
