// Reading a large result: the SDK's Arrow stream against the SDK's JSON pages and against
// a plain `fetch` + apache-arrow `tableFromIPC` of the whole body, all served by the local
// Hotdata server running in its own process.
//
// Each measurement runs in a fresh child process, so the peak RSS of one variant never
// includes another's garbage. Repetitions rotate the order of the variants; the reported
// figures are medians.
//
//   node bench/arrow.mjs [--rows 5000000] [--reps 3] [--json-reps 3] [--variants arrow,json,raw]
//
// Needs the built packages (`pnpm build`).
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { median, target, writeResults } from "./lib/results.mjs"
import { keepResult, startLocalServer } from "./lib/server.mjs"

const SELF = fileURLToPath(import.meta.url)
const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`)
  return i === -1 ? fallback : process.argv[i + 1]
}

// ---------------------------------------------------------------------------------------
// One measurement (child process): `--measure <variant>` with the connection in env vars.
// ---------------------------------------------------------------------------------------

const measure = async (variant) => {
  const { FetchHttpClient } = await import("@effect/platform")
  const { HotdataClient, Query } = await import("@hotdata-effect/core")
  const { ArrowResults } = await import("@hotdata-effect/arrow")
  const { tableFromIPC } = await import("apache-arrow")
  const { Effect, Layer, ManagedRuntime, Redacted, Stream } = await import("effect")
  const { BENCH_BASE_URL: baseUrl, BENCH_API_KEY: apiKey, BENCH_WORKSPACE: workspaceId } = process.env
  const { BENCH_DATABASE: databaseId, BENCH_RESULT: resultId } = process.env

  const runtime = ManagedRuntime.make(
    HotdataClient.layer({ apiKey: Redacted.make(apiKey), workspaceId, baseUrl }).pipe(Layer.provide(FetchHttpClient.layer))
  )
  await runtime.runPromise(Effect.void)

  const variants = {
    // (a) Batches decoded as they arrive and let go once counted.
    arrow: () =>
      runtime.runPromise(
        Stream.runFold(ArrowResults.stream(resultId, { databaseId }), 0, (rows, batch) => rows + batch.numRows)
      ),
    // (b) The JSON path of the core client: every row, page by page.
    json: () =>
      runtime.runPromise(
        Effect.map(
          Query.fetchAll(resultId, { databaseId, maxRows: null, maxBytes: null }),
          (result) => result.rows.length
        )
      ),
    // (c) No SDK: the whole body in memory, then one table.
    raw: async () => {
      const response = await fetch(`${baseUrl}/v1/results/${resultId}?format=arrow`, {
        headers: {
          authorization: `Bearer ${apiKey}`,
          "x-workspace-id": workspaceId,
          "x-database-id": databaseId,
          accept: "application/vnd.apache.arrow.stream"
        }
      })
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`)
      return tableFromIPC(new Uint8Array(await response.arrayBuffer())).numRows
    }
  }

  global.gc?.()
  const baseline = process.memoryUsage().rss
  let peak = baseline
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 5)
  const cpu0 = process.cpuUsage()
  const start = performance.now()
  const rows = await variants[variant]()
  const ms = performance.now() - start
  const cpu = process.cpuUsage(cpu0)
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024)
  await runtime.dispose()
  process.stdout.write(
    JSON.stringify({ variant, rows, ms, cpuMs: (cpu.user + cpu.system) / 1000, baseline, peak, growth: peak - baseline })
  )
}

// ---------------------------------------------------------------------------------------
// The run (parent process): local server, data, then the measurements.
// ---------------------------------------------------------------------------------------

const run = (variant, env) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", SELF, "--measure", variant], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"]
    })
    let out = ""
    child.stdout.on("data", (data) => out += data)
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`${variant} measurement exited with ${code}`))
      resolve(JSON.parse(out))
    })
  })

const main = async () => {
  const ROWS = Number(option("rows", 5_000_000))
  const REPS = Number(option("reps", 3))
  const JSON_REPS = Number(option("json-reps", REPS))
  const VARIANTS = option("variants", "arrow,json,raw").split(",")

  const server = await startLocalServer("bench-arrow")
  try {
    console.log(`local server ${server.baseUrl} (pid ${server.pid})`)
    const sql = `SELECT i::BIGINT AS id, (i * 0.5)::DOUBLE AS value, 'name-' || i AS name FROM range(${ROWS}) t(i)`
    const setup = await keepResult(server, "bench-arrow", sql)
    console.log(`result ${setup.resultId}: ${ROWS} rows (int64, float64, utf8)`)
    const env = {
      BENCH_BASE_URL: server.baseUrl,
      BENCH_API_KEY: server.apiKey,
      BENCH_WORKSPACE: server.workspaceId,
      BENCH_DATABASE: setup.databaseId,
      BENCH_RESULT: setup.resultId
    }

    const samples = Object.fromEntries(VARIANTS.map((v) => [v, []]))
    for (let rep = 0; rep < REPS; rep++) {
      // Rotate the order so drift on a busy machine does not always favour one variant.
      const order = VARIANTS.map((_, i) => VARIANTS[(i + rep) % VARIANTS.length])
      for (const variant of order) {
        if (variant === "json" && rep >= JSON_REPS) continue
        const sample = await run(variant, env)
        if (sample.rows !== ROWS) throw new Error(`${variant} read ${sample.rows} rows, expected ${ROWS}`)
        samples[variant].push(sample)
        console.log(
          `rep ${rep + 1}  ${variant.padEnd(5)} ${(sample.ms / 1000).toFixed(2).padStart(7)} s  ` +
            `cpu ${(sample.cpuMs / 1000).toFixed(2).padStart(6)} s  ` +
            `peak RSS +${(sample.growth / 2 ** 20).toFixed(0).padStart(5)} MiB`
        )
      }
    }

    const mib = (bytes) => Number((bytes / 2 ** 20).toFixed(1))
    const summary = Object.fromEntries(
      Object.entries(samples).map(([variant, list]) => [variant, {
        runs: list.length,
        medianMs: Math.round(median(list.map((s) => s.ms))),
        medianCpuMs: Math.round(median(list.map((s) => s.cpuMs))),
        medianPeakRssGrowthMiB: mib(median(list.map((s) => s.growth))),
        ms: list.map((s) => Math.round(s.ms)),
        peakRssGrowthMiB: list.map((s) => mib(s.growth))
      }])
    )
    const ratio = (a, b) => Number((a / b).toFixed(3))
    const metrics = { rows: ROWS, reps: REPS, variants: summary }
    const targets = []
    if (summary.arrow && summary.json) {
      metrics.jsonOverArrowTime = ratio(summary.json.medianMs, summary.arrow.medianMs)
      metrics.jsonOverArrowCpu = ratio(summary.json.medianCpuMs, summary.arrow.medianCpuMs)
      targets.push(target("arrow stream speed-up over the JSON path (time b / a)", metrics.jsonOverArrowTime, ">=", 10))
    }
    if (summary.arrow && summary.raw) {
      metrics.arrowOverRawTime = ratio(summary.arrow.medianMs, summary.raw.medianMs)
      metrics.arrowOverRawCpu = ratio(summary.arrow.medianCpuMs, summary.raw.medianCpuMs)
      metrics.arrowOverRawRss = ratio(summary.arrow.medianPeakRssGrowthMiB, summary.raw.medianPeakRssGrowthMiB)
      targets.push(target("arrow stream time relative to fetch + tableFromIPC (a / c)", metrics.arrowOverRawTime, "<=", 1.2))
      targets.push(target("arrow stream peak RSS growth relative to fetch + tableFromIPC (a / c)", metrics.arrowOverRawRss, "<=", 0.5))
    }
    console.log("")
    for (const [variant, s] of Object.entries(summary)) {
      console.log(
        `${variant.padEnd(5)} median ${(s.medianMs / 1000).toFixed(2)} s, cpu ${(s.medianCpuMs / 1000).toFixed(2)} s, ` +
          `peak RSS +${s.medianPeakRssGrowthMiB} MiB (${s.runs} runs)`
      )
    }
    writeResults("arrow", metrics, targets)
  } finally {
    await server.stop()
  }
}

if (process.argv[2] === "--measure") await measure(process.argv[3])
else await main()
