import type { DuckDBDataChunk, DuckDBType } from "@duckdb/node-api"

/**
 * What the engine's modules and its callers exchange: a database as the engine sees it, and
 * the outcomes of queries and loads.
 */

/** @internal */
export interface EngineDatabase {
  readonly id: string
  readonly file: string
  readonly default_catalog: string
  readonly attachments?: ReadonlyArray<{ readonly alias: string; readonly file: string }> | undefined
}

/**
 * What a keyed load records beside its rows: its idempotency slot and the answer it gives,
 * built from the table as the load's transaction leaves it.
 *
 * @internal
 */
export interface LoadReceipt {
  readonly slot: string
  readonly answer: (outcome: LoadOutcome) => string
}

/** A table after a load: its row count and columns. @internal */
export interface LoadOutcome {
  readonly rowCount: number
  readonly columns: Array<ColumnDescription>
}

/** Where a query runs, how many rows it previews, and where its result is written. @internal */
export interface QueryOptions {
  readonly catalog?: string | undefined
  readonly schema?: string | undefined
  readonly previewLimit: number
  readonly resultFile?: string | undefined
}

/** @internal */
export interface QueryOutcome {
  readonly columns: ReadonlyArray<string>
  readonly types: ReadonlyArray<string>
  readonly rows: Array<ReadonlyArray<unknown>>
  readonly truncated: boolean
  readonly isQuery: boolean
  /** Why the last statement's result was not saved, when it was a query and could not be. */
  readonly persistError?: string | undefined
}

/** @internal */
export interface ResultChunks {
  readonly names: ReadonlyArray<string>
  readonly types: ReadonlyArray<DuckDBType>
  readonly chunks: AsyncIterable<DuckDBDataChunk>
}

/** @internal */
export interface ColumnDescription {
  readonly name: string
  readonly type: string
  readonly nullable: boolean
}

/** @internal */
export interface LoadSource {
  readonly file: string
  readonly format: "csv" | "json" | "parquet"
  readonly compression?: "gzip" | undefined
  readonly columns?: Readonly<Record<string, string>> | undefined
}
