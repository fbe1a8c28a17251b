// Run by scripts/pack-smoke.mjs inside a scratch CommonJS project where the packed
// tarballs are installed: require() of every package, each making one real call.
// HOTDATA_API_URL / HOTDATA_API_KEY / HOTDATA_WORKSPACE_ID name the server the programs
// before this one (the README quickstart first) ran against: each deletes what it
// creates, so that server must hold no database any more.
const assert = require("node:assert/strict")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const { FetchHttpClient } = require("@effect/platform")
const { ArrowQuery } = require("@hotdata-effect/arrow")
const { HotdataClient } = require("@hotdata-effect/core")
const { createHotdataClient } = require("@hotdata-effect/core/PromiseClient")
const { startLocalHotdata } = require("@hotdata-effect/local")
const { Tables } = require("@hotdata-effect/uploads")
const { Effect, Layer, Redacted } = require("effect")

// Every public module (dist/cjs/<Module>.js) of every package, by its subpath: require()
// and import() both load it, with the same exports. (bin starts a server: left out.)
const everyModule = async () => {
  let count = 0
  for (const pkg of ["core", "arrow", "uploads", "local"]) {
    const cjsDir = path.join(path.dirname(require.resolve(`@hotdata-effect/${pkg}`)))
    const modules = fs.readdirSync(cjsDir).filter((f) => /^[A-Z]\w*\.js$/.test(f)).map((f) => f.slice(0, -3))
    for (const name of modules) {
      const specifier = `@hotdata-effect/${pkg}/${name}`
      const required = Object.keys(require(specifier)).sort()
      const imported = Object.keys(await import(specifier)).filter((k) => k !== "default").sort()
      assert.deepEqual(required, imported, `${specifier}: require() and import() disagree`)
      assert.ok(required.length > 0, `${specifier}: no exports`)
      count++
    }
  }
  console.log(`every package: ${count} public modules load by require() and import() alike`)
}

const main = async () => {
  await everyModule()

  // core: nothing was left behind on the shared server.
  const quickstart = createHotdataClient({
    apiKey: process.env.HOTDATA_API_KEY,
    workspaceId: process.env.HOTDATA_WORKSPACE_ID,
    baseUrl: process.env.HOTDATA_API_URL
  })
  try {
    const page = await quickstart.databases.list()
    assert.deepEqual(page.databases.map((db) => db.name), [], "the programs run before this one left databases behind")
    console.log("core (require): databases.list answered, none left behind")
  } finally {
    await quickstart.dispose()
  }

  // local: a server of its own, on a random port in a temporary directory.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hotdata-require-"))
  const server = await startLocalHotdata({ port: 0, dataDir })
  const hotdata = createHotdataClient({ apiKey: server.apiKey, workspaceId: server.workspaceId, baseUrl: server.baseUrl })
  try {
    console.log(`local (require): started at ${server.baseUrl}`)
    const db = await hotdata.databases.create({ name: "require_check" })
    try {
      const live = HotdataClient.layer({
        apiKey: Redacted.make(server.apiKey),
        workspaceId: server.workspaceId,
        baseUrl: server.baseUrl
      }).pipe(Layer.provide(FetchHttpClient.layer))
      const run = (effect) => Effect.runPromise(Effect.provide(effect, live))

      // uploads: a CSV sent to storage and loaded into a table.
      const csv = new TextEncoder().encode("city,population\nLisbon,545000\nPorto,232000\n")
      await run(Tables.loadFile(csv, {
        databaseId: db.id,
        schema: "main",
        table: "cities",
        mode: "replace",
        upload: { contentType: "text/csv" }
      }))
      console.log("uploads (require): Tables.loadFile loaded 2 rows")

      // arrow: the table read back as Arrow.
      const table = await run(ArrowQuery.table("SELECT city FROM cities ORDER BY population DESC", { databaseId: db.id }))
      assert.deepEqual(table.toArray().map((row) => row.city), ["Lisbon", "Porto"])
      console.log(`arrow (require): ArrowQuery.table read ${table.numRows} rows`)
    } finally {
      await hotdata.databases.delete(db.id)
    }
  } finally {
    await hotdata.dispose()
    await server.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
