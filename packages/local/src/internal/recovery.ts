import * as fs from "node:fs"
import * as path from "node:path"
import type { Server } from "./context.js"
import { engineDatabase } from "./domain/catalog.js"
import type { Engine } from "./engine.js"
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

/** How long a lock file that holds no process id yet is given to get one. */
const UNREADABLE_LOCK_WAIT_MS = 2_000
/** How long taking the lock may take in all (other takers of a stale lock at work). */
const LOCK_TIMEOUT_MS = 10_000
const POLL_MS = 20

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

const errnoOf = (cause: unknown): string | undefined => (cause as NodeJS.ErrnoException | undefined)?.code

/**
 * Creates `file` holding `text` in one step, unless it exists: the text is written and
 * flushed beside it, then linked into place, so the file is never seen empty or half
 * written. Where the file system has no hard links, an exclusive create (`wx`) followed by
 * the write. Returns whether this call created it.
 */
const createWhole = (file: string, text: string): boolean => {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
  const fd = fs.openSync(tmp, "wx")
  try {
    fs.writeSync(fd, text)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  try {
    fs.linkSync(tmp, file)
    return true
  } catch (cause) {
    if (errnoOf(cause) === "EEXIST") return false
    // No hard links here.
    try {
      fs.writeFileSync(file, text, { flag: "wx" })
      return true
    } catch (again) {
      if (errnoOf(again) === "EEXIST") return false
      throw again
    }
  } finally {
    fs.rmSync(tmp, { force: true })
  }
}

/** What a lock file holds: a process id, nothing readable yet (empty, half written), or no file. */
const readLock = (file: string): number | "unreadable" | "absent" => {
  let text: string
  try {
    text = fs.readFileSync(file, "utf8")
  } catch (cause) {
    if (errnoOf(cause) === "ENOENT") return "absent"
    throw cause
  }
  return /^\s*[1-9][0-9]*\s*$/.test(text) ? Number(text) : "unreadable"
}

/**
 * Takes the data directory for this server: a `lock` file holding the process id, created
 * atomically (it appears whole or not at all; never read, then written). A lock held by a
 * live process is an error naming it. A lock whose process is gone (a crash) is replaced:
 * the takers of a stale lock first race for a claim on it (`lock.takeover.<pid>`, an
 * exclusive create, so one wins), and only the winner, after checking the lock still holds
 * the dead process id, removes it; then every taker races to create the lock afresh and one
 * wins. A claim whose taker died too is claimed in turn under a longer name, so no file
 * ever has to be removed on a guess. A lock file holding no process id (being written by a
 * server starting, or left empty) is given a moment, then reported. Returns the release.
 *
 * @internal
 */
export const lockDataDir = async (dataDir: string): Promise<() => void> => {
  const file = path.join(dataDir, "lock")
  const inUse = (pid: number) =>
    new Error(
      `the data directory ${dataDir} is in use by another local Hotdata server (process ${pid}); ` +
        `stop that server or choose another data directory (remove ${file} only if no server uses it)`
    )
  let unreadableSince: number | undefined
  const started = Date.now()
  for (;;) {
    if (held.has(dataDir)) throw inUse(process.pid)
    if (Date.now() - started >= LOCK_TIMEOUT_MS) {
      throw new Error(`could not take the lock on the data directory ${dataDir}: other servers kept taking it over`)
    }
    if (createWhole(file, String(process.pid))) {
      held.add(dataDir)
      sweep(dataDir)
      let released = false
      return () => {
        if (released) return
        released = true
        held.delete(dataDir)
        fs.rmSync(file, { force: true })
      }
    }
    const holder = readLock(file)
    if (holder === "absent") continue
    if (holder === "unreadable") {
      unreadableSince ??= Date.now()
      if (Date.now() - unreadableSince >= UNREADABLE_LOCK_WAIT_MS) {
        throw new Error(
          `the data directory ${dataDir} is locked by ${file}, which holds no process id (empty or half written): ` +
            `a server may be starting there; if none is, remove ${file}`
        )
      }
      await sleep(POLL_MS)
      continue
    }
    unreadableSince = undefined
    if (holder === process.pid ? held.has(dataDir) : alive(holder)) throw inUse(holder)
    // Left by a process that is gone (or by this one, for a server it no longer runs).
    await removeStale(file, [holder])
  }
}

/**
 * Removes the lock `file` held by the dead process `chain[0]`, if this call wins the claim
 * on it; `chain` continues with the dead takers whose claims were left behind.
 */
const removeStale = async (file: string, chain: ReadonlyArray<number>): Promise<void> => {
  const claim = `${file}.takeover.${chain.join(".")}`
  if (createWhole(claim, String(process.pid))) {
    // Only the winner of this claim removes this lock, and no one else writes a lock over it.
    if (readLock(file) === chain[0]) fs.rmSync(file, { force: true })
    return
  }
  const taker = readLock(claim)
  if (typeof taker === "number" && taker !== process.pid && !alive(taker)) {
    return removeStale(file, [...chain, taker])
  }
  // Another taker is at it (or its claim is still being written): look again shortly.
  await sleep(POLL_MS)
}

/** Once the lock is held: claims on stale locks and temporary files of lock writes are spent. */
const sweep = (dataDir: string): void => {
  for (const name of fs.readdirSync(dataDir)) {
    const writer = /^lock\.(\d+)\.[a-z0-9]*\.tmp$/.exec(name)?.[1]
    const spent = name.startsWith("lock.takeover.") || (writer !== undefined && !alive(Number(writer)))
    if (spent) fs.rmSync(path.join(dataDir, name), { force: true })
  }
}
