import { DuckDBInstance } from "@duckdb/node-api"
import * as fs from "node:fs"
import * as path from "node:path"
import { pipeline } from "node:stream/promises"
import type { Server } from "./context.js"
import type { EngineDatabase } from "./engine.js"
import { ApiError, badRequest, errorMessage } from "./errors.js"
import { makeId, nowIso } from "./ids.js"
import { quoteIdent, quoteLiteral } from "./sqlText.js"
import type { ConnectionRecord, ConnectionSource } from "./state.js"

/**
 * Connections to files: a DuckDB database file, or one CSV, Parquet or newline-delimited
 * JSON file. Each connection keeps a cache, its own DuckDB file holding a snapshot of the
 * source's tables; queries, discovery and profiles read the cache. `refresh` re-reads the
 * source into the cache; a purge drops the cached copy, and the next query through a
 * database that attaches the connection reads the source again.
 *
 * Source paths are confined to the server's `sources` directory (`<data dir>/sources`):
 * a relative path is taken from there, and a path that resolves (symbolic links followed)
 * anywhere else is refused with 400, as is a file with more than one hard link (another
 * name of it may be anywhere). A source is read through one descriptor, opened without
 * following a final symbolic link and checked to be the file that was confined, into a copy
 * the engine then loads, so swapping the path afterwards changes nothing.
 */

/** The file formats a connection can read, by source type. @internal */
export const fileSourceTypes = ["duckdb", "csv", "parquet", "json"] as const

/** @internal */
export type FileSourceType = (typeof fileSourceTypes)[number]

/** Connection types of the hosted service that need an engine this server does not carry. @internal */
export const remoteSourceTypes: Readonly<Record<string, string>> = {
  postgres: "the PostgreSQL scanner extension",
  postgresql: "the PostgreSQL scanner extension",
  mysql: "the MySQL scanner extension",
  snowflake: "a Snowflake driver",
  bigquery: "a BigQuery driver",
  redshift: "the PostgreSQL scanner extension and network access to Redshift",
  databricks: "a Databricks driver",
  clickhouse: "a ClickHouse driver",
  mssql: "a SQL Server driver",
  motherduck: "the MotherDuck extension and network access",
  s3: "the httpfs extension and network access",
  iceberg: "the iceberg extension",
  delta: "the delta extension"
}

/** The directory file sources must live in. @internal */
export const sourcesDir = (server: Server): string => path.join(server.config.dataDir, "sources")

/** Whether `file` is strictly inside `dir` (a name that merely starts with dots, `..csv`, is). */
const isInside = (dir: string, file: string): boolean => {
  const relative = path.relative(dir, file)
  return relative !== "" && relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative)
}

/** A confined source file: its real path and what `stat` said of it. */
interface ConfinedFile {
  readonly file: string
  readonly stat: fs.Stats
}

const confine = (server: Server, configured: string): ConfinedFile => {
  const dir = sourcesDir(server)
  fs.mkdirSync(dir, { recursive: true })
  const realDir = fs.realpathSync(dir)
  const resolved = path.resolve(realDir, configured)
  if (!isInside(realDir, resolved)) {
    throw badRequest(`config.path "${configured}" is outside the server's sources directory (${dir})`)
  }
  let real: string
  try {
    real = fs.realpathSync(resolved)
  } catch {
    throw badRequest(`config.path "${configured}" does not exist in the server's sources directory`)
  }
  if (!isInside(realDir, real)) {
    throw badRequest(`config.path "${configured}" leads outside the server's sources directory (${dir})`)
  }
  const stat = fs.statSync(real)
  if (!stat.isFile()) throw badRequest(`config.path "${configured}" is not a file`)
  if (stat.nlink > 1) throw linked(configured, stat.nlink)
  return { file: real, stat }
}

const linked = (configured: string, links: number): ApiError =>
  badRequest(
    `config.path "${configured}" has ${links} hard links: a source must be a file of its own in the server's ` +
      "sources directory (copy it there rather than linking it)"
  )

/** Resolves a configured path inside the sources directory, or refuses it. @internal */
export const confinePath = (server: Server, configured: string): string => confine(server, configured).file

/** Opens without following a final symbolic link, where the platform can. */
const NO_FOLLOW = fs.constants.O_NOFOLLOW ?? 0

/**
 * Copies a confined source file to `target` through one descriptor that is checked to be the
 * confined file (same device and inode, still a regular file with one link), so the copy is
 * of that file whatever happens to its path meanwhile. A `.wal` beside a DuckDB file comes
 * along the same way.
 */
const copySource = async (server: Server, configured: string, target: string): Promise<void> => {
  const { file, stat } = confine(server, configured)
  const copyOne = async (from: string, to: string, expected: fs.Stats | undefined): Promise<void> => {
    const handle = await fs.promises.open(from, fs.constants.O_RDONLY | NO_FOLLOW)
    try {
      const opened = await handle.stat()
      if (!opened.isFile()) throw badRequest(`config.path "${configured}" is not a file`)
      if (opened.nlink > 1) throw linked(configured, opened.nlink)
      if (expected !== undefined && (opened.dev !== expected.dev || opened.ino !== expected.ino)) {
        throw badRequest(`config.path "${configured}" changed while it was being read; try again`)
      }
      await pipeline(handle.createReadStream({ autoClose: false }), fs.createWriteStream(to))
    } finally {
      await handle.close()
    }
  }
  await copyOne(file, target, stat)
  if (fs.existsSync(`${file}.wal`)) await copyOne(`${file}.wal`, `${target}.wal`, undefined)
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/

/** Checks a create request's config for a file source type. @internal */
export const parseSource = (
  server: Server,
  sourceType: FileSourceType,
  config: Readonly<Record<string, unknown>>
): ConnectionSource => {
  const configured = config.path
  if (typeof configured !== "string" || configured.trim() === "") {
    throw badRequest(`a ${sourceType} connection needs config.path, a file in the server's sources directory`)
  }
  const unknown = Object.keys(config).filter((k) => k !== "path" && k !== "table")
  if (unknown.length > 0) throw badRequest(`unknown config field(s) for ${sourceType}: ${unknown.join(", ")}`)
  confinePath(server, configured)
  if (sourceType === "duckdb") {
    if (config.table !== undefined) {
      throw badRequest("a duckdb connection takes every table of the file: no config.table")
    }
    return { kind: sourceType, path: configured, table: null, tables: {} }
  }
  // By default the table is named after the file, leading dots aside: `orders.csv.gz` → `orders`, `..csv` → `csv`.
  const table = config.table === undefined
    ? path.basename(configured).replace(/^\.+/, "").replace(/\..*$/, "").replace(/[^A-Za-z0-9_]/g, "_")
      .replace(/^(?=[0-9])/, "_") || "data"
    : config.table
  if (typeof table !== "string" || !IDENT.test(table)) {
    throw badRequest(`invalid config.table "${String(table)}": use letters, digits and underscores`)
  }
  return { kind: sourceType, path: configured, table, tables: {} }
}

/** The engine's view of a connection's cache. @internal */
export const cacheDatabase = (server: Server, connection: ConnectionRecord): EngineDatabase => ({
  id: connection.database_id,
  file: server.engine.databaseFile(connection.database_id),
  default_catalog: connection.name
})

/** A new id for a connection's cache file. @internal */
export const newCacheId = (): string => makeId("srcc")

/** One table of a source, read into a Parquet file the engine can load. */
interface Extracted {
  readonly schema: string
  readonly table: string
  readonly file: string
  readonly format: "csv" | "json" | "parquet"
}

/**
 * Reads the tables of a DuckDB source file into Parquet files in a scratch directory, in an
 * instance that can reach only that file and that directory.
 */
const extractDuckdb = async (file: string, scratch: string): Promise<Array<Extracted>> => {
  const instance = await DuckDBInstance.create(":memory:", { threads: "1" })
  const conn = await instance.connect()
  try {
    await conn.run(`SET allowed_directories = [${quoteLiteral(scratch + path.sep)}]`)
    await conn.run(`SET allowed_paths = [${quoteLiteral(file)}, ${quoteLiteral(`${file}.wal`)}]`)
    await conn.run("SET autoinstall_known_extensions = false")
    await conn.run("SET autoload_known_extensions = false")
    await conn.run("SET enable_external_access = false")
    await conn.run("SET lock_configuration = true")
    await conn.run(`ATTACH ${quoteLiteral(file)} AS src (READ_ONLY)`)
    const reader = await conn.runAndReadAll(
      "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = 'src' ORDER BY 1, 2"
    )
    const out: Array<Extracted> = []
    for (const [schema, table] of reader.getRows().map((r) => [String(r[0]), String(r[1])] as const)) {
      const target = path.join(scratch, `${out.length}.parquet`)
      await conn.run(
        `COPY (SELECT * FROM src.${quoteIdent(schema)}.${quoteIdent(table)}) TO ${
          quoteLiteral(target)
        } (FORMAT parquet)`
      )
      out.push({ schema, table, file: target, format: "parquet" })
    }
    return out
  } finally {
    conn.closeSync()
    instance.closeSync()
  }
}

/** Closes the cache and every database attaching it, so their next query sees the new cache. */
const invalidate = async (server: Server, connection: ConnectionRecord): Promise<void> => {
  await server.engine.closeDatabase(connection.database_id)
  for (const db of Object.values(server.state.data.databases)) {
    if (db.attachments.some((a) => a.connection_id === connection.id)) await server.engine.closeDatabase(db.id)
  }
}

/** What a snapshot did, per table. @internal */
export interface SnapshotOutcome {
  readonly tables: ReadonlyArray<{ readonly schema: string; readonly table: string; readonly rows: number }>
  readonly added: number
  readonly modified: number
}

/**
 * Reads a source (all its tables, or one) into the connection's cache, replacing what was
 * cached. Unreadable sources fail with 400 naming the file's problem.
 *
 * @internal
 */
export const snapshot = async (
  server: Server,
  connection: ConnectionRecord,
  only?: { readonly schema: string; readonly table: string }
): Promise<SnapshotOutcome> => {
  const source = connection.source!
  const scratch = path.join(server.config.dataDir, "tmp", `source-${makeId("snap")}`)
  fs.mkdirSync(scratch, { recursive: true })
  const cache = cacheDatabase(server, connection)
  try {
    // The engine reads a copy, made through a checked descriptor, never the source's path.
    const file = path.join(scratch, `source-${path.basename(source.path)}`)
    await copySource(server, source.path, file)
    let extracted: Array<Extracted>
    try {
      extracted = source.kind === "duckdb"
        ? await extractDuckdb(file, scratch)
        : [{ schema: "main", table: source.table!, file, format: source.kind }]
    } catch (cause) {
      throw badRequest(`could not read ${source.kind} source "${source.path}": ${errorMessage(cause)}`)
    }
    if (only !== undefined) {
      extracted = extracted.filter((e) => e.schema === only.schema && e.table === only.table)
      if (extracted.length === 0) {
        throw new ApiError(404, "NOT_FOUND", `table ${only.schema}.${only.table} not found in the source`)
      }
    }
    const before = new Map(
      (await server.engine.tables(cache)).map((t) => [`${t.schema}.${t.table}`, JSON.stringify(t.columns)])
    )
    const tables: Array<{ schema: string; table: string; rows: number }> = []
    let added = 0
    let modified = 0
    for (const e of extracted) {
      let loaded
      try {
        loaded = await server.engine.load(cache, e.schema, e.table, { file: e.file, format: e.format }, "replace", null)
      } catch (cause) {
        throw badRequest(`could not read ${source.kind} source "${source.path}": ${errorMessage(cause)}`)
      }
      const key = `${e.schema}.${e.table}`
      const previous = before.get(key)
      const described = JSON.stringify(loaded.columns)
      if (previous === undefined && source.tables[key] === undefined) added++
      else if (previous !== undefined && previous !== described) modified++
      source.tables[key] = { synced_at: nowIso(), cached: true }
      tables.push({ schema: e.schema, table: e.table, rows: loaded.rowCount })
    }
    if (only === undefined) {
      // Tables gone from the source leave the cache.
      const present = new Set(extracted.map((e) => `${e.schema}.${e.table}`))
      for (const key of Object.keys(source.tables)) {
        if (present.has(key)) continue
        const [schema, table] = key.split(".") as [string, string]
        await server.engine.dropTable(cache, schema, table)
        delete source.tables[key]
      }
    }
    await invalidate(server, connection)
    return { tables, added, modified }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true })
  }
}

/**
 * Drops cached copies (one table, or all): the table stays known, and is read from the
 * source again on the next query through a database attaching the connection.
 *
 * @internal
 */
export const purge = async (
  server: Server,
  connection: ConnectionRecord,
  only?: { readonly schema: string; readonly table: string }
): Promise<void> => {
  const cache = cacheDatabase(server, connection)
  const source = connection.source!
  for (const [key, entry] of Object.entries(source.tables)) {
    const [schema, table] = key.split(".") as [string, string]
    if (only !== undefined && (only.schema !== schema || only.table !== table)) continue
    await server.engine.dropTable(cache, schema, table)
    entry.cached = false
  }
  await invalidate(server, connection)
}

/**
 * Before a query: re-reads the purged tables of the file connections a database attaches.
 *
 * @internal
 */
export const refillPurged = async (server: Server, connectionIds: ReadonlyArray<string>): Promise<void> => {
  for (const id of connectionIds) {
    const connection = server.state.data.connections[id]
    const source = connection?.source
    if (connection === undefined || source === undefined) continue
    const purged = Object.entries(source.tables).filter(([, e]) => !e.cached)
    if (purged.length === 0) continue
    if (purged.length === Object.keys(source.tables).length) await snapshot(server, connection)
    else {
      for (const [key] of purged) {
        const [schema, table] = key.split(".") as [string, string]
        await snapshot(server, connection, { schema, table })
      }
    }
    server.state.save()
  }
}
