import type * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import type * as SizeLimit from "@hotdata-effect/kernel/sizeLimit"
import type * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import { globalValue } from "effect/GlobalValue"
import type * as Stream from "effect/Stream"

/**
 * What the SDK's own transports (`FetchTransport`, `NodeTransport`) share with the call
 * path: responses that limit their own body reads, and a way to send a request and read
 * its whole answer in one step, which a client sending to such a transport directly uses
 * for its decoded calls.
 */

/**
 * The controllers `HttpClient.withScope` registers for the requests it sends: the scope
 * aborts them when it closes. The platform keeps them in this global map for its own
 * clients; reading it gives a scoped request sent through the SDK's transports the same end.
 */
export const scopedRequests = globalValue(
  "@effect/platform/HttpClient/scopedRequests",
  () => new WeakMap<HttpClientRequest.HttpClientRequest, AbortController>()
)

/**
 * The limits a response's body is read under: how long it may stop moving (`millis`,
 * infinite for none; `onIdle` is the failure of a read that waited that long), and the
 * size bounds (`size`; `onTooLarge` is the failure of a read past one, see `SizeLimit`).
 * `limitStream` puts the same limits on `stream` (the idle limit and the ratio bound: a
 * stream has no whole-body bound).
 */
export interface BodyLimits {
  readonly millis: number
  readonly onIdle: (response: HttpClientResponse.HttpClientResponse) => HttpClientError.ResponseError
  readonly size: SizeLimit.SizeLimits
  readonly onTooLarge: (
    response: HttpClientResponse.HttpClientResponse,
    excess: SizeLimit.Excess
  ) => HttpClientError.ResponseError
  readonly limitStream: (
    response: HttpClientResponse.HttpClientResponse,
    stream: Stream.Stream<Uint8Array, HttpClientError.ResponseError>
  ) => Stream.Stream<Uint8Array, HttpClientError.ResponseError>
}

/** Marks the responses of the SDK's transports. */
export const OwnReads: unique symbol = Symbol.for("@hotdata-effect/core/OwnReads")

/** Reads the chunks of a body one at a time, as a web stream's reader does. */
export interface ChunkReader {
  read(): Promise<ReadableStreamReadResult<Uint8Array>>
  cancel(): Promise<void>
}

/** A response of one of the SDK's transports: it limits its own body reads, with one timer per read. */
export interface LimitsOwnReads extends HttpClientResponse.HttpClientResponse {
  readonly [OwnReads]: true
  /** The same response, its body reads under `limits` (see {@link BodyLimits}). */
  withLimits(limits: BodyLimits): HttpClientResponse.HttpClientResponse
  /**
   * The start of the body, at most `max` bytes of it, as text (the rest is dropped with
   * the request), for the message of an error status; read once.
   */
  readSnippet(max: number): Promise<string>
  /**
   * A reader of the body's chunks with the way to end the request, for a consumer that
   * pulls the body itself (`Results.bodyReader`); `undefined` when the body is read by
   * other means already.
   */
  chunkReader?(): { readonly reader: ChunkReader; readonly abort: () => void } | undefined
}

export const limitsOwnReads = (response: HttpClientResponse.HttpClientResponse): response is LimitsOwnReads =>
  (response as Partial<LimitsOwnReads>)[OwnReads] === true

/**
 * Sends `request` from a fiber whose services are `services` and reads the body under
 * `limits` before going on with `onWhole` of the response and its text: the whole body
 * of a 2xx answer (the response's own `text` answers with the same), the start of any
 * other (its `readSnippet` of `SizeLimit.ERROR_BODY_BYTES`). A failure of the transport or of
 * the read goes on with `onError`. `checked` says the URL was already found sendable.
 * Interrupting it ends the request.
 */
export type SendWhole = <A, E, R>(
  services: Context.Context<never>,
  request: HttpClientRequest.HttpClientRequest,
  limits: BodyLimits,
  checked: boolean,
  onError: (error: HttpClientError.HttpClientError) => Effect.Effect<A, E, R>,
  onWhole: (response: HttpClientResponse.HttpClientResponse, text: string) => Effect.Effect<A, E, R>
) => Effect.Effect<A, E, R>

/** Whether an answer of this status is read whole by `SendWhole`, rather than its start only. */
export const readsWhole = (status: number): boolean => status >= 200 && status < 300

/** What a client of the SDK's transports offers the call path. */
export interface Lean {
  readonly sendWhole: SendWhole
}

const clients = new WeakMap<HttpClient.HttpClient, Lean>()

/** Records `client` as one of the SDK's transports. */
export const register = (client: HttpClient.HttpClient, lean: Lean): void => {
  clients.set(client, lean)
}

/** What `client` offers when it is one of the SDK's transports (which open no span of their own). */
export const leanOf = (client: HttpClient.HttpClient): Lean | undefined => clients.get(client)
