// Copies the Hotdata OpenAPI contract into spec/openapi.json, keeping every shape
// (paths, parameters, schemas, status codes) and dropping the upstream prose
// (descriptions, summaries, contact details). Our own doc comments are written in
// the generated code and the package READMEs.
//
//   node scripts/vendor-spec.mjs [path/to/upstream/openapi.json]
import * as fs from "node:fs"
import * as path from "node:path"

const root = path.resolve(import.meta.dirname, "..")
const source = process.argv[2] ?? path.resolve(root, "../shared/hotdata-api/openapi.json")
const spec = JSON.parse(fs.readFileSync(source, "utf8"))

const PROSE = new Set(["description", "summary", "contact", "x-reconstructed-from"])

const strip = (value, key) => {
  if (Array.isArray(value)) return value.map((v) => strip(v))
  if (value === null || typeof value !== "object") return value
  const out = {}
  for (const [k, v] of Object.entries(value)) {
    // `properties` maps field names to schemas: a field may itself be called "description".
    if (key !== "properties" && PROSE.has(k)) continue
    out[k] = strip(v, k)
  }
  return out
}

const vendored = strip(spec)
vendored.info = { title: "Hotdata API", version: spec.info.version }
vendored.tags = (spec.tags ?? []).map((t) => ({ name: t.name }))
fs.writeFileSync(path.join(root, "spec/openapi.json"), JSON.stringify(vendored, null, 2) + "\n")
console.log(`vendored ${Object.keys(vendored.paths).length} paths, ${Object.keys(vendored.components.schemas).length} schemas`)
