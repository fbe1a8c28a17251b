// Profiles the per-call path of bench/overhead.mjs: runs one variant's loop against the
// same keep-alive server (a separate process), under the V8 CPU profiler, then prints the
// self time of the call path grouped by function and by file.
//
//   node bench/profile-overhead.mjs [--variant sdkLean|sdkFetch|raw] [--calls 20000] [--top 40] [--stub]
//   node bench/profile-overhead.mjs --summarize <file.cpuprofile> --calls <calls it ran>
//
// With --stub, `fetch` is an in-process function answering at once with the same body: the
// profile then holds the SDK's own cost without the network's (and without its noise).
// The profile is written to bench/tmp/profiles/ (not committed).
import { fork, spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { DATABASE_BODY, DATABASE_HEADERS } from "./lib/answer.mjs"

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`)
  return i === -1 ? fallback : process.argv[i + 1]
}
const VARIANT = arg("variant", "sdkLean")
const CALLS = Number(arg("calls", 20000))
const TOP = Number(arg("top", 40))
const STUB = process.argv.includes("--stub")
const here = path.dirname(new URL(import.meta.url).pathname)
const dir = path.join(here, "tmp", "profiles")

const run = async (port) => {
  const { FetchHttpClient } = await import("@effect/platform")
  const { FetchTransport, HotdataClient } = await import("@hotdata-effect/core")
  const { Effect, Layer, ManagedRuntime, Redacted } = await import("effect")
  const baseUrl = `http://127.0.0.1:${port}`
  const fetch = STUB ? async () => new Response(DATABASE_BODY, { status: 200, headers: DATABASE_HEADERS }) : globalThis.fetch
  const loop = async (once, n) => {
    for (let i = 0; i < n / 10; i++) await once() // warm-up
    const start = performance.now()
    for (let i = 0; i < n; i++) await once()
    return (performance.now() - start) / n
  }
  let perCall
  if (VARIANT === "raw") {
    const url = `${baseUrl}/v1/databases/data_bench`
    perCall = await loop(async () => {
      const response = await fetch(url, {
        headers: { authorization: "Bearer bench-key", "x-workspace-id": "ws_bench", accept: "application/json" }
      })
      await response.json()
    }, CALLS)
  } else {
    const transport = VARIANT === "sdkFetch" ? FetchHttpClient.layer : FetchTransport.layer
    const layer = HotdataClient.layer({ apiKey: Redacted.make("bench-key"), workspaceId: "ws_bench", baseUrl }).pipe(
      Layer.provide(transport),
      Layer.provide(Layer.succeed(FetchHttpClient.Fetch, fetch))
    )
    const runtime = ManagedRuntime.make(layer)
    const context = await runtime.runPromise(Effect.context())
    const client = context.unsafeMap.get(HotdataClient.HotdataClient.key)
    // Batches of 100 calls per runPromise, as the bench's loop runs its calls in one fiber.
    const batch = Effect.gen(function*() {
      for (let i = 0; i < 100; i++) yield* client.databases.get("data_bench")
    })
    perCall = (await loop(() => runtime.runPromise(batch), CALLS / 100)) / 100
    await runtime.dispose()
  }
  console.log(`${VARIANT}: ${Math.round(perCall * 1000)} µs/call`)
}

/** The group a frame's code belongs to. */
const groupOf = (url, name) => {
  if (!url) return name.startsWith("(") ? name : "native"
  if (url.includes("/core/dist/") || url.includes("/core/src/")) return "sdk"
  if (url.includes("@effect/platform")) return "@effect/platform"
  if (url.includes("/effect/dist/")) return "effect"
  if (url.includes("undici") || url.includes("webstreams") || url.includes("node:")) return "node (fetch, streams, net)"
  return "other"
}

/**
 * Self time per call by group and by function, and the inclusive time of the SDK's own
 * functions (their self time plus that of everything they call), from a .cpuprofile.
 */
const summarize = (file, calls) => {
  const profile = JSON.parse(fs.readFileSync(file, "utf8"))
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const self = new Map()
  const dt = profile.timeDeltas
  for (let i = 0; i < profile.samples.length; i++) {
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0))
  }
  const short = (url) =>
    url.replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, "").replace(/^.*packages\//, "")
  const label = (f) => `${f.functionName || "(anon)"}  ${f.url ? short(f.url) : "(native)"}:${f.lineNumber + 1}`
  const groups = new Map()
  const fns = new Map()
  const inclusive = new Map()
  for (const [id, t] of self) {
    const f = byId.get(id).callFrame
    const g = groupOf(f.url, f.functionName)
    groups.set(g, (groups.get(g) ?? 0) + t)
    fns.set(label(f), (fns.get(label(f)) ?? 0) + t)
    const seen = new Set()
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at).callFrame
      if (groupOf(frame.url, frame.functionName) !== "sdk") continue
      const key = label(frame)
      if (seen.has(key)) continue
      seen.add(key)
      inclusive.set(key, (inclusive.get(key) ?? 0) + t)
    }
  }
  const perCall = (t) => `${(t / calls).toFixed(1).padStart(7)} µs/call`
  const show = (title, map, n) => {
    console.log(`\n${title}`)
    for (const [k, t] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${perCall(t)}  ${k}`)
  }
  show("self time by group", groups, 20)
  show("self time by function", fns, TOP)
  show("inclusive time of SDK functions", inclusive, TOP)
}

if (process.argv[2] === "--summarize") {
  summarize(process.argv[3], CALLS * 1.1)
} else if (process.argv[2] === "--child") {
  await run(Number(arg("port", 0)))
} else {
  const server = STUB ? undefined : fork(path.join(here, "overhead.mjs"), ["--serve"], { stdio: "inherit" })
  const { port } = server === undefined ? { port: 1 } : await new Promise((resolve) => server.once("message", resolve))
  fs.mkdirSync(dir, { recursive: true })
  const name = `${VARIANT}-${Date.now()}.cpuprofile`
  const child = spawnSync(process.execPath, [
    "--cpu-prof",
    `--cpu-prof-dir=${dir}`,
    `--cpu-prof-name=${name}`,
    new URL(import.meta.url).pathname,
    "--child",
    "--port",
    String(port),
    "--variant",
    VARIANT,
    "--calls",
    String(CALLS),
    ...(STUB ? ["--stub"] : [])
  ], { stdio: "inherit" })
  server?.kill()
  if (child.status !== 0) process.exit(child.status ?? 1)
  summarize(path.join(dir, name), CALLS * 1.1)
}
