import { describe, it } from "@effect/vitest"
import { assert } from "vitest"
import { recoverInterrupted } from "../src/internal/recovery.js"
import type { StateData } from "../src/internal/state.js"

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
      batches: {
        empty: { id: "empty", created_count: 0, done: false },
        partial: { id: "partial", created_count: 2, done: false },
        whole: { id: "whole", created_count: 3, done: true }
      }
    } as unknown as StateData
    recoverInterrupted(data, "2026-01-01T00:00:00Z")
    assert.deepStrictEqual(Object.values(data.jobs).map((j) => j.status), ["failed", "failed", "succeeded"])
    assert.strictEqual(data.jobs.a!.completed_at, "2026-01-01T00:00:00Z")
    assert.include(data.jobs.a!.error_message!, "stopped")
    assert.deepStrictEqual(Object.values(data.uploads).map((u) => u.status), ["finalized", "consumed"])
    assert.deepStrictEqual(Object.keys(data.idempotency).sort(), ["ws/answered", "ws/finished-job"])
    assert.deepStrictEqual(Object.keys(data.batches).sort(), ["partial", "whole"])
    assert.isTrue(data.batches.partial!.done)
  })
})
