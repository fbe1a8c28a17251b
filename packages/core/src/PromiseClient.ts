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
import type * as KernelSettings from "@hotdata-effect/kernel/settings"
import type * as CallTypes from "@hotdata-effect/kernel/types/call"
import type * as ClientTypes from "@hotdata-effect/kernel/types/client"
import type * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type * as Groups from "./generated/Groups.js"
import type * as Schemas from "./generated/Schemas.js"
import type * as HotdataClient from "./HotdataClient.js"
import * as HotdataError from "./HotdataError.js"
import * as PromiseGroupsInternal from "./internal/promise/groups.js"
import * as PromiseRunner from "./internal/promise/runner.js"
import * as PromiseSettings from "./internal/promise/settings.js"
import * as Polling from "./Polling.js"
import * as Query from "./Query.js"
import type * as RetryPolicy from "./RetryPolicy.js"

/**
 * Per-call settings of the Promise client, taken by every method as its last argument
 * (see the kernel's `CallOptions`): an abort signal, a timeout, retries, headers, an
 * idempotency key.
 *
 * @since 0.1.0
 * @category models
 */
export type CallOptions = CallTypes.CallOptions<Duration.DurationInput>

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
    return HotdataError.isHotdataError(u) || PromiseRunner.isSdkError(u)
  }
}

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
  const runner = (client as { readonly [RunnerId]?: Runner | undefined })[RunnerId]
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
export interface HotdataPromiseClient extends PromiseGroups, AsyncDisposable, ClientTypes.Helpers<HelperTypes> {
  /** The same operations, answering `{ data, response: { status, headers, traceId } }`. */
  readonly withResponse: WithResponseGroups
}

/** The types the helpers of the Promise client take and answer: the Effect API's. */
interface HelperTypes {
  readonly callOptions: CallOptions
  readonly polling: Polling.Options
  readonly queryOptions: Query.Options
  readonly queryResult: Query.QueryResult
  readonly submitOptions: Query.SubmitOptions
  readonly submitAnswer: Effect.Effect.Success<ReturnType<typeof Query.submit>>
  readonly fetchAllOptions: Parameters<typeof Query.fetchAll>[1]
  readonly fetchAllResult: Effect.Effect.Success<ReturnType<typeof Query.fetchAll>>
  readonly queryRun: Schemas.QueryRunInfo
  readonly job: Schemas.JobStatusResponse
  readonly result: Schemas.GetResultResponse
}

/**
 * The settings of `createHotdataClient` (see the kernel's `PromiseSettings`): the API key,
 * workspace and base URL (read from `HOTDATA_*` variables when unset), the settings every
 * client takes, and how requests are sent (`fetch` or `agents`).
 *
 * @since 0.1.0
 * @category models
 */
export interface Options extends KernelSettings.PromiseSettings<Duration.DurationInput, RetryPolicy.RetryPolicy> {}

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
  const { runtime, service } = PromiseSettings.resolve(options)
  const runner = PromiseRunner.make(runtime)
  const { run } = runner
  const { groups, withResponse } = PromiseGroupsInternal.make(service, runner)
  const runQuery = (sql: string, queryOptions: Query.Options, callOptions?: CallOptions) =>
    run(Query.run(sql, queryOptions), callOptions)
  const client: Omit<HotdataPromiseClient, keyof PromiseGroups> & { readonly [RunnerId]: Runner } = {
    withResponse,
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
    dispose: runner.dispose,
    [Symbol.asyncDispose]: runner.dispose,
    [RunnerId]: { run, iterate: runner.iterate }
  }
  return { ...groups, ...client }
}
