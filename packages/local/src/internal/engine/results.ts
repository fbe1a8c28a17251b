import type { DuckDBInstance } from "@duckdb/node-api"
import { type DuckDBDataChunk, type DuckDBType, type DuckDBValue } from "@duckdb/node-api"
import * as path from "node:path"
import { allowedTableFunctions, deniedScalarFunctions } from "../sqlPolicy.js"
import { quoteLiteral } from "../sqlText.js"
import { toJsonValue } from "../values.js"
import { sandboxedInstance } from "./sandbox.js"
import type { ColumnDescription, QueryOutcome, ResultChunks } from "./types.js"

/** @internal */
export const typeName = (type: DuckDBType): string => type.toString()

/**
 * Query results, written as Parquet files under the server's `results` directory and read
 * back through one shared sandboxed instance that reaches that directory only; the same
 * instance reads DuckDB's list of functions for the SQL policy.
 *
 * @internal
 */
export class ResultFiles {
  private resultsInstance: Promise<DuckDBInstance> | undefined
  private denied: Promise<ReadonlySet<string>> | undefined

  constructor(private readonly dataDir: string, private readonly spillDirectory: string) {}

  private results(): Promise<DuckDBInstance> {
    this.resultsInstance ??= sandboxedInstance([path.join(this.dataDir, "results")], [], this.spillDirectory)
    return this.resultsInstance
  }

  /**
   * The functions user SQL may not call: every table function and table macro DuckDB
   * brings that is not known to only read, and a few scalar ones (see `sqlPolicy.ts`).
   * Read once from DuckDB's own list, so functions a newer DuckDB adds are refused too.
   */
  deniedFunctions(): Promise<ReadonlySet<string>> {
    this.denied ??= (async () => {
      const conn = await (await this.results()).connect()
      try {
        const reader = await conn.runAndReadAll(
          "SELECT DISTINCT lower(function_name) FROM duckdb_functions() " +
            "WHERE internal AND function_type IN ('table', 'table_macro')"
        )
        const names = reader.getRows().map((row) => String(row[0])).filter((name) => !allowedTableFunctions.has(name))
        return new Set([...names, ...deniedScalarFunctions])
      } finally {
        conn.closeSync()
      }
    })()
    this.denied.catch(() => {
      this.denied = undefined
    })
    return this.denied
  }

  /** The first rows of a persisted result, and whether there are more. */
  async previewOf(file: string, limit: number): Promise<Omit<QueryOutcome, "isQuery">> {
    const instance = await this.results()
    const conn = await instance.connect()
    try {
      const reader = await conn.runAndReadAll(
        `SELECT * FROM read_parquet(${quoteLiteral(file)}) LIMIT ${Math.floor(limit) + 1}`
      )
      const all = reader.getRows()
      return {
        columns: reader.columnNames(),
        types: reader.columnTypes().map(typeName),
        rows: all.slice(0, limit).map((row) => row.map(toJsonValue)),
        truncated: all.length > limit
      }
    } finally {
      conn.closeSync()
    }
  }

  async describeParquet(
    file: string
  ): Promise<{ readonly rowCount: number; readonly columns: Array<ColumnDescription> }> {
    const instance = await this.results()
    const conn = await instance.connect()
    try {
      const count = await conn.runAndReadAll(`SELECT count(*) FROM read_parquet(${quoteLiteral(file)})`)
      const rowCount = Number(count.getRows()[0]?.[0] ?? 0)
      const described = await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${quoteLiteral(file)})`)
      const columns = described.getRowObjects().map((row) => ({
        name: String(row.column_name),
        type: String(row.column_type),
        nullable: String(row.null) !== "NO"
      }))
      return { rowCount, columns }
    } finally {
      conn.closeSync()
    }
  }

  /** Reads rows of a persisted result in chunks, converted to JSON values. */
  async *readResult(
    file: string,
    offset: number,
    limit: number | undefined
  ): AsyncGenerator<Array<ReadonlyArray<unknown>>> {
    for await (const chunk of this.readResultRaw(file, offset, limit)) yield chunk.map((row) => row.map(toJsonValue))
  }

  /** Reads rows of a persisted result in chunks, as DuckDB values. */
  async *readResultRaw(
    file: string,
    offset: number,
    limit: number | undefined
  ): AsyncGenerator<Array<ReadonlyArray<DuckDBValue>>> {
    const instance = await this.results()
    const conn = await instance.connect()
    try {
      const limitSql = limit === undefined ? "" : ` LIMIT ${Math.floor(limit)}`
      const result = await conn.stream(
        `SELECT * FROM read_parquet(${quoteLiteral(file)})${limitSql} OFFSET ${Math.floor(offset)}`
      )
      for await (const chunk of result) {
        const rows = chunk.getRows()
        if (rows.length > 0) yield rows
      }
    } finally {
      conn.closeSync()
    }
  }

  /**
   * Reads a window of a persisted result as DuckDB data chunks, handing `consume` the
   * column names and types and the chunks as they come (the next chunk is fetched while
   * the current one is being used). The connection closes when `consume` settles.
   */
  async withResultChunks<A>(
    file: string,
    offset: number,
    limit: number | undefined,
    consume: (result: ResultChunks) => Promise<A>
  ): Promise<A> {
    const instance = await this.results()
    const conn = await instance.connect()
    let pending: Promise<DuckDBDataChunk | null> | undefined
    try {
      const limitSql = limit === undefined ? "" : ` LIMIT ${Math.floor(limit)}`
      const result = await conn.stream(
        `SELECT * FROM read_parquet(${quoteLiteral(file)})${limitSql} OFFSET ${Math.floor(offset)}`
      )
      const chunks = async function*(): AsyncGenerator<DuckDBDataChunk> {
        pending = result.fetchChunk()
        for (;;) {
          const chunk = await pending
          pending = undefined
          if (chunk === null || chunk.rowCount === 0) return
          pending = result.fetchChunk()
          yield chunk
        }
      }
      return await consume({ names: result.columnNames(), types: result.columnTypes(), chunks: chunks() })
    } finally {
      // Never close the connection under a fetch still running.
      if (pending !== undefined) await pending.catch(() => null)
      conn.closeSync()
    }
  }

  async close(): Promise<void> {
    if (this.resultsInstance !== undefined) {
      try {
        ;(await this.resultsInstance).closeSync()
      } catch {
        // never opened
      }
      this.resultsInstance = undefined
    }
  }
}
