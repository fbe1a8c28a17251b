/**
 * The Hotdata client service: every operation of the API as an Effect, grouped by
 * resource (`client.databases.list()`, `client.query.execute(...)`), with typed errors,
 * per-attempt timeouts, Schedule-based retries and one span per call.
 *
 * The client needs only an `HttpClient.HttpClient`: provide `FetchHttpClient.layer`
 * (any runtime with `fetch`) or a Node client, and swap it in tests.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as KernelGroups from "@hotdata-effect/kernel/groups"
import type * as KernelSettings from "@hotdata-effect/kernel/settings"
import * as SizeLimit from "@hotdata-effect/kernel/sizeLimit"
import type * as CallTypes from "@hotdata-effect/kernel/types/call"
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FiberRef from "effect/FiberRef"
import { dual } from "effect/Function"
import * as Layer from "effect/Layer"
import type * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import type * as Scope from "effect/Scope"
import type * as Groups from "./generated/Groups.js"
import * as Operations from "./generated/Operations.js"
import * as HotdataError from "./HotdataError.js"
import * as HotdataTest from "./HotdataTest.js"
import * as internal from "./internal/call/index.js"
import * as Idle from "./internal/idle.js"
import * as Logging from "./internal/logging.js"
import * as Secrets from "./internal/secrets.js"
import * as Lean from "./internal/transport/lean.js"
import { VERSION } from "./internal/version.js"
import type * as Operation from "./Operation.js"
import * as RetryPolicy from "./RetryPolicy.js"

/**
 * @since 0.1.0
 * @category tags
 */
export class HotdataClient extends Context.Tag("@hotdata-effect/core/HotdataClient")<
  HotdataClient,
  HotdataClient.Service
>() {}

/**
 * @since 0.1.0
 */
export declare namespace HotdataClient {
  /**
   * @since 0.1.0
   * @category models
   */
  export interface Service extends Groups.Groups {
    /** The API base URL, without a trailing `/v1`. */
    readonly baseUrl: string
    /** The workspace every workspace-scoped call is sent to. */
    readonly workspaceId: string | undefined
    /**
     * Runs any operation of the contract from its descriptor: `args.path` holds the path
     * parameters in template order, `args.payload` the body and `args.options` the query
     * and header parameters.
     */
    readonly call: (
      operation: Operation.Operation,
      args: CallArgs
    ) => Effect.Effect<unknown, HotdataError.HotdataError>
    /**
     * Runs an operation and hands back its successful response with the body unread,
     * for streaming it (Arrow, CSV, Parquet). Non-success statuses fail with their typed
     * error; closing the scope aborts the request.
     */
    readonly response: (
      operation: Operation.Operation,
      args: CallArgs,
      transform?: (request: HttpClientRequest.HttpClientRequest) => HttpClientRequest.HttpClientRequest
    ) => Effect.Effect<HttpClientResponse.HttpClientResponse, HotdataError.HotdataError, Scope.Scope>
  }
}

/**
 * The arguments of {@link HotdataClient.Service.call}.
 *
 * @since 0.1.0
 * @category models
 */
export interface CallArgs {
  readonly path: ReadonlyArray<string>
  readonly payload?: unknown
  readonly options?: Readonly<Record<string, unknown>> | undefined
}

/**
 * The settings of the client: those of every Hotdata client (see the kernel's
 * `Settings`), with Effect's durations and a `RetryPolicy` (default
 * {@link RetryPolicy.defaultPolicy}), plus the API key as a `Redacted` and a
 * `transformClient`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options extends KernelSettings.Settings<Duration.DurationInput, RetryPolicy.RetryPolicy> {
  /**
   * The API key, sent as `Authorization: Bearer <key>`. Whitespace around it (the
   * trailing line break of a secret file) is removed; what remains must be visible ASCII
   * characters, or the client is not built (`InvalidConfig`).
   */
  readonly apiKey: Redacted.Redacted
  /** Applied to the HTTP client after the SDK's own settings (extra headers, logging, ...). */
  readonly transformClient?: ((client: HttpClient.HttpClient) => HttpClient.HttpClient) | undefined
}

/**
 * The default API base URL.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_BASE_URL = "https://api.hotdata.dev"

/**
 * Normalizes a base URL: no trailing slash and no trailing `/v1` (paths carry it).
 *
 * @since 0.1.0
 * @category utils
 */
export const normalizeBaseUrl = (url: string): string => url.trim().replace(/\/+$/, "").replace(/\/v1$/, "")

/**
 * The default idle timeout of a response body: 60 seconds (see {@link Options.idleTimeout}).
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_IDLE_TIMEOUT: Duration.Duration = Idle.DEFAULT_IDLE_TIMEOUT

/**
 * The default bound on a response body read whole: 128 MiB (see {@link Options.maxResponseBytes}).
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_MAX_RESPONSE_BYTES: number = SizeLimit.DEFAULT_MAX_RESPONSE_BYTES

/**
 * The default bound on how far a compressed response body may expand: 200 times its
 * encoded size (see {@link Options.maxCompressionRatio}).
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_MAX_COMPRESSION_RATIO: number = SizeLimit.DEFAULT_MAX_COMPRESSION_RATIO

/** A bound setting: a number of at least `min`, or `Infinity` for none; the default when unset. */
const checkBound = (
  setting: "maxResponseBytes" | "maxCompressionRatio",
  value: number | undefined,
  min: number,
  fallback: number
): Either.Either<number, HotdataError.InvalidConfig> =>
  value === undefined
    ? Either.right(fallback)
    : typeof value === "number" && !Number.isNaN(value) && value >= min
    ? Either.right(value)
    : Either.left(
      new HotdataError.InvalidConfig({
        setting,
        message: `${setting} must be a number of at least ${min} (or Infinity for no bound), not ${String(value)}`
      })
    )

const validateApiKey = (key: Redacted.Redacted): Either.Either<Redacted.Redacted, string> =>
  Either.map(Secrets.validateApiKey(Redacted.value(key)), (value) => Redacted.make(value))

/**
 * Builds the client. Fails with `InvalidConfig` when the API key or the base URL is
 * unusable (see {@link Options}); the error names the problem, never the value.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  options: Options
): Effect.Effect<HotdataClient.Service, HotdataError.InvalidConfig, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const apiKey = validateApiKey(options.apiKey)
    if (Either.isLeft(apiKey)) return yield* new HotdataError.InvalidConfig({ setting: "apiKey", message: apiKey.left })
    const baseUrl = Secrets.validateBaseUrl(normalizeBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL))
    if (Either.isLeft(baseUrl)) {
      return yield* new HotdataError.InvalidConfig({ setting: "baseUrl", message: baseUrl.left })
    }
    const maxBytes = checkBound("maxResponseBytes", options.maxResponseBytes, 1, SizeLimit.DEFAULT_MAX_RESPONSE_BYTES)
    if (Either.isLeft(maxBytes)) return yield* maxBytes.left
    const maxRatio = checkBound(
      "maxCompressionRatio",
      options.maxCompressionRatio,
      1,
      SizeLimit.DEFAULT_MAX_COMPRESSION_RATIO
    )
    if (Either.isLeft(maxRatio)) return yield* maxRatio.left
    const logSetting = options.logLevel ?? Option.getOrUndefined(
      yield* Effect.orElseSucceed(Config.option(Config.string("HOTDATA_LOG")), () => Option.none<string>())
    )
    const logLevel = logSetting === undefined || logSetting.trim() === "" ? undefined : Logging.parseLevel(logSetting)
    if (logLevel !== undefined && Either.isLeft(logLevel)) {
      const source = options.logLevel === undefined ? "HOTDATA_LOG" : "logLevel"
      return yield* new HotdataError.InvalidConfig({ setting: "logLevel", message: `${source}: ${logLevel.left}` })
    }
    return build(
      options,
      apiKey.right,
      baseUrl.right,
      logLevel === undefined ? undefined : logLevel.right,
      { maxBytes: maxBytes.right, maxRatio: maxRatio.right },
      yield* HttpClient.HttpClient
    )
  })

const build = (
  options: Options,
  apiKey: Redacted.Redacted,
  baseUrl: string,
  logLevel: LogLevel.LogLevel | undefined,
  size: SizeLimit.SizeLimits,
  transport: HttpClient.HttpClient
): HotdataClient.Service => {
  {
    const userAgent = options.userAgent ?? `hotdata-effect/${VERSION}`
    // The executor puts each request under the base URL with the SDK's headers, the trace
    // context and the `withHeaders` headers. A `transformClient` sees requests so, and a
    // guard after it refuses what it made unsendable; without one, the executor refuses
    // unsendable requests itself, with no request mapping around the transport.
    const sdkHeaders = { authorization: `Bearer ${Redacted.value(apiKey)}`, "user-agent": userAgent }
    const transform = options.transformClient
    const lean = transform === undefined ? Lean.leanOf(transport) : undefined
    const executor = internal.makeExecutor(
      transform === undefined ? transport : Secrets.guardRequests(transform(transport)),
      {
        baseUrl,
        workspaceId: options.workspaceId,
        timeout: options.timeout === undefined ? Duration.infinity : Duration.decode(options.timeout),
        idleTimeout: options.idleTimeout === undefined
          ? Idle.DEFAULT_IDLE_TIMEOUT
          : Duration.decode(options.idleTimeout),
        retryPolicy: options.retryPolicy ?? RetryPolicy.defaultPolicy,
        size,
        logLevel,
        // A `transformClient` may put a client of its own in front of the transport.
        lean,
        sdkHeaders,
        guard: transform === undefined
      }
    )
    const groups = KernelGroups.groupsOf(
      Object.values(Operations.all),
      (operation: Operation.Operation): KernelGroups.Bound<unknown> => ({
        method: internal.method(executor, operation),
        stream: operation.pagination === undefined ? undefined : internal.paginate(executor, operation)
      })
    )
    const service = HotdataClient.of({
      ...(groups as unknown as Groups.Groups),
      baseUrl,
      workspaceId: options.workspaceId,
      call: executor.call,
      response: executor.response
    })
    internal.registerCredentials(service, sdkHeaders)
    return service
  }
}

/**
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: Options
): Layer.Layer<HotdataClient, HotdataError.InvalidConfig, HttpClient.HttpClient> =>
  Layer.effect(HotdataClient, make(options))

/** A configured value that fails, naming `name`, when it is blank. */
const refuseBlank = (name: string) => (config: Config.Config<string>) =>
  Config.validate(config, { message: `${name} must not be empty`, validation: (s) => s.trim() !== "" })

/** A configured API key, checked as {@link make} checks it; the error names `name`, never the value. */
const checkedApiKey = (name: string) => (config: Config.Config<Redacted.Redacted>) =>
  Config.mapOrFail(
    config,
    (key) => Either.mapLeft(validateApiKey(key), (problem) => ConfigError.InvalidData([name], `${name}: ${problem}`))
  )

/** A configured base URL, checked as {@link make} checks it. */
const checkedBaseUrl = (name: string) => (config: Config.Config<Option.Option<string>>) =>
  Config.mapOrFail(config, (url) =>
    Option.match(url, {
      onNone: () => Either.right(Option.none<string>()),
      onSome: (value) =>
        Either.match(Secrets.validateBaseUrl(normalizeBaseUrl(value)), {
          onLeft: (problem) => Either.left(ConfigError.InvalidData([name], `${name}: ${problem}`)),
          onRight: (valid) => Either.right(Option.some(valid))
        })
    }))

/**
 * Reads the settings from configuration: `HOTDATA_API_KEY` (required),
 * `HOTDATA_WORKSPACE_ID` (required) and `HOTDATA_API_URL` (optional). A missing, empty
 * or unusable value (see {@link Options}) fails the layer with a `ConfigError` naming
 * the variable and the problem, never the value. Any setting can be replaced by another
 * `Config`, checked the same way, and the other options passed as they are.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options: {
    readonly apiKey?: Config.Config<Redacted.Redacted> | undefined
    readonly workspaceId?: Config.Config<string> | undefined
    readonly baseUrl?: Config.Config<Option.Option<string>> | undefined
  } & Omit<Options, "apiKey" | "workspaceId" | "baseUrl"> = {}
): Layer.Layer<HotdataClient, ConfigError.ConfigError, HttpClient.HttpClient> => {
  const { apiKey, baseUrl, workspaceId, ...rest } = options
  return Layer.effect(
    HotdataClient,
    Effect.flatMap(
      Config.all({
        // Read as a plain string, then wrapped: `Config.redacted` would also hide the
        // message of a missing variable, which names nothing secret.
        apiKey: checkedApiKey(apiKey === undefined ? "HOTDATA_API_KEY" : "apiKey")(
          apiKey ?? Config.map(Config.string("HOTDATA_API_KEY"), Redacted.make)
        ),
        workspaceId: workspaceId ?? refuseBlank("HOTDATA_WORKSPACE_ID")(Config.string("HOTDATA_WORKSPACE_ID")),
        baseUrl: checkedBaseUrl(baseUrl === undefined ? "HOTDATA_API_URL" : "baseUrl")(
          baseUrl ?? Config.option(refuseBlank("HOTDATA_API_URL")(Config.string("HOTDATA_API_URL")))
        )
      }),
      (config) =>
        make({
          ...rest,
          apiKey: config.apiKey,
          workspaceId: config.workspaceId,
          baseUrl: Option.getOrUndefined(config.baseUrl)
        }).pipe(
          // Already checked above; kept for the type.
          Effect.mapError((error) => ConfigError.InvalidData([error.setting], error.message))
        )
    )
  )
}

/**
 * Runs an effect with another retry policy for every Hotdata call inside it.
 *
 * @example
 * ```ts
 * import { HotdataClient, RetryPolicy } from "@hotdata-effect/core"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const client = yield* HotdataClient.HotdataClient
 *   return yield* client.databases.list().pipe(
 *     HotdataClient.withRetryPolicy(RetryPolicy.make({ maxRetries: 10 }))
 *   )
 * })
 * ```
 *
 * @since 0.1.0
 * @category combinators
 */
export const withRetryPolicy: {
  (policy: RetryPolicy.RetryPolicy): <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  <A, E, R>(self: Effect.Effect<A, E, R>, policy: RetryPolicy.RetryPolicy): Effect.Effect<A, E, R>
} = dual(
  2,
  <A, E, R>(self: Effect.Effect<A, E, R>, policy: RetryPolicy.RetryPolicy): Effect.Effect<A, E, R> =>
    Effect.locally(self, internal.currentRetryPolicy, Option.some(policy))
)

/**
 * Runs an effect with retries switched off for every Hotdata call inside it.
 *
 * @since 0.1.0
 * @category combinators
 */
export const withoutRetries = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  withRetryPolicy(self, RetryPolicy.none)

/**
 * Runs an effect with another per-attempt timeout for every Hotdata call inside it.
 *
 * @since 0.1.0
 * @category combinators
 */
export const withTimeout: {
  (timeout: Duration.DurationInput): <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  <A, E, R>(self: Effect.Effect<A, E, R>, timeout: Duration.DurationInput): Effect.Effect<A, E, R>
} = dual(
  2,
  <A, E, R>(self: Effect.Effect<A, E, R>, timeout: Duration.DurationInput): Effect.Effect<A, E, R> =>
    Effect.locally(self, internal.currentTimeout, Option.some(Duration.decode(timeout)))
)

/**
 * Runs an effect with another idle timeout of response bodies (see
 * {@link Options.idleTimeout}) for every Hotdata call inside it. `Duration.infinity`
 * switches it off. A streamed response keeps the idle timeout in force when the call
 * was made.
 *
 * @since 0.1.0
 * @category combinators
 */
export const withIdleTimeout: {
  (timeout: Duration.DurationInput): <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  <A, E, R>(self: Effect.Effect<A, E, R>, timeout: Duration.DurationInput): Effect.Effect<A, E, R>
} = dual(
  2,
  <A, E, R>(self: Effect.Effect<A, E, R>, timeout: Duration.DurationInput): Effect.Effect<A, E, R> =>
    Effect.locally(self, Idle.currentIdleTimeout, Option.some(Duration.decode(timeout)))
)

/**
 * A client for tests, answered by typed stubs of the operations the test needs, through
 * the real client: request building and validation, decoding, retries and timeouts all
 * run as in production. Handlers are keyed like the client (`databases.list`) and typed
 * by the contract; an operation without one fails with `NotImplemented` naming it; every
 * call is recorded in {@link HotdataTest.Calls}. See {@link HotdataTest} for the answers
 * a handler can give (any status, `Retry-After`, raw bodies, dropped connections).
 *
 * Pick it to test your code's handling of what the API answers, including failures, in
 * milliseconds and under `TestClock`; pick `LocalHotdata.layer` (`@hotdata-effect/local`)
 * to run real SQL, loads and uploads against a local server.
 *
 * @example
 * ```ts
 * import { HotdataClient, HotdataTest } from "@hotdata-effect/core"
 * import { Effect } from "effect"
 *
 * const Test = HotdataClient.layerTest({
 *   databases: { count: () => HotdataTest.error(429, { retryAfter: 2 }) }
 * })
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerTest = (
  handlers: HotdataTest.Handlers,
  options: Partial<Options> & HotdataTest.StubOptions = {}
): Layer.Layer<HotdataClient | HotdataTest.Calls, HotdataError.InvalidConfig> => {
  const { fallback, ...clientOptions } = options
  const baseUrl = normalizeBaseUrl(clientOptions.baseUrl ?? "https://api.hotdata.test")
  // Each build of the layer starts with no recorded calls.
  return Layer.unwrapEffect(Effect.sync(() => {
    const stub = HotdataTest.makeHttpClient(handlers, baseUrl, { fallback })
    return Layer.merge(
      layer({
        apiKey: Redacted.make("hd_test_key"),
        workspaceId: "ws_test",
        ...clientOptions,
        baseUrl
      }).pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, stub.httpClient))),
      Layer.succeed(HotdataTest.Calls, stub.calls)
    )
  }))
}

/**
 * Runs an effect with extra request headers on every Hotdata call inside it (nested
 * calls add to the outer ones). The SDK's own headers (authorization, workspace,
 * idempotency key) are set after them and win.
 *
 * @since 0.1.0
 * @category combinators
 */
export const withHeaders: {
  (headers: Readonly<Record<string, string>>): <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  <A, E, R>(self: Effect.Effect<A, E, R>, headers: Readonly<Record<string, string>>): Effect.Effect<A, E, R>
} = dual(
  2,
  <A, E, R>(self: Effect.Effect<A, E, R>, headers: Readonly<Record<string, string>>): Effect.Effect<A, E, R> =>
    Effect.flatMap(
      FiberRef.get(internal.currentHeaders),
      (outer) => Effect.locally(self, internal.currentHeaders, { ...outer, ...headers })
    )
)

/**
 * The HTTP response of a successful call: its status, its headers (lower-case names)
 * and the server's trace id (`x-trace-id`).
 *
 * @since 0.1.0
 * @category models
 */
export type ResponseInfo = CallTypes.ResponseInfo

/**
 * A call's parsed body with the response it came from.
 *
 * @since 0.1.0
 * @category models
 */
export type WithResponse<A> = CallTypes.WithResponse<A>

/**
 * Runs an effect and returns its value with the HTTP response of the last Hotdata call
 * inside it (after retries: the one that answered). Fails with `DecodeError` when the
 * effect made no Hotdata call.
 *
 * @example
 * ```ts
 * import { HotdataClient } from "@hotdata-effect/core"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const client = yield* HotdataClient.HotdataClient
 *   const { data, response } = yield* HotdataClient.withResponse(client.databases.list())
 *   yield* Effect.log(`${data.databases.length} databases, trace ${response.traceId}`)
 * })
 * ```
 *
 * @since 0.1.0
 * @category combinators
 */
export const withResponse = <A, E, R>(
  self: Effect.Effect<A, E, R>
): Effect.Effect<WithResponse<A>, E | HotdataError.DecodeError, R> =>
  Effect.flatMap(
    Ref.make(Option.none<ResponseInfo>()),
    (ref) =>
      Effect.flatMap(Effect.locally(self, internal.currentCapture, Option.some(ref)), (data) =>
        Effect.flatMap(Ref.get(ref), (info) =>
          Option.isSome(info)
            ? Effect.succeed({ data, response: info.value })
            : new HotdataError.DecodeError({
              operation: "withResponse",
              message: "withResponse: the effect made no Hotdata call, so there is no response to return"
            })))
  )
