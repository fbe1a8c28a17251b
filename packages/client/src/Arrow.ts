/**
 * The types of Arrow results and exports, as plain TypeScript.
 *
 * @since 0.1.0
 */
import type { PollingOptions, SubmitOptions } from "./Client.js"

/**
 * The options of reading a stored result as Arrow.
 *
 * @since 0.1.0
 * @category models
 */
export interface ResultOptions {
  /** The database the query ran in (sent as `X-Database-Id`). */
  readonly databaseId: string
  /** The first row to read. Default 0. */
  readonly offset?: number | undefined
  /** How many rows to read at most. Default: every row from `offset`. */
  readonly limit?: number | undefined
  /**
   * What to do when the result is not ready yet. `false` (the default): fail at once
   * with `NotReady`. `true` or polling options: wait until it is ready or the deadline passes.
   */
  readonly wait?: boolean | PollingOptions | undefined
}

/**
 * The options of running SQL for Arrow batches.
 *
 * @since 0.1.0
 * @category models
 */
export interface ArrowQueryOptions extends SubmitOptions {
  /** The first row to read. Default 0. */
  readonly offset?: number | undefined
  /** How many rows to read at most. Default: every row from `offset`. */
  readonly limit?: number | undefined
  /** How to wait for the query run and the result: `true` (the default), polling options, or `false`. */
  readonly wait?: boolean | PollingOptions | undefined
}

/**
 * A file format of an export.
 *
 * @since 0.1.0
 * @category models
 */
export type ExportFormat = "arrow" | "csv" | "parquet"

/**
 * The options of `exportToFile`.
 *
 * @since 0.1.0
 * @category models
 */
export interface ExportOptions extends ResultOptions {
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
  /** The number of rows of the whole result, when the server said. */
  readonly totalRowCount: number | undefined
}
