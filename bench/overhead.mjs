// Per-call overhead of the SDK: a small GET through HotdataClient (FetchHttpClient) vs a
// raw `fetch` loop, against the same HTTP server running in a separate process, in one run.
// Rounds alternate between the two so drift on a noisy machine hits both alike; the
// result is the median per-call time of each and their ratio.
//
//   node bench/overhead.mjs [--calls 2000] [--rounds 7]
import { fork } from "node:child_process"
import { FetchHttpClient } from "@effect/platform"
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

  const runtime = ManagedRuntime.make(
    HotdataClient.layer({ apiKey: Redacted.make(apiKey), workspaceId: "ws_bench", baseUrl }).pipe(
      Layer.provide(FetchHttpClient.layer)
    )
  )
  const client = await runtime.runPromise(HotdataClient.HotdataClient)
  const sdkLoop = Effect.gen(function*() {
    for (let i = 0; i < CALLS; i++) yield* client.databases.get("data_bench")
  })
  const sdk = async () => {
    const start = performance.now()
    await runtime.runPromise(sdkLoop)
    return (performance.now() - start) / CALLS
  }
  const raw = async () => {
    const start = performance.now()
    for (let i = 0; i < CALLS; i++) {
      const response = await fetch(`${baseUrl}/v1/databases/data_bench`, {
        headers: { authorization: `Bearer ${apiKey}`, "x-workspace-id": "ws_bench", accept: "application/json" }
      })
      if (response.status !== 200) throw new Error(`status ${response.status}`)
      const json = await response.json()
      if (typeof json.id !== "string") throw new Error("bad body")
    }
    return (performance.now() - start) / CALLS
  }

  // Warm up both paths (JIT, connection pool).
  await raw()
  await sdk()
  const sdkTimes = []
  const rawTimes = []
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      rawTimes.push(await raw())
      sdkTimes.push(await sdk())
    } else {
      sdkTimes.push(await sdk())
      rawTimes.push(await raw())
    }
  }
  await runtime.dispose()
  child.kill()

  const sdkMedian = median(sdkTimes)
  const rawMedian = median(rawTimes)
  const ratio = sdkMedian / rawMedian
  const us = (ms) => Math.round(ms * 1000)
  console.log(`calls per round: ${CALLS}, rounds: ${ROUNDS}`)
  console.log(`raw fetch   median ${us(rawMedian)} µs/call   rounds ${rawTimes.map(us).join(" ")}`)
  console.log(`SDK client  median ${us(sdkMedian)} µs/call   rounds ${sdkTimes.map(us).join(" ")}`)
  console.log(`ratio SDK / raw: ${ratio.toFixed(3)}`)
  writeResults(
    "overhead",
    {
      callsPerRound: CALLS,
      rounds: ROUNDS,
      rawMedianMicros: us(rawMedian),
      sdkMedianMicros: us(sdkMedian),
      sdkOverheadMicros: us(sdkMedian - rawMedian),
      ratio: Number(ratio.toFixed(3)),
      rawRoundsMicros: rawTimes.map(us),
      sdkRoundsMicros: sdkTimes.map(us)
    },
    [target("sdk/raw per-call time ratio", Number(ratio.toFixed(3)), "<=", 1.25)]
  )
}
