// Before and after: the benchmarks of this tree against the same scripts of another
// revision, in one run. The other revision is checked out into a temporary directory
// (or given as a built tree with --base-dir), set up and built there; then each
// benchmark runs alternately in both trees, `--pairs` times, the order flipping every
// pair (base, head; head, base; ...) so that drift on a noisy machine hits both alike.
//
// What is compared is each target the benchmark records (bench/results/<name>.json):
// those are already ratios to a baseline measured in the same run (raw fetch, raw PUTs,
// fetch + tableFromIPC) or sizes, so they travel between runs better than raw times.
// For each target the median over pairs of head / base is printed, with "better",
// "same" (within the tolerance, 5% by default) or "worse" by the target's direction.
//
//   node bench/compare.mjs --base <rev> [--base-dir <built tree>] [--benches overhead,uploads,export,arrow]
//     [--pairs 2] [--tolerance 0.05] [--out compare] [-- <benchmark>:<arg>=<value> ...]
//
// Per-benchmark arguments after `--`, e.g. `uploads:--size-mib=256 export:--rows=1000000`,
// go to that benchmark in both trees. Writes bench/results/<out>.json (compare.json by
// default); this tree's own results files hold its last run.
import { execFileSync, spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { median } from "./lib/results.mjs"

const root = path.resolve(import.meta.dirname, "..")
const args = process.argv.slice(2)
const dash = args.indexOf("--")
const own = dash === -1 ? args : args.slice(0, dash)
const passThrough = dash === -1 ? [] : args.slice(dash + 1)
const arg = (name, fallback) => {
  const i = own.indexOf(`--${name}`)
  return i === -1 ? fallback : own[i + 1]
}

const baseRev = arg("base", undefined)
const benches = String(arg("benches", "overhead,uploads,export,arrow")).split(",")
const pairs = Number(arg("pairs", 2))
const tolerance = Number(arg("tolerance", 0.05))
const out = String(arg("out", "compare"))
if (baseRev === undefined && arg("base-dir", undefined) === undefined) {
  console.error("usage: node bench/compare.mjs --base <rev> [--base-dir <built tree>] [--benches ...] [--pairs N]")
  process.exit(2)
}

const git = (...a) => execFileSync("git", a, { cwd: root, encoding: "utf8" }).trim()
const run = (cwd, file, argv) => {
  const result = spawnSync(process.execPath, [file, ...argv], { cwd, stdio: "inherit" })
  if (result.status !== 0) throw new Error(`${path.relative(root, path.join(cwd, file))} exited with ${result.status}`)
}

/** The base tree: given, or the revision cloned, set up and built in a temporary directory. */
const baseTree = () => {
  const given = arg("base-dir", undefined)
  if (given !== undefined) return path.resolve(given)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hotdata-bench-base-"))
  console.log(`compare: ${baseRev} into ${dir}`)
  execFileSync("git", ["clone", "-q", root, dir], { stdio: "inherit" })
  execFileSync("git", ["checkout", "-q", baseRev], { cwd: dir, stdio: "inherit" })
  execFileSync("npm", ["run", "setup"], { cwd: dir, stdio: "inherit" })
  execFileSync("npm", ["run", "build"], { cwd: dir, stdio: "inherit" })
  return dir
}

const argsOf = (bench) =>
  passThrough.filter((a) => a.startsWith(`${bench}:`)).flatMap((a) => {
    const [flag, value] = a.slice(bench.length + 1).split("=")
    return value === undefined ? [flag] : [flag, value]
  })

const targetsOf = (tree, bench) =>
  JSON.parse(fs.readFileSync(path.join(tree, "bench", "results", `${bench}.json`), "utf8")).targets

const base = baseTree()
const trees = {
  base: { dir: base, rev: execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: base, encoding: "utf8" }).trim() },
  head: { dir: root, rev: `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain").length > 0 ? "+" : ""}` }
}
const loadBefore = os.loadavg()
const report = {}
for (const bench of benches) {
  const seen = { base: [], head: [] }
  for (let pair = 0; pair < pairs; pair++) {
    for (const side of pair % 2 === 0 ? ["base", "head"] : ["head", "base"]) {
      console.log(`\ncompare: ${bench}, pair ${pair + 1} of ${pairs}, ${side} (${trees[side].rev})`)
      run(trees[side].dir, `bench/${bench}.mjs`, argsOf(bench))
      seen[side].push(targetsOf(trees[side].dir, bench))
    }
  }
  report[bench] = seen.head[0].map((t, i) => {
    const baseValues = seen.base.map((ts) => ts.find((b) => b.name === t.name)?.value ?? ts[i]?.value)
    const headValues = seen.head.map((ts) => ts[i].value)
    const ratio = Number(median(headValues.map((v, k) => v / baseValues[k])).toFixed(3))
    // A ">=" target is better higher, a "<=" one better lower.
    const higherIsBetter = t.op.startsWith(">")
    const verdict = Math.abs(ratio - 1) <= tolerance ? "same" : (ratio > 1) === higherIsBetter ? "better" : "worse"
    return { name: t.name, op: t.op, base: baseValues, head: headValues, headOverBase: ratio, verdict }
  })
}

console.log(`\nbase ${trees.base.rev}, head ${trees.head.rev}, median of head / base over ${pairs} pairs`)
for (const [bench, rows] of Object.entries(report)) {
  console.log(`\n${bench}`)
  for (const r of rows) {
    console.log(`  ${r.verdict.padEnd(6)} ${r.headOverBase.toFixed(3)}  ${r.name}  (base ${r.base.join(", ")}; head ${r.head.join(", ")})`)
  }
}
const file = path.join(root, "bench", "results", `${out}.json`)
fs.writeFileSync(
  file,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      base: trees.base.rev,
      head: trees.head.rev,
      pairs,
      tolerance,
      arguments: passThrough,
      loadAverage: { before: loadBefore.map((v) => Number(v.toFixed(2))), after: os.loadavg().map((v) => Number(v.toFixed(2))) },
      benches: report
    },
    null,
    2
  ) + "\n"
)
console.log(`wrote ${path.relative(process.cwd(), file)}`)
