import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api"
import * as fs from "node:fs"
import * as path from "node:path"
import { quoteIdent, quoteLiteral } from "../sqlText.js"
import type { EngineDatabase } from "./types.js"

/** A catalog a database's engine can see: its own managed catalog, or an attached one. @internal */
export interface CatalogBinding {
  readonly name: string
  readonly file: string
  readonly readOnly: boolean
}

/** Runs writes one at a time, in the order they were asked for. @internal */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve()
  run<A>(f: () => Promise<A>): Promise<A> {
    const next = this.tail.then(f, f)
    this.tail = next.catch(() => undefined)
    return next
  }
}

/** An open database: its sandboxed instance, the catalogs it sees, and its write lock. @internal */
export interface Handle {
  readonly instance: DuckDBInstance
  readonly catalogs: Map<string, CatalogBinding>
  readonly writes: Mutex
}

/**
 * A DuckDB instance that can reach only the given files and directories of the server's
 * data: no other file can be read, written, attached or globbed, no extension installed or
 * loaded, and SQL cannot change these settings back (the configuration is locked).
 *
 * @internal
 */
export const sandboxedInstance = async (
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
 * The files a database's instance may reach: its own file, the files of the catalogs attached
 * to it, and the files DuckDB keeps beside each (its write-ahead log and the WAL's checkpoint
 * and recovery copies).
 *
 * @internal
 */
export const databaseFiles = (db: EngineDatabase): Array<string> =>
  [db.file, ...(db.attachments ?? []).map((a) => a.file)].flatMap((
    f
  ) => [f, `${f}.wal`, `${f}.wal.checkpoint`, `${f}.wal.recovery`])

/** Attaches another managed catalog, read-only, to an open database. @internal */
export const attachCatalog = async (handle: Handle, alias: string, file: string): Promise<void> => {
  const conn = await handle.instance.connect()
  try {
    await conn.run(`ATTACH ${quoteLiteral(file)} AS ${quoteIdent(alias)} (READ_ONLY)`)
    handle.catalogs.set(alias.toLowerCase(), { name: alias, file, readOnly: true })
  } finally {
    conn.closeSync()
  }
}

/** Runs `f` on a new connection of `instance`, closed when `f` settles. @internal */
export const withConnection = async <A>(
  instance: DuckDBInstance,
  f: (conn: DuckDBConnection) => Promise<A>
): Promise<A> => {
  const conn = await instance.connect()
  try {
    return await f(conn)
  } finally {
    conn.closeSync()
  }
}
