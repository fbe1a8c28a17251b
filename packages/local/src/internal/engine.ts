import {
  type DuckDBConnection,
  type DuckDBDataChunk,
  DuckDBInstance,
  type DuckDBType,
  type DuckDBValue,
  StatementType
} from "@duckdb/node-api"
import * as fs from "node:fs"
import * as path from "node:path"
import { ApiError, badRequest, errorMessage } from "./errors.js"
import { allowedTableFunctions, deniedScalarFunctions, refuseScript, refuseStatementType } from "./sqlPolicy.js"
import { asSubquery, skipQuoted, splitStatements } from "./sqlText.js"
import { toJsonValue } from "./values.js"

/**
 * DuckDB reads SQL as a C string: a NUL would cut the statement short, so a name or value
 * holding one is refused rather than quoted.
 */
const withoutNul = (text: string, what: string): string => {
  if (text.includes("\0")) throw badRequest(`${what} must not contain NUL characters`)
  return text
}

/** @internal */
export const quoteIdent = (name: string): string => `"${withoutNul(name, "a name").replace(/"/g, "\"\"")}"`

/** @internal */
export const quoteLiteral = (value: string): string => `'${withoutNul(value, "a value").replace(/'/g, "''")}'`

/** A catalog a database's engine can see: its own managed catalog, or an attached one. */
interface CatalogBinding {
  readonly name: string
  readonly file: string
  readonly readOnly: boolean
}

class Mutex {
  private tail: Promise<unknown> = Promise.resolve()
  run<A>(f: () => Promise<A>): Promise<A> {
    const next = this.tail.then(f, f)
    this.tail = next.catch(() => undefined)
    return next
  }
}

interface Handle {
  readonly instance: DuckDBInstance
  readonly catalogs: Map<string, CatalogBinding>
  readonly writes: Mutex
}

/** @internal */
export interface EngineDatabase {
  readonly id: string
  readonly file: string
  readonly default_catalog: string
  readonly attachments?: ReadonlyArray<{ readonly alias: string; readonly file: string }> | undefined
}

/**
 * The schema of every database file where keyed loads leave their receipt, in the same
 * transaction as their rows. Not listed among the database's schemas and tables.
 *
 * @internal
 */
export const RECEIPTS_SCHEMA = "__hotdata_local"
const receiptsTable = (db: EngineDatabase): string =>
  `${quoteIdent(db.default_catalog)}.${quoteIdent(RECEIPTS_SCHEMA)}.load_keys`

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

/**
 * Quotes bare references to a catalog whose name is also an SQL keyword, so that
 * `default.main.orders` reaches the managed catalog named `default`.
 */
const quoteCatalogReferences = (sql: string, catalogs: ReadonlyArray<string>): string => {
  const names = new Set(catalogs.map((c) => c.toLowerCase()))
  let out = ""
  let i = 0
  let previousSignificant = ""
  while (i < sql.length) {
    const c = sql[i]!
    // Literals, quoted names and comments are read as the statement splitter reads them.
    const skipped = skipQuoted(sql, i)
    if (skipped !== undefined) {
      const j = Math.max(skipped, i + 1)
      out += sql.slice(i, j)
      i = j
      if (c !== "-" && c !== "/") previousSignificant = c
      continue
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1
      while (j < sql.length && /[A-Za-z0-9_$]/.test(sql[j]!)) j++
      const word = sql.slice(i, j)
      let k = j
      while (k < sql.length && /\s/.test(sql[k]!)) k++
      out += names.has(word.toLowerCase()) && sql[k] === "." && previousSignificant !== "." ? quoteIdent(word) : word
      i = j
      previousSignificant = "w"
      continue
    }
    if (!/\s/.test(c)) previousSignificant = c
    out += c
    i++
  }
  return out
}

const typeName = (type: DuckDBType): string => type.toString()

/**
 * A DuckDB instance that can reach only the given files and directories of the server's
 * data: no other file can be read, written, attached or globbed, no extension installed or
 * loaded, and SQL cannot change these settings back (the configuration is locked).
 */
const sandboxedInstance = async (
  directories: ReadonlyArray<string>,
  files: ReadonlyArray<string>,
  tempDirectory: string
): Promise<DuckDBInstance> => {
  for (const directory of directories) fs.mkdirSync(directory, { recursive: true })
  const instance = await DuckDBInstance.create(":memory:", { threads: "2" })
  const conn = await instance.connect()
  try {
    const list = directories.map((d) => quoteLiteral(d.endsWith(path.sep) ? d : d + path.sep)).join(", ")
    await conn.run(`SET allowed_directories = [${list}]`)
    if (files.length > 0) await conn.run(`SET allowed_paths = [${files.map(quoteLiteral).join(", ")}]`)
    await conn.run(`SET temp_directory = ${quoteLiteral(tempDirectory)}`)
    await conn.run("SET autoinstall_known_extensions = false")
    await conn.run("SET autoload_known_extensions = false")
    await conn.run("SET enable_external_access = false")
    await conn.run("SET lock_configuration = true")
  } catch (cause) {
    conn.closeSync()
    instance.closeSync()
    throw cause
  }
  conn.closeSync()
  return instance
}

/**
 * The SQL engine: one DuckDB database file per Hotdata database, opened on first use in
 * its own DuckDB instance where the file is attached under the database's catalog name.
 * Query results are written as Parquet files and read back through a shared instance.
 *
 * @internal
 */
export class Engine {
  private readonly handles = new Map<string, Promise<Handle>>()
  private resultsInstance: Promise<DuckDBInstance> | undefined
  private denied: Promise<ReadonlySet<string>> | undefined

  constructor(private readonly dataDir: string) {}

  /**
   * A database's own directory for files on their way in or out (results being written,
   * files being loaded) and DuckDB's spill files; removed at every start.
   */
  private staging(id: string): string {
    return path.join(this.dataDir, "tmp", `duckdb-${id}`)
  }

  /**
   * A database's instance reaches its own file, the files of the catalogs attached to it,
   * and its staging directory; nothing else, not even the other databases of the server.
   */
  private sandboxFor(db: EngineDatabase): Promise<DuckDBInstance> {
    // With the files DuckDB keeps beside a database file: its write-ahead log and the WAL's
    // checkpoint and recovery copies.
    const files = [db.file, ...(db.attachments ?? []).map((a) => a.file)].flatMap((
      f
    ) => [f, `${f}.wal`, `${f}.wal.checkpoint`, `${f}.wal.recovery`])
    const staging = this.staging(db.id)
    return sandboxedInstance([staging], files, path.join(staging, "spill"))
  }

  /** A file moved into (`link`ed, or copied) a database's staging directory, with its removal. */
  private stage(db: EngineDatabase, file: string): { readonly file: string; readonly remove: () => void } {
    const staged = path.join(this.staging(db.id), `in-${Math.random().toString(36).slice(2)}-${path.basename(file)}`)
    fs.mkdirSync(path.dirname(staged), { recursive: true })
    try {
      fs.linkSync(file, staged)
    } catch {
      fs.copyFileSync(file, staged)
    }
    return { file: staged, remove: () => fs.rmSync(staged, { force: true }) }
  }

  databaseFile(id: string): string {
    return path.join(this.dataDir, "databases", `${id}.duckdb`)
  }

  private open(db: EngineDatabase): Promise<Handle> {
    let handle = this.handles.get(db.id)
    if (handle === undefined) {
      handle = (async () => {
        fs.mkdirSync(path.dirname(db.file), { recursive: true })
        const instance = await this.sandboxFor(db)
        const conn = await instance.connect()
        try {
          await conn.run(`ATTACH ${quoteLiteral(db.file)} AS ${quoteIdent(db.default_catalog)}`)
          await conn.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(db.default_catalog)}.main`)
        } finally {
          conn.closeSync()
        }
        const catalogs = new Map<string, CatalogBinding>()
        catalogs.set(db.default_catalog.toLowerCase(), { name: db.default_catalog, file: db.file, readOnly: false })
        const handle: Handle = { instance, catalogs, writes: new Mutex() }
        for (const attachment of db.attachments ?? []) {
          await attachCatalog(handle, attachment.alias, attachment.file).catch(() => undefined)
        }
        return handle
      })()
      this.handles.set(db.id, handle)
      handle.catch(() => this.handles.delete(db.id))
    }
    return handle
  }

  private async connect(db: EngineDatabase, catalog?: string, schema?: string): Promise<[Handle, DuckDBConnection]> {
    const handle = await this.open(db)
    const conn = await handle.instance.connect()
    const target = catalog !== undefined && handle.catalogs.has(catalog.toLowerCase()) ? catalog : db.default_catalog
    try {
      const use = `USE ${quoteIdent(target)}.${quoteIdent(schema ?? "main")}`
      try {
        await conn.run(use)
      } catch {
        await conn.run(`USE ${quoteIdent(target)}.main`)
      }
    } catch (cause) {
      conn.closeSync()
      throw cause
    }
    return [handle, conn]
  }

  /** Opens the database file and declares its schemas. */
  async create(db: EngineDatabase, schemas: ReadonlyArray<string>): Promise<void> {
    await this.withWrite(db, async (conn) => {
      for (const schema of schemas) {
        await conn.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(db.default_catalog)}.${quoteIdent(schema)}`)
      }
    })
  }

  async drop(db: EngineDatabase): Promise<void> {
    await this.closeDatabase(db.id)
    for (const file of [db.file, `${db.file}.wal`]) fs.rmSync(file, { force: true })
  }

  async closeDatabase(id: string): Promise<void> {
    const handle = this.handles.get(id)
    this.handles.delete(id)
    if (handle === undefined) return
    try {
      const h = await handle
      await h.writes.run(async () => {
        const conn = await h.instance.connect()
        try {
          await conn.run("CHECKPOINT")
        } catch {
          // nothing to checkpoint
        } finally {
          conn.closeSync()
        }
      })
      h.instance.closeSync()
    } catch {
      // the instance never opened
    }
  }

  /** Copies every schema and table of `source` into the (new) database `target`. */
  async fork(source: EngineDatabase, target: EngineDatabase): Promise<void> {
    await this.closeDatabase(target.id)
    await this.open(source)
    // Closing checkpoints the source, so its file holds everything; the copy is the fork.
    await this.closeDatabase(source.id)
    fs.mkdirSync(path.dirname(target.file), { recursive: true })
    fs.rmSync(`${target.file}.wal`, { force: true })
    fs.copyFileSync(source.file, target.file)
    if (fs.existsSync(`${source.file}.wal`)) fs.copyFileSync(`${source.file}.wal`, `${target.file}.wal`)
  }

  /** Makes another managed catalog visible (read-only) under `alias` in this database's queries. */
  async attach(db: EngineDatabase, alias: string, file: string): Promise<void> {
    const current = await this.open(db)
    if (current.catalogs.has(alias.toLowerCase())) {
      throw new ApiError(409, "CONFLICT", `catalog ${alias} is already attached`)
    }
    if (!fs.existsSync(file)) {
      throw new ApiError(400, "BAD_REQUEST", `could not attach ${alias}: its database has no file`)
    }
    // The instance may reach only the files it was opened with: reopen it with this one too.
    await this.closeDatabase(db.id)
    const handle = await this.open({ ...db, attachments: [...(db.attachments ?? []), { alias, file }] })
    if (!handle.catalogs.has(alias.toLowerCase())) {
      await this.closeDatabase(db.id)
      throw new ApiError(400, "BAD_REQUEST", `could not attach ${alias}`)
    }
  }

  async detach(db: EngineDatabase, alias: string): Promise<void> {
    const handle = await this.open(db)
    if (!handle.catalogs.delete(alias.toLowerCase())) return
    const conn = await handle.instance.connect()
    try {
      await conn.run(`DETACH ${quoteIdent(alias)}`)
    } catch {
      // already gone
    } finally {
      conn.closeSync()
    }
  }

  private async withWrite<A>(db: EngineDatabase, f: (conn: DuckDBConnection) => Promise<A>): Promise<A> {
    const handle = await this.open(db)
    return handle.writes.run(async () => {
      const conn = await handle.instance.connect()
      try {
        return await f(conn)
      } finally {
        conn.closeSync()
      }
    })
  }

  /**
   * The functions user SQL may not call: every table function and table macro DuckDB
   * brings that is not known to only read, and a few scalar ones (see `sqlPolicy.ts`).
   * Read once from DuckDB's own list, so functions a newer DuckDB adds are refused too.
   */
  private deniedFunctions(): Promise<ReadonlySet<string>> {
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

  private rewrite(handle: Handle, sql: string): string {
    return quoteCatalogReferences(sql, [...handle.catalogs.values()].map((c) => c.name))
  }

  /**
   * Runs a script once, statement by statement, and reads at most `previewLimit` rows of
   * the last statement's result; `truncated` says whether more rows were left. With
   * `resultFile`, a last statement that is a query is written there as Parquet as it runs,
   * and the preview is read back from that file; when the file cannot be written (a type
   * Parquet cannot hold, say), the query still answers and `persistError` says why.
   */
  async query(
    db: EngineDatabase,
    sql: string,
    options: {
      readonly catalog?: string | undefined
      readonly schema?: string | undefined
      readonly previewLimit: number
      readonly resultFile?: string | undefined
    }
  ): Promise<QueryOutcome> {
    const denied = await this.deniedFunctions()
    // Checked as sent (a NUL must not reach quoting) and as it will run.
    const refusal = refuseScript(sql, denied)
    if (refusal !== undefined) throw new ApiError(400, "invalid_sql", refusal)
    const [handle, conn] = await this.connect(db, options.catalog, options.schema)
    const run = async <A>(f: () => Promise<A>): Promise<A> => {
      try {
        return await f()
      } catch (cause) {
        throw sqlError(cause)
      }
    }
    try {
      const script = this.rewrite(handle, sql)
      const rewritten = refuseScript(script, denied)
      if (rewritten !== undefined) throw new ApiError(400, "invalid_sql", rewritten)
      const extracted = await run(() => conn.extractStatements(script))
      if (extracted.count === 0) throw badRequest("SQL query cannot be empty")
      // Each statement's type is checked once DuckDB has read it, before it runs.
      const prepare = async (i: number) => {
        const statement = await run(() => extracted.prepare(i))
        const refused = refuseStatementType(StatementType[statement.statementType])
        if (refused !== undefined) throw new ApiError(400, "invalid_sql", refused)
        return statement
      }
      for (let i = 0; i < extracted.count - 1; i++) {
        const statement = await prepare(i)
        await run(() => handle.writes.run(() => statement.run()))
      }
      const statement = await prepare(extracted.count - 1)
      const isQuery = statement.statementType === StatementType.SELECT
      let persistError: string | undefined
      if (isQuery && options.resultFile !== undefined) {
        const pieces = splitStatements(script)
        if (pieces.length === extracted.count) {
          const file = options.resultFile
          const tmp = path.join(this.staging(db.id), `out-${path.basename(file)}`)
          try {
            fs.mkdirSync(path.dirname(file), { recursive: true })
            fs.mkdirSync(path.dirname(tmp), { recursive: true })
            await conn.run(`COPY ${asSubquery(pieces[pieces.length - 1]!)} TO ${quoteLiteral(tmp)} (FORMAT parquet)`)
            fs.renameSync(tmp, file)
            return { ...(await this.previewOf(file, options.previewLimit)), isQuery }
          } catch (cause) {
            fs.rmSync(tmp, { force: true })
            persistError = `the result could not be saved: ${cleanMessage(cause).split(tmp).join("<result>")}`
          }
        } else {
          persistError = "the result could not be saved: the script's last statement could not be told apart"
        }
      }
      const result = isQuery
        ? await run(() => statement.stream())
        : await run(() => handle.writes.run(() => statement.run()))
      const columns = result.columnNames()
      const types = result.columnTypes().map(typeName)
      const rows: Array<ReadonlyArray<unknown>> = []
      let truncated = false
      await run(async () => {
        outer: for await (const chunk of result) {
          for (const row of chunk.getRows()) {
            if (rows.length >= options.previewLimit) {
              truncated = true
              break outer
            }
            rows.push(row.map(toJsonValue))
          }
        }
      })
      return { columns, types, rows, truncated, isQuery, persistError }
    } finally {
      conn.closeSync()
    }
  }

  /** The first rows of a persisted result, and whether there are more. */
  private async previewOf(file: string, limit: number): Promise<Omit<QueryOutcome, "isQuery">> {
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

  private results(): Promise<DuckDBInstance> {
    this.resultsInstance ??= sandboxedInstance(
      [path.join(this.dataDir, "results")],
      [],
      path.join(this.staging("results"), "spill")
    )
    return this.resultsInstance
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

  async createSchema(db: EngineDatabase, schema: string): Promise<void> {
    await this.withWrite(db, (conn) => conn.run(`CREATE SCHEMA IF NOT EXISTS ${qualified(db, schema)}`))
  }

  async dropTable(db: EngineDatabase, schema: string, table: string): Promise<boolean> {
    return this.withWrite(db, async (conn) => {
      const exists = await tableExists(conn, db, schema, table)
      if (exists) await conn.run(`DROP TABLE ${qualified(db, schema, table)}`)
      return exists
    })
  }

  /** Creates a DuckDB (ART) index on a managed table. */
  async createIndex(
    db: EngineDatabase,
    schema: string,
    table: string,
    name: string,
    columns: ReadonlyArray<string>
  ): Promise<void> {
    await this.withWrite(db, (conn) =>
      conn.run(
        `CREATE INDEX ${quoteIdent(name)} ON ${qualified(db, schema, table)} (${columns.map(quoteIdent).join(", ")})`
      ))
  }

  /** Drops a DuckDB index of a managed schema, if it is still there. */
  async dropIndex(db: EngineDatabase, schema: string, name: string): Promise<void> {
    await this.withWrite(db, (conn) => conn.run(`DROP INDEX IF EXISTS ${qualified(db, schema, name)}`))
  }

  /** The tables of the managed catalog with their columns. */
  async tables(db: EngineDatabase): Promise<
    Array<{ readonly schema: string; readonly table: string; readonly columns: Array<ColumnDescription> }>
  > {
    const handle = await this.open(db)
    const conn = await handle.instance.connect()
    try {
      const reader = await conn.runAndReadAll(
        `SELECT schema_name, table_name, column_name, data_type, is_nullable FROM duckdb_columns() ` +
          `WHERE database_name = ${quoteLiteral(db.default_catalog)} AND schema_name <> ${
            quoteLiteral(RECEIPTS_SCHEMA)
          } ORDER BY schema_name, table_name, column_index`
      )
      const out = new Map<string, { schema: string; table: string; columns: Array<ColumnDescription> }>()
      for (const row of reader.getRowObjects()) {
        const key = `${row.schema_name}.${row.table_name}`
        let entry = out.get(key)
        if (entry === undefined) {
          entry = { schema: String(row.schema_name), table: String(row.table_name), columns: [] }
          out.set(key, entry)
        }
        entry.columns.push({
          name: String(row.column_name),
          type: String(row.data_type),
          nullable: row.is_nullable === true
        })
      }
      return [...out.values()]
    } finally {
      conn.closeSync()
    }
  }

  async schemas(db: EngineDatabase): Promise<Array<string>> {
    const handle = await this.open(db)
    const conn = await handle.instance.connect()
    try {
      const reader = await conn.runAndReadAll(
        `SELECT schema_name FROM duckdb_schemas() WHERE database_name = ${quoteLiteral(db.default_catalog)} ` +
          `AND NOT internal AND schema_name <> ${quoteLiteral(RECEIPTS_SCHEMA)} ORDER BY schema_name`
      )
      return reader.getRows().map((row) => String(row[0]))
    } finally {
      conn.closeSync()
    }
  }

  async tableRowCount(db: EngineDatabase, schema: string, table: string): Promise<number> {
    const handle = await this.open(db)
    const conn = await handle.instance.connect()
    try {
      const reader = await conn.runAndReadAll(`SELECT count(*) FROM ${qualified(db, schema, table)}`)
      return Number(reader.getRows()[0]?.[0] ?? 0)
    } finally {
      conn.closeSync()
    }
  }

  /**
   * Loads a file into a managed table with one of the load modes, creating the schema and
   * table when needed. Returns the table's row count and columns afterwards.
   */
  async load(
    db: EngineDatabase,
    schema: string,
    table: string,
    source: LoadSource,
    mode: string,
    key: ReadonlyArray<string> | null,
    receipt?: LoadReceipt
  ): Promise<LoadOutcome> {
    const staged = this.stage(db, source.file)
    return this.withWrite(db, async (conn) => {
      const target = qualified(db, schema, table)
      const src = sourceSql({ ...source, file: staged.file })
      try {
        await conn.run(`CREATE SCHEMA IF NOT EXISTS ${qualified(db, schema)}`)
        const exists = await tableExists(conn, db, schema, table)
        await conn.run("BEGIN TRANSACTION")
        try {
          if (mode === "replace" || !exists) {
            if (mode === "delete" || mode === "update") {
              // Nothing to delete from or update in a table that does not exist yet.
              if (!exists) await conn.run(`CREATE TABLE ${target} AS SELECT * FROM ${src} LIMIT 0`)
            } else {
              await conn.run(`CREATE OR REPLACE TABLE ${target} AS SELECT * FROM ${src}`)
            }
          } else if (mode === "append") {
            await conn.run(`INSERT INTO ${target} BY NAME SELECT * FROM ${src}`)
          } else {
            const keys = key ?? []
            if (keys.length === 0) throw badRequest(`mode ${mode} needs a key: declare one on the table or pass "key"`)
            const srcColumns = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${src}`)).getRowObjects().map((r) =>
              String(r.column_name)
            )
            for (const k of keys) {
              if (!srcColumns.includes(k)) throw badRequest(`key column ${k} is not in the loaded data`)
            }
            const keyTuple = keys.map(quoteIdent).join(", ")
            const match = keys.map((k) => `t.${quoteIdent(k)} IS NOT DISTINCT FROM s.${quoteIdent(k)}`).join(" AND ")
            if (mode === "delete") {
              await conn.run(`DELETE FROM ${target} t WHERE EXISTS (SELECT 1 FROM ${src} s WHERE ${match})`)
            } else if (mode === "update") {
              const sets = srcColumns.filter((c) => !keys.includes(c)).map((c) =>
                `${quoteIdent(c)} = s.${quoteIdent(c)}`
              )
              if (sets.length > 0) {
                await conn.run(
                  `UPDATE ${target} t SET ${sets.join(", ")} FROM (SELECT * FROM ${src}) s WHERE ${match}`
                )
              }
            } else if (mode === "upsert") {
              await conn.run(`DELETE FROM ${target} t WHERE EXISTS (SELECT 1 FROM ${src} s WHERE ${match})`)
              await conn.run(`INSERT INTO ${target} BY NAME SELECT * FROM ${src}`)
            } else {
              throw badRequest(`unknown load mode ${mode}; expected replace, append, delete, update or upsert`)
            }
            void keyTuple
          }
          const count = await conn.runAndReadAll(`SELECT count(*) FROM ${target}`)
          const described = await conn.runAndReadAll(`DESCRIBE ${target}`)
          const outcome: LoadOutcome = {
            rowCount: Number(count.getRows()[0]?.[0] ?? 0),
            columns: described.getRowObjects().map((row) => ({
              name: String(row.column_name),
              type: String(row.column_type),
              nullable: String(row.null) !== "NO"
            }))
          }
          if (receipt !== undefined) {
            // Committed with the rows or not at all: after a crash, the receipt says whether the load landed.
            await conn.run(`CREATE SCHEMA IF NOT EXISTS ${qualified(db, RECEIPTS_SCHEMA)}`)
            await conn.run(
              `CREATE TABLE IF NOT EXISTS ${receiptsTable(db)} (slot VARCHAR PRIMARY KEY, answer VARCHAR NOT NULL)`
            )
            await conn.run(
              `INSERT INTO ${receiptsTable(db)} VALUES (${quoteLiteral(receipt.slot)}, ${
                quoteLiteral(receipt.answer(outcome))
              })`
            )
          }
          await conn.run("COMMIT")
          return outcome
        } catch (cause) {
          await conn.run("ROLLBACK").catch(() => undefined)
          throw cause
        }
      } catch (cause) {
        if (cause instanceof ApiError) throw cause
        throw new ApiError(
          400,
          "BAD_REQUEST",
          `could not load ${schema}.${table}: ${cleanMessage(cause).split(staged.file).join("<the loaded file>")}`
        )
      }
    }).finally(() => staged.remove())
  }

  /** The answers recorded by the keyed loads of `slots` that committed, by slot. */
  async loadReceipts(db: EngineDatabase, slots: ReadonlyArray<string>): Promise<Map<string, string>> {
    const out = new Map<string, string>()
    if (slots.length === 0 || !fs.existsSync(db.file)) return out
    const handle = await this.open(db)
    const conn = await handle.instance.connect()
    try {
      const present = await conn.runAndReadAll(
        `SELECT count(*) FROM duckdb_tables() WHERE database_name = ${quoteLiteral(db.default_catalog)} ` +
          `AND schema_name = ${quoteLiteral(RECEIPTS_SCHEMA)} AND table_name = 'load_keys'`
      )
      if (Number(present.getRows()[0]?.[0] ?? 0) === 0) return out
      const reader = await conn.runAndReadAll(
        `SELECT slot, answer FROM ${receiptsTable(db)} WHERE slot IN (${slots.map(quoteLiteral).join(", ")})`
      )
      for (const [slot, answer] of reader.getRows()) out.set(String(slot), String(answer))
      return out
    } finally {
      conn.closeSync()
    }
  }

  async close(): Promise<void> {
    for (const id of [...this.handles.keys()]) await this.closeDatabase(id)
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

const attachCatalog = async (handle: Handle, alias: string, file: string): Promise<void> => {
  const conn = await handle.instance.connect()
  try {
    await conn.run(`ATTACH ${quoteLiteral(file)} AS ${quoteIdent(alias)} (READ_ONLY)`)
    handle.catalogs.set(alias.toLowerCase(), { name: alias, file, readOnly: true })
  } finally {
    conn.closeSync()
  }
}

const qualified = (db: EngineDatabase, schema: string, table?: string): string =>
  `${quoteIdent(db.default_catalog)}.${quoteIdent(schema)}${table === undefined ? "" : `.${quoteIdent(table)}`}`

const tableExists = async (conn: DuckDBConnection, db: EngineDatabase, schema: string, table: string) => {
  const reader = await conn.runAndReadAll(
    `SELECT count(*) FROM duckdb_tables() WHERE database_name = ${quoteLiteral(db.default_catalog)} ` +
      `AND schema_name = ${quoteLiteral(schema)} AND table_name = ${quoteLiteral(table)}`
  )
  return Number(reader.getRows()[0]?.[0] ?? 0) > 0
}

const sourceSql = (source: LoadSource): string => {
  const file = quoteLiteral(source.file)
  switch (source.format) {
    case "parquet":
      return `read_parquet(${file})`
    case "json":
      return `read_json(${file}, format = 'newline_delimited'${
        source.compression ? `, compression = '${source.compression}'` : ""
      })`
    case "csv": {
      const types = source.columns && Object.keys(source.columns).length > 0
        ? `, types = {${
          Object.entries(source.columns).map(([k, v]) => `${quoteLiteral(k)}: ${quoteLiteral(v)}`).join(", ")
        }}`
        : ""
      return `read_csv(${file}, header = true, auto_detect = true${types}${
        source.compression ? `, compression = '${source.compression}'` : ""
      })`
    }
  }
}

const cleanMessage = (cause: unknown): string => errorMessage(cause).replace(/\s+/g, " ").trim()

const sqlError = (cause: unknown): ApiError =>
  cause instanceof ApiError ? cause : new ApiError(400, "invalid_sql", cleanMessage(cause))
