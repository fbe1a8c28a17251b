/**
 * The options and answers of running SQL, as plain types: what `Query.run`, `submit` and
 * `fetchAll` take and return, in the Effect API and the Promise clients alike. Where an
 * option holds a length of time or a polling policy, its type is a parameter.
 *
 * @since 0.1.0
 */
import type { DurationInput } from "./duration.js"

/**
 * How long to wait for background work (a query run, a job, a result).
 *
 * @since 0.1.0
 * @category models
 */
export interface PollingOptions<D = DurationInput> {
  /** Total time to wait. Default 120 s. */
  readonly deadline?: D | undefined
}

/**
 * What `submit` sends with the SQL: the database and how the server should run it.
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
 * The options of running SQL for every row; `Polling` is how to wait for query runs and
 * results.
 *
 * @since 0.1.0
 * @category models
 */
export interface QueryOptions<Polling = PollingOptions> extends SubmitOptions {
  /** Fetch the full result when the answer is a truncated preview. Default `true`. */
  readonly followTruncated?: boolean | undefined
  /** Refuse to fetch more rows than this (`null`: no limit). Default 1,000,000. */
  readonly maxRows?: number | null | undefined
  /** Refuse to hold more than about this many bytes of cells (`null`: no limit). Default 64 MiB. */
  readonly maxBytes?: number | null | undefined
  /** Rows per page when fetching a result. Default 50,000. */
  readonly pageSize?: number | undefined
  /** How to wait for query runs and results. */
  readonly polling?: Polling | undefined
}

/**
 * Every row of a query, with what the server said about it.
 *
 * @since 0.1.0
 * @category models
 */
export interface QueryResult {
  readonly columns: ReadonlyArray<string>
  readonly nullable: ReadonlyArray<boolean>
  readonly rows: ReadonlyArray<ReadonlyArray<unknown>>
  /** The total number of rows of the result. */
  readonly totalRowCount: number
  /** Whether the first answer was a truncated preview (the rows here are complete anyway). */
  readonly truncated: boolean
  readonly queryRunId: string | undefined
  readonly resultId: string | undefined
  readonly warning: string | undefined
  readonly executionTimeMs: number | undefined
}

/**
 * The server's first answer to SQL: rows inline (200) or a query run still going (202).
 * `Inline` and `Running` are the contract's `QueryResponse` and `AsyncQueryResponse`.
 *
 * @since 0.1.0
 * @category models
 */
export type SubmitAnswer<Inline, Running> =
  | { readonly status: 200; readonly body: Inline }
  | { readonly status: 202; readonly body: Running }

/**
 * The options of fetching every row of a stored result.
 *
 * @since 0.1.0
 * @category models
 */
export type FetchAllOptions = Pick<QueryOptions<unknown>, "databaseId" | "maxRows" | "maxBytes" | "pageSize"> & {
  /** The row count the result should have; fewer rows fail with `ResultIncomplete`. */
  readonly expectedRows?: number | undefined
}

/**
 * Every row of a stored result.
 *
 * @since 0.1.0
 * @category models
 */
export interface FetchAllResult extends Pick<QueryResult, "columns" | "nullable"> {
  readonly rows: Array<ReadonlyArray<unknown>>
  readonly total: number
}
