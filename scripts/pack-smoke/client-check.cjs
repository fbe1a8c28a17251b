// Run by scripts/pack-smoke.mjs in the scratch projects where only the tarball of
// @hotdata-effect/client is installed (one beside effect@4, one with no effect at all):
// require() loads its CommonJS build, which makes one real call against the server named
// by HOTDATA_API_URL / HOTDATA_API_KEY / HOTDATA_WORKSPACE_ID and throws its tagged errors.
const assert = require("node:assert/strict")
const fs = require("node:fs")
const client = require("@hotdata-effect/client")

const main = async () => {
  for (const name of ["createHotdataClient", "HotdataPromiseError", "loadFile", "uploadFile", "queryBatches", "exportToFile"]) {
    assert.ok(name in client, `@hotdata-effect/client (require): no ${name}`)
  }
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
    const error = await hotdata.databases.get("db_missing_from_require").then(() => undefined, (e) => e)
    assert.ok(error instanceof client.HotdataPromiseError, "the error is not instanceof HotdataPromiseError")
    assert.equal(error._tag, "NotFound")
    assert.equal(error.status, 404)
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
  console.log(`client (require, beside ${effect}): databases.list answered over node:http, NotFound (404) instanceof HotdataPromiseError`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
