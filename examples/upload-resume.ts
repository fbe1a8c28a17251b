/**
 * A resumable upload that survives its process being killed: a child process uploads a
 * generated file with a checkpoint and is killed with SIGKILL part-way; this process
 * resumes from the checkpoint, sends only the missing parts, loads the result and
 * checks it row for row.
 *
 * Run directly: `tsx examples/upload-resume.ts` (against a local server, or the hosted
 * service when HOTDATA_API_KEY and HOTDATA_WORKSPACE_ID are set).
 */
import { FetchHttpClient } from "@effect/platform"
import { HotdataClient, Query } from "@hotdata-effect/core"
import { LocalHotdata } from "@hotdata-effect/local"
import { Uploads } from "@hotdata-effect/uploads"
import { Effect, Layer, Option, Redacted } from "effect"
import { spawn } from "node:child_process"
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as url from "node:url"
import { runMain } from "./lib/run.js"

const MiB = 1024 * 1024
const PART_SIZE = 5 * MiB

/** Writes a CSV `i,v` of about `size` bytes; returns its row count and the md5 of its `v` values joined by `|`. */
const writeCsv = (file: string, size: number) => {
  const hash = createHash("md5")
  const lines: Array<string> = ["i,v"]
  let bytes = 4
  let rows = 0
  let x = 7
  while (bytes < size) {
    let v = ""
    for (let j = 0; j < 70; j++) {
      x = (x * 1103515245 + 12345) >>> 0
      v += String.fromCharCode(97 + ((x >>> 16) % 26))
    }
    if (rows > 0) hash.update("|")
    hash.update(v)
    const line = `${rows},${v}`
    lines.push(line)
    bytes += line.length + 1
    rows++
  }
  fs.writeFileSync(file, lines.join("\n") + "\n")
  return { rows, md5: hash.digest("hex"), size: fs.statSync(file).size }
}

/** The child: uploads `file` with a checkpoint, printing each confirmed part. */
const child = (file: string, checkpoint: string) =>
  Uploads.uploadFile(file, {
    checkpoint,
    partSize: PART_SIZE,
    concurrency: 1,
    contentType: "text/csv",
    onEvent: (event) => {
      if (event._tag === "PartFinished") process.stdout.write(`part ${event.partNumber}\n`)
    }
  })

/** Runs the child and kills it with SIGKILL once `killAfter` parts are confirmed. */
const runChild = (file: string, checkpoint: string, env: NodeJS.ProcessEnv, killAfter: number) =>
  Effect.async<{ readonly killed: boolean; readonly partsBeforeKill: number }>((resume) => {
    const self = url.fileURLToPath(import.meta.url)
    const process_ = spawn(process.execPath, ["--import", "tsx", self, "--child", file, checkpoint], {
      cwd: path.resolve(path.dirname(self), ".."),
      env,
      stdio: ["ignore", "pipe", "inherit"]
    })
    let parts = 0
    let killed = false
    process_.stdout.setEncoding("utf8")
    process_.stdout.on("data", (text: string) => {
      parts += text.split("\n").filter((line) => line.startsWith("part ")).length
      if (!killed && parts >= killAfter) {
        killed = process_.kill("SIGKILL")
      }
    })
    process_.on("exit", () => resume(Effect.succeed({ killed, partsBeforeKill: parts })))
    return Effect.sync(() => process_.kill("SIGKILL"))
  })

export const program = Effect.gen(function*() {
  const client = yield* HotdataClient.HotdataClient
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "upload-resume-"))
  yield* Effect.addFinalizer(() => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true })))
  const file = path.join(dir, "events.csv")
  const checkpoint = path.join(dir, "events.csv.checkpoint")
  const csv = writeCsv(file, 64 * MiB)
  const partsTotal = Math.ceil(csv.size / PART_SIZE)

  // The child talks to the same server: the local one when this runs against it.
  const local = yield* Effect.serviceOption(LocalHotdata.LocalHotdata)
  const env = Option.match(local, {
    onNone: () => process.env,
    onSome: (server) => ({
      ...process.env,
      HOTDATA_API_KEY: Redacted.value(server.apiKey),
      HOTDATA_WORKSPACE_ID: server.workspaceId,
      HOTDATA_API_URL: server.baseUrl
    })
  })
  const crash = yield* runChild(file, checkpoint, env, Math.floor(partsTotal / 2))

  let partsSent = 0
  const upload = yield* Uploads.resume(file, {
    checkpoint,
    onEvent: (event) => {
      if (event._tag === "PartFinished") partsSent++
    }
  })

  const db = yield* client.databases.create({ name: "example-upload-resume" })
  yield* client.databases.loadTable(db.id, "main", "events", {
    mode: "replace",
    format: "csv",
    upload_id: upload.upload_id
  })
  const check = yield* Query.run(
    `SELECT count(*) AS n, md5(string_agg(v, '|' ORDER BY i)) AS h FROM events`,
    { databaseId: db.id }
  )
  yield* client.databases.delete(db.id)
  return {
    killed: crash.killed,
    partsTotal,
    partsBeforeKill: crash.partsBeforeKill,
    partsSentOnResume: partsSent,
    checkpointRemoved: !fs.existsSync(checkpoint),
    exact: Number(check.rows[0]![0]) === csv.rows && String(check.rows[0]![1]) === csv.md5
  }
})

if (process.argv[2] === "--child") {
  const layer = HotdataClient.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))
  Effect.runPromise(child(process.argv[3]!, process.argv[4]!).pipe(Effect.provide(layer))).then(
    () => process.exit(0),
    (error) => {
      console.error(error)
      process.exit(1)
    }
  )
} else {
  runMain(import.meta, Effect.scoped(program))
}
