// The local Hotdata server (`@hotdata-effect/local`) in a process of its own, for the
// benchmarks that need a real server: a fresh data folder, a random port, and a `stop`
// that waits for the process to end before removing the folder (so the server cannot
// write its state into a folder that is gone).
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

/**
 * Starts the server; resolves once it prints its base URL.
 * @returns {Promise<{ baseUrl: string, apiKey: string, workspaceId: string, pid: number, stop: () => Promise<void> }>}
 */
export const startLocalServer = async (name = "bench") => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `hotdata-${name}-`))
  const bin = fileURLToPath(import.meta.resolve("@hotdata-effect/local/bin"))
  const child = spawn(process.execPath, [bin, "--port", "0", "--data-dir", dataDir], {
    stdio: ["ignore", "pipe", "inherit"]
  })
  const exited = new Promise((resolve) => child.once("exit", resolve))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill()
      await exited
    }
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  let out = ""
  try {
    const baseUrl = await new Promise((resolve, reject) => {
      exited.then((code) => reject(new Error(`the local server exited (${code}) before it was ready`)))
      child.stdout.on("data", (data) => {
        out += data
        const match = /base URL:\s+(\S+)/.exec(out)
        if (match) resolve(match[1])
      })
    })
    const value = (label, fallback) => (new RegExp(`${label}:\\s+(\\S+)`).exec(out) ?? [])[1] ?? fallback
    return {
      baseUrl,
      apiKey: value("API key", "local-dev-key"),
      workspaceId: value("workspace id", "ws_local"),
      pid: child.pid,
      stop
    }
  } catch (error) {
    await stop()
    throw error
  }
}

/**
 * Runs `sql` in a new database named `name` on `server` and waits until its result is kept,
 * so that the benchmarks read the same stored result in every variant.
 * @returns {Promise<{ databaseId: string, resultId: string }>}
 */
export const keepResult = async (server, name, sql) => {
  const { FetchHttpClient } = await import("@effect/platform")
  const { HotdataClient, Polling } = await import("@hotdata-effect/core")
  const { Effect, Layer, Redacted } = await import("effect")
  const layer = HotdataClient.layer({
    apiKey: Redacted.make(server.apiKey),
    workspaceId: server.workspaceId,
    baseUrl: server.baseUrl
  }).pipe(Layer.provide(FetchHttpClient.layer))
  return Effect.runPromise(
    Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const database = yield* client.databases.create({ name })
      const answer = yield* client.query.execute({ sql }, { database_id: database.id })
      if (answer.status !== 200 || !answer.body.result_id) throw new Error("the query kept no result")
      yield* Polling.result(answer.body.result_id, { databaseId: database.id, deadline: "10 minutes" })
      return { databaseId: database.id, resultId: answer.body.result_id }
    }).pipe(Effect.provide(layer))
  )
}
