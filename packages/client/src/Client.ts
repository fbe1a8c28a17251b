/**
 * The Promise client's own types, as plain TypeScript: its settings, its methods beyond
 * the generated operation groups, and the shape of what it throws.
 *
 * @since 0.1.0
 */
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
export interface RetryPolicyOptions {
  /** Retries after the first attempt. Default 3. */
  readonly maxRetries?: number | undefined
  /** The first delay, doubled each retry. */
  readonly baseDelay?: DurationInput | undefined
  /** The longest delay between two attempts. */
  readonly maxDelay?: DurationInput | undefined
  /** No retry starts after this much time since the first attempt. */
  readonly deadline?: DurationInput | undefined
  /** Random spread of each delay, from 0 to 1. */
  readonly jitter?: number | undefined
}

/**
 * The names `logLevel` and the `HOTDATA_LOG` variable accept.
 *
 * @since 0.1.0
 * @category models
 */
export type LogLevel = "debug" | "info" | "warning" | "error" | "off"

/**
 * The settings of `createHotdataClient`.
 *
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
  /** Time limit of each attempt of each request. */
  readonly timeout?: DurationInput | undefined
  /** A response body that stalls this long fails the call. Default 60 s. */
  readonly idleTimeout?: DurationInput | undefined
  /**
   * The most bytes a response body read whole may hold, decompressed. Default 128 MiB;
   * past it the call rejects with `ResponseTooLarge`. `Infinity` for no bound.
   */
  readonly maxResponseBytes?: number | undefined
  /**
   * How many times its encoded size a compressed response body may expand to, streamed
   * bodies included, once past its first 16 MiB. Default 200; past it the call (or the
   * iteration) rejects with `ResponseTooLarge`. `Infinity` for no bound.
   */
  readonly maxCompressionRatio?: number | undefined
  readonly retryPolicy?: RetryPolicy | undefined
  /**
   * `"debug"` prints one line per request, retry and answer to the console (no headers,
   * no query string); the `HOTDATA_LOG` environment variable sets it when this is unset.
   */
  readonly logLevel?: LogLevel | undefined
  /**
   * The `fetch` to send requests with. Without it, the client sends over `node:http`
   * where the runtime has it (Node, Bun, Deno) and over the global `fetch` elsewhere
   * (browsers, workers). Pass `globalThis.fetch` to send over `fetch` everywhere.
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

/**
 * How long to wait for background work (a query run, a job, a result).
 *
 * @since 0.1.0
 * @category models
 */
export interface PollingOptions {
  /** Total time to wait. Default 120 s. */
  readonly deadline?: DurationInput | undefined
}

/**
 * Where and how SQL runs.
 *
 * @since 0.1.0
 * @category models
 */
export interface SubmitOptions {
  /** The database to run in (sent as `X-Database-Id`). */
  readonly databaseId: string
  readonly defaultCatalog?: string | undefined
  readonly defaultSchema?: string | undefined
  /** SQL dialect of the text (`hotsql` by default on the server). */
  readonly dialect?: string | undefined
  /** Submit as a query run and wait for it instead of holding the request open. */
  readonly async?: boolean | undefined
  /** With `async`: answer inline when the query finishes within this many ms. */
  readonly asyncAfterMs?: number | undefined
}

/**
 * The options of `sql.run` and `runQuery`.
 *
 * @since 0.1.0
 * @category models
 */
export interface QueryOptions extends SubmitOptions {
  /** Fetch the full result when the answer is a truncated preview. Default `true`. */
  readonly followTruncated?: boolean | undefined
  /** Refuse to fetch more rows than this (`null`: no limit). Default 1,000,000. */
  readonly maxRows?: number | null | undefined
  /** Refuse to fetch more bytes than this (`null`: no limit). Default 64 MiB. */
  readonly maxBytes?: number | null | undefined
  /** Rows per page when fetching a full result. Default 50,000. */
  readonly pageSize?: number | undefined
  readonly polling?: PollingOptions | undefined
}

/**
 * Every row of a query, with its columns.
 *
 * @since 0.1.0
 * @category models
 */
export interface QueryResult {
  readonly columns: ReadonlyArray<string>
  readonly nullable: ReadonlyArray<boolean>
  readonly rows: ReadonlyArray<ReadonlyArray<unknown>>
  readonly totalRowCount: number
  readonly truncated: boolean
  readonly queryRunId: string | undefined
  readonly resultId: string | undefined
  readonly warning: string | undefined
  readonly executionTimeMs: number | undefined
}

/**
 * The server's first answer to SQL: rows inline (200) or a query run still going (202).
 *
 * @since 0.1.0
 * @category models
 */
export type SubmitAnswer =
  | { readonly status: 200; readonly body: Schemas.QueryResponse }
  | { readonly status: 202; readonly body: Schemas.AsyncQueryResponse }

/**
 * The options of `sql.fetchAll`.
 *
 * @since 0.1.0
 * @category models
 */
export interface FetchAllOptions {
  readonly databaseId: string
  readonly maxRows?: number | null | undefined
  readonly maxBytes?: number | null | undefined
  readonly pageSize?: number | undefined
  /** The row count the result should have; fewer rows fail with `ResultIncomplete`. */
  readonly expectedRows?: number | undefined
}

/**
 * Every row of a stored result.
 *
 * @since 0.1.0
 * @category models
 */
export interface FetchAllResult {
  readonly columns: ReadonlyArray<string>
  readonly nullable: ReadonlyArray<boolean>
  readonly rows: Array<ReadonlyArray<unknown>>
  readonly total: number
}

/**
 * The response a call's body came from.
 *
 * @since 0.1.0
 * @category models
 */
export interface ResponseInfo {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly traceId: string | undefined
}

/**
 * A call's parsed body with its response.
 *
 * @since 0.1.0
 * @category models
 */
export interface WithResponse<A> {
  readonly data: A
  readonly response: ResponseInfo
}

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
export interface HotdataClient extends Groups.Groups, AsyncDisposable {
  /** The same operations, answering `{ data, response: { status, headers, traceId } }`. */
  readonly withResponse: WithResponseGroups
  /** Query helpers. */
  readonly sql: {
    /** Runs SQL and returns every row. */
    readonly run: (sql: string, options: QueryOptions, callOptions?: CallOptions) => Promise<QueryResult>
    /** Runs SQL and decodes each row with `decode`; a throw rejects. */
    readonly runAs: <A>(
      sql: string,
      options: QueryOptions,
      decode: (row: Record<string, unknown>) => A,
      callOptions?: CallOptions
    ) => Promise<ReadonlyArray<A>>
    /** Submits SQL without waiting for rows. */
    readonly submit: (sql: string, options: SubmitOptions, callOptions?: CallOptions) => Promise<SubmitAnswer>
    /** Every row of a ready result. */
    readonly fetchAll: (
      resultId: string,
      options: FetchAllOptions,
      callOptions?: CallOptions
    ) => Promise<FetchAllResult>
  }
  /** Waiting for background work. */
  readonly wait: {
    readonly queryRun: (
      id: string,
      options: PollingOptions & { readonly databaseId: string },
      callOptions?: CallOptions
    ) => Promise<Schemas.QueryRunInfo>
    readonly job: (
      id: string,
      options?: PollingOptions,
      callOptions?: CallOptions
    ) => Promise<Schemas.JobStatusResponse>
    readonly result: (
      id: string,
      options: PollingOptions & { readonly databaseId: string },
      callOptions?: CallOptions
    ) => Promise<Schemas.GetResultResponse>
  }
  /** Runs SQL and returns every row. Same as `sql.run`. */
  readonly runQuery: (sql: string, options: QueryOptions, callOptions?: CallOptions) => Promise<QueryResult>
  /** Aborts every call and iteration in flight and releases the client's resources. Later calls reject. */
  readonly dispose: () => Promise<void>
}

/**
 * What every error the client throws carries: its `_tag` (`"NotFound"`,
 * `"RateLimited"`, `"StorageError"`, ...), a `message`, and for HTTP failures the
 * `status` and the server's `traceId`. Other fields depend on the tag.
 *
 * @since 0.1.0
 * @category errors
 */
export interface HotdataPromiseError extends Error {
  readonly _tag: string
  readonly status?: number | undefined
  readonly traceId?: string | undefined
}

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
