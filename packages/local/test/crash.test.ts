import { describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { type ChildProcess, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { assert } from "vitest"

/**
 * Kills the server with SIGKILL at random points while clients create databases, load
 * tables (synchronously and as jobs, with idempotency keys), append keyed batches, create
 * keyed bulk batches and send multipart uploads, restarts it on the same data directory,
 * and checks that every change the server acknowledged is there, that nothing is left
 * stuck, and that every keyed write resent after the restart lands exactly once.
 */

const ROUNDS = 6
const child = fileURLToPath(new URL("./fixtures/crashServer.ts", import.meta.url))

interface Running {
  readonly process: ChildProcess
  readonly baseUrl: string
}

const startServer = (dataDir: string): Promise<Running> =>
  new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["--import", "tsx", child, dataDir], {
      stdio: ["ignore", "pipe", "pipe"]
    })
    let out = ""
    let err = ""
    proc.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString()
      const line = out.split("\n")[0]!
      if (out.includes("\n")) resolve({ process: proc, baseUrl: JSON.parse(line).baseUrl })
    })
    proc.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()))
    proc.once("exit", (code) => reject(new Error(`the server exited (${code}) before starting: ${err}`)))
  })

const kill = (running: Running): Promise<void> =>
  new Promise((resolve) => {
    running.process.once("exit", () => resolve())
    running.process.kill("SIGKILL")
  })

const client = (baseUrl: string) => {
  const call = async (method: string, p: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${baseUrl}${p}`, {
      method,
      headers: {
        authorization: "Bearer crash-key",
        "x-workspace-id": "ws_local",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    const text = await response.text()
    let json: any
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    return { status: response.status, json, text }
  }
  return call
}

/** What the server acknowledged, to be found again after the restart. */
interface Acknowledged {
  databases: Array<string>
  /** Synchronous loads: database, table, rows. */
  loads: Array<{ db: string; table: string; rows: number }>
  /** Loads answered 202: the job, and how to send the load again. */
  jobs: Array<{ db: string; table: string; rows: number; job: string; key: string }>
  /** Queries answered with a result id, and the rows the result holds. */
  results: Array<{ db: string; id: string; rows: number }>
  /** Keyed appends of a batch of rows (tagged with the key) to one table; `answered` once the server answered. */
  appends: Array<{ key: string; rows: number; async: boolean; answered: boolean; job?: string }>
  /** Keyed bulk creations; `batch` once the server answered with it. */
  bulks: Array<{ key: string; name: string; batch?: string }>
  /** Multipart uploads with the parts the store acknowledged. */
  uploads: Array<
    { id: string; token: string; parts: Array<{ part_number: number; e_tag: string }>; finalized: boolean }
  >
}

const csv = (rows: number) => "n\n" + Array.from({ length: rows }, (_, i) => i).join("\n") + "\n"
const batchCsv = (key: string, rows: number) =>
  "batch,n\n" + Array.from({ length: rows }, (_, i) => `${key},${i}`).join("\n") + "\n"
const appendsTable = (round: number) => `appends_${round}`

/** Work sent until the server dies; every acknowledged change goes into `acked`. */
const workload = async (baseUrl: string, round: number, acked: Acknowledged, db: string) => {
  const call = client(baseUrl)
  const alive = { value: true }
  const guard = async (f: () => Promise<void>) => {
    while (alive.value) {
      try {
        await f()
      } catch {
        alive.value = false
      }
    }
  }
  let n = 0
  const creates = () =>
    guard(async () => {
      const r = await call("POST", "/v1/databases", { name: `r${round}-${n++}` })
      if (r.status === 201 || r.status === 200) acked.databases.push(r.json.id)
    })
  let l = 0
  const loads = () =>
    guard(async () => {
      const i = l++
      const rows = 1 + (i % 7)
      const table = `t${round}_${i}`
      const key = `k${round}_${i}`
      const async = i % 2 === 1
      const r = await call("POST", `/v1/databases/${db}/schemas/main/tables/${table}/loads`, {
        mode: "replace",
        data: csv(rows),
        idempotency_key: key,
        async
      })
      if (r.status === 200) acked.loads.push({ db, table, rows })
      else if (r.status === 202) acked.jobs.push({ db, table, rows, job: r.json.id, key })
    })
  let a = 0
  const appends = () =>
    guard(async () => {
      const i = a++
      const entry: Acknowledged["appends"][number] = {
        key: `a${round}_${i}`,
        rows: 1 + (i % 5),
        async: i % 3 === 2,
        answered: false
      }
      acked.appends.push(entry)
      const r = await call("POST", `/v1/databases/${db}/schemas/main/tables/${appendsTable(round)}/loads`, {
        mode: "append",
        data: batchCsv(entry.key, entry.rows),
        idempotency_key: entry.key,
        async: entry.async
      })
      if (r.status === 200 || r.status === 202) entry.answered = true
      if (r.status === 202) entry.job = r.json.id
    })
  let b = 0
  const bulks = () =>
    guard(async () => {
      const i = b++
      const entry: Acknowledged["bulks"][number] = { key: `b${round}_${i}`, name: `bk${round}x${i}y` }
      acked.bulks.push(entry)
      const r = await call("POST", "/v1/databases/bulk", {
        count: 2,
        name_template: `${entry.name}{n}`,
        idempotency_key: entry.key
      })
      if (r.status === 202) entry.batch = r.json.batch_id
    })
  let q = 0
  const queries = () =>
    guard(async () => {
      const rows = 1 + (q++ % 50)
      const r = await call("POST", "/v1/query", { sql: `SELECT range AS n FROM range(${rows})` }, {
        "x-database-id": db
      })
      if (r.status === 200 && r.json.result_id) acked.results.push({ db, id: r.json.result_id, rows })
    })
  let u = 0
  const uploads = () =>
    guard(async () => {
      const session = await call("POST", "/v1/uploads", { part_size: 1024 * 1024 })
      if (session.status !== 201) return
      const entry = { id: session.json.upload_id, token: session.json.finalize_token, parts: [], finalized: false }
      acked.uploads.push(entry as Acknowledged["uploads"][number])
      const headers = { "x-upload-finalize-token": entry.token }
      const minted = await call("POST", `/v1/uploads/${entry.id}/parts`, { part_numbers: [1, 2, 3] }, headers)
      const seed = u++
      for (const part of minted.json.parts as Array<{ part_number: number; url: string }>) {
        const body = Buffer.from(
          `${part.part_number === 1 ? "n\n" : ""}${seed}\n`.repeat(part.part_number < 3 ? 600 : 1)
        )
        const put = await fetch(part.url, { method: "PUT", body })
        if (put.status === 200) {
          ;(entry.parts as Array<{ part_number: number; e_tag: string }>).push({
            part_number: part.part_number,
            e_tag: put.headers.get("etag")!
          })
        }
      }
      const fin = await call("POST", `/v1/uploads/${entry.id}/finalize`, { parts: entry.parts }, headers)
      if (fin.status === 200) entry.finalized = true
    })
  return {
    alive,
    running: Promise.all([
      creates(),
      creates(),
      loads(),
      loads(),
      appends(),
      appends(),
      appends(),
      appends(),
      bulks(),
      queries(),
      uploads(),
      uploads()
    ])
  }
}

describe("crash safety", () => {
  it.effect(
    "SIGKILL at random points loses no acknowledged change and leaves nothing stuck",
    () =>
      Effect.promise(async () => {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hotdata-local-crash-"))
        const figures = { kills: 0, checked: 0, lost: 0, resent: 0, duplicated: 0 }
        const kinds = { databases: 0, loads: 0, jobs: 0, results: 0, uploads: 0, appends: 0, bulks: 0 }
        const duplicated: Array<string> = []
        const lost: Array<string> = []
        let server = await startServer(dataDir)
        try {
          for (let round = 0; round < ROUNDS; round++) {
            const call = client(server.baseUrl)
            const db = (await call("POST", "/v1/databases", { name: `loads-${round}` })).json.id as string
            const acked: Acknowledged = {
              databases: [db],
              loads: [],
              jobs: [],
              results: [],
              uploads: [],
              appends: [],
              bulks: []
            }
            const work = await workload(server.baseUrl, round, acked, db)
            await new Promise((resolve) => setTimeout(resolve, 150 + Math.floor(Math.random() * 600)))
            await kill(server)
            figures.kills++
            work.alive.value = false
            await work.running
            server = await startServer(dataDir)
            const after = client(server.baseUrl)
            kinds.databases += acked.databases.length
            kinds.loads += acked.loads.length
            kinds.jobs += acked.jobs.length
            kinds.results += acked.results.length
            kinds.uploads += acked.uploads.length
            kinds.appends += acked.appends.length
            kinds.bulks += acked.bulks.length
            const missing = (what: string) => {
              figures.lost++
              lost.push(`round ${round}: ${what}`)
            }

            // Nothing stuck: no job pending or running after the restart.
            const jobs = (await after("GET", "/v1/jobs?limit=1000")).json.jobs as Array<{ id: string; status: string }>
            assert.deepStrictEqual(jobs.filter((j) => j.status === "pending" || j.status === "running"), [])

            for (const id of acked.databases) {
              figures.checked++
              if ((await after("GET", `/v1/databases/${id}`)).status !== 200) missing(`database ${id}`)
            }
            const count = async (target: string, table: string) =>
              (await after("POST", "/v1/query", { sql: `SELECT count(*) FROM ${table}` }, { "x-database-id": target }))
                .json?.rows?.[0]?.[0]
            for (const load of acked.loads) {
              figures.checked++
              if ((await count(load.db, load.table)) !== load.rows) missing(`load of ${load.table}`)
            }
            for (const result of acked.results) {
              // A query's result file is written before the query answers: it is there, ready.
              figures.checked++
              const got = await after("GET", `/v1/results/${result.id}`, undefined, { "x-database-id": result.db })
              if (got.status !== 200 || got.json.rows?.length !== result.rows) {
                missing(`result ${result.id}: ${got.status} ${got.text.slice(0, 200)}`)
              }
            }
            for (const job of acked.jobs) {
              figures.checked++
              const got = await after("GET", `/v1/jobs/${job.job}`)
              if (got.status !== 200) {
                missing(`job ${job.job}`)
                continue
              }
              if (got.json.status === "succeeded") {
                if ((await count(job.db, job.table)) !== job.rows) missing(`job ${job.job}'s table ${job.table}`)
                continue
              }
              // An interrupted job: resending its idempotency key runs the load again.
              const again = await after("POST", `/v1/databases/${job.db}/schemas/main/tables/${job.table}/loads`, {
                mode: "replace",
                data: csv(job.rows),
                idempotency_key: job.key,
                async: false
              })
              assert.strictEqual(again.status, 200, `resending ${job.key}: ${again.text}`)
              assert.strictEqual(await count(job.db, job.table), job.rows)
            }
            // Keyed appends: resend every one the server did not answer (and every job that did
            // not finish) with its key; each batch then holds its rows exactly once.
            for (const append of acked.appends) {
              const job = append.job === undefined ? undefined : (await after("GET", `/v1/jobs/${append.job}`)).json
              if (append.answered && (job === undefined || job.status === "succeeded")) continue
              figures.resent++
              const again = await after(
                "POST",
                `/v1/databases/${db}/schemas/main/tables/${appendsTable(round)}/loads`,
                { mode: "append", data: batchCsv(append.key, append.rows), idempotency_key: append.key }
              )
              assert.include([200, 202], again.status, `resending ${append.key}: ${again.text}`)
              if (again.status === 202) {
                const settled = (await after("GET", `/v1/jobs/${again.json.id}`)).json
                assert.strictEqual(
                  settled.status,
                  "succeeded",
                  `the job answering ${append.key}: ${JSON.stringify(settled)}`
                )
              }
            }
            if (acked.appends.length > 0) {
              const counted = await after(
                "POST",
                "/v1/query",
                { sql: `SELECT batch, count(*) FROM ${appendsTable(round)} GROUP BY batch` },
                { "x-database-id": db }
              )
              const perBatch = new Map<string, number>(
                ((counted.json?.rows ?? []) as Array<[string, number]>).map(([batch, n]) => [batch, n])
              )
              for (const append of acked.appends) {
                figures.checked++
                const landed = perBatch.get(append.key) ?? 0
                if (landed > append.rows) {
                  figures.duplicated++
                  duplicated.push(`round ${round}: ${append.key} holds ${landed} rows, sent ${append.rows}`)
                } else if (landed < append.rows) {
                  missing(`append ${append.key}: ${landed} of ${append.rows} rows`)
                }
              }
            }
            // Keyed bulk creations: resent, each answers with one batch holding its databases once.
            for (const bulk of acked.bulks) {
              figures.checked++
              if (bulk.batch === undefined) figures.resent++
              const again = await after("POST", "/v1/databases/bulk", {
                count: 2,
                name_template: `${bulk.name}{n}`,
                idempotency_key: bulk.key
              })
              assert.strictEqual(again.status, 202, `resending ${bulk.key}: ${again.text}`)
              if (bulk.batch !== undefined) assert.strictEqual(again.json.batch_id, bulk.batch)
              const named = (await after("GET", `/v1/databases/count?search=${bulk.name}`)).json.total
              const inBatch = (await after("GET", `/v1/databases/count?batch=${again.json.batch_id}`)).json.total
              if (named !== inBatch || inBatch !== again.json.created_count || inBatch > 2) {
                figures.duplicated++
                duplicated.push(
                  `round ${round}: bulk ${bulk.key} made ${named} databases, its batch holds ${inBatch} ` +
                    `and counts ${again.json.created_count}`
                )
              }
            }
            for (const upload of acked.uploads) {
              const headers = { "x-upload-finalize-token": upload.token }
              if (!upload.finalized && upload.parts.length > 0) {
                // Parts the store acknowledged are still known: finalize succeeds with them.
                figures.checked += upload.parts.length
                const fin = await after("POST", `/v1/uploads/${upload.id}/finalize`, { parts: upload.parts }, headers)
                // A finalize the crash cut off before its answer may have been recorded.
                if (fin.status === 200 || fin.json?.error?.message?.includes("already been finalized")) {
                  upload.finalized = true
                } else {
                  missing(`parts of upload ${upload.id}: ${fin.text}`)
                }
              } else if (upload.finalized) {
                figures.checked++
              }
              if (upload.finalized) {
                // Finalized uploads can be loaded, even one whose load the crash interrupted.
                const loaded = await after("POST", `/v1/databases/${db}/schemas/main/tables/u_${upload.id}/loads`, {
                  mode: "replace",
                  upload_id: upload.id,
                  format: "csv"
                })
                if (loaded.status !== 200) missing(`finalized upload ${upload.id}: ${loaded.text}`)
              }
            }
          }
        } finally {
          await kill(server).catch(() => undefined)
          fs.rmSync(dataDir, { recursive: true, force: true })
        }
        console.log(
          `crash test: ${figures.kills} kills, ${figures.checked} acknowledged changes checked, ${figures.lost} lost, ` +
            `${figures.resent} keyed writes resent, ${figures.duplicated} duplicated ` +
            `(${kinds.databases} databases, ${kinds.loads} loads, ${kinds.jobs} load jobs, ${kinds.results} results, ` +
            `${kinds.uploads} upload sessions, ${kinds.appends} keyed appends, ${kinds.bulks} keyed bulk creations)`
        )
        assert.deepStrictEqual(lost, [])
        assert.deepStrictEqual(duplicated, [])
      }),
    { timeout: 120_000 }
  )
})
