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
    { readonly column: string; readonly direction?: string | null; readonly nulls?: string | null }
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
  result: unknown
  error_message: string | null
  completed_at: string | null
}

/** @internal */
export interface IdempotencyRecord {
  readonly fingerprint: string
  readonly status: number
  readonly body: unknown
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

/** @internal */
export interface StateData {
  version: 1
  seq: number
  workspaces: Record<string, WorkspaceRecord>
  databases: Record<string, DatabaseRecord>
  connections: Record<string, ConnectionRecord>
  uploads: Record<string, UploadRecord>
  results: Record<string, ResultRecord>
  queryRuns: Record<string, QueryRunRecord>
  savedQueries: Record<string, SavedQueryRecord>
  secrets: Record<string, SecretRecord>
  jobs: Record<string, JobRecord>
  idempotency: Record<string, IdempotencyRecord>
  batches: Record<string, BatchRecord>
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
  usage: { query_count: 0, bytes_scanned: 0, since: new Date().toISOString() }
})

/**
 * The server's metadata, kept in memory and written to `state.json` in the data directory
 * (atomically, coalescing bursts of changes) so a restart finds everything again.
 *
 * @internal
 */
export class StateStore {
  readonly data: StateData
  private readonly file: string
  private scheduled = false
  private closed = false

  constructor(dataDir: string) {
    this.file = path.join(dataDir, "state.json")
    this.data = StateStore.read(this.file)
  }

  private static read(file: string): StateData {
    try {
      const text = fs.readFileSync(file, "utf8")
      return { ...empty(), ...(JSON.parse(text) as Partial<StateData>) }
    } catch {
      return empty()
    }
  }

  /** A monotonically increasing number, used to order records created in the same millisecond. */
  nextSeq(): number {
    this.data.seq += 1
    return this.data.seq
  }

  /** Marks the state as changed; it is written on the next turn of the event loop. */
  save(): void {
    if (this.scheduled || this.closed) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      if (this.closed) return
      try {
        this.flush()
      } catch {
        // The next change writes again; `close` writes synchronously and reports failures.
      }
    })
  }

  flush(): void {
    const tmp = `${this.file}.${process.pid}.tmp`
    fs.writeFileSync(tmp, JSON.stringify(this.data))
    fs.renameSync(tmp, this.file)
  }

  close(): void {
    if (this.closed) return
    this.flush()
    this.closed = true
  }
}
