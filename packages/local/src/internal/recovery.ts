import * as fs from "node:fs"
import * as path from "node:path"
import type { Engine } from "./engine.js"
import type { StateData } from "./state.js"

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
  // A bulk creation cut short ends with the databases it made; one that made none is
  // forgotten, so its idempotency key can be used again.
  for (const batch of Object.values(data.batches ?? {})) {
    if (batch.done) continue
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
