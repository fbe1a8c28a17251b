import type { DuckDBConnection } from "@duckdb/node-api"
import * as fs from "node:fs"
import * as path from "node:path"
import { ApiError } from "../errors.js"
import { quoteIdent, quoteLiteral } from "../sqlText.js"
import {
  attachCatalog,
  type CatalogBinding,
  databaseFiles,
  type Handle,
  Mutex,
  sandboxedInstance,
  withConnection
} from "./sandbox.js"
import type { EngineDatabase } from "./types.js"

/**
 * The databases' lifecycle: one DuckDB database file per Hotdata database, opened on first
 * use in its own sandboxed instance where the file is attached under the database's catalog
 * name; closed (checkpointed), dropped, forked, and given or relieved of attached catalogs.
 *
 * @internal
 */
export class Databases {
  private readonly handles = new Map<string, Promise<Handle>>()

  constructor(private readonly dataDir: string) {}

  /**
   * A database's own directory for files on their way in or out (results being written,
   * files being loaded) and DuckDB's spill files; removed at every start.
   */
  staging(id: string): string {
    return path.join(this.dataDir, "tmp", `duckdb-${id}`)
  }

  /** A file moved into (`link`ed, or copied) a database's staging directory, with its removal. */
  stage(db: EngineDatabase, file: string): { readonly file: string; readonly remove: () => void } {
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

  /**
   * A database's instance reaches its own file, the files of the catalogs attached to it,
   * and its staging directory; nothing else, not even the other databases of the server.
   */
  open(db: EngineDatabase): Promise<Handle> {
    let handle = this.handles.get(db.id)
    if (handle === undefined) {
      handle = (async () => {
        fs.mkdirSync(path.dirname(db.file), { recursive: true })
        const staging = this.staging(db.id)
        const instance = await sandboxedInstance([staging], databaseFiles(db), path.join(staging, "spill"))
        await withConnection(instance, async (conn) => {
          await conn.run(`ATTACH ${quoteLiteral(db.file)} AS ${quoteIdent(db.default_catalog)}`)
          await conn.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(db.default_catalog)}.main`)
        })
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

  /** A new connection to a database, using `catalog.schema` (the default catalog's `main` otherwise). */
  async connect(db: EngineDatabase, catalog?: string, schema?: string): Promise<[Handle, DuckDBConnection]> {
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

  /** Runs `f` on a new connection to a database. */
  async read<A>(db: EngineDatabase, f: (conn: DuckDBConnection) => Promise<A>): Promise<A> {
    const handle = await this.open(db)
    return withConnection(handle.instance, f)
  }

  /** Runs `f` on a new connection to a database, after the database's other writes. */
  async write<A>(db: EngineDatabase, f: (conn: DuckDBConnection) => Promise<A>): Promise<A> {
    const handle = await this.open(db)
    return handle.writes.run(() => withConnection(handle.instance, f))
  }

  /** Opens the database file and declares its schemas. */
  async create(db: EngineDatabase, schemas: ReadonlyArray<string>): Promise<void> {
    await this.write(db, async (conn) => {
      for (const schema of schemas) {
        await conn.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(db.default_catalog)}.${quoteIdent(schema)}`)
      }
    })
  }

  async drop(db: EngineDatabase): Promise<void> {
    await this.close(db.id)
    for (const file of [db.file, `${db.file}.wal`]) fs.rmSync(file, { force: true })
  }

  async close(id: string): Promise<void> {
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

  async closeAll(): Promise<void> {
    for (const id of [...this.handles.keys()]) await this.close(id)
  }

  /** Copies every schema and table of `source` into the (new) database `target`. */
  async fork(source: EngineDatabase, target: EngineDatabase): Promise<void> {
    await this.close(target.id)
    await this.open(source)
    // Closing checkpoints the source, so its file holds everything; the copy is the fork.
    await this.close(source.id)
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
    await this.close(db.id)
    const handle = await this.open({ ...db, attachments: [...(db.attachments ?? []), { alias, file }] })
    if (!handle.catalogs.has(alias.toLowerCase())) {
      await this.close(db.id)
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
}
