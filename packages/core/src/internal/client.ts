import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpTraceContext from "@effect/platform/HttpTraceContext"
import * as Redact from "@hotdata-effect/kernel/redact"
import * as SizeLimit from "@hotdata-effect/kernel/sizeLimit"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import type * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FiberRef from "effect/FiberRef"
import { globalValue } from "effect/GlobalValue"
import type * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type * as Tracer from "effect/Tracer"
import * as HotdataError from "../HotdataError.js"
import * as Operation from "../Operation.js"
import * as RetryPolicy from "../RetryPolicy.js"
import * as Causes from "./causes.js"
import * as FastDecode from "./fastDecode.js"
import * as Idle from "./idle.js"
import type * as Lean from "./transport/lean.js"
import * as Logging from "./logging.js"
import * as RawBody from "./transport/rawBody.js"
import * as Secrets from "./secrets.js"

/** @internal */
export const currentRetryPolicy = globalValue(
  "@hotdata-effect/core/HotdataClient/currentRetryPolicy",
  () => FiberRef.unsafeMake<Option.Option<RetryPolicy.RetryPolicy>>(Option.none())
)

/** @internal */
export const currentTimeout = globalValue(
  "@hotdata-effect/core/HotdataClient/currentTimeout",
  () => FiberRef.unsafeMake<Option.Option<Duration.Duration>>(Option.none())
)

/** @internal The extra request headers of `HotdataClient.withHeaders`. */
export const currentHeaders = globalValue(
  "@hotdata-effect/core/HotdataClient/currentHeaders",
  () => FiberRef.unsafeMake<Readonly<Record<string, string>>>({})
)

/** @internal Where `HotdataClient.withResponse` records the responses of the calls inside it. */
export const currentCapture = globalValue(
  "@hotdata-effect/core/HotdataClient/currentCapture",
  () => FiberRef.unsafeMake<Option.Option<Ref.Ref<Option.Option<ResponseInfo>>>>(Option.none())
)

import type { CallArgs, ResponseInfo } from "../HotdataClient.js"

export interface ClientConfig {
  readonly baseUrl: string
  readonly workspaceId: string | undefined
  readonly timeout: Duration.Duration
  /** How long a response body may stop moving before the read fails. */
  readonly idleTimeout: Duration.Duration
  /**
   * The bounds on a response body: a whole read's size, a compressed body's expansion
   * (see `SizeLimit`; `SizeLimit.defaults` when not given).
   */
  readonly size?: SizeLimit.SizeLimits | undefined
  readonly retryPolicy: RetryPolicy.RetryPolicy
  /** The minimum level of the SDK's log lines; `undefined` follows the fiber's minimum log level. */
  readonly logLevel?: LogLevel.LogLevel | undefined
  /** The headers every request carries (authorization, user agent), over the operation's own. */
  readonly sdkHeaders?: Readonly<Record<string, string>> | undefined
  /**
   * Whether the executor refuses a request that cannot be sent (see `Secrets.unsendable`)
   * before handing it to the client; off when the client checks requests itself (after a
   * `transformClient`).
   */
  readonly guard?: boolean | undefined
  /**
   * What the transport offers when it is one of the SDK's own, sent to with nothing in
   * front of it: it opens no span (so none is switched off per call), and a decoded call
   * sends and reads its answer in one step (`Lean.SendWhole`).
   */
  readonly lean?: Lean.Lean | undefined
}

/**
 * The attempt being made of one call, with what the calling fiber decided for all of its
 * attempts: its log when logging is on, its idle timeout, where `withResponse` records.
 */
interface Attempts {
  attempt: number
  readonly log: Logging.CallLog | undefined
  readonly idleTimeout: Duration.Duration
  readonly capture: Option.Option<Ref.Ref<Option.Option<ResponseInfo>>>
  /** The services of the calling fiber, for a transport that reads them per request. */
  readonly services: Context.Context<never>
}

const statusOf = (error: HotdataError.HotdataError): number | undefined =>
  "status" in error && Predicate.isNumber(error.status) ? error.status : undefined

/** Undici / Node error codes meaning the request never reached a server that acted on it. */
const CONNECT_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT"
])

const errorCodes = (u: unknown): Array<string> =>
  Causes.chainOf(u).flatMap((error) => "code" in error && Predicate.isString(error.code) ? [error.code] : [])

/** Undici / Node error codes meaning the request could not be built: it fails the same way every time. */
const UNSENDABLE_CODES = new Set([
  "UND_ERR_INVALID_ARG",
  "ERR_INVALID_URL",
  "ERR_INVALID_URL_SCHEME",
  "ERR_INVALID_CHAR",
  "ERR_INVALID_HTTP_TOKEN",
  "ERR_UNESCAPED_CHARACTERS",
  "ERR_INVALID_ARG_VALUE"
])

/**
 * The messages of an error and its causes, with every credential of `request` (see
 * `Secrets.secretsOf`) redacted: a transport may quote a header value or the URL.
 */
const describe = (u: unknown, request?: HttpClientRequest.HttpClientRequest): string =>
  Redact.redact(describeRaw(u), Secrets.secretsOf(request))

const describeRaw = (u: unknown): string => {
  const messages = Causes.chainOf(u).flatMap((error) =>
    "message" in error && Predicate.isString(error.message) && error.message !== "" ? [error.message] : []
  )
  return messages.length > 0 ? messages.join(": ") : String(u)
}

/** @internal */
export const fromHttpClientError = (
  operation: string,
  error: HttpClientError.HttpClientError
):
  | HotdataError.TransportError
  | HotdataError.InvalidRequest
  | HotdataError.TimeoutError
  | HotdataError.ResponseTooLarge =>
{
  // Only the redacted text of the transport's error is kept, never the error itself: its
  // message, cause or request may quote a credential, and Cause.pretty or a span
  // exception would print them.
  if (error._tag === "RequestError") {
    if (error.reason !== "Transport") {
      const what = error.description ?? describe(error.cause ?? error.reason, error.request)
      return new HotdataError.InvalidRequest({
        operation,
        message: `${operation}: could not build the request: ${Redact.redact(what, Secrets.secretsOf(error.request))}`
      })
    }
    const codes = errorCodes(error.cause)
    if (codes.some((code) => UNSENDABLE_CODES.has(code))) {
      // Refused by the transport before sending (an invalid header value, an unsupported
      // URL): no retry can cure it.
      return new HotdataError.InvalidRequest({
        operation,
        message: `${operation}: could not send the request: ${describe(error.cause, error.request)}`
      })
    }
    const what = describe(error.cause, error.request)
    if (HotdataError.isCertificateRefusal(error.cause)) {
      return new HotdataError.TransportError({
        operation,
        phase: "tls",
        message: `${operation}: the server's TLS certificate was refused (${what}); ` +
          "trust its certificate authority (an https.Agent with `ca`, NODE_EXTRA_CA_CERTS) or check the URL"
      })
    }
    return new HotdataError.TransportError({
      operation,
      phase: codes.some((code) => CONNECT_CODES.has(code)) ? "connect" : "request",
      message: `${operation}: ${what}`
    })
  }
  const idle = Idle.idleTimeoutOf(error)
  if (idle !== undefined) return idle
  const tooLarge = Idle.tooLargeOf(error)
  if (tooLarge !== undefined) return tooLarge
  return new HotdataError.TransportError({
    operation,
    phase: "response",
    message: `${operation}: reading the response failed: ${describe(error.cause ?? error.reason, error.request)}`
  })
}

const formatParseError = (error: ParseResult.ParseError): string => ParseResult.TreeFormatter.formatErrorSync(error)

/**
 * The idempotency key of one call of a keyed write: the one the body carries, else the
 * `idempotencyKey` option, else a new random one. Built once per call, so the SDK's own
 * retries replay the same key.
 */
const idempotencyKeyOf = (
  operation: Operation.Operation,
  args: CallArgs
): Either.Either<string, string> | undefined => {
  const slot = operation.idempotencyKey
  if (slot === undefined) return undefined
  const fromBody = slot.in === "body" && Predicate.isRecord(args.payload) ? args.payload[slot.name] : undefined
  const fromOption = args.options?.idempotencyKey
  const malformed = (value: unknown) =>
    value !== undefined && value !== null && (!Predicate.isString(value) || value === "")
  if (malformed(fromBody)) return Either.left(`body field \`${slot.name}\` must be a non-empty string`)
  if (malformed(fromOption)) return Either.left("option `idempotencyKey` must be a non-empty string")
  if (Predicate.isString(fromBody) && Predicate.isString(fromOption) && fromBody !== fromOption) {
    return Either.left(`body field \`${slot.name}\` and option \`idempotencyKey\` disagree: give the key once`)
  }
  if (Predicate.isString(fromBody)) return Either.right(fromBody)
  if (Predicate.isString(fromOption)) return Either.right(fromOption)
  return Either.right(globalThis.crypto.randomUUID())
}

/** The part of `url` after `baseUrl`: the rendered path and query. */
const pathOf = (url: string, baseUrl: string): string => url.startsWith(baseUrl) ? url.slice(baseUrl.length) : url

/** `path` under `baseUrl`, with one `/` between them. */
const joinUrl = (baseUrl: string, path: string): string =>
  baseUrl === "" ? path : baseUrl.endsWith("/") && path.startsWith("/") ? baseUrl + path.slice(1) : baseUrl + path

/**
 * A call's request as its arguments build it: the request without its headers, the
 * headers, and the names of those whose values came from the caller (the only ones a
 * call checks for characters no header can carry: the others are the SDK's own).
 */
export interface Built {
  readonly request: HttpClientRequest.HttpClientRequest
  readonly headers: Record<string, string>
  readonly given: ReadonlyArray<string>
}

/**
 * The request of a call as it is sent, its headers set in one copy: those it was built
 * with, the trace context of its span, then the `withHeaders` headers of the calling
 * fiber where it has none of that name. `given` gains the names of the last.
 */
const finishRequest = (
  built: Built,
  trace: Readonly<Record<string, string>> | undefined,
  extra: Readonly<Record<string, string>>
): { readonly request: HttpClientRequest.HttpClientRequest; readonly given: ReadonlyArray<string> } => {
  // `built` is shared by every run of the call's effect: copied before it is added to.
  let headers = trace === undefined ? built.headers : { ...built.headers, ...trace }
  let given = built.given
  for (const name in extra) {
    const lower = name.toLowerCase()
    if (headers[lower] !== undefined) continue
    if (headers === built.headers) headers = { ...headers }
    if (given === built.given) given = [...given]
    ;(given as Array<string>).push(lower)
    headers[lower] = extra[name]!
  }
  return { request: HttpClientRequest.setHeaders(built.request, headers), given }
}

/** Encodes the arguments of a call into an HTTP request, or names what is wrong. */
export const buildRequest = (
  operation: Operation.Operation,
  args: CallArgs,
  config: Pick<ClientConfig, "workspaceId" | "baseUrl" | "sdkHeaders">,
  accept?: string
): Either.Either<Built, HotdataError.InvalidRequest> => {
  const invalid = (message: string) =>
    Either.left(new HotdataError.InvalidRequest({ operation: operation.id, message }))
  const pathValues: Record<string, string> = {}
  for (let i = 0; i < operation.pathParams.length; i++) {
    const name = operation.pathParams[i]!
    const value = args.path[i]
    const problem = Operation.checkPathParam(value)
    if (problem !== undefined) return invalid(`path parameter \`${name}\` ${problem}`)
    pathValues[name] = value as string
  }
  let request = HttpClientRequest.make(operation.method)(
    joinUrl(config.baseUrl, Operation.renderPath(operation, pathValues))
  )
  const options = args.options ?? {}
  for (const param of operation.query) {
    const value = options[param.name]
    if (value === undefined || value === null) {
      if (param.required) return invalid(`query parameter \`${param.name}\` is required`)
      continue
    }
    const encoded = Schema.encodeUnknownEither(param.schema)(value)
    if (encoded._tag === "Left") return invalid(`query parameter \`${param.name}\`: ${formatParseError(encoded.left)}`)
    request = HttpClientRequest.setUrlParam(request, param.name, encoded.right)
  }
  const key = idempotencyKeyOf(operation, args)
  if (key !== undefined && Either.isLeft(key)) return invalid(key.left)
  const headers: Record<string, string> = {}
  const given: Array<string> = []
  for (const header of operation.headers) {
    if (operation.idempotencyKey?.in === "header" && header.name === operation.idempotencyKey.name) continue
    const value = options[header.key]
    if (value === undefined || value === null || value === "") {
      if (header.required) return invalid(`\`${header.key}\` (header ${header.name}) is required`)
      continue
    }
    if (!Predicate.isString(value)) return invalid(`\`${header.key}\` (header ${header.name}) must be a string`)
    const name = header.name.toLowerCase()
    headers[name] = value
    given.push(name)
  }
  if (operation.workspaceScoped) {
    if (config.workspaceId === undefined || config.workspaceId === "") {
      return invalid("a workspace id is required for this operation: set `workspaceId` on the client")
    }
    headers["x-workspace-id"] = config.workspaceId
  }
  if (key !== undefined && operation.idempotencyKey?.in === "header") {
    const name = operation.idempotencyKey.name.toLowerCase()
    headers[name] = key.right
    given.push(name)
  }
  if (accept !== undefined) headers["accept"] = accept
  if (config.sdkHeaders !== undefined) Object.assign(headers, config.sdkHeaders)
  if (operation.payload !== undefined) {
    let body: unknown = {}
    if (args.payload === undefined) {
      // The API expects an object even when every field is optional (finalize of a single upload).
      if (operation.payloadRequired) return invalid("a request body is required")
    } else {
      const encoded = Schema.encodeUnknownEither(operation.payload)(args.payload)
      if (encoded._tag === "Left") return invalid(`request body: ${formatParseError(encoded.left)}`)
      body = encoded.right
    }
    if (key !== undefined && operation.idempotencyKey?.in === "body" && Predicate.isRecord(body)) {
      body = { ...body, [operation.idempotencyKey.name]: key.right }
    }
    request = HttpClientRequest.bodyUnsafeJson(request, body)
  }
  return Either.right({ request, headers, given })
}

const readText = (operation: string, response: HttpClientResponse.HttpClientResponse) =>
  Effect.mapError(response.text, (error) => fromHttpClientError(operation, error))

/** The JSON value of `text`; none for anything else, an empty or blank text included. */
const parseJson = (text: string): Option.Option<unknown> => {
  try {
    return Option.some(JSON.parse(text))
  } catch {
    return Option.none()
  }
}

/** The redactor of the credentials of each client service `HotdataClient.make` built. */
const redactors = new WeakMap<object, (text: string) => string>()

/** Records the credentials `service` sends, for {@link redactFor}. */
export const registerCredentials = (service: object, headers: Readonly<Record<string, string>>): void => {
  redactors.set(service, Redact.redactor(Redact.secretsOfHeaders(headers)))
}

/**
 * A text of the server's that reached the caller inside a decoded answer (a job's or a
 * query run's error message, a warning) with the credentials of `service` redacted, for
 * an error built from it.
 */
export const redactFor = (service: object, text: string): string =>
  (redactors.get(service) ?? Redact.redactor([]))(text)

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
const decodeText = (
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

export interface Executor {
  readonly config: ClientConfig
  readonly httpClient: HttpClient.HttpClient
  /** Runs one call: encode, send with timeout and retries, decode. */
  readonly call: (operation: Operation.Operation, args: CallArgs) => Effect.Effect<unknown, HotdataError.HotdataError>
  /**
   * Runs one call of an operation with several success statuses and answers with the
   * status next to the decoded body. The body is read inside each attempt, so an answer
   * lost mid-body is retried like any other failure.
   */
  readonly callWithStatus: (
    operation: Operation.Operation,
    args: CallArgs
  ) => Effect.Effect<{ readonly status: number; readonly body: unknown }, HotdataError.HotdataError>
  /** Runs one call and hands back the successful response unread, for streaming bodies. */
  readonly response: (
    operation: Operation.Operation,
    args: CallArgs,
    transform?: (request: HttpClientRequest.HttpClientRequest) => HttpClientRequest.HttpClientRequest
  ) => Effect.Effect<HttpClientResponse.HttpClientResponse, HotdataError.HotdataError, Scope.Scope>
}

/**
 * The span options of a call: client kind, its attributes. Those of an operation's calls
 * differ only in the database a call names; the rest are made once per client and operation.
 */
const spanOptionsOf = (
  cache: Map<Operation.Operation, { readonly name: string; readonly options: Tracer.SpanOptions }>,
  operation: Operation.Operation,
  config: ClientConfig,
  args: CallArgs
): { readonly name: string; readonly options: Tracer.SpanOptions } => {
  let fixed = cache.get(operation)
  if (fixed === undefined) {
    const attributes: Record<string, unknown> = {
      "hotdata.operation": operation.id,
      "http.request.method": operation.method,
      "http.route": operation.path,
      "server.address": config.baseUrl
    }
    if (operation.workspaceScoped && config.workspaceId) attributes["hotdata.workspace_id"] = config.workspaceId
    fixed = { name: `Hotdata.${operation.id}`, options: { kind: "client", captureStackTrace: false, attributes } }
    cache.set(operation, fixed)
  }
  const database = args.options?.["database_id"]
  return Predicate.isString(database)
    ? {
      name: fixed.name,
      options: { ...fixed.options, attributes: { ...fixed.options.attributes, "hotdata.database_id": database } }
    }
    : fixed
}

/**
 * Runs `attempt` under the per-call timeout and retry policy, inside one span. The
 * retry machinery is only set up once an attempt has failed, keeping the common path
 * short.
 */
const withPolicies = <A, R>(
  operation: Operation.Operation,
  config: ClientConfig,
  spanOf: { readonly name: string; readonly options: Tracer.SpanOptions },
  built: Built,
  prepare: ((request: HttpClientRequest.HttpClientRequest) => HttpClientRequest.HttpClientRequest) | undefined,
  attempt: (
    request: HttpClientRequest.HttpClientRequest,
    given: ReadonlyArray<string> | undefined,
    span: Tracer.Span,
    attempts: Attempts,
    onFailure: ((error: HotdataError.HotdataError) => Effect.Effect<A, HotdataError.HotdataError, R>) | undefined
  ) => Effect.Effect<A, HotdataError.HotdataError, R>
): Effect.Effect<A, HotdataError.HotdataError, R> =>
  Effect.useSpan(
    spanOf.name,
    spanOf.options,
    (span) =>
      Effect.withFiberRuntime<A, HotdataError.HotdataError, R>((fiber) => {
        const timeoutSetting = fiber.getFiberRef(currentTimeout)
        const timeout = timeoutSetting._tag === "Some" ? timeoutSetting.value : config.timeout
        const policySetting = fiber.getFiberRef(currentRetryPolicy)
        const policy = policySetting._tag === "Some" ? policySetting.value : config.retryPolicy
        const idleSetting = fiber.getFiberRef(Idle.currentIdleTimeout)
        // The API span stands for the HTTP call: propagate it to the server.
        const finished = finishRequest(
          built,
          fiber.getFiberRef(HttpClient.currentTracerPropagation) ? HttpTraceContext.toHeaders(span) : undefined,
          fiber.getFiberRef(currentHeaders)
        )
        // A request changed by its caller is checked whole; otherwise only what the caller gave.
        const traced = prepare === undefined ? finished.request : prepare(finished.request)
        const given = prepare === undefined ? finished.given : undefined
        const attempts: Attempts = {
          attempt: 1,
          log: Logging.enabled(fiber, config.logLevel)
            ? {
              operation: operation.id,
              method: operation.method,
              route: operation.path,
              path: pathOf(built.request.url, config.baseUrl),
              forced: config.logLevel
            }
            : undefined,
          idleTimeout: idleSetting._tag === "Some" ? idleSetting.value : config.idleTimeout,
          capture: fiber.getFiberRef(currentCapture),
          services: fiber.getFiberRef(FiberRef.currentContext)
        }
        const retryable = (error: HotdataError.HotdataError) => RetryPolicy.isRetryable(error, operation)
        // One attempt, its failures going to `onFailure`. Without a timeout the attempt hands
        // them over itself (an answer decoded at once needs no catch around it); with one, a
        // race against a timer rather than `Effect.timeoutFail`: when a call runs inside a
        // concurrent `Effect.forEach` whose sibling fails, `timeoutFail` holds the
        // interruption until its whole duration has passed, a race ends at once.
        const run = (
          onFailure: (error: HotdataError.HotdataError) => Effect.Effect<A, HotdataError.HotdataError, R>
        ): Effect.Effect<A, HotdataError.HotdataError, R> =>
          Duration.isFinite(timeout)
            ? Effect.catchAll(
              Effect.raceFirst(
                attempt(traced, given, span, attempts, undefined),
                Effect.flatMap(Effect.sleep(timeout), () =>
                  Effect.fail(
                    new HotdataError.TimeoutError({
                      operation: operation.id,
                      timeout,
                      message: `${operation.id} did not complete within ${Duration.format(timeout)}`
                    })
                  ))
              ),
              onFailure
            )
            : attempt(traced, given, span, attempts, onFailure)
        const loop = (
          driver: Schedule.ScheduleDriver<unknown, HotdataError.HotdataError>,
          error: HotdataError.HotdataError
        ): Effect.Effect<A, HotdataError.HotdataError, R> =>
          Effect.matchEffect(driver.next(error), {
            onFailure: () => Effect.fail(error),
            onSuccess: () => {
              attempts.attempt++
              span.attribute("hotdata.retries", attempts.attempt - 1)
              const again = run((next) => retryable(next) ? loop(driver, next) : Effect.fail(next))
              return attempts.log === undefined
                ? again
                : Effect.zipRight(Logging.retry(attempts.log, attempts.attempt, error._tag, statusOf(error)), again)
            }
          })
        // The retry machinery is set up once an attempt has failed.
        return run((error) =>
          retryable(error)
            ? Effect.flatMap(Schedule.driver(policy), (driver) => loop(driver, error))
            : Effect.fail(error)
        )
      })
  )

/** One attempt with its request line, then its answer or failure line. */
const logged = <A, R>(
  log: Logging.CallLog,
  attempt: number,
  sent: Effect.Effect<HttpClientResponse.HttpClientResponse, HotdataError.HotdataError, R>,
  answered: (response: HttpClientResponse.HttpClientResponse) => Effect.Effect<A, HotdataError.HotdataError>,
  traceId: (response: HttpClientResponse.HttpClientResponse) => string | undefined
): Effect.Effect<A, HotdataError.HotdataError, R> =>
  Effect.flatMap(Clock.currentTimeMillis, (start) =>
    Effect.zipRight(
      Logging.request(log, attempt),
      Effect.matchEffect(sent, {
        onFailure: (error) =>
          Effect.flatMap(
            Clock.currentTimeMillis,
            (now) => Effect.zipRight(Logging.failure(log, attempt, error._tag, now - start), Effect.fail(error))
          ),
        onSuccess: (response) =>
          Effect.flatMap(Clock.currentTimeMillis, (now) =>
            Effect.zipRight(
              Logging.answer(log, attempt, response.status, now - start, traceId(response)),
              answered(response)
            ))
      })
    ))

export const makeExecutor = (httpClient: HttpClient.HttpClient, config: ClientConfig): Executor => {
  // Each call opens its own span (see withPolicies); the transport's span would only
  // repeat it, and would record every header.
  // (Switching it off costs two fiber-ref updates per call, skipped when the transport
  // is known to open none.)
  const client = config.lean !== undefined
    ? httpClient
    : HttpClient.withTracerDisabledWhen(httpClient, () => true)
  const scopedClient = HttpClient.withScope(client)

  const lean = config.lean
  const size = config.size ?? SizeLimit.defaults
  const spans = new Map<Operation.Operation, { readonly name: string; readonly options: Tracer.SpanOptions }>()
  // The headers every request carries with the same values are checked once here; then
  // each call checks its URL and the headers its caller gave (see `Built`). Should one of
  // them be unsendable, every call is checked whole, and fails naming it.
  const fixedHeaders: Record<string, string> = { ...config.sdkHeaders }
  if (config.workspaceId !== undefined && config.workspaceId !== "") fixedHeaders["x-workspace-id"] = config.workspaceId
  const fixedHeadersSendable =
    Secrets.unsendable(HttpClientRequest.setHeaders(HttpClientRequest.get("http://localhost/"), fixedHeaders)) ===
      undefined
  // The trace id is the server's text, on every answer's span and log line: the API key is
  // redacted out of it with a redactor made once (errors redact every secret of the request).
  const redactTrace = Redact.redactor(Redact.secretsOfHeaders(fixedHeaders))
  const cleanTraceId = (response: HttpClientResponse.HttpClientResponse): string | undefined => {
    const traceId = traceIdOf(response)
    return traceId === undefined ? undefined : redactTrace(traceId)
  }

  /**
   * Records `response` on the call's span and, inside `withResponse`, in its capture, then
   * goes on with `outcome`: the decoded body, or the error of a non-2xx status.
   */
  const answer = <A>(
    operation: Operation.Operation,
    response: HttpClientResponse.HttpClientResponse,
    span: Tracer.Span,
    attempts: Attempts,
    onSuccess: (response: HttpClientResponse.HttpClientResponse) => Effect.Effect<A, HotdataError.HotdataError>
  ): Effect.Effect<A, HotdataError.HotdataError> => {
    span.attribute("http.response.status_code", response.status)
    const traceId = cleanTraceId(response)
    if (traceId !== undefined) span.attribute("hotdata.trace_id", traceId)
    const outcome = response.status >= 200 && response.status < 300
      ? onSuccess(response)
      : statusError(operation.id, response)
    return Option.isNone(attempts.capture) ? outcome : Effect.zipRight(
      Ref.set(attempts.capture.value, Option.some({ status: response.status, headers: response.headers, traceId })),
      outcome
    )
  }

  /**
   * One call: build, then each attempt sends under the policies and maps a non-2xx status
   * to its error. `onSuccess` reads a 2xx answer; `decodeWhole`, when given, decodes the
   * text of a whole 2xx body, which lets one of the SDK's transports send and read in one step.
   */
  const send = <A, R>(
    transport: HttpClient.HttpClient.With<HttpClientError.HttpClientError, R>,
    operation: Operation.Operation,
    args: CallArgs,
    accept: string | undefined,
    prepare: ((request: HttpClientRequest.HttpClientRequest) => HttpClientRequest.HttpClientRequest) | undefined,
    onSuccess: (response: HttpClientResponse.HttpClientResponse) => Effect.Effect<A, HotdataError.HotdataError>,
    decodeWhole?: (
      response: HttpClientResponse.HttpClientResponse,
      text: string
    ) => Effect.Effect<A, HotdataError.HotdataError>
  ): Effect.Effect<A, HotdataError.HotdataError, R> => {
    const built = buildRequest(operation, args, config, accept)
    if (built._tag === "Left") return Effect.fail(built.left)
    const toError = (error: HttpClientError.HttpClientError) => fromHttpClientError(operation.id, error)
    return withPolicies(
      operation,
      config,
      spanOptionsOf(spans, operation, config, args),
      built.right,
      prepare,
      (request, given, span, attempts, onFailure) => {
        const failed = (error: HotdataError.HotdataError) =>
          onFailure === undefined ? Effect.fail(error) : onFailure(error)
        const problem = config.guard === true
          ? Secrets.unsendable(request, fixedHeadersSendable ? given : undefined)
          : undefined
        if (problem !== undefined && attempts.log === undefined) {
          return failed(toError(new HttpClientError.RequestError({ request, ...problem })))
        }
        if (lean !== undefined && decodeWhole !== undefined && problem === undefined && attempts.log === undefined) {
          return lean.sendWhole(
            attempts.services,
            request,
            Idle.ownLimits(operation.id, { idle: attempts.idleTimeout, size }),
            config.guard === true,
            (error) => failed(toError(error)),
            (response, text) => {
              const outcome = answer(operation, response, span, attempts, (response) => decodeWhole(response, text))
              // A decoded answer is an `Either`: its failure is handed over without a catch.
              if (onFailure === undefined || (Either.isEither(outcome) && Either.isRight(outcome))) return outcome
              return Either.isEither(outcome)
                ? onFailure((outcome as Either.Left<HotdataError.HotdataError, A>).left)
                : Effect.catchAll(outcome, onFailure)
            }
          )
        }
        const sent = problem === undefined
          ? Effect.mapError(transport.execute(request), toError)
          : Effect.fail(toError(new HttpClientError.RequestError({ request, ...problem })))
        // Every read of the body, here or by the caller of `response`, stops when it stalls or goes past a bound.
        const answered = (response: HttpClientResponse.HttpClientResponse) =>
          answer(
            operation,
            Idle.withLimits(operation.id, response, { idle: attempts.idleTimeout, size }),
            span,
            attempts,
            onSuccess
          )
        const log = attempts.log
        const once = log === undefined
          ? Effect.flatMap(sent, answered)
          // Built when each attempt starts: its number changes between attempts.
          : Effect.suspend(() => logged(log, attempts.attempt, sent, answered, cleanTraceId))
        return onFailure === undefined ? once : Effect.catchAll(once, onFailure)
      }
    )
  }

  /** How a decoded call reads a 2xx answer: the text of a whole body, and the response. */
  interface Reader<A> {
    readonly decode: (
      response: HttpClientResponse.HttpClientResponse,
      text: string
    ) => Effect.Effect<A, HotdataError.HotdataError>
    readonly read: (response: HttpClientResponse.HttpClientResponse) => Effect.Effect<A, HotdataError.HotdataError>
  }
  const readers = new Map<Operation.Operation, Reader<unknown>>()
  const statusReaders = new Map<Operation.Operation, Reader<{ readonly status: number; readonly body: unknown }>>()

  /**
   * Makes and keeps in `cache` the reader of `operation`'s answers decoding a text with
   * `decode`; a call looks its reader up first, so that only the first call makes one.
   */
  const newReader = <A>(
    cache: Map<Operation.Operation, Reader<A>>,
    operation: Operation.Operation,
    decode: Reader<A>["decode"]
  ): Reader<A> => {
    const reader: Reader<A> = {
      decode,
      read: (response) => Effect.flatMap(readText(operation.id, response), (text) => decode(response, text))
    }
    cache.set(operation, reader)
    return reader
  }

  /** A call whose 2xx answer is read whole and decoded by `reader`. */
  const decoded = <A>(operation: Operation.Operation, args: CallArgs, reader: Reader<A>) =>
    send(client, operation, args, "application/json", undefined, reader.read, reader.decode)

  const call: Executor["call"] = (operation, args) =>
    decoded(
      operation,
      args,
      readers.get(operation) ??
        newReader(readers, operation, (response, text) => decodeText(operation, response, text))
    )

  const callWithStatus: Executor["callWithStatus"] = (operation, args) =>
    decoded(
      operation,
      args,
      statusReaders.get(operation) ?? newReader(statusReaders, operation, (response, text) =>
        Either.map(decodeText(operation, response, text), (body) => ({ status: response.status, body })))
    )

  const response: Executor["response"] = (operation, args, transform) =>
    send(scopedClient, operation, args, undefined, transform, Effect.succeed)

  return { config, httpClient, call, callWithStatus, response }
}

/** Whether a generated method takes an options argument (query, headers, idempotency key). */
const hasOptions = (operation: Operation.Operation): boolean =>
  operation.query.length + operation.headers.length > 0 || operation.idempotencyKey !== undefined

/**
 * The number of positional arguments of a generated method: the path parameters in
 * template order, then the body when it has one, then the options when it takes any.
 * The Promise client's per-call settings follow them.
 */
export const arity = (operation: Operation.Operation): number =>
  operation.pathParams.length + (operation.payload !== undefined ? 1 : 0) + (hasOptions(operation) ? 1 : 0)

/** Turns the positional arguments of a generated method into {@link CallArgs}. */
export const argsOf = (operation: Operation.Operation, values: ReadonlyArray<unknown>): CallArgs => {
  const count = operation.pathParams.length
  const payload = operation.payload !== undefined ? values[count] : undefined
  const options = hasOptions(operation) ? values[count + (operation.payload !== undefined ? 1 : 0)] : undefined
  return {
    path: values.slice(0, count) as ReadonlyArray<string>,
    payload,
    options: options as Record<string, unknown> | undefined
  }
}

/** The method of the client for one operation. */
export const method = (executor: Executor, operation: Operation.Operation) => {
  if (operation.success.length <= 1) {
    return (...values: ReadonlyArray<unknown>) => executor.call(operation, argsOf(operation, values))
  }
  // Several success statuses (200 or 202, ...): answer with the status next to the body.
  return (...values: ReadonlyArray<unknown>) => executor.callWithStatus(operation, argsOf(operation, values))
}

/** The stream of every item of a paginated list operation. */
export const paginate = (executor: Executor, operation: Operation.Operation) => {
  const pagination = operation.pagination!
  const list = method(executor, operation) as (...values: ReadonlyArray<unknown>) => Effect.Effect<
    Record<string, unknown>,
    HotdataError.HotdataError
  >
  return (...values: ReadonlyArray<unknown>): Stream.Stream<unknown, HotdataError.HotdataError> => {
    const args = argsOf(operation, values)
    const positional = values.slice(0, operation.pathParams.length + (operation.payload !== undefined ? 1 : 0))
    const baseOptions = args.options ?? {}
    type Cursor = { readonly cursor?: string; readonly offset: number }
    return Stream.paginateChunkEffect<Cursor, unknown, HotdataError.HotdataError, never>(
      { offset: Predicate.isNumber(baseOptions.offset) ? baseOptions.offset : 0 },
      (state) => {
        const options = pagination.style === "cursor"
          ? { ...baseOptions, ...(state.cursor !== undefined ? { cursor: state.cursor } : {}) }
          : { ...baseOptions, offset: state.offset }
        return Effect.map(list(...positional, options), (page) => {
          const items = Array.isArray(page[pagination.items]) ? (page[pagination.items] as Array<unknown>) : []
          let next: Option.Option<Cursor> = Option.none()
          if (pagination.style === "cursor") {
            const cursor = page.next_cursor
            if (page.has_more === true && Predicate.isString(cursor) && cursor !== state.cursor) {
              next = Option.some({ cursor, offset: 0 })
            }
          } else if (pagination.hasMore ? page.has_more === true && items.length > 0 : items.length > 0) {
            next = Option.some({ offset: state.offset + items.length })
          }
          return [Chunk.unsafeFromArray(items), next] as const
        })
      }
    )
  }
}
