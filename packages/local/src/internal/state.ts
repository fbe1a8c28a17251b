import type * as Schemas from "@hotdata-effect/core/generated/Schemas"
import * as fs from "node:fs"
import * as path from "node:path"

/** @internal */
export interface WorkspaceRecord {
  readonly public_id: string
  name: string
  readonly created_at: string
}

/** @internal */
export interface TableDeclaration {
  readonly key: ReadonlyArray<string> | null
  readonly partition_by: ReadonlyArray<{ readonly column: string; readonly transform: string }>
  readonly sorted_by: ReadonlyArray<
    {
      readonly column: string
      readonly direction?: string | null | undefined
      readonly nulls?: string | null | undefined
    }
  >
  last_sync: string | null
}

/** @internal */
export interface DatabaseRecord {
  readonly id: string
  readonly seq: number
  readonly workspace: string
  readonly name: string | null
  readonly default_catalog: string
  readonly default_schema: string
  readonly default_connection_id: string
  readonly expires_at: string | null
  readonly created_at: string
  readonly file: string
  attachments: Array<{ connection_id: string; alias: string | null }>
  /** Schema name to declared tables (table name to declaration). */
  schemas: Record<string, Record<string, TableDeclaration>>
  contexts: Record<string, { content: string; updated_at: string }>
  /** The bulk creation that made it, if any. */
  readonly batch_id?: string | undefined
}

/** @internal */
export interface ConnectionRecord {
  readonly id: string
  readonly workspace: string
  readonly name: string
  readonly source_type: string
  readonly database_id: string
  readonly created_at: string
  /** For a connection to files: what it reads (its cache is the DuckDB file of `database_id`). */
  readonly source?: ConnectionSource | undefined
}

/** @internal */
export interface ConnectionSource {
  readonly kind: "duckdb" | "csv" | "parquet" | "json"
  /** As configured: relative to, or inside, the server's sources directory. */
  readonly path: string
  /** The table a single-file source becomes (in schema `main`). */
  readonly table: string | null
  /** Its tables by `schema.table`: when each was last read, and whether its copy is cached. */
  readonly tables: Record<string, { synced_at: string; cached: boolean }>
}

/** @internal */
export interface UploadRecord {
  readonly id: string
  readonly workspace: string
  readonly mode: "single" | "multipart"
  readonly key: string
  readonly declared_size_bytes: number | null
  readonly part_size: number | null
  readonly content_type: string | null
  readonly content_encoding: string | null
  readonly filename: string | null
  readonly finalize_token_hash: string
  readonly s3_upload_id: string | null
  readonly created_at: string
  status: "pending" | "finalized" | "loading" | "consumed"
  size_bytes: number | null
  finalized_at: string | null
}

/** @internal */
export interface ResultColumn {
  readonly name: string
  readonly type: string
  readonly nullable: boolean
}

/** @internal */
export interface ResultRecord {
  readonly id: string
  readonly seq: number
  readonly workspace: string
  readonly database_id: string
  readonly created_at: string
  readonly file: string
  status: "processing" | "ready" | "failed"
  error_message: string | null
  row_count: number | null
  columns: Array<ResultColumn> | null
}

/** @internal */
export interface QueryRunRecord {
  readonly id: string
  readonly seq: number
  readonly workspace: string
  readonly database_id: string
  readonly sql_text: string
  readonly sql_hash: string
  readonly created_at: string
  readonly saved_query_id: string | null
  readonly saved_query_version: number | null
  readonly trace_id: string
  status: "running" | "succeeded" | "failed"
  result_id: string | null
  row_count: number | null
  execution_time_ms: number | null
  error_message: string | null
  warning_message: string | null
  completed_at: string | null
}

/** @internal */
export interface SavedQueryVersion {
  readonly version: number
  readonly sql: string
  readonly sql_hash: string
  readonly created_at: string
}

/** @internal */
export interface SavedQueryRecord {
  readonly id: string
  readonly seq: number
  readonly workspace: string
  name: string
  description: string
  tags: Array<string>
  readonly created_at: string
  updated_at: string
  versions: Array<SavedQueryVersion>
}

/** @internal */
export interface SecretRecord {
  readonly id: string
  readonly workspace: string
  readonly name: string
  value: string
  readonly created_at: string
  updated_at: string
}

/** @internal */
export interface JobRecord {
  readonly id: string
  readonly seq: number
  readonly workspace: string
  readonly job_type: string
  readonly created_at: string
  status: "pending" | "running" | "succeeded" | "failed"
  attempts: number
  /** What the job produced (local jobs are table loads). */
  result: Schemas.JobResult | null
  error_message: string | null
  completed_at: string | null
}

/**
 * A load's idempotency key (by `workspace/key` slot): the fingerprint of what it loads,
 * and its answer once it has one (`status` 0 while it runs). Written to disk before the
 * load commits, so that after a crash the receipt the load commits with its rows (in the
 * database `database_id`) tells whether it landed.
 *
 * @internal
 */
export interface IdempotencyRecord {
  readonly fingerprint: string
  readonly status: number
  readonly body: unknown
  /** The database loaded into. */
  readonly database_id?: string | undefined
  /** The upload the load consumes, if any. */
  readonly upload_id?: string | undefined
}

/** A bulk creation of databases. @internal */
export interface BatchRecord {
  readonly id: string
  readonly workspace: string
  readonly count: number
  created_count: number
  readonly expires_at: string | null
  readonly idempotency_key: string | null
  /** `false` while its databases are being created. */
  done: boolean
}

/** An index on a managed table; `sorted` ones are also DuckDB indexes. @internal */
export interface IndexRecord {
  readonly workspace: string
  readonly seq: number
  readonly connection_id: string
  readonly database_id: string
  readonly schema: string
  readonly table: string
  readonly index_name: string
  readonly index_type: "sorted" | "bm25" | "vector"
  readonly columns: ReadonlyArray<string>
  readonly metric: string | null
  readonly dimensions: number | null
  readonly description: string | null
  readonly embedding_provider_id: string | null
  readonly created_at: string
  updated_at: string
  status: "ready" | "pending"
}

/** An embedding provider; its API key is a secret it owns (`secret_name`). @internal */
export interface EmbeddingProviderRecord {
  readonly id: string
  readonly seq: number
  readonly workspace: string
  name: string
  readonly provider_type: string
  config: Record<string, unknown>
  /** The secret holding its API key, if any. */
  secret_name: string | null
  /** Whether that secret was made from an `api_key` (and goes with the provider). */
  owns_secret: boolean
  readonly created_at: string
  updated_at: string
}

/** The records the state keeps, by collection; each collection maps ids (or keys) to records. */
interface Collections {
  workspaces: WorkspaceRecord
  databases: DatabaseRecord
  connections: ConnectionRecord
  uploads: UploadRecord
  results: ResultRecord
  queryRuns: QueryRunRecord
  savedQueries: SavedQueryRecord
  secrets: SecretRecord
  jobs: JobRecord
  idempotency: IdempotencyRecord
  batches: BatchRecord
  indexes: IndexRecord
  embeddingProviders: EmbeddingProviderRecord
}

type ById<T> = { [K in keyof T]: Record<string, T[K]> }

/** @internal */
export interface StateData extends ById<Collections> {
  version: 1
  seq: number
  usage: { query_count: number; bytes_scanned: number; since: string }
}

const empty = (): StateData => ({
  version: 1,
  seq: 0,
  workspaces: {},
  databases: {},
  connections: {},
  uploads: {},
  results: {},
  queryRuns: {},
  savedQueries: {},
  secrets: {},
  jobs: {},
  idempotency: {},
  batches: {},
  indexes: {},
  embeddingProviders: {},
  usage: { query_count: 0, bytes_scanned: 0, since: new Date().toISOString() }
})

/**
 * Creates `file` with what `write` writes to it, flushed to disk before it is closed; on a
 * failure the file is closed and removed. `mode` sets its permissions (default 0666 less the umask).
 *
 * @internal
 */
export const writeSynced = async (
  file: string,
  write: (handle: fs.promises.FileHandle) => Promise<void>,
  mode?: number
): Promise<void> => {
  const handle = await fs.promises.open(file, "w", mode)
  try {
    await write(handle)
    await handle.sync()
  } catch (cause) {
    await handle.close()
    await fs.promises.rm(file, { force: true })
    throw cause
  }
  await handle.close()
}

/**
 * Writes `text` to `file` so that a crash leaves either the old or the new content: a
 * temporary file beside it, flushed to disk, renamed over it, and the directory flushed so
 * the rename itself survives. `mode` sets the new file's permissions (default 0666 less the umask).
 *
 * @internal
 */
export const writeFileDurably = async (file: string, text: string | Uint8Array, mode?: number): Promise<void> => {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
  await writeSynced(tmp, (handle) => handle.writeFile(text), mode)
  await fs.promises.rename(tmp, file)
  await syncDirectory(path.dirname(file))
}

/** Flushes a directory's entries (a rename, a new file) to disk, where the platform allows it. @internal */
export const syncDirectory = async (directory: string): Promise<void> => {
  let handle: fs.promises.FileHandle | undefined
  try {
    handle = await fs.promises.open(directory, "r")
    await handle.sync()
  } catch {
    // Some platforms (Windows) cannot open or flush a directory; the rename is still atomic.
  } finally {
    await handle?.close()
  }
}

/** `state.json` holds the values of secrets: readable and writable by the server's user only. */
const STATE_FILE_MODE = 0o600

/**
 * The server's metadata, kept in memory and written to `state.json` in the data directory.
 * Changes are grouped: `save` marks the state changed and starts a write; `durable` resolves
 * once every change made before it is on disk (written atomically and flushed). The API
 * answers a request only after `durable`, so an acknowledged change survives a crash.
 *
 * @internal
 */
export class StateStore {
  readonly data: StateData
  private readonly file: string
  /** Counts changes; `written` is the count the file on disk holds. */
  private changes = 0
  private written = 0
  private writing: Promise<void> | undefined
  private failure: unknown
  private closed = false

  constructor(dataDir: string) {
    this.file = path.join(dataDir, "state.json")
    this.data = StateStore.read(this.file)
    // Temporary files of writes a crash interrupted.
    for (const name of fs.readdirSync(dataDir)) {
      if (name.startsWith("state.json.") && name.endsWith(".tmp")) fs.rmSync(path.join(dataDir, name), { force: true })
    }
  }

  private static read(file: string): StateData {
    let text: string
    try {
      text = fs.readFileSync(file, "utf8")
    } catch {
      return empty()
    }
    try {
      return { ...empty(), ...(JSON.parse(text) as Partial<StateData>) }
    } catch (cause) {
      throw new Error(
        `${file} is not valid JSON (${cause instanceof Error ? cause.message : String(cause)}); ` +
          "move it away to start with an empty state"
      )
    }
  }

  /** A monotonically increasing number, used to order records created in the same millisecond. */
  nextSeq(): number {
    this.data.seq += 1
    return this.data.seq
  }

  /** Marks the state as changed and starts writing it. */
  save(): void {
    if (this.closed) return
    this.changes += 1
    void this.durable().catch(() => undefined)
  }

  /** Resolves once every change made so far is on disk; rejects when the state cannot be written. */
  durable(): Promise<void> {
    const target = this.changes
    if (this.written >= target || this.closed) return Promise.resolve()
    const wait = async (): Promise<void> => {
      while (this.written < target) {
        if (this.writing === undefined) {
          this.writing = this.writeOnce().finally(() => {
            this.writing = undefined
          })
        }
        await this.writing
        if (this.written < target && this.failure !== undefined) throw this.failure
      }
    }
    return wait()
  }

  /** Marks the state as changed and waits until it is on disk. */
  commit(): Promise<void> {
    this.save()
    return this.durable()
  }

  private async writeOnce(): Promise<void> {
    // Wait a turn so that changes made together are written together.
    await new Promise<void>((resolve) => setImmediate(resolve))
    const covered = this.changes
    const text = JSON.stringify(this.data)
    try {
      await writeFileDurably(this.file, text, STATE_FILE_MODE)
      this.failure = undefined
      this.written = Math.max(this.written, covered)
    } catch (cause) {
      this.failure = cause
    }
  }

  /** Stops writing in the background and writes the state one last time. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.writing
    await writeFileDurably(this.file, JSON.stringify(this.data), STATE_FILE_MODE)
  }
}
