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
import * as Cause from "effect/Cause"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import * as Runtime from "effect/Runtime"
import * as Stream from "effect/Stream"
import type * as Groups from "./generated/Groups.js"
import * as Operations from "./generated/Operations.js"
import * as HotdataClient from "./HotdataClient.js"
import type * as Operation from "./Operation.js"
import * as Query from "./Query.js"
import type * as RetryPolicy from "./RetryPolicy.js"

/**
 * Per-call settings of the Promise client.
 *
 * @since 0.1.0
 * @category models
 */
export interface CallOptions {
  /** Aborting it cancels the call (and its HTTP request); the Promise rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined
}

type Promisify<F> = F extends (...args: infer A) => Effect.Effect<infer R, any, any>
  ? (...args: [...A, CallOptions?]) => Promise<R>
  : F extends (...args: infer A) => Stream.Stream<infer R, any, any> ? (...args: A) => AsyncIterable<R>
  : never

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
 * @since 0.1.0
 * @category models
 */
export interface HotdataPromiseClient extends PromiseGroups {
  /** Runs SQL and returns every row (see `Query.run`). */
  readonly runQuery: (sql: string, options: Query.Options, callOptions?: CallOptions) => Promise<Query.QueryResult>
  /** Aborts every call in flight and releases the client's resources. Later calls reject. */
  readonly dispose: () => Promise<void>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  readonly apiKey: string
  readonly workspaceId?: string | undefined
  readonly baseUrl?: string | undefined
  readonly userAgent?: string | undefined
  readonly timeout?: Duration.DurationInput | undefined
  /** See `HotdataClient.Options.idleTimeout`: 60 s of a stalled response body by default. */
  readonly idleTimeout?: Duration.DurationInput | undefined
  readonly retryPolicy?: RetryPolicy.RetryPolicy | undefined
  /** The `fetch` to send requests with (default: the global one). */
  readonly fetch?: typeof globalThis.fetch | undefined
}

/**
 * Creates a Promise client. Call `dispose()` when done with it.
 *
 * @since 0.1.0
 * @category constructors
 */
export const createHotdataClient = (options: Options): HotdataPromiseClient => {
  const transport = options.fetch === undefined
    ? FetchHttpClient.layer
    : FetchHttpClient.layer.pipe(Layer.provide(Layer.succeed(FetchHttpClient.Fetch, options.fetch)))
  const runtime = ManagedRuntime.make(
    HotdataClient.layer({
      apiKey: Redacted.make(options.apiKey),
      workspaceId: options.workspaceId,
      baseUrl: options.baseUrl,
      userAgent: options.userAgent,
      timeout: options.timeout,
      idleTimeout: options.idleTimeout,
      retryPolicy: options.retryPolicy
    }).pipe(Layer.provide(transport))
  )

  // Calls in flight, so that dispose() can cancel them.
  const inFlight = new Set<AbortController>()
  let disposed = false
  const disposedError = () => new DOMException("The Hotdata client was disposed", "AbortError")

  const run = async <A>(effect: Effect.Effect<A, unknown, HotdataClient.HotdataClient>, callOptions?: CallOptions) => {
    if (disposed) throw disposedError()
    const signal = callOptions?.signal
    if (signal?.aborted) throw signal.reason ?? new DOMException("The call was aborted", "AbortError")
    const controller = new AbortController()
    const forward = () => controller.abort(signal?.reason)
    signal?.addEventListener("abort", forward, { once: true })
    inFlight.add(controller)
    try {
      const exit = await runtime.runPromiseExit(effect, { signal: controller.signal })
      if (Exit.isSuccess(exit)) return exit.value
      if (signal?.aborted) throw signal.reason ?? new DOMException("The call was aborted", "AbortError")
      if (controller.signal.aborted) throw disposedError()
      const failure = Cause.failureOption(exit.cause)
      if (failure._tag === "Some") throw failure.value
      throw Cause.squash(exit.cause)
    } finally {
      inFlight.delete(controller)
      signal?.removeEventListener("abort", forward)
    }
  }

  /** A stream as an async iterable; a failure is thrown as the tagged error itself. */
  const iterate = <A>(stream: Stream.Stream<A, unknown, HotdataClient.HotdataClient>): AsyncIterable<A> => ({
    [Symbol.asyncIterator]: () => {
      let inner: AsyncIterator<A> | undefined
      const unwrap = (error: unknown): never => {
        if (Runtime.isFiberFailure(error)) {
          const failure = Cause.failureOption(error[Runtime.FiberFailureCauseId])
          if (failure._tag === "Some") throw failure.value
        }
        throw error
      }
      const get = async () =>
        inner ??= Stream.toAsyncIterableRuntime(stream, await runtime.runtime())[Symbol.asyncIterator]()
      return {
        next: async () => (await get()).next().catch(unwrap),
        return: async () => (await get()).return?.() ?? { done: true, value: undefined }
      }
    }
  })

  const groups: Record<string, Record<string, unknown>> = {}
  for (const operation of Object.values(Operations.all) as ReadonlyArray<Operation.Operation>) {
    const group = (groups[operation.group] ??= {})
    // The number of positional arguments of the Effect method; a CallOptions may follow.
    const arity = operation.pathParams.length + (operation.payload ? 1 : 0) +
      (operation.query.length + operation.headers.length > 0 ? 1 : 0)
    group[operation.name] = (...args: Array<unknown>) =>
      run(
        Effect.flatMap(HotdataClient.HotdataClient, (client) =>
          (client as any)[operation.group][operation.name](...args.slice(0, arity)) as Effect.Effect<unknown, unknown>),
        args[arity] as CallOptions | undefined
      )
    if (operation.pagination) {
      group[`${operation.name}Stream`] = (...args: Array<unknown>) =>
        iterate(
          Stream.unwrap(
            Effect.map(HotdataClient.HotdataClient, (client) =>
              (client as any)[operation.group][`${operation.name}Stream`](...args) as Stream.Stream<unknown, unknown>)
          )
        )
    }
  }

  return {
    ...(groups as unknown as PromiseGroups),
    runQuery: (sql, queryOptions, callOptions) => run(Query.run(sql, queryOptions), callOptions),
    dispose: async () => {
      disposed = true
      for (const controller of inFlight) controller.abort(disposedError())
      await runtime.dispose()
    }
  }
}
