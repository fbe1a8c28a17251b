// The SDK in a real browser: Debian's headless Chromium (installed with apt-get when
// /usr/bin/chromium is missing; no install means a failed run, never a skip), driven by
// playwright-core, loads a page bundled by esbuild from a static server of its own. The
// page talks to a local Hotdata server that allows that origin (CORS) through
// FetchHttpClient: it uploads a generated CSV Blob in several parts with progress, loads
// it, streams the table back as Arrow batches, and tries a file path (a typed error).
// Checked here: the byte size, the progress, the row counts and the sum of a column.
import { spawnSync } from "node:child_process"
import * as fs from "node:fs/promises"
import { existsSync } from "node:fs"
import * as http from "node:http"
import * as os from "node:os"
import * as path from "node:path"
import { pathToFileURL } from "node:url"
import { chromium } from "playwright-core"
import { bundleEsbuild, makeProject } from "./bundle.mjs"
import { csvText, valueOf } from "./data.mjs"

const CHROMIUM = "/usr/bin/chromium"
const ROWS = 1_000_000
const PART_SIZE = 5 * 1024 * 1024

const ensureChromium = () => {
  if (existsSync(CHROMIUM)) return
  console.log(`${CHROMIUM} is missing: apt-get install -y chromium`)
  const result = spawnSync("sh", ["-c", "apt-get update && apt-get install -y chromium"], { stdio: "inherit" })
  if (result.status !== 0 || !existsSync(CHROMIUM)) {
    throw new Error(`could not install Chromium (apt-get exited ${result.status}); the browser test needs ${CHROMIUM}`)
  }
}

const serveStatic = (dir) =>
  new Promise((resolve) => {
    const types = { ".html": "text/html", ".js": "text/javascript" }
    const server = http.createServer(async (req, res) => {
      const name = new URL(req.url, "http://x").pathname === "/" ? "index.html" : new URL(req.url, "http://x").pathname
      try {
        const body = await fs.readFile(path.join(dir, path.basename(name)))
        res.writeHead(200, { "content-type": types[path.extname(name)] ?? "application/octet-stream" })
        res.end(body)
      } catch {
        res.writeHead(404).end()
      }
    })
    server.listen(0, "127.0.0.1", () => resolve(server))
  })

const expected = () => {
  let sum = 0n
  for (let i = 0; i < ROWS; i++) sum += BigInt(valueOf(i))
  const size = Buffer.byteLength(csvText(ROWS))
  return { size, sum: sum.toString(), parts: Math.ceil(size / PART_SIZE) }
}

const check = (result, want, storagePuts) => {
  const failures = []
  const expect = (what, actual, wanted) => {
    if (actual !== wanted) failures.push(`${what}: ${JSON.stringify(actual)}, expected ${JSON.stringify(wanted)}`)
  }
  if (!result.ok) return [`the page failed: ${result.tag ?? ""} ${result.error}`]
  expect("blob size", result.blobSize, want.size)
  expect("rows loaded", result.loadedRows, ROWS)
  expect("rows streamed", result.streamedRows, ROWS)
  expect("sum of v", result.sum, want.sum)
  const last = result.progress.at(-1)
  expect("last progress bytesDone", last?.bytesDone, want.size)
  expect("last progress totalBytes", last?.totalBytes, want.size)
  expect("last progress partsDone", last?.partsDone, want.parts)
  expect("last progress percent", last?.percent, 100)
  if (want.parts < 2) failures.push(`the upload must take several parts, got ${want.parts}`)
  const monotonic = result.progress.every((p, i) => i === 0 || p.bytesDone >= result.progress[i - 1].bytesDone)
  if (!monotonic) failures.push("progress went backwards")
  expect("part PUTs the store received", storagePuts, want.parts)
  expect("file path error", `${result.pathError.tag}/${result.pathError.reason}`, "SourceError/unsupported")
  return failures
}

const main = async () => {
  const started = Date.now()
  ensureChromium()
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "hotdata-browser-"))
  const site = path.join(dir, "site")
  await fs.mkdir(site)
  let local
  let web
  let context
  try {
    const entry = await makeProject(path.join(dir, "project"))
    await bundleEsbuild(entry, path.join(site, "page.js"))
    await fs.writeFile(
      path.join(site, "index.html"),
      `<!doctype html><meta charset="utf-8"><title>hotdata browser test</title><script type="module" src="/page.js"></script>\n`
    )
    web = await serveStatic(site)
    const origin = `http://127.0.0.1:${web.address().port}`
    const { startLocalHotdata } = await import(
      pathToFileURL(path.resolve(import.meta.dirname, "../../packages/local/dist/LocalHotdata.js")).href
    )
    local = await startLocalHotdata({ temporary: true, cors: origin })
    const hash = new URLSearchParams({
      baseUrl: local.baseUrl,
      apiKey: local.apiKey,
      workspaceId: local.workspaceId,
      rows: String(ROWS),
      partSize: String(PART_SIZE)
    })
    context = await chromium.launchPersistentContext(path.join(dir, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync"
      ]
    })
    const page = context.pages()[0] ?? await context.newPage()
    const errors = []
    page.on("pageerror", (error) => errors.push(error.message))
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text())
    })
    await page.goto(`${origin}/#${hash}`)
    await page.waitForFunction(() => window.__result !== undefined, undefined, { timeout: 180_000 })
    const result = await page.evaluate(() => window.__result)
    const want = expected()
    const puts = local.storageRequests().filter((r) => r.method === "PUT" && r.status === 200).length
    const failures = check(result, want, puts)
    console.log(
      `browser: ${await context.browser()?.version() ?? "chromium"}; ${want.size} bytes in ${want.parts} parts, ` +
        `${result.progress?.length ?? 0} progress events (last ${result.progress?.at(-1)?.percent}%), ${result.streamedRows} rows in ${result.batches} Arrow batches, ` +
        `sum ${result.sum}; file path: ${result.pathError?.message}`
    )
    if (failures.length > 0) {
      for (const error of errors) console.error(`  page: ${error}`)
      throw new Error(`browser test failed:\n  ${failures.join("\n  ")}`)
    }
    console.log(`browser test passed in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  } finally {
    await context?.close().catch(() => undefined)
    await local?.stop().catch(() => undefined)
    web?.close()
    await fs.rm(dir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
