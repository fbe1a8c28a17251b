// Run by scripts/pack-smoke.mjs in the scratch projects where only the tarball of
// @hotdata-effect/client is installed (one beside effect@4, one with no effect at all):
// import() loads its ESM build, with the same exports as require(), and it makes one
// real call against the server named by the HOTDATA_* variables.
import assert from "node:assert/strict"
import * as fs from "node:fs"
import { createRequire } from "node:module"
import * as client from "@hotdata-effect/client"

const require = createRequire(import.meta.url)
assert.deepEqual(
  Object.keys(client).filter((k) => k !== "default").sort(),
  Object.keys(require("@hotdata-effect/client")).sort(),
  "import() and require() of @hotdata-effect/client disagree"
)
const manifest = JSON.parse(fs.readFileSync(require.resolve("@hotdata-effect/client/package.json"), "utf8"))
const deps = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })
assert.deepEqual(deps, ["apache-arrow"], `@hotdata-effect/client depends on ${deps.join(", ")}`)

// Node has node:http: the client sends over it, never calling the global fetch.
const global = globalThis.fetch
let fetchCalls = 0
globalThis.fetch = (input, init) => {
  fetchCalls++
  return global(input, init)
}
const hotdata = client.createHotdataClient()
try {
  const page = await hotdata.databases.list({ limit: 1 })
  assert.ok(Array.isArray(page.databases))
  assert.equal(fetchCalls, 0, "the client called fetch on Node")
} finally {
  globalThis.fetch = global
  await hotdata.dispose()
}
let effect = "no effect"
try {
  effect = `effect@${JSON.parse(fs.readFileSync("node_modules/effect/package.json", "utf8")).version}`
} catch {
  // none installed
}
console.log(`client (import, beside ${effect}): ${Object.keys(client).length} exports, databases.list answered over node:http`)
