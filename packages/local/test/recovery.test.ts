import { describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { assert } from "vitest"
import { recoverInterrupted } from "../src/internal/recovery.js"
import type { StateData } from "../src/internal/state.js"
import { startLocalHotdata } from "../src/LocalHotdata.js"

const job = (id: string, status: "pending" | "running" | "succeeded") => ({
  id,
  seq: 1,
  workspace: "ws",
  job_type: "managed_load",
  created_at: "",
  status,
  attempts: 1,
  result: null,
  error_message: null,
  completed_at: null
})

describe("recovery after a crash", () => {
  it("fails interrupted jobs, releases loading uploads, forgets dead idempotency keys, ends batches", () => {
    const data = {
      jobs: { a: job("a", "running"), b: job("b", "pending"), c: job("c", "succeeded") },
      uploads: { u: { id: "u", status: "loading" }, v: { id: "v", status: "consumed" } },
      idempotency: {
        "ws/running": { fingerprint: "f", status: 0, body: null },
        "ws/dead-job": { fingerprint: "f", status: 202, body: { id: "a" } },
        "ws/finished-job": { fingerprint: "f", status: 202, body: { id: "c" } },
        "ws/answered": { fingerprint: "f", status: 200, body: { row_count: 1 } }
      },
      databases: { d1: { id: "d1", batch_id: "lagging" } },
      batches: {
        empty: { id: "empty", created_count: 0, done: false },
        partial: { id: "partial", created_count: 2, done: false },
        lagging: { id: "lagging", created_count: 0, done: false },
        whole: { id: "whole", created_count: 3, done: true }
      }
    } as unknown as StateData
    recoverInterrupted(data, "2026-01-01T00:00:00Z")
    assert.deepStrictEqual(Object.values(data.jobs).map((j) => j.status), ["failed", "failed", "succeeded"])
    assert.strictEqual(data.jobs.a!.completed_at, "2026-01-01T00:00:00Z")
    assert.include(data.jobs.a!.error_message!, "stopped")
    assert.deepStrictEqual(Object.values(data.uploads).map((u) => u.status), ["finalized", "consumed"])
    assert.deepStrictEqual(Object.keys(data.idempotency).sort(), ["ws/answered", "ws/finished-job"])
    assert.deepStrictEqual(Object.keys(data.batches).sort(), ["lagging", "partial", "whole"])
    assert.isTrue(data.batches.partial!.done)
    // A batch counts the databases on record, even those made after its count was last written.
    assert.strictEqual(data.batches.lagging!.created_count, 1)
    assert.isTrue(data.batches.lagging!.done)
  })

  it.effect(
    "a keyed load that committed before its answer was recorded keeps its key: resent, it loads nothing again",
    () =>
      Effect.promise(async () => {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hotdata-local-keys-"))
        const call = async (baseUrl: string, method: string, p: string, body?: unknown) => {
          const response = await fetch(`${baseUrl}${p}`, {
            method,
            headers: {
              authorization: "Bearer local-dev-key",
              "x-workspace-id": "ws_local",
              "content-type": "application/json"
            },
            ...(body === undefined ? {} : { body: JSON.stringify(body) })
          })
          return { status: response.status, json: await response.json() as any }
        }
        try {
          let server = await startLocalHotdata({ dataDir })
          const db = (await call(server.baseUrl, "POST", "/v1/databases", { name: "keys" })).json.id as string
          const loads = `/v1/databases/${db}/schemas/main/tables/t/loads`
          const sync = { mode: "append", data: "n\n1\n2\n", idempotency_key: "sync-load" }
          const job = { mode: "append", data: "n\n3\n", idempotency_key: "job-load", async: true }
          const first = await call(server.baseUrl, "POST", loads, sync)
          assert.strictEqual(first.status, 200)
          const submitted = await call(server.baseUrl, "POST", loads, job)
          assert.strictEqual(submitted.status, 202)
          for (let i = 0; i < 100; i++) {
            if ((await call(server.baseUrl, "GET", `/v1/jobs/${submitted.json.id}`)).json.status === "succeeded") break
            await new Promise((resolve) => setTimeout(resolve, 25))
          }
          await server.stop()

          // As a crash between the rows' commit and the state's write leaves it: the sync load
          // still running, the job still running.
          const file = path.join(dataDir, "state.json")
          const state = JSON.parse(fs.readFileSync(file, "utf8")) as StateData
          state.idempotency["ws_local/sync-load"] = {
            ...state.idempotency["ws_local/sync-load"]!,
            status: 0,
            body: null
          }
          state.jobs[submitted.json.id]!.status = "running"
          state.jobs[submitted.json.id]!.result = null
          fs.writeFileSync(file, JSON.stringify(state))

          server = await startLocalHotdata({ dataDir })
          const jobAfter = (await call(server.baseUrl, "GET", `/v1/jobs/${submitted.json.id}`)).json
          assert.strictEqual(jobAfter.status, "succeeded")
          assert.strictEqual(jobAfter.result.row_count, 3)
          const again = await call(server.baseUrl, "POST", loads, sync)
          assert.strictEqual(again.status, 200)
          assert.deepStrictEqual(again.json, first.json)
          const jobAgain = await call(server.baseUrl, "POST", loads, job)
          assert.strictEqual(jobAgain.status, 202)
          assert.strictEqual(jobAgain.json.id, submitted.json.id)
          const count = await call(server.baseUrl, "POST", "/v1/query", {
            sql: "SELECT count(*) FROM t",
            database_id: db
          })
          assert.deepStrictEqual(count.json.rows, [[3]])
          // The receipts are the server's own: not listed among the database's tables.
          const tables = await call(
            server.baseUrl,
            "GET",
            `/v1/information_schema?connection_id=${
              (await call(server.baseUrl, "GET", `/v1/databases/${db}`)).json.default_connection_id
            }`
          )
          assert.deepStrictEqual(tables.json.tables.map((t: { table: string }) => t.table), ["t"])
          await server.stop()
        } finally {
          fs.rmSync(dataDir, { recursive: true, force: true })
        }
      }),
    { timeout: 60_000 }
  )
})
