/**
 * The client for code that does not use Effect: the same operations returning
 * Promises, an `AbortSignal` per call, and `dispose()`. Failures are thrown as the same
 * tagged error classes as in the Effect API (`err._tag === "NotFound"`,
 * `err instanceof HotdataError.NotFound`).
 *
 * @example
 * ```ts
 * import { createHotdataClient } from "@hotdata-effect/core/PromiseClient"
 *
 * export const firstDatabases = async (signal: AbortSignal) => {
 *   const hotdata = createHotdataClient({ apiKey: "hd_...", workspaceId: "ws_..." })
 *   try {
 *     const page = await hotdata.databases.list({ limit: 10 }, { signal })
 *     return page.databases.map((db) => db.id)
 *   } finally {
 *     await hotdata.dispose()
 *   }
 * }
 * ```
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FiberId from "effect/FiberId"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Runtime from "effect/Runtime"
import * as Stream from "effect/Stream"
import * as FetchTransport from "./FetchTransport.js"
import type * as Groups from "./generated/Groups.js"
import * as Operations from "./generated/Operations.js"
import type * as Schemas from "./generated/Schemas.js"
import * as HotdataClient from "./HotdataClient.js"
import * as HotdataError from "./HotdataError.js"
import * as internal from "./internal/call/index.js"
import * as NodeHttp from "./internal/transport/nodeTransport.js"
import * as NodeTransport from "./NodeTransport.js"
import type * as Operation from "./Operation.js"
import * as Polling from "./Polling.js"
import * as Query from "./Query.js"
import * as RetryPolicy from "./RetryPolicy.js"

/**
 * Per-call settings of the Promise client, taken by every method as its last argument.
 *
 * @since 0.1.0
 * @category models
 */
export interface CallOptions {
  /** Aborting it cancels the call (and its HTTP request); the Promise rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined
  /** Time limit of each attempt of each request of the call (see `HotdataClient.withTimeout`). */
  readonly timeout?: Duration.DurationInput | undefined
  /** Retries of each request of the call, with the default backoff (`0` switches retries off). */
  readonly maxRetries?: number | undefined
  /** Extra request headers (see `HotdataClient.withHeaders`); the SDK's own headers win. */
  readonly headers?: Readonly<Record<string, string>> | undefined
  /**
   * The idempotency key of a keyed write (a resend with the same key runs at most once).
   * Ignored by operations that take no key. Default: a fresh key per call.
   */
  readonly idempotencyKey?: string | undefined
}

/**
 * Thrown for every failure of the Promise client (and of the Promise facades of the
 * sibling packages): `err instanceof HotdataPromiseError` holds for every tagged error
 * of the SDK, which keeps its `_tag`, `message` and, for HTTP failures, `status` and
 * `traceId`. It is not a class to construct: it matches the SDK's own error classes
 * (`HotdataError.NotFound`, `UploadError`, `Polling.WorkFailed`, ...).
 *
 * @since 0.1.0
 * @category errors
 */
export class HotdataPromiseError extends Error {
  /** @since 0.1.0 */
  declare readonly _tag: string
  /** @since 0.1.0 */
  declare readonly status?: number | undefined
  /** @since 0.1.0 */
  declare readonly traceId?: string | undefined
  /** @since 0.1.0 */
  static override [Symbol.hasInstance](u: unknown): boolean {
    return HotdataError.isHotdataError(u) || isSdkError(u)
  }
}

const sdkErrors = new WeakSet<object>()

/** Whether `u` is a tagged error the Promise client (or a facade) threw. */
const isSdkError = (u: unknown): boolean => typeof u === "object" && u !== null && sdkErrors.has(u)

/**
 * A client's error when its settings are missing or unusable, thrown by
 * {@link createHotdataClient}.
 *
 * @since 0.1.0
 * @category errors
 */
export type ConfigError = HotdataError.InvalidConfig

/**
 * What the Promise facades of the sibling packages run their effects with: one per
 * client, owned by it. Obtained with {@link runnerOf}.
 *
 * @since 0.1.0
 * @category models
 */
export interface Runner {
  /** Runs an effect with the client's service and the call options; rejects with the tagged error. */
  readonly run: <A, E>(
    effect: Effect.Effect<A, E, HotdataClient.HotdataClient>,
    options?: CallOptions | undefined
  ) => Promise<A>
  /** A stream as an async iterable; it stops when `options.signal` aborts or the client is disposed. */
  readonly iterate: <A, E>(
    stream: Stream.Stream<A, E, HotdataClient.HotdataClient>,
    options?: CallOptions | undefined
  ) => AsyncIterable<A>
}

const RunnerId: unique symbol = Symbol.for("@hotdata-effect/core/PromiseClient/Runner")

/**
 * The runner of a Promise client, for building Promise facades over Effect APIs (the
 * `promise` modules of `@hotdata-effect/uploads` and `@hotdata-effect/arrow` use it).
 *
 * @since 0.1.0
 * @category facades
 */
export const runnerOf = (client: HotdataPromiseClient): Runner => {
  const runner = (client as any)[RunnerId] as Runner | undefined
  if (runner === undefined) throw new TypeError("not a client made by createHotdataClient")
  return runner
}

type Promisify<F> = F extends (...args: infer A) => Effect.Effect<infer R, any, any>
  ? (...args: [...A, CallOptions?]) => Promise<R>
  : F extends (...args: infer A) => Stream.Stream<infer R, any, any> ?
    (...args: [...A, CallOptions?]) => AsyncIterable<R>
  : never

type PromisifyWithResponse<F> = F extends (...args: infer A) => Effect.Effect<infer R, any, any>
  ? (...args: [...A, CallOptions?]) => Promise<HotdataClient.WithResponse<R>>
  : never

type NonStreamKeys<T> = { [K in keyof T]: K extends `${string}Stream` ? never : K }[keyof T]

/**
 * The operation groups of the Promise client. Each method takes the same arguments as
 * its Effect counterpart, then an optional {@link CallOptions}; `...Stream` methods
 * return async iterables.
 *
 * @since 0.1.0
 * @category models
 */
export type PromiseGroups = {
  readonly [G in keyof Groups.Groups]: {
    readonly [M in keyof Groups.Groups[G]]: Promisify<Groups.Groups[G][M]>
  }
}

/**
 * The operation groups again, each method answering its parsed body with the response's
 * status, headers and trace id.
 *
 * @since 0.1.0
 * @category models
 */
export type WithResponseGroups = {
  readonly [G in keyof Groups.Groups]: {
    readonly [M in NonStreamKeys<Groups.Groups[G]>]: PromisifyWithResponse<Groups.Groups[G][M]>
  }
}

/**
 * @since 0.1.0
 * @category models
 */
export interface HotdataPromiseClient extends PromiseGroups, AsyncDisposable {
  /** The same operations, answering `{ data, response: { status, headers, traceId } }`. */
  readonly withResponse: WithResponseGroups
  /** Query helpers (see the `Query` module). */
  readonly sql: {
    /** Runs SQL and returns every row (`Query.run`). */
    readonly run: (sql: string, options: Query.Options, callOptions?: CallOptions) => Promise<Query.QueryResult>
    /** Runs SQL and decodes each row with `decode` (a `runAs` for code without Schema); a throw rejects. */
    readonly runAs: <A>(
      sql: string,
      options: Query.Options,
      decode: (row: Record<string, unknown>) => A,
      callOptions?: CallOptions
    ) => Promise<ReadonlyArray<A>>
    /** Submits SQL without waiting for rows (`Query.submit`). */
    readonly submit: (
      sql: string,
      options: Query.SubmitOptions,
      callOptions?: CallOptions
    ) => Promise<Effect.Effect.Success<ReturnType<typeof Query.submit>>>
    /** Every row of a ready result (`Query.fetchAll`). */
    readonly fetchAll: (
      resultId: string,
      options: Parameters<typeof Query.fetchAll>[1],
      callOptions?: CallOptions
    ) => Promise<Effect.Effect.Success<ReturnType<typeof Query.fetchAll>>>
  }
  /** Waiting for background work (see the `Polling` module). */
  readonly wait: {
    readonly queryRun: (
      id: string,
      options: Polling.Options & { readonly databaseId: string },
      callOptions?: CallOptions
    ) => Promise<Schemas.QueryRunInfo>
    readonly job: (
      id: string,
      options?: Polling.Options,
      callOptions?: CallOptions
    ) => Promise<Schemas.JobStatusResponse>
    readonly result: (
      id: string,
      options: Polling.Options & { readonly databaseId: string },
      callOptions?: CallOptions
    ) => Promise<Schemas.GetResultResponse>
  }
  /** Runs SQL and returns every row. Same as `sql.run`. */
  readonly runQuery: (sql: string, options: Query.Options, callOptions?: CallOptions) => Promise<Query.QueryResult>
  /** Aborts every call and iteration in flight and releases the client's resources. Later calls reject. */
  readonly dispose: () => Promise<void>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Default: `HOTDATA_API_KEY` from the environment, where there is one (`process.env`). */
  readonly apiKey?: string | undefined
  /** Default: `HOTDATA_WORKSPACE_ID` from the environment. */
  readonly workspaceId?: string | undefined
  /** Default: `HOTDATA_API_URL` from the environment, else `https://api.hotdata.dev`. */
  readonly baseUrl?: string | undefined
  readonly userAgent?: string | undefined
  readonly timeout?: Duration.DurationInput | undefined
  /** See `HotdataClient.Options.idleTimeout`: 60 s of a stalled response body by default. */
  readonly idleTimeout?: Duration.DurationInput | undefined
  /**
   * The most bytes a response body read whole may hold, decompressed (default 128 MiB);
   * past it the call rejects with `ResponseTooLarge`. See `HotdataClient.Options.maxResponseBytes`.
   */
  readonly maxResponseBytes?: number | undefined
  /**
   * How many times its encoded size a compressed response body may expand to (default
   * 200, past the first 16 MiB), streamed bodies included. See
   * `HotdataClient.Options.maxCompressionRatio`.
   */
  readonly maxCompressionRatio?: number | undefined
  readonly retryPolicy?: RetryPolicy.RetryPolicy | undefined
  /**
   * `"debug"` prints one line per request, retry and answer to the console (no headers,
   * no query string); the `HOTDATA_LOG` environment variable sets it when this is unset.
   * Nothing is printed by default. See `HotdataClient.Options.logLevel`.
   */
  readonly logLevel?: HotdataClient.Options["logLevel"]
  /**
   * The `fetch` to send requests with. Without it, the client sends over `node:http`
   * where the runtime has it (Node, Bun, Deno: the `NodeTransport`) and over the global
   * `fetch` elsewhere (browsers, workers: the `FetchTransport`). Pass `globalThis.fetch` to
   * send over `fetch` everywhere.
   */
  readonly fetch?: typeof globalThis.fetch | undefined
  /**
   * The `node:http` and `node:https` agents to send through, where the client sends over
   * `node:http`: a certificate authority of your own (`new https.Agent({ ca })`), a proxy
   * agent, connection limits. A protocol without one uses the shared keep-alive agent.
   * The uploads' storage PUTs go through them too (progress is then reported per part).
   * Cannot be combined with `fetch`, nor used where the runtime has no `node:http`.
   */
  readonly agents?: { readonly http?: object | undefined; readonly https?: object | undefined } | undefined
  /** The environment to read defaults from. Default: `process.env` where it exists, else none. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined
}

const processEnv = (): Readonly<Record<string, string | undefined>> => {
  const env = (globalThis as { process?: { env?: unknown } }).process?.env
  return typeof env === "object" && env !== null ? env as Record<string, string | undefined> : {}
}

const nonEmpty = (value: string | undefined) => value !== undefined && value.trim() !== "" ? value : undefined

const invalidAgents = (message: string) => mark(new HotdataError.InvalidConfig({ setting: "agents", message }))

/**
 * The agents of `agents`, each checked to be one of this runtime's `node:http` agents; the
 * shared keep-alive agent for a protocol without one.
 */
const checkAgents = (agents: NonNullable<Options["agents"]>): NodeHttp.Agents => {
  if (!NodeHttp.available) throw invalidAgents("this runtime has no node:http, so `agents` cannot be used")
  for (const protocol of ["http", "https"] as const) {
    const agent = agents[protocol]
    if (agent !== undefined && !NodeHttp.isAgent(agent)) {
      throw invalidAgents(`\`agents.${protocol}\` is not a node:http Agent`)
    }
  }
  return NodeHttp.withShared(agents as Partial<NodeHttp.Agents>)
}

/** The effect with the call options applied as the client's combinators. */
const applyOptions = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  options: CallOptions | undefined
): Effect.Effect<A, E, R> => {
  if (options === undefined) return effect
  let out = effect
  if (options.timeout !== undefined) out = HotdataClient.withTimeout(out, options.timeout)
  if (options.maxRetries !== undefined) {
    out = HotdataClient.withRetryPolicy(
      out,
      options.maxRetries <= 0 ? RetryPolicy.none : RetryPolicy.make({ maxRetries: options.maxRetries })
    )
  }
  if (options.headers !== undefined) out = HotdataClient.withHeaders(out, options.headers)
  return out
}

/**
 * Creates a Promise client. Call `dispose()` (or `await using`) when done with it.
 *
 * Settings are checked here: a missing API key (none given and no `HOTDATA_API_KEY`),
 * a malformed key or an unusable base URL throws `HotdataError.InvalidConfig` naming
 * the setting (never its value) synchronously, before any request.
 *
 * @since 0.1.0
 * @category constructors
 */
export const createHotdataClient = (options: Options = {}): HotdataPromiseClient => {
  const env = options.env ?? processEnv()
  const apiKey = nonEmpty(options.apiKey) ?? nonEmpty(env.HOTDATA_API_KEY)
  if (apiKey === undefined) {
    throw mark(
      new HotdataError.InvalidConfig({
        setting: "apiKey",
        message: "no API key: pass `apiKey` to createHotdataClient or set HOTDATA_API_KEY"
      })
    )
  }
  if (options.fetch !== undefined && options.agents !== undefined) {
    throw invalidAgents("`agents` apply to node:http and `fetch` replaces it: pass one or the other")
  }
  // The caller's agents make one client, which the uploads' storage PUTs go through too.
  const agentsClient = options.agents !== undefined ? NodeHttp.make(checkAgents(options.agents)) : undefined
  const transport = options.fetch !== undefined
    ? FetchTransport.layer.pipe(Layer.provide(Layer.succeed(FetchHttpClient.Fetch, options.fetch)))
    : agentsClient !== undefined
    ? Layer.succeed(HttpClient.HttpClient, agentsClient)
    : NodeHttp.available
    ? NodeTransport.layer
    : FetchTransport.layer
  const settings: HotdataClient.Options = {
    apiKey: Redacted.make(apiKey),
    workspaceId: options.workspaceId ?? nonEmpty(env.HOTDATA_WORKSPACE_ID),
    baseUrl: options.baseUrl ?? nonEmpty(env.HOTDATA_API_URL),
    userAgent: options.userAgent,
    timeout: options.timeout,
    idleTimeout: options.idleTimeout,
    maxResponseBytes: options.maxResponseBytes,
    maxCompressionRatio: options.maxCompressionRatio,
    logLevel: options.logLevel,
    retryPolicy: options.retryPolicy
  }
  // The settings checks of `HotdataClient.make`, run now so that a bad setting throws here.
  const checked = Effect.runSyncExit(Effect.provide(HotdataClient.make(settings), transport))
  if (Exit.isFailure(checked)) {
    const failure = Cause.failureOption(checked.cause)
    throw failure._tag === "Some" ? mark(failure.value) : Cause.squash(checked.cause)
  }
  const service = checked.value
  // Calls run on a runtime whose context holds the client (for the helpers that ask for it),
  // and the HTTP client of the caller's agents when there are some (for storage PUTs).
  const context = Context.make(HotdataClient.HotdataClient, service)
  const runtime = Runtime.make({
    context: agentsClient === undefined ? context : Context.add(context, HttpClient.HttpClient, agentsClient),
    runtimeFlags: Runtime.defaultRuntime.runtimeFlags,
    fiberRefs: Runtime.defaultRuntime.fiberRefs
  })
  const fork = Runtime.runFork(runtime)

  // What ends the calls and iterations in flight, so that dispose() can cancel them.
  const inFlight = new Set<(reason: unknown) => void>()
  let disposed = false
  const disposedError = () => new DOMException("The Hotdata client was disposed", "AbortError")
  const abortedError = (signal: AbortSignal) => signal.reason ?? new DOMException("The call was aborted", "AbortError")

  /** A controller aborted by the caller's signal and by dispose(); `release` detaches it. */
  const track = (signal: AbortSignal | undefined) => {
    if (disposed) throw disposedError()
    if (signal?.aborted) throw abortedError(signal)
    const controller = new AbortController()
    const forward = () => controller.abort(abortedError(signal!))
    const end = (reason: unknown) => controller.abort(reason)
    signal?.addEventListener("abort", forward, { once: true })
    inFlight.add(end)
    const release = () => {
      inFlight.delete(end)
      signal?.removeEventListener("abort", forward)
    }
    return { controller, release }
  }

  /** The error a failed call rejects with: the SDK's typed error where there is one. */
  const errorOf = (cause: Cause.Cause<unknown>): unknown => {
    const failure = Cause.failureOption(cause)
    return failure._tag === "Some" ? mark(failure.value) : Cause.squash(cause)
  }

  const rethrow = (controller: AbortController, cause: Cause.Cause<unknown>): never => {
    if (controller.signal.aborted) throw controller.signal.reason
    throw errorOf(cause)
  }

  // One fiber per call, observed: no controller unless the caller gave a signal. An abort
  // (the caller's signal or dispose()) interrupts the fiber, and the call rejects with its reason.
  const run: Runner["run"] = <A, E>(
    effect: Effect.Effect<A, E, HotdataClient.HotdataClient>,
    callOptions?: CallOptions
  ): Promise<A> =>
    new Promise<A>((resolve, reject) => {
      const signal = callOptions?.signal
      if (disposed) return reject(disposedError())
      if (signal?.aborted) return reject(abortedError(signal))
      const fiber = fork(applyOptions(effect, callOptions))
      let aborted: { readonly reason: unknown } | undefined
      const end = (reason: unknown) => {
        aborted ??= { reason }
        fiber.unsafeInterruptAsFork(FiberId.none)
      }
      const onAbort = () => end(abortedError(signal!))
      inFlight.add(end)
      signal?.addEventListener("abort", onAbort, { once: true })
      fiber.addObserver((exit) => {
        inFlight.delete(end)
        signal?.removeEventListener("abort", onAbort)
        if (aborted !== undefined) reject(aborted.reason)
        else if (Exit.isSuccess(exit)) resolve(exit.value)
        else reject(errorOf(exit.cause))
      })
    })

  const iterate: Runner["iterate"] = <A, E>(
    stream: Stream.Stream<A, E, HotdataClient.HotdataClient>,
    callOptions?: CallOptions
  ): AsyncIterable<A> => ({
    [Symbol.asyncIterator]: () => {
      const { controller, release } = track(callOptions?.signal)
      let inner: AsyncIterator<A> | undefined
      const stop = () => {
        release()
        return inner?.return?.()
      }
      // An abort (signal or dispose) interrupts the stream; the pending next() rejects with the reason.
      const aborted = new Promise<never>((_, reject) =>
        controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true })
      )
      aborted.catch(() => {})
      const get = async () => inner ??= Stream.toAsyncIterableRuntime(stream, runtime)[Symbol.asyncIterator]()
      const unwrap = (error: unknown): never => {
        if (controller.signal.aborted) throw controller.signal.reason
        if (Runtime.isFiberFailure(error)) return rethrow(controller, error[Runtime.FiberFailureCauseId])
        throw error
      }
      return {
        next: async () => {
          if (controller.signal.aborted) {
            await stop()
            throw controller.signal.reason
          }
          try {
            const result = await Promise.race([
              get().then((it) => it.next()),
              aborted
            ])
            if (result.done) release()
            return result
          } catch (error) {
            await Promise.resolve(stop()).catch(() => {})
            return unwrap(error)
          }
        },
        return: async () => {
          await stop()
          return { done: true, value: undefined }
        }
      }
    }
  })

  const runner: Runner = { run, iterate }

  const groups: Record<string, Record<string, unknown>> = {}
  const responseGroups: Record<string, Record<string, unknown>> = {}
  for (const operation of Object.values(Operations.all) as ReadonlyArray<Operation.Operation>) {
    const group = (groups[operation.group] ??= {})
    const responseGroup = (responseGroups[operation.group] ??= {})
    // The number of positional arguments of the Effect method; a CallOptions may follow.
    const arity = internal.arity(operation)
    const method = (service as any)[operation.group][operation.name] as (
      ...args: Array<unknown>
    ) => Effect.Effect<unknown, unknown>
    const callOf = (args: Array<unknown>) => {
      const callOptions = args[arity] as CallOptions | undefined
      // Built in the call's fiber: whatever the arguments are, the call rejects, never throws.
      const effect = Effect.suspend(() => {
        if (callOptions?.idempotencyKey === undefined || operation.idempotencyKey === undefined) {
          return method(...args.slice(0, arity))
        }
        // The key travels as the method's `idempotencyKey` option, its last argument.
        const positional = args.slice(0, arity)
        while (positional.length < arity) positional.push(undefined)
        const last = positional.pop() as Record<string, unknown> | undefined
        return method(...positional, { ...last, idempotencyKey: callOptions.idempotencyKey })
      })
      return { effect, callOptions }
    }
    group[operation.name] = (...args: Array<unknown>) => {
      const { callOptions, effect } = callOf(args)
      return run(effect, callOptions)
    }
    responseGroup[operation.name] = (...args: Array<unknown>) => {
      const { callOptions, effect } = callOf(args)
      return run(HotdataClient.withResponse(effect), callOptions)
    }
    if (operation.pagination) {
      const pageArity = operation.pathParams.length + 1
      group[`${operation.name}Stream`] = (...args: Array<unknown>) =>
        iterate(
          Stream.suspend(() =>
            (service as any)[operation.group][`${operation.name}Stream`](...args.slice(0, pageArity)) as Stream.Stream<
              unknown,
              unknown
            >
          ),
          args[pageArity] as CallOptions | undefined
        )
    }
  }

  const dispose = async () => {
    if (disposed) return
    disposed = true
    for (const end of inFlight) end(disposedError())
  }

  const runQuery = (sql: string, queryOptions: Query.Options, callOptions?: CallOptions) =>
    run(Query.run(sql, queryOptions), callOptions)

  return {
    ...(groups as unknown as PromiseGroups),
    withResponse: responseGroups as unknown as WithResponseGroups,
    sql: {
      run: runQuery,
      runAs: async (sql, queryOptions, decode, callOptions) => {
        const result = await runQuery(sql, queryOptions, callOptions)
        return result.rows.map((row) => decode(Object.fromEntries(result.columns.map((name, i) => [name, row[i]]))))
      },
      submit: (sql, submitOptions, callOptions) => run(Query.submit(sql, submitOptions), callOptions),
      fetchAll: (resultId, fetchOptions, callOptions) => run(Query.fetchAll(resultId, fetchOptions), callOptions)
    },
    wait: {
      queryRun: (id, pollOptions, callOptions) => run(Polling.queryRun(id, pollOptions), callOptions),
      job: (id, pollOptions, callOptions) => run(Polling.job(id, pollOptions), callOptions),
      result: (id, pollOptions, callOptions) => run(Polling.result(id, pollOptions), callOptions)
    },
    runQuery,
    dispose,
    [Symbol.asyncDispose]: dispose,
    [RunnerId]: runner
  } as HotdataPromiseClient
}

/** Marks a tagged error as thrown by the SDK, for `instanceof HotdataPromiseError`. */
const mark = <A>(error: A): A => {
  if (typeof error === "object" && error !== null && "_tag" in error) sdkErrors.add(error)
  return error
}
