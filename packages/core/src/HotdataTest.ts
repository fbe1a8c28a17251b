/**
 * Stubs of the Hotdata API for tests, typed by the contract. Handlers answer just the
 * operations a test needs, keyed like the client (`databases.list`); the real client
 * runs in front of them (request building and validation, decoding, retries, timeouts),
 * so a test exercises what production runs. Start from {@link HotdataClient.layerTest}.
 *
 * - A handler receives the decoded request (`path`, `query`, `headers`, `payload`) and
 *   answers with the success body, or any status with {@link respond}, {@link error}
 *   (429 with `Retry-After`, 500, 409 ...), {@link raw} or {@link disconnect}. It may be
 *   an `Effect`, to sleep under `TestClock`, keep state in a `Ref`, or never answer.
 * - An operation without a handler answers 501: the call fails with
 *   `HotdataError.NotImplemented` naming the operation.
 * - Every call is recorded: read them from the {@link Calls} service.
 *
 * @example
 * ```ts
 * import { HotdataClient, HotdataTest } from "@hotdata-effect/core"
 * import { Effect } from "effect"
 *
 * const Test = HotdataClient.layerTest({
 *   databases: {
 *     get: ({ path }) => ({
 *       id: path.database_id,
 *       name: "analytics",
 *       default_catalog: "default",
 *       default_connection_id: "conn_1",
 *       default_schema: "main",
 *       expires_at: null,
 *       created_at: "2026-01-01T00:00:00Z",
 *       attachments: []
 *     })
 *   }
 * })
 *
 * const program = Effect.gen(function*() {
 *   const client = yield* HotdataClient.HotdataClient
 *   const db = yield* client.databases.get("data_1")
 *   const calls = yield* HotdataTest.Calls
 *   return { name: db.name, calls: (yield* calls.of("databases", "get")).length }
 * }).pipe(Effect.provide(Test))
 * ```
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Predicate from "effect/Predicate"
import type * as OperationTypes from "./generated/OperationTypes.js"
import type * as Operation from "./Operation.js"
import * as Routes from "./Routes.js"

type Types<Id extends OperationTypes.Id> = OperationTypes.ById[Id]

/**
 * The group names of the client.
 *
 * @since 0.1.0
 * @category models
 */
export type Group = keyof OperationTypes.ByGroup

/**
 * The method names of a group.
 *
 * @since 0.1.0
 * @category models
 */
export type Method<G extends Group> = keyof OperationTypes.ByGroup[G]

/**
 * The operation id of a client method.
 *
 * @since 0.1.0
 * @category models
 */
export type IdOf<G extends Group, M extends Method<G>> = Extract<OperationTypes.ByGroup[G][M], OperationTypes.Id>

/**
 * One call the stub received, decoded by the contract.
 *
 * @since 0.1.0
 * @category models
 */
export interface Call<Id extends OperationTypes.Id = OperationTypes.Id> {
  /** The operation id (`list_databases`). */
  readonly operation: Id
  /** The client group and method (`databases`, `list`). */
  readonly group: Types<Id>["group"]
  readonly method: Types<Id>["method"]
  readonly path: Types<Id>["path"]
  readonly query: Types<Id>["query"]
  /** The operation's header parameters by option key (`database_id`). */
  readonly headers: Types<Id>["headers"]
  readonly payload: Types<Id>["payload"]
  /** How many calls of this operation came before this one (0 for the first). */
  readonly index: number
  /** The HTTP request as sent: method, full URL, every header (lower-case names), body text. */
  readonly http: {
    readonly method: string
    readonly url: URL
    readonly headers: Readonly<Record<string, string>>
    readonly body: string
  }
  /** When the call arrived, by the `Clock` (so `TestClock` time in tests). */
  readonly at: number
  /** Aborted when the client gives up on the request (interruption, timeout). */
  readonly signal: AbortSignal
}

const TypeId: unique symbol = Symbol.for("@hotdata-effect/core/HotdataTest/Answer")

/**
 * An answer built with {@link respond}, {@link error}, {@link raw} or {@link disconnect}.
 * `A` is the status and body it carries, checked against the operation's contract.
 *
 * @since 0.1.0
 * @category models
 */
export interface Answer<A = unknown> {
  readonly [TypeId]: (_: never) => A
  readonly kind: "json" | "raw" | "disconnect"
  readonly status: number
  readonly body: unknown
  readonly headers: Readonly<Record<string, string>>
}

/** An answer for any status: errors are not limited to the statuses the contract lists. */
type AnyStatus = { readonly status: number; readonly body: never }

/**
 * What a handler of operation `Id` may answer: the body of its success (when the
 * operation has one success status), or an {@link Answer} with any documented status and
 * its body, or an error, raw or disconnect answer.
 *
 * @since 0.1.0
 * @category models
 */
export type Reply<Id extends OperationTypes.Id> =
  | ([Types<Id>["success"]] extends [{ readonly status: number; readonly body: infer B }] ? B : never)
  | (Types<Id>["success"] extends { readonly body?: undefined } ? void : never)
  | Answer<Types<Id>["success"] | Types<Id>["error"]>
  | Answer<AnyStatus>

/**
 * A handler of operation `Id`: a function of the call to its reply, or to an `Effect` of it.
 *
 * @since 0.1.0
 * @category models
 */
export type Handler<Id extends OperationTypes.Id> = (
  call: Call<Id>
) => Reply<Id> | Effect.Effect<Reply<Id>>

/**
 * Handlers keyed like the client: `{ databases: { list: (call) => ... } }`.
 *
 * @since 0.1.0
 * @category models
 */
export type Handlers = {
  readonly [G in Group]?: { readonly [M in Method<G>]?: Handler<IdOf<G, M>> }
}

/**
 * Answers with a status and a body the contract documents for it (`respond(202, {...})`
 * for a load that became a job), with extra headers.
 *
 * @since 0.1.0
 * @category constructors
 */
export const respond = <const S extends number, B = undefined>(
  status: S,
  body?: B,
  options: { readonly headers?: Readonly<Record<string, string>> | undefined } = {}
): Answer<{ readonly status: S; readonly body: B }> => make("json", status, body, options.headers ?? {})

/**
 * Answers with an error status and the API's error body `{"error": {"code", "message"}}`.
 * `retryAfter` (seconds, or an HTTP date) sets `Retry-After`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const error = (
  status: number,
  options: {
    readonly code?: string | undefined
    readonly message?: string | undefined
    readonly retryAfter?: number | string | undefined
    readonly headers?: Readonly<Record<string, string>> | undefined
  } = {}
): Answer<AnyStatus> =>
  make(
    "raw",
    status,
    JSON.stringify({
      error: { code: options.code ?? `HTTP_${status}`, message: options.message ?? `stubbed ${status}` }
    }),
    {
      "content-type": "application/json",
      ...(options.retryAfter !== undefined ? { "retry-after": String(options.retryAfter) } : {}),
      ...options.headers
    }
  )

/**
 * Answers with any JSON value, not checked against the contract: for testing how the
 * client reads answers the contract does not describe (new fields, new enum values,
 * missing fields, broken bodies).
 *
 * @since 0.1.0
 * @category constructors
 */
export const json = (
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {}
): Answer<AnyStatus> => make("raw", status, JSON.stringify(body), { "content-type": "application/json", ...headers })

/**
 * Answers with a body sent as it is, not checked against the contract: text that is not
 * the documented JSON, bytes, or a `ReadableStream` (Arrow, CSV, a body that breaks off).
 *
 * @since 0.1.0
 * @category constructors
 */
export const raw = (
  status: number,
  body: string | Uint8Array | ReadableStream<Uint8Array> | null,
  headers: Readonly<Record<string, string>> = {}
): Answer<AnyStatus> => make("raw", status, body, headers)

/**
 * Drops the connection before any answer. By default as a reset socket does before the
 * request reached the server (a `TransportError` of phase `connect`, safe to replay);
 * with `phase: "request"`, after the request may have reached it. `cause` replaces the
 * error the transport reports, for a failure as a given `HttpClient` would describe it.
 *
 * @since 0.1.0
 * @category constructors
 */
export const disconnect = (
  options: { readonly phase?: "connect" | "request" | undefined; readonly cause?: unknown } = {}
): Answer<AnyStatus> =>
  make(
    "disconnect",
    0,
    "cause" in options
      ? options.cause
      : (options.phase ?? "connect") === "connect"
      ? Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })
      : new Error("the connection closed before an answer"),
    {}
  )

const make = <A>(
  kind: Answer["kind"],
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>>
): Answer<A> => ({ [TypeId]: (_: never) => _, kind, status, body, headers })

const isAnswer = (u: unknown): u is Answer => Predicate.hasProperty(u, TypeId)

/**
 * The calls a stub received, in order.
 *
 * @since 0.1.0
 * @category tags
 */
export class Calls extends Context.Tag("@hotdata-effect/core/HotdataTest/Calls")<Calls, Calls.Service>() {}

/**
 * @since 0.1.0
 */
export declare namespace Calls {
  /**
   * @since 0.1.0
   * @category models
   */
  export interface Service {
    /** Every call, in the order they arrived. */
    readonly all: Effect.Effect<ReadonlyArray<Call>>
    /** The calls of one client method (`of("databases", "list")`). */
    readonly of: <G extends Group, M extends Method<G>>(
      group: G,
      method: M
    ) => Effect.Effect<ReadonlyArray<Call<IdOf<G, M>>>>
  }
}

/**
 * @since 0.1.0
 * @category models
 */
export interface StubOptions {
  /**
   * Serves the requests that are not API calls (another origin than the API's, such as
   * presigned storage URLs). Without it they fail as a refused connection.
   */
  readonly fallback?: HttpClient.HttpClient | undefined
}

/**
 * An `HttpClient` that answers the API's operations from `handlers`, for a client whose
 * base URL is `baseUrl`, with the record of its calls. {@link HotdataClient.layerTest}
 * builds on it; use it directly to add routes of your own through `fallback`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeHttpClient = (
  handlers: Handlers,
  baseUrl: string,
  options: StubOptions = {}
): { readonly httpClient: HttpClient.HttpClient; readonly calls: Calls.Service } => {
  const base = new URL(baseUrl)
  const recorded: Array<Call> = []
  const counts = new Map<string, number>()

  const calls: Calls.Service = {
    all: Effect.sync(() => [...recorded]),
    of: <G extends Group, M extends Method<G>>(group: G, method: M) =>
      Effect.sync(() => recorded.filter((c): c is Call<IdOf<G, M>> => c.group === group && c.method === method))
  }

  const refused = (request: HttpClientRequest.HttpClientRequest, url: URL) =>
    new HttpClientError.RequestError({
      request,
      reason: "Transport",
      cause: Object.assign(new Error(`no stub serves ${request.method} ${url.origin}${url.pathname}`), {
        code: "ECONNREFUSED"
      })
    })

  const httpClient = HttpClient.make((request, url, signal) =>
    Effect.gen(function*() {
      const prefix = base.pathname.replace(/\/+$/, "")
      const onApi = url.origin === base.origin && url.pathname.startsWith(prefix)
      const matched = onApi ? Routes.match(request.method, url.pathname.slice(prefix.length)) : undefined
      if (matched === undefined || matched === "method") {
        if (options.fallback !== undefined && !onApi) return yield* options.fallback.execute(request)
        if (!onApi) return yield* refused(request, url)
        return jsonResponse(request, matched === "method" ? 405 : 404, {
          error: { code: "NOT_FOUND", message: `no operation of the contract is ${request.method} ${url.pathname}` }
        })
      }
      const { operation, params } = matched
      const text = request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : ""
      const decoded = Either.all({
        query: Routes.decodeQuery(operation, url.searchParams),
        headers: Routes.decodeHeaders(operation, (name) => request.headers[name.toLowerCase()]),
        payload: Routes.decodePayload(operation, text)
      })
      if (Either.isLeft(decoded)) {
        return jsonResponse(request, 400, { error: { code: "BAD_REQUEST", message: decoded.left } })
      }
      const index = counts.get(operation.id) ?? 0
      counts.set(operation.id, index + 1)
      const call = {
        operation: operation.id,
        group: operation.group,
        method: operation.name,
        path: params,
        ...decoded.right,
        index,
        http: { method: request.method, url, headers: { ...request.headers }, body: text },
        at: yield* Clock.currentTimeMillis,
        signal
      }
      // The call is decoded with its operation's own schemas, so it has that operation's types.
      recorded.push(call as unknown as Call)
      const handler = handlerOf(handlers, operation)
      if (handler === undefined) {
        return jsonResponse(request, 501, {
          error: {
            code: "UNHANDLED_IN_TEST",
            message:
              `no test handler for ${operation.group}.${operation.name} (${operation.id}, ${operation.method} ${operation.path})`
          }
        })
      }
      const result = handler(call)
      // Handlers are typed to answer with effects that cannot fail and need nothing.
      const reply = Effect.isEffect(result) ? yield* (result as Effect.Effect<unknown>) : result
      return yield* toResponse(request, operation, reply)
    })
  )
  return { httpClient, calls }
}

type AnyHandler = (call: unknown) => unknown

/** The handler of an operation, looked up by the operation's group and method names. */
const handlerOf = (handlers: Handlers, operation: Operation.Operation): AnyHandler | undefined => {
  const byGroup: Readonly<Record<string, unknown>> = handlers
  const group = byGroup[operation.group]
  const handler = Predicate.isRecord(group) ? group[operation.name] : undefined
  return Predicate.isFunction(handler) ? (handler as AnyHandler) : undefined
}

const jsonResponse = (request: HttpClientRequest.HttpClientRequest, status: number, body: unknown) =>
  HttpClientResponse.fromWeb(
    request,
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })
  )

const toResponse = (
  request: HttpClientRequest.HttpClientRequest,
  operation: Operation.Operation,
  reply: unknown
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError> => {
  const answer = isAnswer(reply)
    ? reply
    : make("json", operation.success[0]?.status ?? 200, reply, {})
  if (answer.kind === "disconnect") {
    return Effect.fail(
      new HttpClientError.RequestError({
        request,
        reason: "Transport",
        cause: answer.body
      })
    )
  }
  if (answer.kind === "raw") {
    return Effect.succeed(HttpClientResponse.fromWeb(
      request,
      new Response(noBody(answer.status) ? null : (answer.body as BodyInit | null), {
        status: answer.status,
        headers: answer.headers
      })
    ))
  }
  const documented = [...operation.success, ...operation.errors].find((r) => r.status === answer.status)
  if (documented === undefined || documented.schema === undefined || answer.body === undefined) {
    return Effect.succeed(HttpClientResponse.fromWeb(
      request,
      new Response(null, { status: answer.status, headers: answer.headers })
    ))
  }
  const encoded = Routes.encodeAnswer(operation, answer.status, answer.body)
  if (Either.isLeft(encoded)) {
    return Effect.dieMessage(
      `HotdataTest: the answer of ${operation.group}.${operation.name} does not fit the contract: ${encoded.left}`
    )
  }
  return Effect.succeed(HttpClientResponse.fromWeb(
    request,
    new Response(JSON.stringify(encoded.right), {
      status: answer.status,
      headers: { "content-type": "application/json", ...answer.headers }
    })
  ))
}

const noBody = (status: number) => status === 204 || status === 304
