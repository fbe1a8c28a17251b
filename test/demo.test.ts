import { assert, describe, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import * as path from "node:path"
import { promisify } from "node:util"

const root = path.resolve(import.meta.dirname, "..")

// The README's demo, end to end on a small file, as a user without a terminal sees it.
describe("demo", () => {
  // Run asynchronously: a synchronous child blocks the test worker, whose messages to vitest then time out.
  it("runs against the embedded local server and prints plain lines", async () => {
    const env: Record<string, string | undefined> = { ...process.env }
    delete env.HOTDATA_API_KEY
    delete env.HOTDATA_WORKSPACE_ID
    const run = await promisify(execFile)(path.join(root, "node_modules/.bin/tsx"), [
      "examples/demo.ts",
      "--rows",
      "30000"
    ], {
      cwd: root,
      env,
      encoding: "utf8",
      timeout: 240_000,
      maxBuffer: 16 * 1024 * 1024
    }).catch((error: { code?: unknown; stdout?: string; stderr?: string }) => {
      assert.fail(`the demo exited with ${String(error.code)}\n${error.stdout}\n${error.stderr}`)
    })
    const out = run.stdout
    for (
      const label of [
        "server",
        "data",
        "database",
        "upload",
        "load",
        "query 1",
        "query 2",
        "query 3",
        "arrow",
        "calls",
        "check",
        "cleanup"
      ]
    ) {
      assert.match(out, new RegExp(`^${label}\\s`, "m"), `no ${label} line in:\n${out}`)
    }
    assert.include(out, "sum of fares matches the generated file")
    assert.match(out, /30,000 rows/)
    // The injected faults were met and retried.
    assert.match(out, /^retry\s+part 1/m)
    assert.match(out, /→ 429 \(trace [0-9a-f]+\)/)
    // Not a terminal: no control codes.
    assert.notInclude(out, "\u001b[")
    assert.notInclude(out, "\r")
  }, 300_000)
})
