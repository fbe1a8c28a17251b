/**
 * The errors of the Hotdata client: one tagged class per HTTP status family the API
 * documents, plus transport, timeout, decode, invalid-request and too-large errors.
 *
 * Every error names the operation that failed and, when the server answered, the HTTP
 * status, the server's error code and message, and the trace id (`X-Trace-Id`) to quote
 * to support. None of them ever holds the API key: every text an error takes from an
 * answer or a transport has the request's credentials redacted (see {@link redact}).
 *
 * @since 0.1.0
 */
import * as Redact from "@hotdata-effect/kernel/redact"
import * as Retry from "@hotdata-effect/kernel/retry"
import * as TransportFailure from "@hotdata-effect/kernel/transportFailure"
import * as Duration from "effect/Duration"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"

/**
 * @since 0.1.0
 * @category type ids
 */
export const TypeId: unique symbol = Symbol.for("@hotdata-effect/core/HotdataError")

/**
 * @since 0.1.0
 * @category type ids
 */
export type TypeId = typeof TypeId

/**
 * @since 0.1.0
 * @category guards
 */
export const isHotdataError = (u: unknown): u is HotdataError => Predicate.hasProperty(u, TypeId)

const responseFields = {
  /** The operation id from the contract, e.g. `list_databases`. */
  operation: Schema.String,
  /** The HTTP status the server answered with. */
  status: Schema.Number,
  /** The server's machine-readable error code, when it sent one. */
  code: Schema.optional(Schema.String),
  /** The server's message, or a description of the failure when it sent none. */
  message: Schema.String,
  /** The `X-Trace-Id` of the response, to correlate with server-side logs. */
  traceId: Schema.optional(Schema.String)
}

/** The fields of every error of a call that has no HTTP status of its own: the operation, and what went wrong. */
const callFields = {
  operation: Schema.String,
  message: Schema.String
}

/** What is known of the answer an error came from, when the server sent one. */
const answerFields = {
  status: Schema.optional(Schema.Number),
  traceId: Schema.optional(Schema.String)
}

/**
 * The `retryAfter` field of an error whose answer may ask the client to wait.
 *
 * @since 0.1.0
 * @category fields
 */
export const retryAfterField = {
  /** How long the server asked the client to wait (`Retry-After`). */
  retryAfter: Schema.optional(Schema.Duration)
}

/**
 * 400: the request was malformed or invalid (bad SQL, bad parameters, wrong state).
 *
 * @since 0.1.0
 * @category errors
 */
export class BadRequest extends Schema.TaggedError<BadRequest>("@hotdata-effect/core/HotdataError/BadRequest")(
  "BadRequest",
  responseFields
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * 401: the API key is missing, invalid or expired.
 *
 * @since 0.1.0
 * @category errors
 */
export class Unauthorized extends Schema.TaggedError<Unauthorized>("@hotdata-effect/core/HotdataError/Unauthorized")(
  "Unauthorized",
  responseFields
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * 403: the credential is valid but not allowed to do this (wrong workspace, a
 * database-scoped key, an expired or badly signed presigned URL).
 *
 * @since 0.1.0
 * @category errors
 */
export class Forbidden extends Schema.TaggedError<Forbidden>("@hotdata-effect/core/HotdataError/Forbidden")(
  "Forbidden",
  responseFields
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * 404: the resource (or the workspace) does not exist.
 *
 * @since 0.1.0
 * @category errors
 */
export class NotFound extends Schema.TaggedError<NotFound>("@hotdata-effect/core/HotdataError/NotFound")(
  "NotFound",
  responseFields
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * 409: the request conflicts with the resource's state (an idempotency key already used
 * for other data, an upload already loaded, a failed result). One kind is not final: code
 * {@link idempotencyKeyInProgress} says the write first sent with the same idempotency key
 * is still running, and the default policy retries it with the same key.
 *
 * @since 0.1.0
 * @category errors
 */
export class Conflict extends Schema.TaggedError<Conflict>("@hotdata-effect/core/HotdataError/Conflict")(
  "Conflict",
  { ...responseFields, ...retryAfterField }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * The error code of a 409 answering a keyed write (a load, a bulk creation) while the
 * write first sent with the same idempotency key is still running. The key is not spent:
 * resend the same request with the same key later and it answers with the original's
 * result (the SDK's retry policy does this). Other data under a used key is a plain
 * {@link Conflict} with another code, and final.
 *
 * @since 0.1.0
 * @category constants
 */
export const idempotencyKeyInProgress = Retry.IDEMPOTENCY_KEY_IN_PROGRESS

/**
 * Whether `error` is the 409 of a keyed write whose original, sent with the same key, is
 * still running (code {@link idempotencyKeyInProgress}).
 *
 * @since 0.1.0
 * @category refinements
 */
export const isKeyInProgress = (error: HotdataError): error is Conflict =>
  error._tag === "Conflict" && error.code === idempotencyKeyInProgress

/**
 * 413: the request body is too large (inline load data above its limit).
 *
 * @since 0.1.0
 * @category errors
 */
export class PayloadTooLarge extends Schema.TaggedError<PayloadTooLarge>(
  "@hotdata-effect/core/HotdataError/PayloadTooLarge"
)("PayloadTooLarge", responseFields) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * 422: the request was well formed but could not be processed.
 *
 * @since 0.1.0
 * @category errors
 */
export class UnprocessableEntity extends Schema.TaggedError<UnprocessableEntity>(
  "@hotdata-effect/core/HotdataError/UnprocessableEntity"
)("UnprocessableEntity", responseFields) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * 429: the service is too busy right now. Retried by the default policy, honouring
 * `retryAfter`.
 *
 * @since 0.1.0
 * @category errors
 */
export class RateLimited extends Schema.TaggedError<RateLimited>("@hotdata-effect/core/HotdataError/RateLimited")(
  "RateLimited",
  { ...responseFields, ...retryAfterField }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * 5xx other than 501: the service failed. 502, 503 and 504 are retried by the default
 * policy when replaying the call is safe.
 *
 * @since 0.1.0
 * @category errors
 */
export class ServerError extends Schema.TaggedError<ServerError>("@hotdata-effect/core/HotdataError/ServerError")(
  "ServerError",
  { ...responseFields, ...retryAfterField }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * 501: this deployment does not offer the operation (for example presigned uploads,
 * `PRESIGN_UNSUPPORTED`).
 *
 * @since 0.1.0
 * @category errors
 */
export class NotImplemented extends Schema.TaggedError<NotImplemented>(
  "@hotdata-effect/core/HotdataError/NotImplemented"
)("NotImplemented", responseFields) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * Any other non-success status (a redirect, 405, 408, ...).
 *
 * @since 0.1.0
 * @category errors
 */
export class UnexpectedStatus extends Schema.TaggedError<UnexpectedStatus>(
  "@hotdata-effect/core/HotdataError/UnexpectedStatus"
)("UnexpectedStatus", responseFields) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * The request failed while talking to the server. `phase` says how far it got:
 *
 * - `connect`: the connection could not be made or was dropped before any response
 *   (refused, DNS failure, reset of a stale pooled connection). The server did not
 *   act on the request, so replaying it is safe for every method.
 * - `request`: some other failure before a response arrived; the server may have acted.
 * - `response`: the response started but its body could not be read to the end.
 * - `tls`: the server's certificate was refused (untrusted issuer, self-signed, expired,
 *   issued for another name). Nothing was sent and no retry can cure it: trust the
 *   certificate's authority (an `https.Agent` with `ca`, `NODE_EXTRA_CA_CERTS`) or fix the URL.
 *
 * @since 0.1.0
 * @category errors
 */
export class TransportError extends Schema.TaggedError<TransportError>(
  "@hotdata-effect/core/HotdataError/TransportError"
)("TransportError", {
  ...callFields,
  phase: Schema.Literal("connect", "request", "response", "tls")
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * One attempt of the call took longer than its timeout and was aborted.
 *
 * @since 0.1.0
 * @category errors
 */
export class TimeoutError extends Schema.TaggedError<TimeoutError>("@hotdata-effect/core/HotdataError/TimeoutError")(
  "TimeoutError",
  { ...callFields, timeout: Schema.Duration }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * The server answered with a success status but a body that does not match the
 * contract. `snippet` shows the start of the body.
 *
 * @since 0.1.0
 * @category errors
 */
export class DecodeError extends Schema.TaggedError<DecodeError>("@hotdata-effect/core/HotdataError/DecodeError")(
  "DecodeError",
  { ...callFields, ...answerFields, snippet: Schema.optional(Schema.String) }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * A response body went past a bound the client reads under, and the read was stopped
 * there (the request ended, memory spent only up to the bound). `setting` names the
 * client setting that sets the bound and `limit` its value:
 *
 * - `maxResponseBytes`: a body read whole (a decoded answer, `text`, `json`) held more
 *   decoded bytes than this (128 MiB by default).
 * - `maxCompressionRatio`: a compressed body expanded to more than this many times its
 *   encoded size (200 by default; checked past the first 16 MiB), streamed bodies included:
 *   a decompression bomb, or data more regular than the bound allows.
 *
 * The same answer would come again, so it is never retried: raise the setting if the
 * answer is expected.
 *
 * @since 0.1.0
 * @category errors
 */
export class ResponseTooLarge extends Schema.TaggedError<ResponseTooLarge>(
  "@hotdata-effect/core/HotdataError/ResponseTooLarge"
)("ResponseTooLarge", {
  ...callFields,
  setting: Schema.Literal("maxResponseBytes", "maxCompressionRatio"),
  limit: Schema.Number,
  ...answerFields
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * The call was refused before anything was sent: a parameter or body does not match
 * the contract. `message` names what was wrong.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidRequest extends Schema.TaggedError<InvalidRequest>(
  "@hotdata-effect/core/HotdataError/InvalidRequest"
)("InvalidRequest", callFields) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * The client could not be built: a setting is unusable (`setting` says which). The
 * message names the problem and never quotes the value, which may be a secret. Not part
 * of {@link HotdataError}: no call fails with it, only `HotdataClient.make` and `layer`.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidConfig extends Schema.TaggedError<InvalidConfig>("@hotdata-effect/core/HotdataError/InvalidConfig")(
  "InvalidConfig",
  {
    setting: Schema.Literal("apiKey", "baseUrl", "logLevel", "agents", "maxResponseBytes", "maxCompressionRatio"),
    message: Schema.String
  }
) {}

/**
 * Errors carrying an HTTP status from the server.
 *
 * @since 0.1.0
 * @category models
 */
export type StatusError =
  | BadRequest
  | Unauthorized
  | Forbidden
  | NotFound
  | Conflict
  | PayloadTooLarge
  | UnprocessableEntity
  | RateLimited
  | ServerError
  | NotImplemented
  | UnexpectedStatus

/**
 * Every error an operation of the client can fail with.
 *
 * @since 0.1.0
 * @category models
 */
export type HotdataError =
  | StatusError
  | TransportError
  | TimeoutError
  | DecodeError
  | InvalidRequest
  | ResponseTooLarge

/**
 * The schema of every error, for sending them across process boundaries.
 *
 * @since 0.1.0
 * @category schemas
 */
export const HotdataError: Schema.Union<
  [
    typeof BadRequest,
    typeof Unauthorized,
    typeof Forbidden,
    typeof NotFound,
    typeof Conflict,
    typeof PayloadTooLarge,
    typeof UnprocessableEntity,
    typeof RateLimited,
    typeof ServerError,
    typeof NotImplemented,
    typeof UnexpectedStatus,
    typeof TransportError,
    typeof TimeoutError,
    typeof DecodeError,
    typeof InvalidRequest,
    typeof ResponseTooLarge
  ]
> = Schema.Union(
  BadRequest,
  Unauthorized,
  Forbidden,
  NotFound,
  Conflict,
  PayloadTooLarge,
  UnprocessableEntity,
  RateLimited,
  ServerError,
  NotImplemented,
  UnexpectedStatus,
  TransportError,
  TimeoutError,
  DecodeError,
  InvalidRequest,
  ResponseTooLarge
)

/**
 * The code and message of an error body, whichever of the API's shapes it has:
 * `{"error":{"code","message"}}`, `{"error":{"message"}}`, `{"error":"code"}`, or a
 * result's `{"status","error_message"}`.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseErrorBody = (body: unknown): { readonly code?: string; readonly message?: string } => {
  if (!Predicate.isRecord(body)) return {}
  const error = body.error
  if (Predicate.isString(error)) return { code: error }
  if (Predicate.isRecord(error)) {
    return {
      ...(Predicate.isString(error.code) ? { code: error.code } : {}),
      ...(Predicate.isString(error.message) ? { message: error.message } : {})
    }
  }
  if (Predicate.isString(body.error_message)) {
    return {
      ...(Predicate.isString(body.status) ? { code: body.status } : {}),
      message: body.error_message
    }
  }
  if (Predicate.isString(body.message)) return { message: body.message }
  return {}
}

/**
 * Whether a transport's error (or one of its causes) says the TLS handshake refused the
 * server's certificate: untrusted, self-signed, expired, or issued for another name.
 * Nothing was sent, and another attempt would be refused the same way. Told by the error
 * codes of Node and Bun and by the wording of rustls-based `fetch` (Deno); a browser's
 * `fetch` does not say why it failed.
 *
 * @since 0.1.0
 * @category refinements
 */
export const isCertificateRefusal: (cause: unknown) => boolean = TransportFailure.isCertificateRefusal

/**
 * Reads a `Retry-After` value: delay seconds (fractions accepted) or an HTTP date.
 * Negative, non-finite and unparseable values are ignored.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseRetryAfter = (value: string | undefined, nowMillis: number): Option.Option<Duration.Duration> => {
  if (value === undefined) return Option.none()
  const trimmed = value.trim()
  if (trimmed === "") return Option.none()
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const seconds = Number(trimmed)
    return Number.isFinite(seconds) ? Option.some(Duration.millis(Math.round(seconds * 1000))) : Option.none()
  }
  // Anything else must look like an HTTP date ("Wed, 21 Oct 2026 07:28:00 GMT").
  if (!/^[A-Za-z]{3},/.test(trimmed)) return Option.none()
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return Option.none()
  return Option.some(Duration.millis(Math.max(0, date - nowMillis)))
}

/**
 * Builds the error for a non-success response. Every text taken from the answer (the
 * server's message and code, a body quoted as the message, the trace id) has `secrets`
 * redacted out of it (see {@link redact}); `cut` says the body was read only in part.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromStatus = (options: {
  readonly operation: string
  readonly status: number
  readonly body: unknown
  readonly traceId?: string | undefined
  readonly retryAfter?: Duration.Duration | undefined
  readonly secrets?: ReadonlyArray<string> | undefined
  readonly cut?: boolean | undefined
}): StatusError => {
  const clean = Redact.redactor(options.secrets ?? [])
  const parsed = parseErrorBody(options.body)
  const code = parsed.code === undefined ? undefined : clean(parsed.code)
  const message = parsed.message === undefined ? undefined : clean(parsed.message)
  const text = Predicate.isString(options.body) && options.body.trim() !== ""
    ? redactedSnippet(options.body, options.secrets ?? [], { cut: options.cut })
    : undefined
  const traceId = options.traceId === undefined ? undefined : clean(options.traceId)
  const fields = {
    operation: options.operation,
    status: options.status,
    message: message ?? text ?? `${options.operation} failed with HTTP ${options.status}${code ? ` (${code})` : ""}`,
    ...(code !== undefined ? { code } : {}),
    ...(traceId !== undefined ? { traceId } : {})
  }
  const retry = options.retryAfter !== undefined ? { retryAfter: options.retryAfter } : {}
  switch (options.status) {
    case 400:
      return new BadRequest(fields)
    case 401:
      return new Unauthorized(fields)
    case 403:
      return new Forbidden(fields)
    case 404:
      return new NotFound(fields)
    case 409:
      return new Conflict({ ...fields, ...retry })
    case 413:
      return new PayloadTooLarge(fields)
    case 422:
      return new UnprocessableEntity(fields)
    case 429:
      return new RateLimited({ ...fields, ...retry })
    case 501:
      return new NotImplemented(fields)
    default:
      return options.status >= 500 && options.status < 600
        ? new ServerError({ ...fields, ...retry })
        : new UnexpectedStatus(fields)
  }
}

/**
 * The first 200 characters of a body, for error messages.
 *
 * @since 0.1.0
 * @category parsing
 */
export const snippet = (text: string, max = 200): string => (text.length > max ? `${text.slice(0, max)}…` : text)

/**
 * `text` with credentials redacted: every one of `secrets` (an API key, a token, a
 * presigned URL's signature) as it was sent and as JSON, HTML and URL escaping write it,
 * and piece by piece between the characters those escapings change (pieces under four
 * characters are left); and, whatever their value, the query parameters of any URL in
 * the text and the JSON members whose names say they are credentials (`token`, `secret`,
 * `key`, `signature`, `credential`, `password`). With `cut`, the text was cut from a longer
 * one and a start of a secret at its very end is redacted too. Each is replaced with
 * `<redacted>`. The SDK applies it to every text of a server, proxy or transport before
 * it reaches an error; it is exported for SDKs built on this one.
 *
 * @since 0.1.0
 * @category redaction
 */
export const redact = (
  text: string,
  secrets: ReadonlyArray<string>,
  options?: { readonly cut?: boolean | undefined }
): string => Redact.redact(text, secrets, options)

/**
 * The credentials a URL carries, for {@link redact}: `user:password@` and the values of the
 * query parameters named as credentials (a presigned URL's signature, credential, token).
 *
 * @since 0.1.0
 * @category redaction
 */
export const secretsOfUrl = (url: string): Array<string> => Redact.secretsOfUrl(url)

/**
 * The start of a text the SDK did not write, for an error: {@link redact}ed, then cut to
 * `max` characters (200 by default), control characters other than tab and line breaks
 * shown as `\uFFFD` (a binary body, or terminal escapes, stay out of logs).
 *
 * @since 0.1.0
 * @category redaction
 */
export const redactedSnippet = (
  text: string,
  secrets: ReadonlyArray<string>,
  options?: { readonly max?: number | undefined; readonly cut?: boolean | undefined }
): string => {
  const max = options?.max ?? 200
  // Only the start is redacted: a secret cut where the snippet ends is redacted as cut.
  const head = text.length > max * 2 ? text.slice(0, max * 2) : text
  const cut = options?.cut === true || head.length < text.length
  return snippet(Redact.redact(head, secrets, { cut }), max).replace(controls, "\uFFFD")
}

/** Control characters but tab and line breaks. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const controls = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g
