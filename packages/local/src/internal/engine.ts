import type { DuckDBValue } from "@duckdb/node-api"
import * as path from "node:path"
import * as ddl from "./engine/ddl.js"
import { Databases } from "./engine/lifecycle.js"
import { loadReceipts, loadTable } from "./engine/load.js"
import { runQuery } from "./engine/query.js"
import { ResultFiles } from "./engine/results.js"
import type {
  ColumnDescription,
  EngineDatabase,
  LoadOutcome,
  QueryOptions,
  QueryOutcome,
  ResultChunks
} from "./engine/types.js"

export { RECEIPTS_SCHEMA } from "./engine/ddl.js"
export type * from "./engine/types.js"

/** The arguments of an engine module's function after the databases it works on. */
type After<F> = F extends (databases: Databases, ...args: infer A) => unknown ? A : never

/**
 * The SQL engine: one DuckDB database file per Hotdata database, opened on first use in
 * its own sandboxed DuckDB instance where the file is attached under the database's catalog
 * name (`engine/lifecycle.ts`, `engine/sandbox.ts`). Queries (`engine/query.ts`) write their
 * results as Parquet files, read back through a shared instance (`engine/results.ts`); loads
 * (`engine/load.ts`) and DDL (`engine/ddl.ts`) run one write at a time per database.
 *
 * @internal
 */
export class Engine {
  private readonly databases: Databases
  private readonly results: ResultFiles

  constructor(dataDir: string) {
    this.databases = new Databases(dataDir)
    this.results = new ResultFiles(dataDir, path.join(this.databases.staging("results"), "spill"))
  }

  databaseFile(id: string): string {
    return this.databases.databaseFile(id)
  }

  /** Opens the database file and declares its schemas. */
  create(db: EngineDatabase, schemas: ReadonlyArray<string>): Promise<void> {
    return this.databases.create(db, schemas)
  }

  drop(db: EngineDatabase): Promise<void> {
    return this.databases.drop(db)
  }

  closeDatabase(id: string): Promise<void> {
    return this.databases.close(id)
  }

  /** Copies every schema and table of `source` into the (new) database `target`. */
  fork(source: EngineDatabase, target: EngineDatabase): Promise<void> {
    return this.databases.fork(source, target)
  }

  /** Makes another managed catalog visible (read-only) under `alias` in this database's queries. */
  attach(db: EngineDatabase, alias: string, file: string): Promise<void> {
    return this.databases.attach(db, alias, file)
  }

  detach(db: EngineDatabase, alias: string): Promise<void> {
    return this.databases.detach(db, alias)
  }

  /** Runs a script once and reads a preview of its last statement's result (see `runQuery`). */
  query(db: EngineDatabase, sql: string, options: QueryOptions): Promise<QueryOutcome> {
    return runQuery(this.databases, this.results, db, sql, options)
  }

  describeParquet(file: string): Promise<{ readonly rowCount: number; readonly columns: Array<ColumnDescription> }> {
    return this.results.describeParquet(file)
  }

  /** Reads rows of a persisted result in chunks, converted to JSON values. */
  readResult(file: string, offset: number, limit: number | undefined): AsyncGenerator<Array<ReadonlyArray<unknown>>> {
    return this.results.readResult(file, offset, limit)
  }

  /** Reads rows of a persisted result in chunks, as DuckDB values. */
  readResultRaw(
    file: string,
    offset: number,
    limit: number | undefined
  ): AsyncGenerator<Array<ReadonlyArray<DuckDBValue>>> {
    return this.results.readResultRaw(file, offset, limit)
  }

  /** Reads a window of a persisted result as DuckDB data chunks (see `ResultFiles.withResultChunks`). */
  withResultChunks<A>(
    file: string,
    offset: number,
    limit: number | undefined,
    consume: (result: ResultChunks) => Promise<A>
  ): Promise<A> {
    return this.results.withResultChunks(file, offset, limit, consume)
  }

  createSchema(db: EngineDatabase, schema: string): Promise<void> {
    return ddl.createSchema(this.databases, db, schema)
  }

  dropTable(db: EngineDatabase, schema: string, table: string): Promise<boolean> {
    return ddl.dropTable(this.databases, db, schema, table)
  }

  /** Creates a DuckDB (ART) index on a managed table. */
  createIndex(...args: After<typeof ddl.createIndex>): Promise<void> {
    return ddl.createIndex(this.databases, ...args)
  }

  /** Drops a DuckDB index of a managed schema, if it is still there. */
  dropIndex(db: EngineDatabase, schema: string, name: string): Promise<void> {
    return ddl.dropIndex(this.databases, db, schema, name)
  }

  /** The tables of the managed catalog with their columns. */
  tables(db: EngineDatabase): ReturnType<typeof ddl.tables> {
    return ddl.tables(this.databases, db)
  }

  schemas(db: EngineDatabase): Promise<Array<string>> {
    return ddl.schemas(this.databases, db)
  }

  tableRowCount(db: EngineDatabase, schema: string, table: string): Promise<number> {
    return ddl.tableRowCount(this.databases, db, schema, table)
  }

  /** Loads a file into a managed table (see `engine/load.ts`). */
  load(...args: After<typeof loadTable>): Promise<LoadOutcome> {
    return loadTable(this.databases, ...args)
  }

  /** The answers recorded by the keyed loads of `slots` that committed, by slot. */
  loadReceipts(db: EngineDatabase, slots: ReadonlyArray<string>): Promise<Map<string, string>> {
    return loadReceipts(this.databases, db, slots)
  }

  async close(): Promise<void> {
    await this.databases.closeAll()
    await this.results.close()
  }
}
