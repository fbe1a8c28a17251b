/**
 * The Promise client's own types, as plain TypeScript: its settings, its methods beyond
 * the generated operation groups, and the shape of what it throws.
 *
 * @since 0.1.0
 */
import type * as KernelSettings from "@hotdata-effect/kernel/settings"
import type * as CallTypes from "@hotdata-effect/kernel/types/call"
import type * as ClientTypes from "@hotdata-effect/kernel/types/client"
import type * as ErrorTypes from "@hotdata-effect/kernel/types/errors"
import type * as QueryTypes from "@hotdata-effect/kernel/types/query"
import type * as RetryTypes from "@hotdata-effect/kernel/types/retry"
import type { CallOptions, DurationInput } from "./CallOptions.js"
import type * as Groups from "./generated/Groups.js"
import type * as Schemas from "./generated/Schemas.js"

/**
 * How requests are retried: made by `retryPolicy(...)`, or `noRetries`. Opaque.
 *
 * @since 0.1.0
 * @category models
 */
export interface RetryPolicy {
  readonly "~hotdata/RetryPolicy": unique symbol
}

/**
 * The settings of `retryPolicy(...)`.
 *
 * @since 0.1.0
 * @category models
 */
export interface RetryPolicyOptions extends RetryTypes.RetryPolicyOptions {}

/**
 * The names `logLevel` and the `HOTDATA_LOG` variable accept.
 *
 * @since 0.1.0
 * @category models
 */
export type LogLevel = KernelSettings.LogLevel

/**
 * The settings of `createHotdataClient`: the API key, workspace and base URL (read from
 * `HOTDATA_*` variables when unset), the settings every client takes, and how requests
 * are sent (`fetch` or `agents`).
 *
 * @since 0.1.0
 * @category models
 */
export interface Options extends KernelSettings.PromiseSettings<DurationInput, RetryPolicy> {}

/**
 * How long to wait for background work (a query run, a job, a result).
 *
 * @since 0.1.0
 * @category models
 */
export interface PollingOptions extends QueryTypes.PollingOptions {}

/**
 * Where and how SQL runs.
 *
 * @since 0.1.0
 * @category models
 */
export interface SubmitOptions extends QueryTypes.SubmitOptions {}

/**
 * The options of `sql.run` and `runQuery`.
 *
 * @since 0.1.0
 * @category models
 */
export interface QueryOptions extends QueryTypes.QueryOptions<PollingOptions> {}

/**
 * Every row of a query, with its columns.
 *
 * @since 0.1.0
 * @category models
 */
export interface QueryResult extends QueryTypes.QueryResult {}

/**
 * The server's first answer to SQL: rows inline (200) or a query run still going (202).
 *
 * @since 0.1.0
 * @category models
 */
export type SubmitAnswer = QueryTypes.SubmitAnswer<Schemas.QueryResponse, Schemas.AsyncQueryResponse>

/**
 * The options of `sql.fetchAll`.
 *
 * @since 0.1.0
 * @category models
 */
export interface FetchAllOptions extends QueryTypes.FetchAllOptions {}

/**
 * Every row of a stored result.
 *
 * @since 0.1.0
 * @category models
 */
export interface FetchAllResult extends QueryTypes.FetchAllResult {}

/**
 * The response a call's body came from.
 *
 * @since 0.1.0
 * @category models
 */
export interface ResponseInfo extends CallTypes.ResponseInfo {}

/**
 * A call's parsed body with its response.
 *
 * @since 0.1.0
 * @category models
 */
export interface WithResponse<A> extends CallTypes.WithResponse<A> {}

/**
 * The operation groups again, each method answering its body with its response.
 *
 * @since 0.1.0
 * @category models
 */
export type WithResponseGroups = {
  readonly [G in keyof Groups.Groups]: {
    readonly [M in keyof Groups.Groups[G] as M extends `${string}Stream` ? never : M]: Groups.Groups[G][M] extends
      (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<WithResponse<R>>
      : never
  }
}

/**
 * A client made by `createHotdataClient`: every operation of the API by group, query
 * and wait helpers, and `dispose()`.
 *
 * @since 0.1.0
 * @category models
 */
export interface HotdataClient extends Groups.Groups, AsyncDisposable, ClientTypes.Helpers<HelperTypes> {
  /** The same operations, answering `{ data, response: { status, headers, traceId } }`. */
  readonly withResponse: WithResponseGroups
}

/** The types the helpers of the client take and answer. */
interface HelperTypes {
  readonly callOptions: CallOptions
  readonly polling: PollingOptions
  readonly queryOptions: QueryOptions
  readonly queryResult: QueryResult
  readonly submitOptions: SubmitOptions
  readonly submitAnswer: SubmitAnswer
  readonly fetchAllOptions: FetchAllOptions
  readonly fetchAllResult: FetchAllResult
  readonly queryRun: Schemas.QueryRunInfo
  readonly job: Schemas.JobStatusResponse
  readonly result: Schemas.GetResultResponse
}

/**
 * What every error the client throws carries: its `_tag` (`"NotFound"`,
 * `"RateLimited"`, `"StorageError"`, ...), a `message`, and for HTTP failures the
 * `status` and the server's `traceId`. Other fields depend on the tag.
 *
 * @since 0.1.0
 * @category errors
 */
export interface HotdataPromiseError extends ErrorTypes.TaggedError {}

/**
 * The `HotdataPromiseError` value: `err instanceof HotdataPromiseError` holds for every
 * error the client throws. It is not a class to construct.
 *
 * @since 0.1.0
 * @category errors
 */
export interface HotdataPromiseErrorConstructor {
  readonly prototype: HotdataPromiseError
  [Symbol.hasInstance](u: unknown): u is HotdataPromiseError
}
