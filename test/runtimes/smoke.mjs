/**
 * The end-to-end smoke one runtime runs against a local server, using the built
 * packages as a user would: uploads (single PUT and multipart, from bytes, a Blob and a
 * file path), a resume from a checkpoint (and the refusal of a file edited in place
 * since, and of checkpoints edited: a doubled part size, a CR/LF in a header, both before
 * any PUT), loads into managed tables, a query, an Arrow stream and a CSV export,
 * each checked against the data sent (row counts, sums, an md5 of a text column, the
 * exported file byte for byte). Alongside the uploads, a load resent with its
 * idempotency key while the server holds the original meets 409
 * IDEMPOTENCY_KEY_IN_PROGRESS, is retried with the key and answers the original's result,
 * its rows landing once. Over `fetch`, @hotdata-effect/client also answers one call;
 * over `node`, NodeTransport decompresses gzip, deflate and brotli answers, both SDK
 * transports and the client are checked over TLS (a trusted and a refused certificate),
 * and a part PUT storage stops reading is cut by the stall watchdog and sent again.
 * Faults come from the server's admin API (`/__admin/faults`).
 * First of all, against a server answering garbage (test/runtimes/garbage.mjs, run by
 * run.mjs), decompression bombs fail with `ResponseTooLarge` with the peak memory of the
 * process meeting them bounded, and error pages echoing the API key show it nowhere.
 *
 * Started by test/runtimes/run.mjs with HOTDATA_API_URL, HOTDATA_API_KEY,
 * HOTDATA_WORKSPACE_ID, SMOKE_TMP, SMOKE_TRANSPORT (`fetch`, `undici` or `node`),
 * SMOKE_TLS_CERT / SMOKE_TLS_KEY (PEM files of a self-signed certificate),
 * SMOKE_GARBAGE_URL and SMOKE_RUNTIME_ARGS (what the runtime takes before a script, as
 * JSON: each bomb is met in a child of the same runtime, SMOKE_BOMB naming its client and
 * route). Exits non-zero on the first mismatch or failure.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { ArrowQuery, Export } from "@hotdata-effect/arrow"
import { HotdataClient, Query } from "@hotdata-effect/core"
import { Checkpoint, StorageClient, Tables, Uploads } from "@hotdata-effect/uploads"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as HashMap from "effect/HashMap"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as path from "node:path"

const env = (name) => {
  const value = process.env[name]
  if (value === undefined || value === "") throw new Error(`smoke: ${name} is not set`)
  return value
}
const transport = env("SMOKE_TRANSPORT")
const label = env("SMOKE_LABEL")
const tmp = env("SMOKE_TMP")
const MiB = 1024 * 1024

/** A CSV `i,v,s` of about `size` bytes, with what the server should find in it. */
const csvOf = (size, seed) => {
  const lines = ["i,v,s"]
  let bytes = 6
  let sum = 0n
  let x = seed >>> 0
  const hash = createHash("md5")
  for (let i = 0; bytes < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0
    const v = (x % 2_000_001) - 1_000_000
    let s = ""
    for (let k = 0, n = 8 + (x % 24); k < n; k++) {
      x = (x * 1103515245 + 12345) >>> 0
      s += String.fromCharCode(97 + ((x >>> 16) % 26))
    }
    const line = `${i},${v},${s}`
    lines.push(line)
    bytes += line.length + 1
    sum += BigInt(v)
    hash.update(i === 0 ? s : `|${s}`)
  }
  const text = lines.join("\n") + "\n"
  return { bytes: new TextEncoder().encode(text), rows: lines.length - 1, sum, md5: hash.digest("hex") }
}

const fail = (message) => Effect.die(new Error(`smoke ${label}: ${message}`))
const expectEqual = (what, actual, expected) =>
  actual === expected ? Effect.void : fail(`${what}: got ${String(actual)}, expected ${String(expected)}`)

const sourceOf = (kind, csv, name) => {
  switch (kind) {
    case "bytes":
      return csv.bytes
    case "blob":
      return new Blob([csv.bytes])
    case "path": {
      const file = path.join(tmp, name)
      fs.writeFileSync(file, csv.bytes)
      return file
    }
  }
}

const checksum = (databaseId, table) =>
  Effect.map(
    Query.run(
      `SELECT count(*)::BIGINT AS n, sum(v)::BIGINT AS total, md5(string_agg(s, '|' ORDER BY i)) AS h ` +
        `FROM "default".main.${table}`,
      { databaseId }
    ),
    (result) => ({
      rows: Number(result.rows[0][0]),
      sum: BigInt(result.rows[0][1]),
      md5: String(result.rows[0][2])
    })
  )

const timed = (label, effect) =>
  Effect.gen(function*() {
    const start = Date.now()
    const value = yield* effect
    console.log(`  ${label.padEnd(34)} ${((Date.now() - start) / 1000).toFixed(2)} s`)
    return value
  })

/** A call to the admin API of run.mjs's local server (faults, what storage saw), over the runtime's `fetch`. */
const admin = (method, route, body) =>
  Effect.promise(async () => {
    const response = await fetch(`${env("HOTDATA_API_URL")}/__admin/${route}`, {
      method,
      headers: { authorization: `Bearer ${env("HOTDATA_API_KEY")}`, "content-type": "application/json" },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {})
    })
    if (!response.ok) throw new Error(`smoke ${label}: ${method} /__admin/${route} answered ${response.status}`)
    return response.status === 204 ? undefined : response.json()
  })

/** The storage PUTs the server has seen (run.mjs clears the list between runs only). */
const storagePuts = Effect.map(
  admin("GET", "storage-requests"),
  (answer) => answer.requests.filter((request) => request.method === "PUT").length
)

/**
 * Two loads with one idempotency key, the second sent while the server holds the first
 * (a `table_load` stall, longer than the `keyedLoadWait` run.mjs starts the server
 * with): the server answers the second 409 IDEMPOTENCY_KEY_IN_PROGRESS once it has
 * waited that long, and the client sends it again with the same key until it answers
 * with the original's result. Started before the uploads, it answers the check to run
 * after them: the client's wait (the `Retry-After` of 1 s) overlaps them.
 */
const keyedLoads = (client, db) =>
  Effect.gen(function*() {
    const start = Date.now()
    let end = start
    const table = "t_keyed"
    const rows = 40
    const data = "i,v\n" + Array.from({ length: rows }, (_, i) => `${i},${i * 7}`).join("\n") + "\n"
    const load = client.databases.loadTable(db, "main", table, { mode: "append", data }, {
      idempotencyKey: `smoke-keyed-${label}`
    }).pipe(Effect.tap(() => Effect.sync(() => (end = Math.max(end, Date.now())))))
    yield* admin("POST", "faults", { route: "table_load", fault: { kind: "stall", millis: 1500 }, times: 1 })
    const original = yield* Effect.fork(load)
    // The stall is taken once the original holds its key.
    while ((yield* admin("GET", "faults")).faults.length > 0) {
      if (Option.isSome(yield* Fiber.poll(original))) return yield* fail("the keyed load ended before its stall")
      yield* Effect.sleep("10 millis")
    }
    // The resend's retries after a 409, counted from the SDK's log lines (one per retry).
    let conflictsRetried = 0
    const annotation = (annotations, name) => Option.getOrUndefined(HashMap.get(annotations, name))
    const logger = Logger.make(({ annotations }) => {
      if (annotation(annotations, "hotdata.error") === "Conflict") {
        if (annotation(annotations, "http.response.status_code") === 409) conflictsRetried++
      }
    })
    const loadsSeen = Effect.map(admin("GET", "calls"), (answer) => answer.calls.load_database_table ?? 0)
    const seen = yield* loadsSeen
    const resent = yield* Effect.fork(load.pipe(
      Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
      Logger.withMinimumLogLevel(LogLevel.Debug)
    ))
    // On to the uploads once the resend reached the server (their work could hold it back).
    while ((yield* loadsSeen) === seen) {
      if (Option.isSome(yield* Fiber.poll(resent))) return yield* fail("the keyed resend ended before the server saw it")
      yield* Effect.sleep("10 millis")
    }
    return Effect.gen(function*() {
      const [first, second] = yield* Fiber.join(Fiber.zip(original, resent))
      yield* expectEqual("keyed load: the original's answer", `${first.status}:${first.body.row_count}`, `200:${rows}`)
      yield* expectEqual("keyed load: the resend's answer", JSON.stringify(second), JSON.stringify(first))
      if (conflictsRetried < 1) return yield* fail("keyed load: the resend met no 409 IDEMPOTENCY_KEY_IN_PROGRESS")
      const found = yield* Query.run(`SELECT count(*)::BIGINT FROM "default".main.${table}`, { databaseId: db })
      yield* expectEqual("keyed load: rows in the table", Number(found.rows[0][0]), rows)
      const what = `keyed load resent (${conflictsRetried} x 409)`
      console.log(`  ${what.padEnd(34)} ${((end - start) / 1000).toFixed(2)} s, alongside the uploads`)
    })
  })

/**
 * Over NodeTransport in context: storage takes a 24 MiB part's PUT and reads none of it
 * (a `storage` stall, longer than the part's time limit). The stall watchdog sees the
 * streamed body stop once the sockets' buffers are full and cuts the PUT after
 * `stallTimeout`; the part is sent again and the upload finishes.
 */
const stalledPut = Effect.gen(function*() {
  const size = 24 * MiB
  const before = yield* storagePuts
  yield* admin("POST", "faults", { route: "storage", fault: { kind: "stall", millis: 6000 }, times: 1 })
  const retried = []
  const upload = yield* Uploads.uploadFile(new Uint8Array(size).fill(0x61), {
    partSize: size,
    stallTimeout: "500 millis",
    partTimeout: () => "5 seconds",
    rounds: Uploads.rounds({ baseDelay: "50 millis" }),
    onEvent: (event) => {
      if (event._tag === "PartRetried") retried.push(`${event.error._tag}:${event.error.reason}`)
    }
  })
  yield* expectEqual("stalled PUT: uploaded bytes", upload.size_bytes, size)
  yield* expectEqual("stalled PUT: retries", retried.join(", "), "StorageTransportError:stall")
  yield* expectEqual("stalled PUT: PUTs storage saw", (yield* storagePuts) - before, 2)
})

const program = Effect.gen(function*() {
  const client = yield* HotdataClient.HotdataClient
  const streams = yield* StorageClient.probeStreamingBody(globalThis.Request)
  console.log(`  storage parts on fetch go as ${streams ? "a streaming Blob (progress seen)" : "plain bytes"}`)
  const db = (yield* client.databases.create({ name: `smoke_${label}` })).id
  const keyedCheck = yield* keyedLoads(client, db)
  const small = csvOf(600_000, 11)
  const large = csvOf(9 * MiB + 123_457, 29)
  const loaded = {}
  for (const [sizeName, csv, parts] of [["single", small, "one"], ["multipart", large, "several"]]) {
    for (const kind of ["bytes", "blob", "path"]) {
      const table = `t_${sizeName}_${kind}`
      yield* timed(`${sizeName} PUT from ${kind}`, Effect.gen(function*() {
        let partsPut = 0
        const result = yield* Tables.loadFile(sourceOf(kind, csv, `${table}.csv`), {
          databaseId: db,
          schema: "main",
          table,
          mode: "replace",
          format: "csv",
          upload: {
            contentType: "text/csv",
            partSize: 5 * MiB,
            onEvent: (event) => {
              if (event._tag === "PartFinished") partsPut++
            }
          }
        })
        yield* (parts === "one" ? expectEqual(`${table}: parts`, partsPut, 1) : partsPut > 1 ?
          Effect.void :
          fail(`${table}: ${partsPut} part(s), expected several`))
        yield* expectEqual(`${table}: loaded rows`, result.row_count, csv.rows)
        const found = yield* checksum(db, table)
        yield* expectEqual(`${table}: rows`, found.rows, csv.rows)
        yield* expectEqual(`${table}: sum(v)`, found.sum, csv.sum)
        yield* expectEqual(`${table}: md5(s)`, found.md5, csv.md5)
      }))
      loaded[sizeName] = table
    }
  }

  yield* timed("resume from a checkpoint", Effect.gen(function*() {
    const file = path.join(tmp, "resume.csv")
    fs.writeFileSync(file, large.bytes)
    const key = path.join(tmp, "resume.upload")
    /** An upload that stops (as a crashed process would) once its first part is confirmed. */
    const crash = Effect.gen(function*() {
      const crashed = yield* Effect.exit(Uploads.uploadFile(file, {
        checkpoint: key,
        partSize: 5 * MiB,
        concurrency: 1,
        onEvent: (event) => event._tag === "PartFinished" ? Effect.die("the process crashed") : Effect.void
      }))
      if (crashed._tag !== "Failure" || !fs.existsSync(key)) return yield* fail("the crashed upload left no checkpoint")
    })
    yield* crash
    let resumedParts = -1
    const upload = yield* Uploads.resume(file, {
      checkpoint: key,
      onEvent: (event) => {
        if (event._tag === "SessionOpened") resumedParts = event.resumedParts
      }
    })
    yield* expectEqual("resumed size", upload.size_bytes, large.bytes.byteLength)
    yield* expectEqual("parts kept from the checkpoint", resumedParts, 1)
    yield* expectEqual("checkpoint removed", fs.existsSync(key), false)
    // Edited checkpoints of the file as it is are refused before any PUT.
    yield* crash
    const saved = Option.getOrUndefined(yield* Checkpoint.fileStore.load(key))
    if (saved === undefined) return yield* fail("the crashed upload left no checkpoint")
    const token = Redacted.value(saved.finalizeToken)
    const resumeEdited = (edit) =>
      Effect.gen(function*() {
        yield* Checkpoint.fileStore.save(key, new Checkpoint.Checkpoint({ ...saved, ...edit }))
        const puts = yield* storagePuts
        let retries = 0
        const result = yield* Effect.either(Uploads.resume(file, {
          checkpoint: key,
          onEvent: (event) => {
            if (event._tag === "PartRetried") retries++
          }
        }))
        if (result._tag === "Right") return "finalized"
        const { _tag, field, message, reason } = result.left
        const quoted = message.includes(token) || message.includes("smoke-value")
        return `${_tag}:${reason}:${field ?? "-"}, ${(yield* storagePuts) - puts} PUTs, ${retries} retries` +
          (quoted ? `, quoting: ${message}` : "")
      })
    yield* expectEqual(
      "a resume with the part size doubled",
      yield* resumeEdited({ partSize: saved.partSize * 2 }),
      // Part 1 read again at the doubled size has another CRC-32.
      "CheckpointError:sourceChanged:-, 0 PUTs, 0 retries"
    )
    yield* expectEqual(
      "a resume with a CR/LF in a header",
      yield* resumeEdited({ headers: { ...saved.headers, "x-amz-meta-note": "smoke-value\r\nx-other: 1" } }),
      "CheckpointError:invalid:headers, 0 PUTs, 0 retries"
    )
    // Part 1 edited in place (1 MiB in: none of the fingerprint's samples), its mtime put back.
    yield* Checkpoint.fileStore.save(key, saved)
    const before = fs.statSync(file)
    const handle = fs.openSync(file, "r+")
    fs.writeSync(handle, new Uint8Array([large.bytes[MiB] === 0x30 ? 0x31 : 0x30]), 0, 1, MiB)
    fs.closeSync(handle)
    fs.utimesSync(file, before.atimeMs / 1000, before.mtimeMs / 1000)
    const refused = yield* Effect.either(Uploads.resume(file, { checkpoint: key }))
    yield* expectEqual(
      "a resume of an edited file",
      refused._tag === "Left" ? `${refused.left._tag}:${refused.left.reason}:${/part 1 /.test(refused.left.message)}` :
        "finalized",
      // Found by the CRC-32 of part 1, the fingerprint being the same.
      "CheckpointError:sourceChanged:true"
    )
  }))

  if (transport === "node") yield* timed("stalled PUT cut by the watchdog", stalledPut)

  yield* keyedCheck

  yield* timed("Arrow stream of the multipart table", Effect.gen(function*() {
    const totals = yield* ArrowQuery.stream(`SELECT i, v FROM "default".main.${loaded.multipart} ORDER BY i`, {
      databaseId: db
    }).pipe(
      Stream.runFold({ rows: 0, sum: 0n, ordered: true, next: 0 }, (acc, batch) => {
        const i = batch.getChild("i")
        const v = batch.getChild("v")
        let { next, ordered, sum } = acc
        for (let r = 0; r < batch.numRows; r++) {
          if (Number(i.get(r)) !== next++) ordered = false
          sum += BigInt(v.get(r))
        }
        return { rows: acc.rows + batch.numRows, sum, ordered, next }
      })
    )
    yield* expectEqual("arrow rows", totals.rows, large.rows)
    yield* expectEqual("arrow sum(v)", totals.sum, large.sum)
    yield* expectEqual("arrow order", totals.ordered, true)
  }))

  yield* timed("CSV export of the single-PUT table", Effect.gen(function*() {
    const result = yield* Query.run(`SELECT i, v, s FROM "default".main.${loaded.single} ORDER BY i`, {
      databaseId: db
    })
    yield* expectEqual("query rows", result.totalRowCount, small.rows)
    if (result.resultId === undefined) return yield* fail("the query gave no result id")
    const file = path.join(tmp, "export.csv")
    const written = yield* Export.toFile(result.resultId, file, { databaseId: db, format: "csv", wait: true })
    const exported = fs.readFileSync(file)
    yield* expectEqual("export bytes", written.bytes, exported.byteLength)
    yield* expectEqual("export content", Buffer.compare(exported, Buffer.from(small.bytes)), 0)
  }))
})

const baseLayer = (httpLayer) =>
  HotdataClient.layer({
    apiKey: Redacted.make(env("HOTDATA_API_KEY")),
    workspaceId: env("HOTDATA_WORKSPACE_ID"),
    baseUrl: env("HOTDATA_API_URL")
  }).pipe(Layer.provide(httpLayer))

/**
 * @hotdata-effect/client (its bundle, with its own Effect) loads on this runtime and
 * answers one call, over `node:http` where the runtime has it (the global `fetch` is not
 * called) and over `fetch` elsewhere.
 */
const clientSmoke = async () => {
  const start = Date.now()
  const client = await import("@hotdata-effect/client")
  const hasNodeHttp = await import("node:http").then(() => true, () => false)
  const global = globalThis.fetch
  let fetchCalls = 0
  globalThis.fetch = (input, init) => {
    fetchCalls++
    return global(input, init)
  }
  const hotdata = client.createHotdataClient({
    apiKey: env("HOTDATA_API_KEY"),
    workspaceId: env("HOTDATA_WORKSPACE_ID"),
    baseUrl: env("HOTDATA_API_URL")
  })
  try {
    const error = await hotdata.databases.get("db_missing_from_client_smoke").then(() => undefined, (e) => e)
    if (!(error instanceof client.HotdataPromiseError) || error._tag !== "NotFound" || error.status !== 404) {
      throw new Error(`smoke ${label}: @hotdata-effect/client answered ${String(error)} for a missing database`)
    }
    if (hasNodeHttp === (fetchCalls > 0)) {
      throw new Error(`smoke ${label}: node:http ${hasNodeHttp ? "exists" : "is missing"}, yet the client called fetch ${fetchCalls} times`)
    }
  } finally {
    globalThis.fetch = global
    await hotdata.dispose()
  }
  const over = hasNodeHttp ? "node:http" : "fetch"
  console.log(`  ${`@hotdata-effect/client (NotFound, over ${over})`.padEnd(34)} ${((Date.now() - start) / 1000).toFixed(2)} s`)
}

/**
 * NodeTransport asks for compressed answers and decompresses gzip, deflate and brotli
 * bodies with this runtime's `node:zlib`, from a server of this runtime's `node:http`.
 */
const compressionSmoke = async () => {
  const start = Date.now()
  const http = await import("node:http")
  const zlib = await import("node:zlib")
  const { HttpClientRequest } = await import("@effect/platform")
  const NodeTransport = await import("@hotdata-effect/core/NodeTransport")
  const text = Array.from({ length: 5000 }, (_, i) => `row ${i}: ${"abcdefghij".repeat(i % 7)}`).join("\n")
  const encoders = { gzip: zlib.gzipSync, deflate: zlib.deflateSync, br: zlib.brotliCompressSync }
  const server = http.createServer((req, res) => {
    const encoding = req.url.slice(1)
    const asked = String(req.headers["accept-encoding"] ?? "")
    res.writeHead(200, { "content-type": "text/plain", "content-encoding": encoding, "x-asked": asked })
    res.end(encoders[encoding](text))
  })
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve))
  try {
    for (const encoding of Object.keys(encoders)) {
      const url = `http://127.0.0.1:${server.address().port}/${encoding}`
      const [asked, body] = await Effect.runPromise(
        Effect.flatMap(
          NodeTransport.make.execute(HttpClientRequest.get(url)),
          (response) => Effect.map(response.text, (body) => [response.headers["x-asked"], body])
        )
      )
      if (!asked.includes(encoding)) throw new Error(`smoke ${label}: NodeTransport asked for "${asked}"`)
      if (body !== text) throw new Error(`smoke ${label}: a ${encoding} answer decoded to ${body.length} chars, not ${text.length}`)
    }
  } finally {
    server.closeAllConnections?.()
    await new Promise((resolve) => server.close(resolve))
  }
  console.log(`  ${"NodeTransport: gzip, deflate, br".padEnd(34)} ${((Date.now() - start) / 1000).toFixed(2)} s`)
}

/**
 * Over TLS, with a certificate made for this run (run.mjs passes its PEM files): this
 * runtime's `node:https` server answers NodeTransport and @hotdata-effect/client when they
 * are given an agent that trusts the certificate. Without one, NodeTransport and
 * FetchTransport both fail at once with a `TransportError` of phase `tls`, having sent nothing.
 */
const tlsSmoke = async () => {
  const start = Date.now()
  const https = await import("node:https")
  const NodeTransport = await import("@hotdata-effect/core/NodeTransport")
  const { FetchTransport } = await import("@hotdata-effect/core")
  const client = await import("@hotdata-effect/client")
  const cert = fs.readFileSync(env("SMOKE_TLS_CERT"), "utf8")
  const key = fs.readFileSync(env("SMOKE_TLS_KEY"), "utf8")
  const database = {
    id: "db_tls",
    name: "tls",
    default_catalog: "default",
    default_schema: "main",
    default_connection_id: "conn_tls",
    created_at: "2026-01-01T00:00:00Z",
    attachments: []
  }
  let requests = 0
  const server = https.createServer({ key, cert }, (_req, res) => {
    requests++
    res.writeHead(200, { "content-type": "application/json" })
    res.end(JSON.stringify(database))
  })
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve))
  const baseUrl = `https://127.0.0.1:${server.address().port}`
  const agent = new https.Agent({ keepAlive: true, ca: cert })
  const settings = { apiKey: Redacted.make("hd_tls_smoke"), workspaceId: "ws_tls", baseUrl }
  const get = (transportLayer) =>
    Effect.runPromise(
      Effect.flatMap(HotdataClient.HotdataClient, (c) => Effect.either(c.databases.get("db_tls"))).pipe(
        Effect.provide(HotdataClient.layer(settings).pipe(Layer.provide(transportLayer)))
      )
    )
  const hotdata = client.createHotdataClient({
    apiKey: "hd_tls_smoke",
    workspaceId: "ws_tls",
    baseUrl,
    agents: { https: agent },
    env: {}
  })
  try {
    const trusted = await get(NodeTransport.layerWith({ https: agent }))
    if (trusted._tag !== "Right" || trusted.right.id !== "db_tls") {
      throw new Error(`smoke ${label}: NodeTransport over TLS with a trusting agent answered ${String(trusted.left ?? trusted)}`)
    }
    const viaClient = await hotdata.databases.get("db_tls")
    if (viaClient.id !== "db_tls") throw new Error(`smoke ${label}: @hotdata-effect/client over TLS answered ${viaClient.id}`)
    const before = requests
    for (const [name, transportLayer] of [["NodeTransport", NodeTransport.layer], ["FetchTransport", FetchTransport.layer]]) {
      const refused = await get(transportLayer)
      if (refused._tag !== "Left" || refused.left._tag !== "TransportError" || refused.left.phase !== "tls") {
        const what = refused._tag === "Left" ? `${refused.left._tag} ${refused.left.phase ?? ""}: ${refused.left.message}` : "a success"
        throw new Error(`smoke ${label}: ${name} against an untrusted certificate gave ${what}`)
      }
    }
    if (requests !== before) throw new Error(`smoke ${label}: a request reached the server past a refused certificate`)
  } finally {
    await hotdata.dispose()
    agent.destroy()
    server.closeAllConnections?.()
    await new Promise((resolve) => server.close(resolve))
  }
  console.log(`  ${"TLS: trusted agent, refused cert".padEnd(34)} ${((Date.now() - start) / 1000).toFixed(2)} s`)
}

/** The peak memory of a process that met one bomb: unbounded, a bomb takes over 1 GiB. */
const GARBAGE_RSS = 512 * MiB

/** The bombs of the garbage server: 1 GiB of zeros gzip'd (with and without a length), 512 MiB in brotli, a gzip'd 500. */
const BOMBS = ["gzip", "gzip-chunked", "br", "gzip-500"]

/** An API key as odd as a header carries (`+`, `/`, `=`, `%`, quotes); its distinctive piece must never show. */
const ODD_KEY = "hd_Smoke5ecretKEY+odd/chars=and%25more\"q'"
const LEAK = "Smoke5ecretKEY"

/**
 * The clients of this run, each answering the error of one `databases.get` against a
 * route of the garbage server (see test/runtimes/garbage.mjs) and the texts it shows:
 * the Effect client over this run's transport (both fetch clients on a `fetch` run), and
 * @hotdata-effect/client over `fetch` on a `fetch` run, over `node:http` on a `node` run.
 */
const garbageClients = async () => {
  const garbage = env("SMOKE_GARBAGE_URL")
  const { Cause } = await import("effect")
  const { FetchTransport, RetryPolicy } = await import("@hotdata-effect/core")
  const layers = transport === "fetch" ?
    [["FetchTransport", FetchTransport.layer], ["FetchHttpClient", FetchHttpClient.layer]] :
    transport === "node" ?
    [["NodeTransport", (await import("@hotdata-effect/core/NodeTransport")).layer]] :
    [["undici", (await import("@effect/platform-node/NodeHttpClient")).layerUndici]]
  const clients = layers.map(([name, httpLayer]) => ({
    name,
    get: async (route) => {
      const layer = HotdataClient.layer({
        apiKey: Redacted.make(ODD_KEY),
        workspaceId: "ws_garbage",
        baseUrl: `${garbage}/${route}`,
        retryPolicy: RetryPolicy.none
      }).pipe(Layer.provide(httpLayer))
      const error = await Effect.runPromise(
        Effect.flatMap(HotdataClient.HotdataClient, (c) => Effect.flip(c.databases.get("db_garbage"))).pipe(
          Effect.provide(layer)
        )
      )
      return { error, texts: [error.message, JSON.stringify(error), Cause.pretty(Cause.fail(error))] }
    }
  }))
  if (transport === "undici") return clients
  const bundle = await import("@hotdata-effect/client")
  clients.push({
    name: "@hotdata-effect/client",
    get: async (route) => {
      const hotdata = bundle.createHotdataClient({
        apiKey: ODD_KEY,
        workspaceId: "ws_garbage",
        baseUrl: `${garbage}/${route}`,
        env: {},
        ...(transport === "fetch" ? { fetch: globalThis.fetch } : {})
      })
      const error = await hotdata.databases.get("db_garbage", { maxRetries: 0 }).then(() => undefined, (e) => e)
      await hotdata.dispose()
      return { error, texts: [error?.message, String(error), JSON.stringify(error)] }
    }
  })
  return clients
}

/**
 * In a process of this runtime of its own (so that its peak memory is the call's): the
 * client `name` meets the bomb `route`, which fails with `ResponseTooLarge` (undici hands
 * the bytes over as they came: a `DecodeError`), or a `ServerError` for the gzip'd 500;
 * prints the peak RSS.
 */
const bombChild = async (name, route) => {
  const client = (await garbageClients()).find((c) => c.name === name)
  const { error } = await client.get(route)
  const expected = route === "gzip-500" ? "ServerError" : name === "undici" ? "DecodeError" : "ResponseTooLarge"
  if (error?._tag !== expected) {
    throw new Error(`smoke ${label}: ${name} against /${route} gave ${error?._tag}: ${error?.message}, not ${expected}`)
  }
  console.log(JSON.stringify({ peak: process.resourceUsage().maxRSS * 1024 }))
}

/** Runs {@link bombChild} for `name` and `route` with this runtime and answers its peak RSS. */
const bombInChild = async (name, route) => {
  const { spawn } = await import("node:child_process")
  const { fileURLToPath } = await import("node:url")
  const args = [...JSON.parse(env("SMOKE_RUNTIME_ARGS")), fileURLToPath(import.meta.url)]
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, SMOKE_BOMB: JSON.stringify([name, route]) },
      stdio: ["ignore", "pipe", "inherit"]
    })
    let out = ""
    child.stdout.on("data", (chunk) => (out += chunk))
    child.on("error", reject)
    child.on("exit", (code) => {
      const last = out.trim().split("\n").at(-1) ?? ""
      if (code !== 0 || !last.startsWith("{")) {
        return reject(new Error(`smoke ${label}: ${name} against /${route} failed (exit ${code})`))
      }
      resolve(JSON.parse(last).peak)
    })
  })
}

/**
 * Against the garbage server: every client of this run meets each bomb in a process of
 * its own whose peak RSS stays under GARBAGE_RSS; then 400 and 502 pages quoting the key
 * (as sent, JSON- and HTML-escaped) give errors whose message, `Cause.pretty` or JSON
 * never show it.
 */
const garbageSmoke = async () => {
  const start = Date.now()
  const clients = await garbageClients()
  let highest = 0
  // Two children at a time: each one's peak is its own.
  const calls = clients.flatMap(({ name }) => BOMBS.map((route) => ({ name, route })))
  const meet = async () => {
    for (let call = calls.shift(); call !== undefined; call = calls.shift()) {
      const { name, route } = call
      const peak = await bombInChild(name, route)
      if (peak >= GARBAGE_RSS) {
        const mib = Math.round(peak / MiB)
        throw new Error(`smoke ${label}: ${name} peaked at ${mib} MiB on /${route}, over ${GARBAGE_RSS / MiB} MiB`)
      }
      highest = Math.max(highest, peak)
    }
  }
  await Promise.all([meet(), meet()])
  for (const route of ["echo-400", "echo-502-raw", "echo-502-json", "echo-502-json-ascii", "echo-502-html"]) {
    for (const { get, name } of clients) {
      const { error, texts } = await get(route)
      if (texts.some((text) => String(text).includes(LEAK)) || !String(error?.message).includes("<redacted>")) {
        throw new Error(`smoke ${label}: ${name} against /${route} let the key through: ${texts.join(" | ")}`)
      }
    }
  }
  const what = `garbage: bombs (peak ${Math.round(highest / MiB)} MiB), echoes`
  console.log(`  ${what.padEnd(34)} ${((Date.now() - start) / 1000).toFixed(2)} s`)
}

const main = async () => {
  await garbageSmoke()
  if (transport === "fetch") await clientSmoke()
  if (transport === "node") await compressionSmoke()
  if (transport === "node") await tlsSmoke()
  const { NodeFileSystem } = await import("@effect/platform-node")
  const httpLayer = transport === "undici" ?
    (await import("@effect/platform-node/NodeHttpClient")).layerUndici :
    transport === "node" ?
    (await import("@hotdata-effect/core/NodeTransport")).layer :
    FetchHttpClient.layer
  // With `fetch` the HTTP client is given to the API client only, as most apps do, so
  // part PUTs go through the storage client the uploads build on the runtime's `fetch`.
  // With undici or NodeTransport it is in context too, so part PUTs go through it.
  const layer = transport !== "fetch" ?
    Layer.mergeAll(baseLayer(httpLayer), httpLayer, NodeFileSystem.layer) :
    Layer.mergeAll(baseLayer(httpLayer), NodeFileSystem.layer)
  await Effect.runPromise(Effect.provide(program, layer))
}

const bomb = process.env.SMOKE_BOMB
;(bomb !== undefined ? bombChild(...JSON.parse(bomb)) : main()).then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  }
)
