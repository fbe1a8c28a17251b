// Shared helpers of the benchmarks: statistics and the results file format
// `{ date, node, metrics, targets: [{ name, value, op, limit, met }] }`.
import * as fs from "node:fs"
import * as path from "node:path"

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

const compare = { "<=": (a, b) => a <= b, ">=": (a, b) => a >= b, "<": (a, b) => a < b, ">": (a, b) => a > b }

/** A target: `value op limit`, e.g. `target("ratio", 1.1, "<=", 1.25)`. */
export const target = (name, value, op, limit) => ({ name, value, op, limit, met: compare[op](value, limit) })

export const writeResults = (name, metrics, targets) => {
  const file = path.resolve(import.meta.dirname, "../results", `${name}.json`)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const result = { date: new Date().toISOString(), node: process.version, metrics, targets }
  fs.writeFileSync(file, JSON.stringify(result, null, 2) + "\n")
  for (const t of targets) console.log(`${t.met ? "MET " : "MISS"} ${t.name}: ${t.value} ${t.op} ${t.limit}`)
  console.log(`wrote ${path.relative(process.cwd(), file)}`)
  return result
}
