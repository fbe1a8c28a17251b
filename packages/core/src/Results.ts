/**
 * Reading `GET /v1/results/{id}`: the one place that knows how the server says whether
 * a result is ready (200), still being computed (202 with `Retry-After`, or a status
 * body) or failed (409, or a `failed` status), and what its headers say (total row
 * count, the link to the next window). `Query`, `Polling` and the Arrow package build
 * on it.
 *
 * @since 0.1.0
 */
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Protocol from "@hotdata-effect/kernel/results"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as Operations from "./generated/Operations.js"
import * as Schemas from "./generated/Schemas.js"
import { HotdataClient } from "./HotdataClient.js"
import * as HotdataError from "./HotdataError.js"
import * as internal from "./internal/call/index.js"
import * as Secrets from "./internal/secrets.js"
import * as bodyReaderInternal from "./internal/transport/bodyReader.js"

/**
 * The result (or the query run behind it) is still being computed: the server answered
 * 202, or a status body saying so. `retryAfter` is how long the server suggested waiting.
 *
 * @since 0.1.0
 * @category errors
 */
export class NotReady extends Schema.TaggedError<NotReady>("@hotdata-effect/core/Results/NotReady")("NotReady", {
  /** The result that is not ready, when there is one yet. */
  resultId: Schema.optional(Schema.String),
  /** The query run still computing it, when the wait was on the run. */
  queryRunId: Schema.optional(Schema.String),
  /** What the server said (`pending`, `processing`, `running`, ...). */
  status: Schema.String,
  retryAfter: Schema.optional(Schema.Duration),
  message: Schema.String
}) {}

/**
 * The result failed on the server (409, or a `failed` status). `message` is the
 * server's own error message.
 *
 * @since 0.1.0
 * @category errors
 */
export class ResultFailed extends Schema.TaggedError<ResultFailed>("@hotdata-effect/core/Results/ResultFailed")(
  "ResultFailed",
  {
    resultId: Schema.String,
    message: Schema.String,
    traceId: Schema.optional(Schema.String)
  }
) {}

/**
 * The formats a result can be read in, with the media type asked for.
 *
 * @since 0.1.0
 * @category constants
 */
export const mediaTypes = {
  json: "application/json",
  arrow: "application/vnd.apache.arrow.stream",
  csv: "text/csv",
  parquet: "application/vnd.apache.parquet"
} as const

/**
 * @since 0.1.0
 * @category models
 */
export type Format = keyof typeof mediaTypes

/**
 * The link to the next window of a result, when `limit` stopped before its end: the URL
 * the server gave (`Link: <...>; rel="next"`), with its `offset` and `limit`.
 *
 * @since 0.1.0
 * @category models
 */
export type NextPage = Protocol.NextPage

/**
 * What the headers of a ready answer say about the result.
 *
 * @since 0.1.0
 * @category models
 */
export interface Info {
  readonly resultId: string
  /** The number of rows of the whole result (`X-Total-Row-Count`), ignoring offset and limit. */
  readonly totalRowCount: number | undefined
  readonly nextPage: NextPage | undefined
  readonly contentType: string | undefined
}

/**
 * A ready answer. `body` is the decoded JSON body when the server answered JSON (always
 * for the `json` format; for a binary format it means the server sent JSON instead of
 * the data); otherwise the body is unread in `response`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Ready {
  readonly response: HttpClientResponse.HttpClientResponse
  readonly info: Info
  readonly body: Schemas.GetResultResponse | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface RequestOptions {
  readonly databaseId: string
  readonly format: Format
  readonly offset?: number | undefined
  readonly limit?: number | undefined
}

/**
 * Reads the `rel="next"` target of a `Link` header, resolved against `base`.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseNextLink: (value: string | undefined, base: string) => NextPage | undefined = Protocol.parseNextLink

/**
 * Whether a content type is JSON (`application/json`, `application/problem+json`).
 *
 * @since 0.1.0
 * @category parsing
 */
export const isJson: (contentType: string | undefined) => boolean = Protocol.isJson

/**
 * The JSON value of a body, `undefined` for a body that is not JSON. A read that stops
 * fails as the call path says (a body past `maxResponseBytes` is `ResponseTooLarge`, one
 * that stalls a `TimeoutError`).
 */
const readJson = (
  response: HttpClientResponse.HttpClientResponse
): Effect.Effect<unknown, HotdataError.HotdataError> =>
  Effect.matchEffect(response.text, {
    onFailure: (error) => Effect.fail(internal.fromHttpClientError(Operations.GetResult.id, error)),
    onSuccess: (text) => {
      try {
        return Effect.succeed(JSON.parse(text) as unknown)
      } catch {
        return Effect.succeed(undefined)
      }
    }
  })

/** A text of the server's answer, with the credentials of the request redacted. */
const serverText = (response: HttpClientResponse.HttpClientResponse, text: string): string =>
  HotdataError.redact(text, Secrets.secretsOf(response.request))

const notReady = (
  resultId: string,
  response: HttpClientResponse.HttpClientResponse,
  state: { readonly status: string }
) =>
  Effect.flatMap(Clock.currentTimeMillis, (now) => {
    const retryAfter = HotdataError.parseRetryAfter(response.headers["retry-after"], now)
    const status = serverText(response, state.status)
    return new NotReady({
      resultId,
      status,
      message: `result ${resultId} is not ready yet (${status})`,
      ...(Option.isSome(retryAfter) ? { retryAfter: retryAfter.value } : {})
    })
  })

/**
 * Sends `GET /v1/results/{id}` in one format and returns the ready answer. A 202, or a
 * status body saying `pending`, `processing`, `running` or `queued`, fails with
 * {@link NotReady} (carrying `Retry-After`); a 409, or any other status than `ready`,
 * with {@link ResultFailed}. A binary body is left unread in the response, which lives
 * in the current scope.
 *
 * @since 0.1.0
 * @category reading
 */
export const request = (
  resultId: string,
  options: RequestOptions
): Effect.Effect<Ready, HotdataError.HotdataError | NotReady | ResultFailed, HotdataClient | Scope.Scope> =>
  Effect.gen(function*() {
    const client = yield* HotdataClient
    const response = yield* client.response(
      Operations.GetResult,
      {
        path: [resultId],
        options: {
          database_id: options.databaseId,
          format: options.format,
          ...(options.offset !== undefined ? { offset: options.offset } : {}),
          ...(options.limit !== undefined ? { limit: options.limit } : {})
        }
      },
      HttpClientRequest.setHeader("accept", mediaTypes[options.format])
    ).pipe(
      Effect.catchTag("Conflict", (error) =>
        new ResultFailed({
          resultId,
          message: error.message,
          ...(error.traceId !== undefined ? { traceId: error.traceId } : {})
        }))
    )
    const contentType = response.headers["content-type"]
    const info: Info = {
      resultId,
      totalRowCount: Protocol.parseCount(response.headers["x-total-row-count"]),
      nextPage: Protocol.parseNextLink(response.headers["link"], response.request.url),
      contentType
    }
    if (response.status === Protocol.PENDING_STATUS) {
      // The body of a 202 only words its status: one that cannot be read says `pending`.
      const body = yield* Effect.orElseSucceed(readJson(response), () => undefined)
      return yield* notReady(resultId, response, Protocol.pendingOf(body))
    }
    if (options.format !== "json" && !Protocol.isJson(contentType)) return { response, info, body: undefined }
    // A JSON body: the rows of the json format, or a status instead of data (older
    // servers answer 200 for every state).
    const json = yield* readJson(response)
    const state = Protocol.stateOf(response.status, json)
    if (state._tag === "Pending") return yield* notReady(resultId, response, state)
    if (state._tag === "Failed") {
      const message = serverText(response, state.errorMessage ?? `result ${resultId} is ${state.status}`)
      return yield* new ResultFailed({ resultId, message })
    }
    const decoded = Schema.decodeUnknownEither(Schemas.GetResultResponse)(json)
    if (decoded._tag === "Left") {
      if (options.format !== "json") return { response, info, body: undefined }
      return yield* new HotdataError.DecodeError({
        operation: Operations.GetResult.id,
        status: response.status,
        message: HotdataError.redactedSnippet(
          `get_result: unexpected body: ${ParseResult.TreeFormatter.formatErrorSync(decoded.left)}`,
          Secrets.secretsOf(response.request),
          { max: 2000 }
        )
      })
    }
    return { response, info, body: decoded.right }
  })

/**
 * Reads one window of a result as JSON rows (`limit: 0` asks for its status only).
 *
 * @since 0.1.0
 * @category reading
 */
export const json = (
  resultId: string,
  options: Omit<RequestOptions, "format">
): Effect.Effect<
  { readonly body: Schemas.GetResultResponse; readonly info: Info },
  HotdataError.HotdataError | NotReady | ResultFailed,
  HotdataClient
> =>
  Effect.scoped(
    Effect.map(request(resultId, { ...options, format: "json" }), (ready) => ({ body: ready.body!, info: ready.info }))
  )

/**
 * Reads the body of a ready answer chunk by chunk, under the client's idle timeout, for
 * a consumer that pulls (a file writer, a decoder).
 *
 * `read(take)` hands the chunks to `take` as they arrive (synchronously, in order) until
 * `take` answers `false` or the body ends, and succeeds with whether the body has more
 * (`true` when `take` stopped, `false` at the end); `take` must not keep a chunk past the
 * call unless it copies it or owns it from then on. A read fails with a `ResponseError`
 * when the body breaks off, or when the body stops moving for the idle timeout while a
 * read waits (its `cause` is then the `TimeoutError`); time spent between reads does not
 * count. The reader lives in the current scope: closing it before the body has ended
 * aborts the request.
 *
 * A fetch transport's body is read from its web reader, one read ahead, with one timer
 * for the whole body and no effect per chunk; other transports (or a fiber under a test
 * clock) read through `response.stream`.
 *
 * @since 0.1.0
 * @category reading
 */
export interface BodyReader {
  readonly read: (take: (chunk: Uint8Array) => boolean) => Effect.Effect<boolean, HttpClientError.ResponseError>
}

/**
 * A {@link BodyReader} over the body of `response`, a response of {@link request}.
 *
 * @since 0.1.0
 * @category reading
 */
export const bodyReader = (
  response: HttpClientResponse.HttpClientResponse
): Effect.Effect<BodyReader, never, Scope.Scope> => bodyReaderInternal.make(response)
