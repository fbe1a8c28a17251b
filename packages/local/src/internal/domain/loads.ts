import * as Schemas from "@hotdata-effect/core/generated/Schemas"
import * as Schema from "effect/Schema"
import * as fs from "node:fs"
import * as path from "node:path"
import { type Reply, type RequestContext, type Server, settlesWithin } from "../context.js"
import type { LoadOutcome, LoadSource } from "../engine.js"
import { ApiError, badRequest, conflict, keyInProgress, notFound } from "../errors.js"
import { makeId, nowIso } from "../ids.js"
import { startJob } from "../jobRunner.js"
import type { ConnectionRecord, DatabaseRecord, IdempotencyRecord } from "../state.js"
import { asyncOrJob, type AsyncOutcome, checkAsyncAfter } from "./asyncOrJob.js"
import { checkIdentifier, connectionDatabase, engineDatabase, getDatabase } from "./catalog.js"
import { sha256 } from "./requests.js"

const MODES = new Set(["replace", "append", "delete", "update", "upsert"])
const FORMATS: ReadonlyArray<LoadSource["format"]> = ["csv", "json", "parquet"]
const isFormat = (format: string | null | undefined): format is LoadSource["format"] =>
  FORMATS.some((f) => f === format)

type LoadRequest = Schemas.LoadManagedTableRequest

/** The two load operations: into a database's default catalog, or into a managed connection. */
type LoadContext = RequestContext<"load_database_table" | "load_managed_table">

const columnType = (spec: Schemas.ColumnDefinition): string => {
  if (typeof spec === "string") return spec
  if (spec.precision !== undefined && spec.precision !== null) {
    return `${spec.type}(${spec.precision}${spec.scale !== undefined && spec.scale !== null ? `, ${spec.scale}` : ""})`
  }
  return spec.type
}

const arrowTypeName = (type: string): string => {
  const t = type.toUpperCase()
  if (t === "BOOLEAN") return "Boolean"
  if (t === "TINYINT") return "Int8"
  if (t === "SMALLINT") return "Int16"
  if (t === "INTEGER") return "Int32"
  if (t === "BIGINT") return "Int64"
  if (t === "FLOAT") return "Float32"
  if (t === "DOUBLE") return "Float64"
  if (t.startsWith("DECIMAL")) return t.replace("DECIMAL", "Decimal128")
  if (t === "DATE") return "Date32"
  if (t.startsWith("TIMESTAMP")) return "Timestamp(Microsecond, None)"
  if (t === "VARCHAR") return "Utf8"
  if (t === "BLOB") return "Binary"
  return t
}

const sniffFormat = (file: string): { format: "csv" | "json" | "parquet"; gzip: boolean } => {
  const fd = fs.openSync(file, "r")
  try {
    const head = Buffer.alloc(512)
    const n = fs.readSync(fd, head, 0, 512, 0)
    const bytes = head.subarray(0, n)
    if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return { format: "csv", gzip: true }
    if (bytes.subarray(0, 4).toString("latin1") === "PAR1") return { format: "parquet", gzip: false }
    const text = bytes.toString("utf8").trimStart()
    if (text.startsWith("{") || text.startsWith("[")) return { format: "json", gzip: false }
    return { format: "csv", gzip: false }
  } finally {
    fs.closeSync(fd)
  }
}

const formatFromContentType = (contentType: string | null): "csv" | "json" | "parquet" | undefined => {
  if (contentType === null) return undefined
  const t = contentType.toLowerCase()
  if (t.includes("parquet")) return "parquet"
  if (t.includes("json")) return "json"
  if (t.includes("csv")) return "csv"
  return undefined
}

/** The answer a load with the same idempotency key gave. */
const replay = (previous: IdempotencyRecord) =>
  previous.status === 202
    ? { status: 202 as const, body: Schema.validateSync(Schemas.SubmitJobResponse)(previous.body) }
    : { status: 200 as const, body: Schema.validateSync(Schemas.LoadManagedTableResponse)(previous.body) }

/**
 * The keyed loads running on each server, by idempotency slot: each settles once its load
 * has an answer or has failed, for the resends of its key that wait for it.
 */
const runningLoads = new WeakMap<Server, Map<string, Promise<void>>>()

const runningOn = (server: Server): Map<string, Promise<void>> => {
  let running = runningLoads.get(server)
  if (running === undefined) {
    running = new Map()
    runningLoads.set(server, running)
  }
  return running
}

const resolveTarget = (ctx: LoadContext): [DatabaseRecord, ConnectionRecord] => {
  if ("connection_id" in ctx.params) {
    const [connection, db] = connectionDatabase(ctx, ctx.params.connection_id)
    return [db, connection]
  }
  const db = getDatabase(ctx, ctx.params.database_id)
  return [db, ctx.server.state.data.connections[db.default_connection_id]!]
}

const validate = (ctx: LoadContext, body: LoadRequest): void => {
  if (!MODES.has(body.mode)) {
    throw badRequest(`invalid mode "${body.mode}": expected replace, append, delete, update or upsert`)
  }
  const sources = [body.upload_id, body.result_id, body.data].filter((s) => s !== undefined && s !== null)
  if (sources.length !== 1) throw badRequest("exactly one of upload_id, result_id or data is required")
  if (body.columns !== undefined && (body.data === undefined || body.data === null)) {
    throw badRequest("columns can only be given with inline data")
  }
  if (body.format !== undefined && body.format !== null) {
    if (!isFormat(body.format)) throw badRequest(`invalid format "${body.format}": expected csv, json or parquet`)
    if (body.result_id !== undefined && body.result_id !== null) {
      throw badRequest("format cannot be given with result_id")
    }
    if (body.data !== undefined && body.data !== null && body.format !== "csv") {
      throw badRequest("inline data must be csv")
    }
  }
  checkAsyncAfter(body)
  if (body.data !== undefined && body.data !== null) {
    const size = Buffer.byteLength(body.data, "utf8")
    if (size > ctx.server.config.maxInlineDataBytes) {
      throw new ApiError(
        413,
        "INLINE_DATA_TOO_LARGE",
        `inline data is ${size} bytes; the limit is ${ctx.server.config.maxInlineDataBytes}. Upload the file and load it by upload_id`
      )
    }
  }
}

/** Loads a table from an upload, a result or inline data, at once or as a job. @internal */
export const loadTable = async (ctx: LoadContext): Promise<Reply<"load_database_table" | "load_managed_table">> => {
  const body = ctx.body
  const { server } = ctx
  const [db, connection] = resolveTarget(ctx)
  const schema = checkIdentifier(ctx.params.schema, "schema name")
  const table = checkIdentifier(ctx.params.table, "table name")
  validate(ctx, body)
  const key = body.key ?? db.schemas[schema]?.[table]?.key ?? null
  if (
    (body.mode === "delete" || body.mode === "update" || body.mode === "upsert") && (key === null || key.length === 0)
  ) {
    throw badRequest(`mode ${body.mode} needs a key: declare one on the table or pass "key"`)
  }

  let idempotencySlot: string | undefined
  let settle = () => {}
  if (body.idempotency_key !== undefined && body.idempotency_key !== null) {
    const fingerprint = sha256(JSON.stringify({
      target: [db.id, schema, table],
      mode: body.mode,
      key: body.key ?? null,
      upload: body.upload_id ?? null,
      result: body.result_id ?? null,
      data: body.data === undefined || body.data === null ? null : sha256(body.data),
      format: body.format ?? null,
      columns: body.columns ?? null
    }))
    const slot = `${ctx.workspace}/${body.idempotency_key}`
    for (;;) {
      const previous = server.state.data.idempotency[slot]
      if (previous === undefined) break
      if (previous.fingerprint !== fingerprint) {
        throw conflict(`idempotency_key ${body.idempotency_key} was already used for a different load`)
      }
      if (previous.status !== 0) return replay(previous)
      // The original is still running: wait for its answer, for a while.
      const original = runningOn(server).get(slot)
      if (original === undefined || !(await settlesWithin(original, server.config.keyedLoadWaitMs))) {
        throw keyInProgress(
          `a load with idempotency_key ${body.idempotency_key} is still running; ` +
            "send it again with the same key to get its result"
        )
      }
      // It answered (replayed above), or it failed and its key is free again: this load runs.
    }
    idempotencySlot = slot
    server.state.data.idempotency[slot] = {
      fingerprint,
      status: 0,
      body: null,
      database_id: db.id,
      ...(body.upload_id !== undefined && body.upload_id !== null ? { upload_id: body.upload_id } : {})
    }
    server.state.save()
    let done!: () => void
    runningOn(server).set(slot, new Promise<void>((resolve) => (done = resolve)))
    settle = () => {
      runningOn(server).delete(slot)
      done()
    }
  }
  const forget = () => {
    if (idempotencySlot !== undefined) delete server.state.data.idempotency[idempotencySlot]
    settle()
  }
  const remember = (status: number, value: unknown) => {
    if (idempotencySlot === undefined) return
    const slot = server.state.data.idempotency[idempotencySlot]
    if (slot !== undefined) server.state.data.idempotency[idempotencySlot] = { ...slot, status, body: value }
    server.state.save()
    settle()
  }

  // Resolve and claim the source before answering, so a second load of one upload is refused.
  const tmpDir = path.join(server.config.dataDir, "tmp")
  fs.mkdirSync(tmpDir, { recursive: true })
  let source: LoadSource | undefined
  let release: (ok: boolean) => void = () => undefined
  let prepare: () => Promise<LoadSource>
  try {
    if (body.upload_id !== undefined && body.upload_id !== null) {
      const upload = server.state.data.uploads[body.upload_id]
      if (upload === undefined || upload.workspace !== ctx.workspace) {
        throw notFound(`upload ${body.upload_id} not found`)
      }
      if (upload.status === "pending") throw badRequest(`upload ${upload.id} has not been finalized`)
      if (upload.status === "loading") throw conflict(`upload ${upload.id} is being loaded by another request`)
      if (upload.status === "consumed") throw conflict(`upload ${upload.id} has already been loaded`)
      if (server.storage === undefined) throw badRequest("uploads are not available: presigning is disabled")
      const storage = server.storage
      upload.status = "loading"
      server.state.save()
      release = (ok) => {
        upload.status = ok ? "consumed" : "finalized"
        server.state.save()
      }
      prepare = async () => {
        const file = path.join(tmpDir, `${upload.id}-${makeId("")}`)
        await storage.download(upload.key, file)
        const sniffed = sniffFormat(file)
        const format = (isFormat(body.format) ? body.format : undefined) ??
          formatFromContentType(upload.content_type) ??
          sniffed.format
        const gzip = format !== "parquet" && (upload.content_encoding === "gzip" || sniffed.gzip)
        return { file, format, compression: gzip ? "gzip" : undefined }
      }
    } else if (body.result_id !== undefined && body.result_id !== null) {
      const result = server.state.data.results[body.result_id]
      if (result === undefined || result.workspace !== ctx.workspace) {
        throw notFound(`result ${body.result_id} not found`)
      }
      if (result.status === "processing") throw conflict(`result ${result.id} is still being computed`)
      if (result.status === "failed") throw badRequest(`result ${result.id} failed: ${result.error_message ?? ""}`)
      const file = path.join(server.config.dataDir, "results", result.file)
      prepare = async () => ({ file, format: "parquet" })
    } else {
      const data = body.data!
      prepare = async () => {
        const file = path.join(tmpDir, `${makeId("inln")}.csv`)
        fs.writeFileSync(file, data)
        const columns = body.columns === undefined
          ? undefined
          : Object.fromEntries(Object.entries(body.columns).map(([k, v]) => [k, columnType(v)]))
        return { file, format: "csv", columns }
      }
    }
  } catch (cause) {
    forget()
    throw cause
  }

  const answer = (out: LoadOutcome): Schemas.LoadManagedTableResponse => ({
    connection_id: connection.id,
    schema_name: schema,
    table_name: table,
    row_count: out.rowCount,
    arrow_schema_json: JSON.stringify({
      fields: out.columns.map((c) => ({ name: c.name, data_type: arrowTypeName(c.type), nullable: c.nullable }))
    })
  })
  // A keyed load commits a receipt with its rows, so a restart after a crash knows it landed.
  const receipt = idempotencySlot === undefined
    ? undefined
    : { slot: idempotencySlot, answer: (out: LoadOutcome) => JSON.stringify(answer(out)) }

  const run = async (): Promise<Schemas.LoadManagedTableResponse> => {
    let ok = false
    try {
      // The key is on disk before the rows can be.
      if (receipt !== undefined) await server.state.durable()
      const stall = server.faults.take("table_load", (f) => f._tag === "Stall")
      if (stall?._tag === "Stall") await new Promise((resolve) => setTimeout(resolve, stall.millis))
      source = await prepare()
      const out = await server.engine.load(engineDatabase(server, db), schema, table, source, body.mode, key, receipt)
      const decl = (db.schemas[schema] ??= {})
      decl[table] = { ...(decl[table] ?? { key: null, partition_by: [], sorted_by: [] }), last_sync: nowIso() }
      ok = true
      return answer(out)
    } finally {
      release(ok)
      if (source !== undefined && source.file.startsWith(tmpDir)) fs.rmSync(source.file, { force: true })
      server.state.save()
    }
  }

  let outcome: AsyncOutcome<Schemas.LoadManagedTableResponse, Schemas.SubmitJobResponse>
  try {
    outcome = await asyncOrJob(body, run, (work) => startJob(server, ctx.workspace, "managed_load", work))
  } catch (cause) {
    forget()
    throw cause
  }
  if (outcome.done) {
    remember(200, outcome.value)
    return { status: 200, body: outcome.value }
  }
  remember(202, outcome.handle)
  return { status: 202, body: outcome.handle }
}
