/**
 * Reading an answer: the text of a whole body, a non-2xx status as its typed error, and a
 * 2xx body decoded with the schema the contract gives for its status (with a compiled
 * plain decoder where the schema allows one). Every text of the server's that reaches an
 * error has the request's credentials redacted.
 */
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Redact from "@hotdata-effect/kernel/redact"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as HotdataError from "../../HotdataError.js"
import type * as Operation from "../../Operation.js"
import * as FastDecode from "../fastDecode.js"
import * as Idle from "../idle.js"
import * as Secrets from "../secrets.js"
import * as RawBody from "../transport/rawBody.js"
import { formatParseError } from "./request.js"
import { fromHttpClientError } from "./transportError.js"

/** The whole text of a body, a failed read as the call's error. */
export const readText = (operation: string, response: HttpClientResponse.HttpClientResponse) =>
  Effect.mapError(response.text, (error) => fromHttpClientError(operation, error))

/** The JSON value of `text`; none for anything else, an empty or blank text included. */
const parseJson = (text: string): Option.Option<unknown> => {
  try {
    return Option.some(JSON.parse(text))
  } catch {
    return Option.none()
  }
}

/** The trace id the server attached to a response, as it came (see {@link redactedTraceId}). */
export const traceIdOf = (response: HttpClientResponse.HttpClientResponse): string | undefined =>
  RawBody.headerOf(response, "x-trace-id")

/** The trace id of a response with the credentials of its request redacted: it is the server's text. */
const redactedTraceId = (response: HttpClientResponse.HttpClientResponse): string | undefined => {
  const traceId = traceIdOf(response)
  return traceId === undefined ? undefined : Redact.redact(traceId, Secrets.secretsOf(response.request))
}

/**
 * Reads a non-success response into its typed error: the start of its body only (see
 * `Idle.errorText`), every text of the answer with the request's credentials redacted.
 */
export const statusError = (
  operation: string,
  response: HttpClientResponse.HttpClientResponse
): Effect.Effect<never, HotdataError.HotdataError> =>
  Effect.gen(function*() {
    const { cut, text } = yield* Idle.errorText(response)
    const now = yield* Clock.currentTimeMillis
    const retryAfter = HotdataError.parseRetryAfter(response.headers["retry-after"], now)
    return yield* HotdataError.fromStatus({
      operation,
      status: response.status,
      body: cut ? text : Option.getOrElse(parseJson(text), () => text),
      traceId: traceIdOf(response),
      retryAfter: Option.getOrUndefined(retryAfter),
      secrets: Secrets.secretsOf(response.request),
      cut
    })
  })

/** The decoder of each response schema, made once. */
const decoders = new WeakMap<Schema.Schema<any, any>, (u: unknown) => Either.Either<unknown, ParseResult.ParseError>>()

/**
 * The decoder of `schema`: its compiled plain decoder (see `FastDecode`) where it has one,
 * with the schema's own decoder for what that one does not decode, which says what is wrong.
 */
export const decoderOf = (schema: Schema.Schema<any, any>) => {
  let decode = decoders.get(schema)
  if (decode === undefined) {
    const slow = Schema.decodeUnknownEither(schema)
    const fast = FastDecode.compile(schema.ast)
    decode = fast === undefined ? slow : (u) => {
      const value = fast(u)
      return value === FastDecode.MISMATCH ? slow(u) : Either.right(value)
    }
    decoders.set(schema, decode)
  }
  return decode
}

/** The longest message of a decode error: a parse error quotes the values it refused, which may be large. */
const MAX_MESSAGE = 2000

/** Decodes the body of a success response with the schema the contract gives for its status. */
export const decodeText = (
  operation: Operation.Operation,
  response: HttpClientResponse.HttpClientResponse,
  text: string
): Either.Either<unknown, HotdataError.DecodeError> => {
  const documented = operation.success.find((r) => r.status === response.status) ?? operation.success[0]
  const schema = documented?.schema
  if (schema === undefined) return Either.right(undefined)
  const decodeError = (message: string) => {
    // The body and the parse error quoting it are the server's text.
    const secrets = Secrets.secretsOf(response.request)
    const traceId = redactedTraceId(response)
    return new HotdataError.DecodeError({
      operation: operation.id,
      status: response.status,
      message: HotdataError.redactedSnippet(message, secrets, { max: MAX_MESSAGE }),
      snippet: HotdataError.redactedSnippet(text, secrets),
      ...(traceId !== undefined ? { traceId } : {})
    })
  }
  const json = parseJson(text)
  if (Option.isNone(json)) {
    return Either.left(decodeError(`${operation.id}: the response body is not JSON (HTTP ${response.status})`))
  }
  const decoded = decoderOf(schema)(json.value)
  return decoded._tag === "Right"
    ? decoded as Either.Either<unknown, never>
    : Either.left(decodeError(`${operation.id}: ${formatParseError(decoded.left)}`))
}
