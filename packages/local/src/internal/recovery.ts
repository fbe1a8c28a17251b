import * as fs from "node:fs"
import * as path from "node:path"
import type { Server } from "./context.js"
import type { Engine } from "./engine.js"
import { engineDatabase } from "./handlers/common.js"
import type { IdempotencyRecord, JobRecord, StateData } from "./state.js"

/**
 * Marks the work a crash interrupted as failed, so nothing stays stuck after a restart:
 * jobs still pending or running fail, bulk creations end, uploads being loaded can be
 * loaded again, and an
 * idempotency key whose load never answered, or answered with a job that died, is
 * forgotten so that resending it runs the load again.
 *
 * @internal
 */
export const recoverInterrupted = (data: StateData, now: string): void => {
  const interrupted = new Set<string>()
  for (const job of Object.values(data.jobs)) {
    if (job.status === "pending" || job.status === "running") {
      job.status = "failed"
      job.error_message = "the server stopped before the job finished; submit it again"
      job.completed_at = now
      interrupted.add(job.id)
    }
  }
  // A bulk creation cut short ends with the databases it made (its count may lag behind
  // the databases on record); one that made none is forgotten, so its idempotency key can
  // be used again.
  for (const batch of Object.values(data.batches ?? {})) {
    if (batch.done) continue
    const made = Object.values(data.databases ?? {}).filter((db) => db.batch_id === batch.id).length
    batch.created_count = Math.max(batch.created_count, made)
    if (batch.created_count === 0) delete data.batches[batch.id]
    else batch.done = true
  }
  for (const upload of Object.values(data.uploads)) {
    if (upload.status === "loading") upload.status = "finalized"
  }
  for (const [slot, record] of Object.entries(data.idempotency)) {
    const job = (record.body as { readonly id?: unknown } | null)?.id
    if (record.status === 0 || (record.status === 202 && typeof job === "string" && interrupted.has(job))) {
      delete data.idempotency[slot]
    }
  }
}

/** The job a keyed load answered with, while it has not finished. */
const unfinishedJob = (data: StateData, record: IdempotencyRecord): JobRecord | undefined => {
  if (record.status !== 202) return undefined
  const id = (record.body as { readonly id?: unknown } | null)?.id
  const job = typeof id === "string" ? data.jobs[id] : undefined
  return job !== undefined && (job.status === "pending" || job.status === "running") ? job : undefined
}

/**
 * Settles the keyed loads a crash cut off, by the receipt each one commits in its database
 * with its rows: a load that landed keeps its key with the answer it recorded (the job it
 * ran as succeeds with it, the upload it read stays consumed), so resending the key answers
 * with it and loads nothing again. Loads without a receipt did not land: {@link recoverInterrupted}
 * then frees their keys. Runs before it.
 *
 * @internal
 */
export const recoverKeyedLoads = async (server: Server, now: string): Promise<void> => {
  const data = server.state.data
  const byDatabase = new Map<string, Array<string>>()
  for (const [slot, record] of Object.entries(data.idempotency)) {
    if (record.database_id === undefined) continue
    if (record.status !== 0 && unfinishedJob(data, record) === undefined) continue
    byDatabase.set(record.database_id, [...(byDatabase.get(record.database_id) ?? []), slot])
  }
  for (const [id, slots] of byDatabase) {
    const db = data.databases[id]
    if (db === undefined) continue
    let receipts: Map<string, string>
    try {
      receipts = await server.engine.loadReceipts(engineDatabase(server, db), slots)
    } catch {
      // An unreadable database: its loads are taken as not landed.
      continue
    }
    for (const slot of slots) {
      const answer = receipts.get(slot)
      const record = data.idempotency[slot]
      if (answer === undefined || record === undefined) continue
      const result = JSON.parse(answer) as NonNullable<JobRecord["result"]>
      const job = unfinishedJob(data, record)
      if (job !== undefined) {
        job.status = "succeeded"
        job.result = result
        job.error_message = null
        job.completed_at = now
      } else {
        data.idempotency[slot] = { ...record, status: 200, body: result }
      }
      const upload = record.upload_id === undefined ? undefined : data.uploads[record.upload_id]
      if (upload !== undefined && upload.status === "loading") upload.status = "consumed"
    }
  }
}

/**
 * Finishes the results a crash left `processing` whose Parquet file is complete: the file is
 * written before a query answers, only its description may be missing.
 *
 * @internal
 */
export const recoverResults = async (data: StateData, engine: Engine, resultsDir: string): Promise<void> => {
  for (const result of Object.values(data.results)) {
    if (result.status !== "processing") continue
    const file = path.join(resultsDir, result.file)
    if (!fs.existsSync(file)) continue
    try {
      const described = await engine.describeParquet(file)
      result.row_count = described.rowCount
      result.columns = described.columns
      result.status = "ready"
    } catch {
      // Left for the orphan sweep to fail.
    }
  }
}

const held = new Set<string>()

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === "EPERM"
  }
}

/**
 * Takes the data directory for this server: a `lock` file holding the process id. A lock
 * left by a process that is gone (a crash) is taken over; one held by a live server is an
 * error naming it. Returns the release.
 *
 * @internal
 */
export const lockDataDir = (dataDir: string): () => void => {
  const file = path.join(dataDir, "lock")
  const inUse = (pid: number) =>
    new Error(
      `the data directory ${dataDir} is in use by another local Hotdata server (process ${pid}); ` +
        `stop that server or choose another data directory (remove ${file} only if no server uses it)`
    )
  if (held.has(dataDir)) throw inUse(process.pid)
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" })
      held.add(dataDir)
      let released = false
      return () => {
        if (released) return
        released = true
        held.delete(dataDir)
        fs.rmSync(file, { force: true })
      }
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== "EEXIST") throw cause
    }
    const pid = Number(fs.readFileSync(file, "utf8").trim())
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw inUse(pid)
    // Left by a server that is gone.
    fs.rmSync(file, { force: true })
  }
  throw new Error(`could not take the lock on the data directory ${dataDir}`)
}
