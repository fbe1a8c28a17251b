import { describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { execFile, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as http from "node:http"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs, promisify } from "node:util"
import { assert } from "vitest"
import * as Faults from "../src/Faults.js"
import { commandLineFlags, commandOf, defaults } from "../src/internal/options.js"
import * as LocalHotdata from "../src/LocalHotdata.js"
import { startLocalHotdata } from "../src/LocalHotdata.js"

const packageDir = fileURLToPath(new URL("..", import.meta.url))
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "hotdata-local-server-"))

/**
 * Runs TypeScript in a fresh Node process; returns its output. Asynchronous, so the test
 * worker keeps answering vitest while the child runs.
 */
const runTs = (args: ReadonlyArray<string>): Promise<{ readonly stdout: string; readonly stderr: string }> =>
  promisify(execFile)(process.execPath, ["--import", "tsx", ...args], {
    cwd: packageDir,
    encoding: "utf8",
    timeout: 30_000
  }).catch((error: { stdout?: string; stderr?: string }) => ({
    stdout: error.stdout ?? "",
    stderr: error.stderr ?? ""
  }))

describe("server process", () => {
  it.effect("a second server on the same data directory fails at start with a clear error", () =>
    Effect.promise(async () => {
      const dataDir = tempDir()
      const first = await startLocalHotdata({ dataDir })
      try {
        const error = await startLocalHotdata({ dataDir }).then(() => undefined, (e: Error) => e)
        assert.isDefined(error)
        assert.include(error!.message, "in use by another local Hotdata server")
        assert.include(error!.message, dataDir)
        // The first server is unharmed.
        const health = await fetch(`${first.baseUrl}/health`)
        assert.strictEqual(health.status, 200)
      } finally {
        await first.stop()
      }
      const again = await startLocalHotdata({ dataDir })
      await again.stop()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }))

  it.effect("state.json, which holds the values of secrets, is readable by the server's user only", () =>
    Effect.promise(async () => {
      const dataDir = tempDir()
      // A state file left readable by everyone is tightened by the next write.
      fs.writeFileSync(path.join(dataDir, "state.json"), "{}", { mode: 0o644 })
      fs.chmodSync(path.join(dataDir, "state.json"), 0o644)
      const server = await startLocalHotdata({ dataDir })
      try {
        const created = await fetch(`${server.baseUrl}/v1/secrets`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${server.apiKey}`,
            "x-workspace-id": server.workspaceId,
            "content-type": "application/json"
          },
          body: JSON.stringify({ name: "token", value: "kept-on-disk" })
        })
        assert.strictEqual(created.status, 201, await created.text())
      } finally {
        await server.stop()
      }
      const file = path.join(dataDir, "state.json")
      assert.include(fs.readFileSync(file, "utf8"), "kept-on-disk")
      assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600)
      fs.rmSync(dataDir, { recursive: true, force: true })
    }))

  it.effect("a lock left by a process that is gone is taken over", () =>
    Effect.promise(async () => {
      const dataDir = tempDir()
      const gone = spawn(process.execPath, ["-e", ""])
      await new Promise((resolve) => gone.once("exit", resolve))
      fs.writeFileSync(path.join(dataDir, "lock"), String(gone.pid))
      const server = await startLocalHotdata({ dataDir })
      assert.strictEqual(fs.readFileSync(path.join(dataDir, "lock"), "utf8"), String(process.pid))
      await server.stop()
      assert.isFalse(fs.existsSync(path.join(dataDir, "lock")))
      fs.rmSync(dataDir, { recursive: true, force: true })
    }))

  it.effect("with cors, the API and the store answer preflights and send the origin; without, neither", () =>
    Effect.promise(async () => {
      const origin = "http://app.localhost:5173"
      const server = await startLocalHotdata({ temporary: true, cors: origin })
      const plain = await startLocalHotdata({ temporary: true })
      try {
        const preflight = (url: string, method: string) =>
          fetch(url, {
            method: "OPTIONS",
            headers: {
              origin,
              "access-control-request-method": method,
              "access-control-request-headers": "authorization, content-type, x-workspace-id"
            }
          })
        const api = await preflight(`${server.baseUrl}/v1/databases`, "POST")
        assert.strictEqual(api.status, 204)
        assert.strictEqual(api.headers.get("access-control-allow-origin"), origin)
        assert.include(api.headers.get("access-control-allow-methods")!, "POST")
        assert.include(api.headers.get("access-control-allow-headers")!, "authorization")
        const list = await fetch(`${server.baseUrl}/v1/databases`, {
          headers: { origin, authorization: `Bearer ${server.apiKey}`, "x-workspace-id": server.workspaceId }
        })
        assert.strictEqual(list.status, 200)
        assert.strictEqual(list.headers.get("access-control-allow-origin"), origin)
        assert.include(list.headers.get("access-control-expose-headers")!, "X-Trace-Id")
        const other = await fetch(`${server.baseUrl}/v1/databases`, {
          headers: { origin: "http://elsewhere.test", authorization: `Bearer ${server.apiKey}` }
        })
        assert.isNull(other.headers.get("access-control-allow-origin"))
        const store = await preflight(`${server.storageUrl}/hotdata-uploads/uploads/x`, "PUT")
        assert.strictEqual(store.status, 204)
        assert.strictEqual(store.headers.get("access-control-allow-origin"), origin)
        assert.deepStrictEqual(server.storageRequests(), [])

        const none = await preflight(`${plain.baseUrl}/v1/databases`, "POST")
        assert.isNull(none.headers.get("access-control-allow-origin"))
      } finally {
        await server.stop()
        await plain.stop()
      }
    }))

  it.effect("requests naming another Host, or sent by another origin's page, are refused by both fronts", () =>
    Effect.promise(async () => {
      const server = await startLocalHotdata({ temporary: true })
      const named = await startLocalHotdata({ temporary: true, allowedHosts: ["hotdata.internal"] })
      /** A request with exactly these headers (`fetch` would not send a `Host` of ours). */
      const send = (url: string, headers: Record<string, string>, method = "GET", body?: string) =>
        new Promise<{ status: number; text: string }>((resolve, reject) => {
          const request = http.request(url, { method, headers, setHost: false }, (response) => {
            let text = ""
            response.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")))
            response.on("end", () => resolve({ status: response.statusCode ?? 0, text }))
          })
          request.once("error", reject)
          request.end(body)
        })
      const port = (url: string) => new URL(url).port
      const auth = { authorization: `Bearer ${server.apiKey}`, "x-workspace-id": server.workspaceId }
      const list = `${server.baseUrl}/v1/databases`
      try {
        // DNS rebinding: the page's own name, pointed at 127.0.0.1, arrives as the Host.
        for (const host of ["attacker.example", `attacker.example:${port(list)}`, "127.0.0.1:1"]) {
          const refused = await send(list, { ...auth, host })
          assert.strictEqual(refused.status, 421, `${host}: ${refused.text}`)
          assert.strictEqual(JSON.parse(refused.text).error.code, "MISDIRECTED_REQUEST")
        }
        assert.strictEqual(server.callCount("list_databases"), 0)
        for (const host of [`localhost:${port(list)}`, `127.0.0.1:${port(list)}`, `[::1]:${port(list)}`]) {
          assert.strictEqual((await send(list, { ...auth, host })).status, 200, host)
        }
        const own = `127.0.0.1:${port(list)}`
        const foreign = await send(list, { ...auth, host: own, origin: "http://attacker.example" })
        assert.strictEqual(foreign.status, 403, foreign.text)
        assert.include(JSON.parse(foreign.text).error.message, "cors")
        assert.strictEqual((await send(list, { ...auth, host: own, origin: "null" })).status, 403)
        assert.strictEqual((await send(list, { ...auth, host: own, origin: `http://${own}` })).status, 200)

        // The object store's front: a valid presigned URL sent under another name stores nothing.
        const upload = await fetch(`${server.baseUrl}/v1/uploads`, {
          method: "POST",
          headers: { ...auth, "content-type": "application/json" },
          body: JSON.stringify({ declared_size_bytes: 4 })
        }).then((r) => r.json() as Promise<{ url: string }>)
        const store = `127.0.0.1:${port(upload.url)}`
        for (
          const headers of [{ host: `attacker.example:${port(upload.url)}` }, { host: store, origin: "http://x.test" }]
        ) {
          const put = await send(upload.url, { ...headers, "content-length": "4" }, "PUT", "a\n1\n")
          assert.strictEqual(put.status, "origin" in headers ? 403 : 421, put.text)
        }
        assert.deepStrictEqual(server.storageRequests(), [])
        assert.strictEqual(
          (await send(upload.url, { host: store, "content-length": "4" }, "PUT", "a\n1\n")).status,
          200
        )

        // Names given in allowedHosts are answered, with any port.
        const namedList = `${named.baseUrl}/v1/databases`
        const namedAuth = { authorization: `Bearer ${named.apiKey}`, "x-workspace-id": named.workspaceId }
        assert.strictEqual((await send(namedList, { ...namedAuth, host: "hotdata.internal:8080" })).status, 200)
        assert.strictEqual((await send(namedList, { ...namedAuth, host: "attacker.example" })).status, 421)
      } finally {
        await server.stop()
        await named.stop()
      }
    }))

  it("importing the package and running a server leaves process.env as it was", async () => {
    const script = [
      "const before = JSON.stringify(process.env)",
      "const { startLocalHotdata } = await import('./src/index.ts')",
      "const server = await startLocalHotdata({ temporary: true })",
      "await fetch(server.baseUrl + '/health')",
      "await server.stop()",
      "console.log(before === JSON.stringify(process.env) ? 'same' : 'changed')"
    ].join("\n")
    const run = await runTs(["--input-type=module", "-e", script])
    assert.strictEqual(run.stdout.trim(), "same", run.stderr)
  })

  it("the CLI prints the object store's credentials, those kept in the data directory", async () => {
    const dataDir = tempDir()
    const child = spawn(process.execPath, ["--import", "tsx", "src/bin.ts", "--port", "0", "--data-dir", dataDir], {
      cwd: packageDir,
      stdio: ["ignore", "pipe", "pipe"]
    })
    try {
      let stdout = ""
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          stdout += chunk.toString("utf8")
          if (stdout.includes("HOTDATA_WORKSPACE_ID")) resolve()
        })
        child.once("exit", (code) => reject(new Error(`the CLI exited (${code}) before it was ready: ${stdout}`)))
      })
      const kept = JSON.parse(fs.readFileSync(path.join(dataDir, "storage-credentials.json"), "utf8"))
      assert.include(stdout, `S3 key id:     ${kept.accessKeyId}`)
      assert.include(stdout, `S3 secret:     ${kept.secretAccessKey}`)
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve))
        child.kill("SIGTERM")
        await exited
      }
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it("the CLI prints its version", async () => {
    const run = await runTs(["src/bin.ts", "--version"])
    const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8"))
    assert.strictEqual(run.stdout.trim(), `hotdata-local ${manifest.version}`, run.stderr)
  })
})

describe("options", () => {
  it("the CLI's flags become the same start options the library takes, with the shared defaults", () => {
    const parse = (args: Array<string>, env: Record<string, string> = {}) =>
      commandOf(parseArgs({ args, options: commandLineFlags, allowPositionals: false }).values, env)
    assert.deepStrictEqual(parse(["--version"]), { _tag: "Version" })
    const start = parse(["--port", "0", "--no-presign", "--cors", "*", "--inline-row-limit", "5"])
    assert.strictEqual(start._tag, "Start")
    if (start._tag !== "Start") return
    assert.strictEqual(start.options.port, 0)
    assert.strictEqual(start.options.presign, false)
    assert.strictEqual(start.options.cors, "*")
    assert.strictEqual(start.options.inlineRowLimit, 5)
    assert.strictEqual(start.options.dataDir, defaults.dataDir)
    assert.isUndefined(start.options.allowedHosts)
    const hosts = parse(["--allowed-hosts", "hotdata.internal, box:8080,"])
    assert.deepStrictEqual(hosts._tag === "Start" && hosts.options.allowedHosts, ["hotdata.internal", "box:8080"])
    const plain = parse([])
    assert.strictEqual(plain._tag === "Start" && plain.options.port, defaults.cliPort)
    assert.throws(() => parse(["--port=-1"]), /non-negative integer/)
    assert.throws(() => parse(["--s3-endpoint", "http://127.0.0.1:9000", "--s3-bucket", "b"]), /AWS_ACCESS_KEY_ID/)
    const external = parse(["--s3-endpoint", "http://127.0.0.1:9000", "--s3-bucket", "b"], {
      AWS_ACCESS_KEY_ID: "id",
      AWS_SECRET_ACCESS_KEY: "secret"
    })
    assert.deepStrictEqual(external._tag === "Start" && external.options.externalStorage, {
      endpoint: "http://127.0.0.1:9000",
      bucket: "b",
      region: undefined,
      accessKeyId: "id",
      secretAccessKey: "secret"
    })
  })

  it.effect("the Promise handle and the Effect service offer the same methods", () =>
    Effect.gen(function*() {
      const handle = yield* Effect.promise(() => startLocalHotdata({ temporary: true }))
      const service = yield* Effect.scoped(LocalHotdata.make())
      const methods = (o: object) =>
        Object.entries(o).filter(([, v]) => typeof v === "function" || Effect.isEffect(v)).map(([k]) => k).sort()
      assert.deepStrictEqual(methods(service), methods(handle).filter((m) => m !== "stop"))
      handle.injectFault("list_databases", Faults.status(503))
      assert.strictEqual(handle.callCount("list_databases"), 0)
      yield* Effect.promise(() => handle.stop())
    }))
})
