/**
 * The executor of one client: runs a call from its arguments to its answer. A call
 * builds its request (`request.ts`), runs its attempts under the calling fiber's
 * policies (`attempt.ts`), and each attempt sends (here), records the answer on the
 * span, and reads it (`decode.ts`). A decoded call's plan is made once per operation.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Redact from "@hotdata-effect/kernel/redact"
import * as SizeLimit from "@hotdata-effect/kernel/sizeLimit"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import type * as Scope from "effect/Scope"
import type { CallArgs } from "../../HotdataClient.js"
import type * as HotdataError from "../../HotdataError.js"
import type * as Operation from "../../Operation.js"
import * as Idle from "../idle.js"
import * as Secrets from "../secrets.js"
import {
  type Attempt,
  attempts,
  type ClientConfig,
  logged,
  type Plan,
  type Send,
  type SpanOf,
  spanOptionsOf
} from "./attempt.js"
import { decodeText, readText, statusError, traceIdOf } from "./decode.js"
import { buildRequest } from "./request.js"
import { fromHttpClientError } from "./transportError.js"

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

export const makeExecutor = (httpClient: HttpClient.HttpClient, config: ClientConfig): Executor => {
  // Each call opens its own span (see `attempts`); the transport's span would only
  // repeat it, and would record every header.
  // (Switching it off costs two fiber-ref updates per call, skipped when the transport
  // is known to open none.)
  const client = config.lean !== undefined
    ? httpClient
    : HttpClient.withTracerDisabledWhen(httpClient, () => true)
  const scopedClient = HttpClient.withScope(client)

  const lean = config.lean
  const size = config.size ?? SizeLimit.defaults
  const spans = new Map<Operation.Operation, SpanOf>()
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
  const answer = <A, R>(
    attempt: Attempt<A, R>,
    response: HttpClientResponse.HttpClientResponse,
    onSuccess: (response: HttpClientResponse.HttpClientResponse) => Effect.Effect<A, HotdataError.HotdataError>
  ): Effect.Effect<A, HotdataError.HotdataError> => {
    attempt.span.attribute("http.response.status_code", response.status)
    const traceId = cleanTraceId(response)
    if (traceId !== undefined) attempt.span.attribute("hotdata.trace_id", traceId)
    const outcome = response.status >= 200 && response.status < 300
      ? onSuccess(response)
      : statusError(attempt.plan.operation.id, response)
    return Option.isNone(attempt.capture) ? outcome : Effect.zipRight(
      Ref.set(attempt.capture.value, Option.some({ status: response.status, headers: response.headers, traceId })),
      outcome
    )
  }

  /**
   * One attempt: checks the request when the guard is on, sends it, and maps a non-2xx
   * status to its error. A decoded call to one of the SDK's transports sends and reads its
   * whole answer in one step.
   */
  const send: Send = <A, R>(
    attempt: Attempt<A, R>,
    onFailure: ((error: HotdataError.HotdataError) => Effect.Effect<A, HotdataError.HotdataError, R>) | undefined
  ): Effect.Effect<A, HotdataError.HotdataError, R> => {
    const { plan, request } = attempt
    const operation = plan.operation
    const failed = (error: HotdataError.HotdataError) => onFailure === undefined ? Effect.fail(error) : onFailure(error)
    const problem = config.guard === true
      ? Secrets.unsendable(request, fixedHeadersSendable ? attempt.given : undefined)
      : undefined
    if (problem !== undefined && attempt.log === undefined) {
      return failed(fromHttpClientError(operation.id, new HttpClientError.RequestError({ request, ...problem })))
    }
    const decodeWhole = plan.decodeWhole
    if (lean !== undefined && decodeWhole !== undefined && problem === undefined && attempt.log === undefined) {
      return lean.sendWhole(
        attempt.services,
        request,
        Idle.ownLimits(operation.id, { idle: attempt.idleTimeout, size }),
        config.guard === true,
        (error) => failed(fromHttpClientError(operation.id, error)),
        (response, text) => {
          const outcome = answer(attempt, response, (response) => decodeWhole(response, text))
          // A decoded answer is an `Either`: its failure is handed over without a catch.
          if (onFailure === undefined || (Either.isEither(outcome) && Either.isRight(outcome))) return outcome
          return Either.isEither(outcome)
            ? onFailure((outcome as Either.Left<HotdataError.HotdataError, A>).left)
            : Effect.catchAll(outcome, onFailure)
        }
      )
    }
    const sent = problem === undefined
      ? Effect.mapError(plan.transport.execute(request), (error) => fromHttpClientError(operation.id, error))
      : Effect.fail(fromHttpClientError(operation.id, new HttpClientError.RequestError({ request, ...problem })))
    // Every read of the body, here or by the caller of `response`, stops when it stalls or goes past a bound.
    const answered = (response: HttpClientResponse.HttpClientResponse) =>
      answer(attempt, Idle.withLimits(operation.id, response, { idle: attempt.idleTimeout, size }), plan.read)
    const log = attempt.log
    const once = log === undefined
      ? Effect.flatMap(sent, answered)
      // Built when each attempt starts: its number changes between attempts.
      : Effect.suspend(() => logged(log, attempt.number, sent, answered, cleanTraceId))
    return onFailure === undefined ? once : Effect.catchAll(once, onFailure)
  }

  /** One call of `plan`: build, then run its attempts. */
  const run = <A, R>(plan: Plan<A, R>, args: CallArgs): Effect.Effect<A, HotdataError.HotdataError, R> => {
    const built = buildRequest(plan.operation, args, config, plan.accept)
    if (built._tag === "Left") return Effect.fail(built.left)
    return attempts(plan, config, spanOptionsOf(spans, plan.operation, config, args), built.right, send)
  }

  const plans = new Map<Operation.Operation, Plan<unknown, never>>()
  const statusPlans = new Map<Operation.Operation, Plan<{ readonly status: number; readonly body: unknown }, never>>()

  /**
   * Makes and keeps in `cache` the plan of `operation`'s decoded calls, whose 2xx answers
   * are read whole and decoded with `decode`; a call looks its plan up first, so that only
   * the first call makes one.
   */
  const newPlan = <A>(
    cache: Map<Operation.Operation, Plan<A, never>>,
    operation: Operation.Operation,
    decode: (
      response: HttpClientResponse.HttpClientResponse,
      text: string
    ) => Effect.Effect<A, HotdataError.HotdataError>
  ): Plan<A, never> => {
    const plan: Plan<A, never> = {
      operation,
      transport: client,
      accept: "application/json",
      prepare: undefined,
      read: (response) => Effect.flatMap(readText(operation.id, response), (text) => decode(response, text)),
      decodeWhole: decode
    }
    cache.set(operation, plan)
    return plan
  }

  const call: Executor["call"] = (operation, args) =>
    run(
      plans.get(operation) ?? newPlan(plans, operation, (response, text) => decodeText(operation, response, text)),
      args
    )

  const callWithStatus: Executor["callWithStatus"] = (operation, args) =>
    run(
      statusPlans.get(operation) ?? newPlan(statusPlans, operation, (response, text) =>
        Either.map(decodeText(operation, response, text), (body) => ({ status: response.status, body }))),
      args
    )

  const response: Executor["response"] = (operation, args, transform) =>
    run({
      operation,
      transport: scopedClient,
      accept: undefined,
      prepare: transform,
      read: Effect.succeed,
      decodeWhole: undefined
    }, args)

  return { config, httpClient, call, callWithStatus, response }
}
