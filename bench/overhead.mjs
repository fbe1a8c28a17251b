// Per-call overhead of the SDK: a small GET (`client.databases.get`) against an HTTP
// server running in a separate process, measured against a raw `fetch` loop in the same
// run, on each runtime of test/runtimes (Node 20, Node 24, Bun; installed on first use).
//
// Variants, interleaved round by round so drift on a noisy machine hits them alike:
//   raw        fetch + response.json(), the baseline
//   platform   the bare @effect/platform FetchHttpClient (execute + json), for reference
//   sdkFetch   HotdataClient over FetchHttpClient.layer
//   sdkLean    HotdataClient over FetchTransport.layer, the SDK's own fetch transport
//   sdkNode    HotdataClient over NodeTransport.layer, the SDK's own node:http transport
//   sdkUndici  HotdataClient over NodeHttpClient.layerUndici (where it works: not on Bun)
//   promise    the Promise client (createHotdataClient, no options but the settings: over
//              node:http where the runtime has it), awaited call by call
//
// Each runtime's recommended transport (the README's transport table), and the Promise
// client as it comes, must stay within 1.25× raw fetch on the same runtime in the same run. The recommended variant runs right
// after `raw` in every round (right before it in the reversed rounds), so both see the
// same moment of a noisy machine: the target is the median over rounds of the ratio of the
// two, each round's ratio taken between neighbours. Medians of the per-round mean call time
// are reported too, with their ratio, and the client process's CPU time per call.
//
//   node bench/overhead.mjs [--calls 1000] [--rounds 15] [--runtimes node20,node24,bun]
//
// Where a call's time goes: bench/profile-overhead.mjs (a CPU profile of one variant's
// loop, summed by group and function); the findings are in docs/design.md, "Per-call cost".
import { fork, spawn } from "node:child_process"
import * as os from "node:os"
import { install, RUNTIMES } from "../test/runtimes/runtimes.mjs"
import { DATABASE_BODY, DATABASE_HEADERS } from "./lib/answer.mjs"
import { median, target, writeResults } from "./lib/results.mjs"

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`)
  return i === -1 ? fallback : process.argv[i + 1]
}
const CALLS = Number(arg("calls", 1000))
const ROUNDS = Number(arg("rounds", 15))
const LIMIT = 1.25

/** The transport the README recommends on each runtime, by variant name. */
const RECOMMENDED = { node20: "sdkNode", node24: "sdkNode", bun: "sdkLean" }

const serve = async () => {
  const http = await import("node:http")
  const server = http.createServer((req, res) => {
    res.writeHead(200, DATABASE_HEADERS)
    res.end(DATABASE_BODY)
  })
  server.keepAliveTimeout = 60_000
  server.listen(0, "127.0.0.1", () => process.send({ port: server.address().port }))
}

/** Runs every variant against the server at `port` and prints one JSON line of timings. */
const measure = async (port, recommended) => {
  const { FetchHttpClient, HttpClient, HttpClientRequest } = await import("@effect/platform")
  const { FetchTransport, HotdataClient } = await import("@hotdata-effect/core")
  const NodeTransport = await import("@hotdata-effect/core/NodeTransport")
  const { Effect, Layer, ManagedRuntime, Redacted } = await import("effect")
  const undici = await import("@effect/platform-node").then((m) => m.NodeHttpClient.layerUndici, () => undefined)

  const baseUrl = `http://127.0.0.1:${port}`
  const apiKey = "bench-key"
  const url = `${baseUrl}/v1/databases/data_bench`
  const cpu = () => {
    const usage = process.cpuUsage()
    return usage.user + usage.system
  }
  const timed = async (f) => {
    const cpuStart = cpu()
    const start = performance.now()
    await f()
    return { wall: (performance.now() - start) / CALLS, cpu: (cpu() - cpuStart) / 1000 / CALLS }
  }
  const clientLayer = (transport) =>
    HotdataClient.layer({ apiKey: Redacted.make(apiKey), workspaceId: "ws_bench", baseUrl }).pipe(
      Layer.provide(transport)
    )
  const loop = (f) =>
    Effect.gen(function*() {
      for (let i = 0; i < CALLS; i++) yield* f()
    })
  const effectVariant = async (layer, make) => {
    const runtime = ManagedRuntime.make(layer)
    const program = loop(make(await runtime.runPromise(Effect.context())))
    return { run: () => timed(() => runtime.runPromise(program)), dispose: () => runtime.dispose() }
  }
  const sdkVariant = (transport) =>
    effectVariant(clientLayer(transport), (context) => {
      const client = context.unsafeMap.get(HotdataClient.HotdataClient.key)
      return () => client.databases.get("data_bench")
    })

  const variants = {
    raw: {
      run: () =>
        timed(async () => {
          for (let i = 0; i < CALLS; i++) {
            const response = await fetch(url, {
              headers: { authorization: `Bearer ${apiKey}`, "x-workspace-id": "ws_bench", accept: "application/json" }
            })
            if (response.status !== 200) throw new Error(`status ${response.status}`)
            const json = await response.json()
            if (typeof json.id !== "string") throw new Error("bad body")
          }
        }),
      dispose: async () => {}
    },
    platform: await effectVariant(FetchHttpClient.layer, (context) => {
      const client = context.unsafeMap.get(HttpClient.HttpClient.key)
      const request = HttpClientRequest.get(url).pipe(
        HttpClientRequest.bearerToken(apiKey),
        HttpClientRequest.setHeader("x-workspace-id", "ws_bench"),
        HttpClientRequest.acceptJson
      )
      return () => Effect.flatMap(client.execute(request), (response) => response.json)
    }),
    sdkFetch: await sdkVariant(FetchHttpClient.layer),
    sdkLean: await sdkVariant(FetchTransport.layer),
    sdkNode: await sdkVariant(NodeTransport.layer),
    promise: await (async () => {
      const { createHotdataClient } = await import("@hotdata-effect/core/PromiseClient")
      const hotdata = createHotdataClient({ apiKey, workspaceId: "ws_bench", baseUrl, env: {} })
      return {
        run: () =>
          timed(async () => {
            for (let i = 0; i < CALLS; i++) await hotdata.databases.get("data_bench")
          }),
        dispose: () => hotdata.dispose()
      }
    })()
  }
  if (undici !== undefined) {
    const variant = await sdkVariant(undici)
    // Kept only where a call goes through (Bun's `undici` lacks what the layer uses).
    if (await variant.run().then(() => true, () => false)) variants.sdkUndici = variant
    else await variant.dispose().catch(() => undefined)
  }

  // `raw` first and the recommended variant next to it (see the top of the file).
  const names = ["raw", recommended, ...Object.keys(variants).filter((n) => n !== "raw" && n !== recommended)]
  for (const name of names) await variants[name].run() // warm-up: JIT, connection pools
  const wall = Object.fromEntries(names.map((name) => [name, []]))
  const cpuTimes = Object.fromEntries(names.map((name) => [name, []]))
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse()
    for (const name of order) {
      const t = await variants[name].run()
      wall[name].push(t.wall)
      cpuTimes[name].push(t.cpu)
    }
  }
  for (const name of names) await variants[name].dispose().catch(() => undefined)
  process.stdout.write(JSON.stringify({ wall, cpu: cpuTimes }) + "\n")
}

const runtimeVersion = (bin) =>
  new Promise((resolve) => {
    const child = spawn(bin, ["--version"], { stdio: ["ignore", "pipe", "inherit"] })
    let out = ""
    child.stdout.on("data", (d) => (out += d))
    child.on("close", () => resolve(out.trim()))
  })

const drive = async () => {
  const wanted = String(arg("runtimes", "node20,node24,bun")).split(",")
  const runtimes = RUNTIMES.filter((r) => wanted.includes(r.name))
  const server = fork(new URL(import.meta.url).pathname, ["--serve"], { stdio: "inherit" })
  const { port } = await new Promise((resolve) => server.once("message", resolve))
  const loadBefore = os.loadavg()
  const us = (ms) => Math.round(ms * 1000)
  const ratio = (a, b) => Number((a / b).toFixed(3))
  const results = {}
  const targets = []
  for (const runtime of runtimes) {
    const bin = install(runtime)
    const child = spawn(bin, [
      ...runtime.args,
      new URL(import.meta.url).pathname,
      "--measure",
      "--port",
      String(port),
      "--calls",
      String(CALLS),
      "--rounds",
      String(ROUNDS),
      "--recommended",
      RECOMMENDED[runtime.name]
    ], { stdio: ["ignore", "pipe", "inherit"] })
    let out = ""
    child.stdout.on("data", (d) => (out += d))
    const code = await new Promise((resolve) => child.on("close", resolve))
    if (code !== 0) throw new Error(`${runtime.name}: the measurement exited with ${code}`)
    const { wall, cpu } = JSON.parse(out.trim().split("\n").at(-1))
    const names = Object.keys(wall)
    const medians = Object.fromEntries(names.map((n) => [n, median(wall[n])]))
    const cpuMedians = Object.fromEntries(names.map((n) => [n, median(cpu[n])]))
    const recommended = RECOMMENDED[runtime.name]
    // Each round's ratio to the `raw` round next to it, and their median.
    const paired = Object.fromEntries(names.map((n) => [n, median(wall[n].map((t, i) => t / wall.raw[i]))]))
    console.log(`\n${runtime.name} (${await runtimeVersion(bin)}), calls per round: ${CALLS}, rounds: ${ROUNDS}`)
    for (const n of names) {
      console.log(
        `${n.padEnd(10)} median ${String(us(medians[n])).padStart(5)} µs/call (${(medians[n] / medians.raw).toFixed(2)}× raw,` +
          ` per round ${paired[n].toFixed(2)}×)` +
          `  cpu ${String(us(cpuMedians[n])).padStart(5)} µs/call (${(cpuMedians[n] / cpuMedians.raw).toFixed(2)}× raw)` +
          `   rounds ${wall[n].map(us).join(" ")}${n === recommended ? "   <- recommended" : ""}`
      )
    }
    results[runtime.name] = {
      version: await runtimeVersion(bin),
      recommended,
      medianMicros: Object.fromEntries(names.map((n) => [n, us(medians[n])])),
      ratioToRaw: Object.fromEntries(names.map((n) => [n, ratio(medians[n], medians.raw)])),
      medianRoundRatioToRaw: Object.fromEntries(names.map((n) => [n, Number(paired[n].toFixed(3))])),
      cpuMicros: Object.fromEntries(names.map((n) => [n, us(cpuMedians[n])])),
      cpuRatioToRaw: Object.fromEntries(names.map((n) => [n, ratio(cpuMedians[n], cpuMedians.raw)])),
      roundsMicros: Object.fromEntries(names.map((n) => [n, wall[n].map(us)]))
    }
    targets.push(
      target(
        `${runtime.name}: ${recommended} / raw fetch per-call time (median of per-round ratios)`,
        Number(paired[recommended].toFixed(3)),
        "<=",
        LIMIT
      ),
      target(
        `${runtime.name}: Promise client / raw fetch per-call time (median of per-round ratios)`,
        Number(paired.promise.toFixed(3)),
        "<=",
        LIMIT
      )
    )
  }
  server.kill()
  const round2 = (values) => values.map((v) => Number(v.toFixed(2)))
  writeResults("overhead", {
    callsPerRound: CALLS,
    rounds: ROUNDS,
    cores: os.cpus().length,
    loadAverage: { before: round2(loadBefore), after: round2(os.loadavg()) },
    runtimes: results
  }, targets)
}

if (process.argv[2] === "--serve") await serve()
else if (process.argv[2] === "--measure") await measure(Number(arg("port", 0)), arg("recommended", "sdkLean"))
else await drive()
