import type * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
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
  /** The same response, its body reads failing once the body has not moved for `limit.millis`. */
  withIdleLimit(limit: IdleLimit): HttpClientResponse.HttpClientResponse
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
 * Sends `request` from a fiber whose services are `services` and reads the whole body
 * (under `idle` when given) before going on with `onWhole` of the response and its text
 * (the response's own `text` answers with the same). A failure of the transport or of
 * the read goes on with `onError`. `checked` says the URL was already found sendable.
 * Interrupting it ends the request.
 */
export type SendWhole = <A, E, R>(
  services: Context.Context<never>,
  request: HttpClientRequest.HttpClientRequest,
  idle: IdleLimit | undefined,
  checked: boolean,
  onError: (error: HttpClientError.HttpClientError) => Effect.Effect<A, E, R>,
  onWhole: (response: HttpClientResponse.HttpClientResponse, text: string) => Effect.Effect<A, E, R>
) => Effect.Effect<A, E, R>

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
