/**
 * Runs the end-to-end smoke (smoke.mjs) on every runtime of runtimes.mjs against one
 * local server started here (random port, temporary directory), with `fetch` on every
 * runtime, with NodeTransport (node:http) on Node, Bun and Deno, and with the undici
 * client of @effect/platform-node on Node, and over TLS with a certificate made here, and
 * against a server answering garbage (decompression bombs, pages echoing the key: see
 * garbage.mjs), run here too. The server answers a keyed load resent while its original
 * runs after 200 ms (`keyedLoadWait`), so that the smoke's resend meets 409
 * IDEMPOTENCY_KEY_IN_PROGRESS; faults the smoke injected are cleared after each run.
 * Checks that every storage PUT the server saw had a `Content-Length` equal to its body
 * (never chunked), prints how long each run takes and exits non-zero when any fails.
 *
 *   node test/runtimes/run.mjs            # every runtime
 *   node test/runtimes/run.mjs node24 bun # some of them
 */
import { startLocalHotdata } from "@hotdata-effect/local/LocalHotdata"
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import selfsigned from "selfsigned"
import * as http from "node:http"
import { garbageHandler, makeBombs } from "./garbage.mjs"
import { install, root, RUNTIMES } from "./runtimes.mjs"

const chosen = process.argv.slice(2)
const unknown = chosen.filter((name) => !RUNTIMES.some((r) => r.name === name))
const runtimes = chosen.length === 0 ? RUNTIMES : RUNTIMES.filter((r) => chosen.includes(r.name))
if (unknown.length > 0) {
  console.error(`unknown runtime ${unknown.join(", ")}; known: ${RUNTIMES.map((r) => r.name).join(", ")}`)
  process.exit(2)
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`
const smoke = path.join(root, "test", "runtimes", "smoke.mjs")

const run = (bin, args, env) =>
  new Promise((resolve) => {
    const child = spawn(bin, args, { cwd: root, env: { ...process.env, ...env }, stdio: "inherit" })
    child.on("error", (error) => {
      console.error(error)
      resolve(1)
    })
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })

const started = Date.now()
const bins = new Map()
for (const runtime of runtimes) {
  const t = Date.now()
  bins.set(runtime.name, install(runtime))
  console.log(`runtime ${runtime.name} ${runtime.version} ready in ${seconds(Date.now() - t)}`)
}

const server = await startLocalHotdata({ temporary: true, keyedLoadWait: "200 millis" })
const garbage = http.createServer(garbageHandler(await makeBombs()))
await new Promise((resolve) => garbage.listen(0, "127.0.0.1", resolve))
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hotdata-smoke-"))
// A certificate for the TLS checks, made for this run (for 127.0.0.1 and localhost).
const pems = await selfsigned.generate([{ name: "commonName", value: "localhost" }], {
  keySize: 2048,
  algorithm: "sha256",
  extensions: [{ name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }] }]
})
fs.writeFileSync(path.join(tmp, "tls-cert.pem"), pems.cert)
fs.writeFileSync(path.join(tmp, "tls-key.pem"), pems.private, { mode: 0o600 })
const results = []
try {
  for (const runtime of runtimes) {
    // NodeTransport (node:http) runs on every runtime with Node's modules: Node, Bun, Deno.
    const transports = runtime.name.startsWith("node") ? ["fetch", "undici", "node"] : ["fetch", "node"]
    for (const transport of transports) {
      const label = `${runtime.name}_${transport}`
      const dir = path.join(tmp, label)
      fs.mkdirSync(dir)
      console.log(`smoke ${runtime.name} (${runtime.version}) over ${transport}`)
      const t = Date.now()
      let code = await run(bins.get(runtime.name), [...runtime.args, smoke], {
        HOTDATA_API_URL: server.baseUrl,
        HOTDATA_API_KEY: server.apiKey,
        HOTDATA_WORKSPACE_ID: server.workspaceId,
        SMOKE_TMP: dir,
        SMOKE_TRANSPORT: transport,
        SMOKE_LABEL: label,
        SMOKE_TLS_CERT: path.join(tmp, "tls-cert.pem"),
        SMOKE_TLS_KEY: path.join(tmp, "tls-key.pem"),
        SMOKE_GARBAGE_URL: `http://127.0.0.1:${garbage.address().port}`,
        SMOKE_RUNTIME_ARGS: JSON.stringify(runtime.args)
      })
      const ms = Date.now() - t
      // Presigned PUTs must go with a Content-Length matching the body, never chunked.
      const puts = server.storageRequests().filter((r) => r.method === "PUT")
      const chunked = puts.filter((r) =>
        r.headers["transfer-encoding"] !== undefined || r.headers["content-length"] !== String(r.bodyBytes)
      )
      server.clearStorageRequests()
      server.clearFaults()
      if (code === 0 && (puts.length === 0 || chunked.length > 0)) {
        console.error(`smoke ${label}: ${chunked.length} of ${puts.length} storage PUTs without a matching Content-Length`)
        code = 1
      }
      results.push({ label, code, ms })
      const outcome = code === 0 ? `ok, ${puts.length} storage PUTs with their Content-Length` : `FAILED (exit ${code})`
      console.log(`smoke ${label}: ${outcome}, in ${seconds(ms)}`)
    }
  }
} finally {
  garbage.closeAllConnections()
  garbage.close()
  await server.stop()
  fs.rmSync(tmp, { recursive: true, force: true })
}

console.log("\nruntime smoke:")
for (const { code, label, ms } of results) console.log(`  ${label.padEnd(16)} ${code === 0 ? "ok    " : "FAILED"} ${seconds(ms)}`)
console.log(`  total            ${seconds(Date.now() - started)}`)
process.exit(results.every((r) => r.code === 0) ? 0 : 1)
