// Per-call overhead of the SDK: a small GET (`client.databases.get`) against an HTTP
// server running in a separate process, measured in one run against a raw `fetch` loop.
//
// Variants, interleaved round by round so drift on a noisy machine hits them alike:
//   raw        fetch + response.json(), the baseline
//   platform   the bare @effect/platform HttpClient over fetch (execute + json), the floor
//              any Effect SDK built on it starts from
//   sdk        HotdataClient over FetchHttpClient (same fetch as raw): the target's subject
//   sdkUndici  HotdataClient over NodeHttpClient.layerUndici, the Node transport
//
// The targets are sdk / raw and sdkUndici / raw. Medians of the per-round mean call time are reported.
//
//   node bench/overhead.mjs [--calls 2000] [--rounds 7]
import { fork } from "node:child_process"
import { FetchHttpClient, HttpClient, HttpClientRequest } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { HotdataClient } from "@hotdata-effect/core"
import { Effect, Layer, ManagedRuntime, Redacted } from "effect"
import { median, target, writeResults } from "./lib/results.mjs"

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`)
  return i === -1 ? fallback : Number(process.argv[i + 1])
}
const CALLS = arg("calls", 2000)
const ROUNDS = arg("rounds", 7)

if (process.argv[2] === "--serve") {
  const http = await import("node:http")
  const body = JSON.stringify({
    id: "data_bench",
    name: "bench",
    default_catalog: "default",
    default_schema: "main",
    default_connection_id: "conn_bench",
    created_at: "2026-01-01T00:00:00Z",
    attachments: []
  })
  const server = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-trace-id": "t" })
    res.end(body)
  })
  server.keepAliveTimeout = 60_000
  server.listen(0, "127.0.0.1", () => process.send({ port: server.address().port }))
} else {
  const child = fork(new URL(import.meta.url).pathname, ["--serve"], { stdio: "inherit" })
  const { port } = await new Promise((resolve) => child.once("message", resolve))
  const baseUrl = `http://127.0.0.1:${port}`
  const apiKey = "bench-key"
  const url = `${baseUrl}/v1/databases/data_bench`

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
    return {
      run: async () => {
        const start = performance.now()
        await runtime.runPromise(program)
        return (performance.now() - start) / CALLS
      },
      dispose: () => runtime.dispose()
    }
  }

  const variants = {
    raw: {
      run: async () => {
        const start = performance.now()
        for (let i = 0; i < CALLS; i++) {
          const response = await fetch(url, {
            headers: { authorization: `Bearer ${apiKey}`, "x-workspace-id": "ws_bench", accept: "application/json" }
          })
          if (response.status !== 200) throw new Error(`status ${response.status}`)
          const json = await response.json()
          if (typeof json.id !== "string") throw new Error("bad body")
        }
        return (performance.now() - start) / CALLS
      },
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
    sdk: await effectVariant(clientLayer(FetchHttpClient.layer), (context) => {
      const client = context.unsafeMap.get(HotdataClient.HotdataClient.key)
      return () => client.databases.get("data_bench")
    }),
    sdkUndici: await effectVariant(clientLayer(NodeHttpClient.layerUndici), (context) => {
      const client = context.unsafeMap.get(HotdataClient.HotdataClient.key)
      return () => client.databases.get("data_bench")
    })
  }

  const names = Object.keys(variants)
  for (const name of names) await variants[name].run() // warm-up: JIT, connection pools
  const times = Object.fromEntries(names.map((name) => [name, []]))
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse()
    for (const name of order) times[name].push(await variants[name].run())
  }
  for (const name of names) await variants[name].dispose()
  child.kill()

  const us = (ms) => Math.round(ms * 1000)
  const medians = Object.fromEntries(names.map((name) => [name, median(times[name])]))
  console.log(`calls per round: ${CALLS}, rounds: ${ROUNDS}`)
  for (const name of names) {
    console.log(
      `${name.padEnd(10)} median ${String(us(medians[name])).padStart(5)} µs/call  (${(medians[name] / medians.raw).toFixed(2)}× raw)` +
        `   rounds ${times[name].map(us).join(" ")}`
    )
  }
  const ratio = Number((medians.sdk / medians.raw).toFixed(3))
  writeResults(
    "overhead",
    {
      callsPerRound: CALLS,
      rounds: ROUNDS,
      medianMicros: Object.fromEntries(names.map((name) => [name, us(medians[name])])),
      ratioToRaw: Object.fromEntries(names.map((name) => [name, Number((medians[name] / medians.raw).toFixed(3))])),
      sdkOverPlatform: Number((medians.sdk / medians.platform).toFixed(3)),
      roundsMicros: Object.fromEntries(names.map((name) => [name, times[name].map(us)]))
    },
    [
      target("sdk (fetch transport) / raw fetch per-call time", ratio, "<=", 1.25),
      target(
        "sdk (Node undici transport) / raw fetch per-call time",
        Number((medians.sdkUndici / medians.raw).toFixed(3)),
        "<=",
        1.25
      )
    ]
  )
}
