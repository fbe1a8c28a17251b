/**
 * The CI chain after install: each step is an npm script, run in order, stopping at the
 * first failure. Prints how long each step took.
 */
import { spawnSync } from "node:child_process"

const STEPS = [
  "codegen:check",
  "build",
  "check",
  "lint",
  "test",
  "test:node24",
  "test:runtimes",
  "test:bundlers",
  "test:browser",
  "docs",
  "pack:smoke"
]

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`
const done = []
const started = Date.now()
let failed
for (const step of STEPS) {
  const t = Date.now()
  const result = spawnSync("npm", ["run", step], { stdio: "inherit" })
  done.push({ step, ms: Date.now() - t, ok: result.status === 0 })
  if (result.status !== 0) {
    failed = step
    break
  }
}
console.log("\nci steps:")
for (const { ms, ok, step } of done) console.log(`  ${step.padEnd(16)} ${ok ? "ok    " : "FAILED"} ${seconds(ms)}`)
console.log(`  total            ${seconds(Date.now() - started)}`)
if (failed !== undefined) {
  console.error(`ci: step ${failed} failed`)
  process.exit(1)
}
