/**
 * The options of reading results as Arrow and exporting them, as plain types. `Wait` is
 * how to wait for a result that is not ready: polling options of the caller's kind.
 *
 * @since 0.1.0
 */
import type { PollingOptions, SubmitOptions } from "./query.js"

/**
 * The options of reading a stored result as Arrow.
 *
 * @since 0.1.0
 * @category models
 */
export interface ResultOptions<Wait = PollingOptions> {
  /** The database the query ran in (sent as `X-Database-Id`). */
  readonly databaseId: string
  /** The first row to read. Default 0. */
  readonly offset?: number | undefined
  /** How many rows to read at most. Default: every row from `offset`. */
  readonly limit?: number | undefined
  /**
   * What to do when the result is not ready yet. `false` (the default): fail at once
   * with `NotReady`, which carries the server's `retryAfter`. `true` or polling options:
   * keep asking until it is ready or the deadline passes (`PollTimeout`). The wait asks
   * for the data itself, so nothing is downloaded twice.
   */
  readonly wait?: boolean | Wait | undefined
}

/**
 * The options of running SQL for Arrow batches.
 *
 * @since 0.1.0
 * @category models
 */
export interface QueryOptions<Wait = PollingOptions> extends SubmitOptions {
  /** The first row to read. Default 0. */
  readonly offset?: number | undefined
  /** How many rows to read at most. Default: every row from `offset`. */
  readonly limit?: number | undefined
  /**
   * How to wait for the query run and the result. `true` (the default) or polling
   * options: wait on a schedule, honouring `Retry-After`, until the deadline (one
   * deadline for both waits). `false`: fail at once with `NotReady` when the query run
   * or the result is still being computed.
   */
  readonly wait?: boolean | Wait | undefined
}

/**
 * A file format of an export.
 *
 * @since 0.1.0
 * @category models
 */
export type ExportFormat = "arrow" | "csv" | "parquet"

/**
 * The options of exporting a stored result to a file.
 *
 * @since 0.1.0
 * @category models
 */
export interface ExportOptions<Wait = PollingOptions> extends ResultOptions<Wait> {
  readonly format: ExportFormat
}

/**
 * The file an export wrote.
 *
 * @since 0.1.0
 * @category models
 */
export interface Written {
  readonly path: string
  readonly format: ExportFormat
  readonly bytes: number
  /** The number of rows of the whole result (`X-Total-Row-Count`), when the server said. */
  readonly totalRowCount: number | undefined
}
