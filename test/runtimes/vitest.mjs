/**
 * Runs the whole vitest suite on another runtime of runtimes.mjs (default `node24`),
 * installed first when needed. Test workers are forked from the same binary.
 *
 *   node test/runtimes/vitest.mjs [runtime] [vitest arguments...]
 */
import { spawnSync } from "node:child_process"
import * as path from "node:path"
import { install, root, RUNTIMES } from "./runtimes.mjs"

const [name = "node24", ...rest] = process.argv.slice(2)
const runtime = RUNTIMES.find((r) => r.name === name && r.name.startsWith("node"))
if (runtime === undefined) {
  console.error(`vitest runs on a Node runtime of runtimes.mjs, not ${name}`)
  process.exit(2)
}
const bin = install(runtime)
console.log(`vitest on ${runtime.name} ${runtime.version}`)
const result = spawnSync(bin, [path.join(root, "node_modules", "vitest", "vitest.mjs"), "run", ...rest], {
  cwd: root,
  stdio: "inherit"
})
process.exit(result.status ?? 1)
