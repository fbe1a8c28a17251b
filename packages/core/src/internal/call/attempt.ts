/**
 * The attempts of one call: the call's span, its time limit and retry policy as the
 * calling fiber sets them, its log lines, and the one record (`Attempt`) that carries all
 * of it down to the function that sends. The retry machinery is set up only once an
 * attempt has failed, keeping the common path short.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpTraceContext from "@effect/platform/HttpTraceContext"
import type * as SizeLimit from "@hotdata-effect/kernel/sizeLimit"
import * as Url from "@hotdata-effect/kernel/url"
import * as Clock from "effect/Clock"
import type * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import type * as LogLevel from "effect/LogLevel"
import type * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import type * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import type * as Tracer from "effect/Tracer"
import type { CallArgs, ResponseInfo } from "../../HotdataClient.js"
import * as HotdataError from "../../HotdataError.js"
import type * as Operation from "../../Operation.js"
import * as RetryPolicy from "../../RetryPolicy.js"
import * as Idle from "../idle.js"
import * as Logging from "../logging.js"
import type * as Lean from "../transport/lean.js"
import { currentCapture, currentHeaders, currentRetryPolicy, currentTimeout } from "./fiberRefs.js"
import { type Built, finishRequest } from "./request.js"

/** The settings of one client's executor, as `HotdataClient.make` resolved them. */
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
 * How the executor runs the calls of one operation in one way: the transport, what the
 * request asks for, how a 2xx answer is read. Made once per operation for decoded calls
 * (once per call for `response`, whose caller may change the request).
 */
export interface Plan<A, R> {
  readonly operation: Operation.Operation
  readonly transport: HttpClient.HttpClient.With<HttpClientError.HttpClientError, R>
  /** The `accept` header of the request, when it asks for one. */
  readonly accept: string | undefined
  /** Changes the request of each call before it is sent (it is then checked whole). */
  readonly prepare: ((request: HttpClientRequest.HttpClientRequest) => HttpClientRequest.HttpClientRequest) | undefined
  /** Reads a 2xx answer. */
  readonly read: (response: HttpClientResponse.HttpClientResponse) => Effect.Effect<A, HotdataError.HotdataError>
  /**
   * Decodes the text of a whole 2xx body, when the call reads it whole: lets one of the
   * SDK's transports send and read in one step.
   */
  readonly decodeWhole:
    | ((response: HttpClientResponse.HttpClientResponse, text: string) => Effect.Effect<A, HotdataError.HotdataError>)
    | undefined
}

/**
 * One call as its attempts make it: its plan, its request as it is sent, its span, the
 * number of the attempt being made, and what the calling fiber decided for all of its
 * attempts (its log when logging is on, its idle timeout, where `withResponse` records,
 * its services). Made once per call; only `number` changes.
 */
export interface Attempt<A, R> {
  readonly plan: Plan<A, R>
  readonly request: HttpClientRequest.HttpClientRequest
  /** The headers the caller gave, the only ones still to check; `undefined` when the request is checked whole. */
  readonly given: ReadonlyArray<string> | undefined
  readonly span: Tracer.Span
  number: number
  readonly log: Logging.CallLog | undefined
  readonly idleTimeout: Duration.Duration
  readonly capture: Option.Option<Ref.Ref<Option.Option<ResponseInfo>>>
  /** The services of the calling fiber, for a transport that reads them per request. */
  readonly services: Context.Context<never>
}

/**
 * Sends one attempt: its failures go to `onFailure` when given (the next step of the
 * retry loop), else fail the attempt.
 */
export type Send = <A, R>(
  attempt: Attempt<A, R>,
  onFailure: ((error: HotdataError.HotdataError) => Effect.Effect<A, HotdataError.HotdataError, R>) | undefined
) => Effect.Effect<A, HotdataError.HotdataError, R>

const statusOf = (error: HotdataError.HotdataError): number | undefined =>
  "status" in error && Predicate.isNumber(error.status) ? error.status : undefined

/** The name and options of a call's span. */
export interface SpanOf {
  readonly name: string
  readonly options: Tracer.SpanOptions
}

/**
 * The span options of a call: client kind, its attributes. Those of an operation's calls
 * differ only in the database a call names; the rest are made once per client and operation.
 */
export const spanOptionsOf = (
  cache: Map<Operation.Operation, SpanOf>,
  operation: Operation.Operation,
  config: ClientConfig,
  args: CallArgs
): SpanOf => {
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
 * Runs the attempts of one call of `plan`, each sent by `send`, under the calling fiber's
 * time limit and retry policy, inside one span: builds the call's `Attempt` record from
 * `built` and the fiber's settings, makes the first attempt, and sets the retry machinery
 * up only once an attempt has failed.
 */
export const attempts = <A, R>(
  plan: Plan<A, R>,
  config: ClientConfig,
  spanOf: SpanOf,
  built: Built,
  send: Send
): Effect.Effect<A, HotdataError.HotdataError, R> =>
  Effect.useSpan(
    spanOf.name,
    spanOf.options,
    (span) =>
      Effect.withFiberRuntime<A, HotdataError.HotdataError, R>((fiber) => {
        const operation = plan.operation
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
        const attempt: Attempt<A, R> = {
          plan,
          request: plan.prepare === undefined ? finished.request : plan.prepare(finished.request),
          given: plan.prepare === undefined ? finished.given : undefined,
          span,
          number: 1,
          log: Logging.enabled(fiber, config.logLevel)
            ? {
              operation: operation.id,
              method: operation.method,
              route: operation.path,
              path: Url.pathAfter(built.request.url, config.baseUrl),
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
                send(attempt, undefined),
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
            : send(attempt, onFailure)
        const loop = (
          driver: Schedule.ScheduleDriver<unknown, HotdataError.HotdataError>,
          error: HotdataError.HotdataError
        ): Effect.Effect<A, HotdataError.HotdataError, R> =>
          Effect.matchEffect(driver.next(error), {
            onFailure: () => Effect.fail(error),
            onSuccess: () => {
              attempt.number++
              span.attribute("hotdata.retries", attempt.number - 1)
              const again = run((next) => retryable(next) ? loop(driver, next) : Effect.fail(next))
              return attempt.log === undefined
                ? again
                : Effect.zipRight(Logging.retry(attempt.log, attempt.number, error._tag, statusOf(error)), again)
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
export const logged = <A, R>(
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
