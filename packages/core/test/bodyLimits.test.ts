import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as esbuild from "esbuild"
import { execFile } from "node:child_process"
import * as fs from "node:fs"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import * as os from "node:os"
import * as path from "node:path"
import * as zlib from "node:zlib"
import { afterAll, beforeAll } from "vitest"
import { type Bombs, garbageHandler, makeBombs } from "../../../test/runtimes/garbage.mjs"
import * as Operations from "../src/generated/Operations.js"
import { HotdataClient, HotdataError, Results, RetryPolicy } from "../src/index.js"
import { createHotdataClient } from "../src/PromiseClient.js"
import { transports } from "./httpClients.js"
import { localServer } from "./server.js"

const MiB = 1024 * 1024

/**
 * The peak memory a process doing one bomb call may reach. Unbounded, such a call reaches
 * several GiB; bounded, the most is a fetch of a chunked bomb, which holds up to
 * `maxResponseBytes` (128 MiB) before it fails.
 */
const BOMB_RSS = 512 * MiB
/** The same for an error status: only its first 64 KiB are read. */
const ERROR_RSS = 192 * MiB

let bombs: Bombs
let garbage: http.Server
let garbageUrl: string
let tmp: string
let child: string

beforeAll(async () => {
  bombs = await makeBombs()
  garbage = http.createServer(garbageHandler(bombs))
  await new Promise<void>((resolve) => garbage.listen(0, "127.0.0.1", resolve))
  garbageUrl = `http://127.0.0.1:${(garbage.address() as AddressInfo).port}`
  // The call runs in a process of its own (bundled from the sources here), so that its
  // peak memory is not the test worker's.
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hotdata-bombs-"))
  child = path.join(tmp, "child.mjs")
  await esbuild.build({
    entryPoints: [path.join(import.meta.dirname, "bodyLimits.child.ts")],
    outfile: child,
    bundle: true,
    platform: "node",
    format: "esm",
    alias: { "#http": path.join(import.meta.dirname, "..", "src", "internal", "transport", "http.node.ts") },
    // The CommonJS modules bundled (undici) require Node's own modules.
    banner: { js: "import { createRequire } from \"node:module\"; const require = createRequire(import.meta.url);" },
    logLevel: "error"
  })
}, 120_000)

afterAll(async () => {
  garbage?.closeAllConnections()
  await new Promise((resolve) => garbage?.close(resolve))
  if (tmp !== undefined) fs.rmSync(tmp, { recursive: true, force: true })
})

interface Outcome {
  readonly tag?: string
  readonly setting?: string
  readonly limit?: number
  readonly status?: number
  readonly message?: string
  readonly maxRss: number
}

/** One `databases.get` of a client over `transport` against `route` of the garbage server, in a process of its own. */
const inChild = (transport: string, route: string): Promise<Outcome> =>
  new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [child, transport, `${garbageUrl}/${route}`],
      { timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error !== null) return reject(new Error(`${transport} ${route}: ${error.message}\n${stderr}`))
        resolve(JSON.parse(stdout.trim().split("\n").at(-1)!) as Outcome)
      }
    )
  )

const CHILD_TRANSPORTS = [
  "NodeTransport",
  "FetchTransport",
  "FetchHttpClient",
  "NodeHttpClient.layerUndici",
  "PromiseClient",
  "PromiseClient (fetch)"
] as const

describe("decompression bombs, each call in a process of its own", () => {
  for (const transport of CHILD_TRANSPORTS) {
    // undici's client hands bodies over as they came: the bomb is a megabyte of bytes that are not JSON.
    const decompresses = transport !== "NodeHttpClient.layerUndici"
    for (const route of ["gzip", "gzip-chunked", "br"]) {
      const what = route === "br" ? "512 MiB of zeros in brotli" : `1 GiB of zeros gzip'd to 1 MB (${route})`
      const fails = decompresses ? "ResponseTooLarge" : "DecodeError (not decompressed)"
      it(`${transport}: ${what} fails with ${fails}, memory bounded`, async () => {
        const outcome = await inChild(transport, route)
        if (decompresses) {
          assert.strictEqual(outcome.tag, "ResponseTooLarge", outcome.message)
          assert.include(["maxResponseBytes", "maxCompressionRatio"], outcome.setting)
          assert.include(outcome.message, outcome.setting)
        } else {
          assert.strictEqual(outcome.tag, "DecodeError", outcome.message)
        }
        assert.isBelow(outcome.maxRss, BOMB_RSS, `peak RSS ${Math.round(outcome.maxRss / MiB)} MiB`)
      })
    }
    it(`${transport}: a gzip'd 500 is a ServerError read from its first 64 KiB, memory bounded`, async () => {
      const outcome = await inChild(transport, "gzip-500")
      assert.strictEqual(outcome.tag, "ServerError", outcome.message)
      assert.strictEqual(outcome.status, 500)
      assert.isBelow(outcome.maxRss, ERROR_RSS, `peak RSS ${Math.round(outcome.maxRss / MiB)} MiB`)
    })
  }
})

const clientOf = (baseUrl: string, options: Partial<HotdataClient.Options> = {}) =>
  HotdataClient.make({ apiKey: Redacted.make("hd_test_key"), workspaceId: "ws", baseUrl, ...options })

/** `size` bytes of a JSON text that is not a database, written in 64 KiB pieces without a length. */
const bigJson = (size: number) => (_: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(200, { "content-type": "application/json" })
  const piece = "x".repeat(64 * 1024)
  res.write("{\"id\":\"")
  let left = size
  const next = () => {
    while (left > 0) {
      left -= piece.length
      if (!res.write(piece)) return void res.once("drain", next)
    }
    res.end("\"}")
  }
  next()
}

let csv: { readonly text: Buffer; readonly body: Buffer } | undefined

/** 24 MiB of CSV-like rows (past the 16 MiB the ratio is first judged at), and the same gzip'd. */
const ordinaryCsv = () => {
  if (csv === undefined) {
    const rows: Array<string> = []
    let size = 0
    for (let i = 0; size < 24 * MiB; i++) {
      const row = `${i},${(i * 7919) % 100_003},name_${(i * 104_729) % 99_991}\n`
      rows.push(row)
      size += row.length
    }
    const text = Buffer.from(rows.join(""))
    csv = { text, body: zlib.gzipSync(text, { level: 1 }) }
  }
  return csv
}

/** A result's body as a reader would take it: the bytes read, or the failure. */
const readResult = (client: HotdataClient.HotdataClient.Service, how: "bodyReader" | "stream") =>
  Effect.scoped(Effect.gen(function*() {
    const response = yield* client.response(Operations.GetResult, {
      path: ["rslt_1"],
      options: { database_id: "data_1", format: "csv" }
    })
    let bytes = 0
    if (how === "stream") {
      yield* Stream.runForEach(response.stream, (chunk) => Effect.sync(() => (bytes += chunk.length)))
      return bytes
    }
    const reader = yield* Results.bodyReader(response)
    let more = true
    while (more) {
      more = yield* reader.read((chunk) => {
        bytes += chunk.length
        return true
      })
    }
    return bytes
  }))

/** The typed error a body read failed with (a `ResponseError` carries it as its cause). */
const causeOf = (error: unknown): unknown =>
  typeof error === "object" && error !== null && "cause" in error ? error.cause : error

describe("size bounds of response bodies", () => {
  for (const [name, transportLayer] of transports) {
    it.scoped(`${name}: a decoded answer past maxResponseBytes fails with ResponseTooLarge, once`, () =>
      Effect.gen(function*() {
        const { received, url } = yield* localServer(bigJson(3 * MiB))
        const client = yield* clientOf(url, { maxResponseBytes: MiB })
        const error = yield* Effect.flip(client.databases.get("db_1"))
        assert.strictEqual(error._tag, "ResponseTooLarge")
        if (error._tag === "ResponseTooLarge") {
          assert.strictEqual(error.setting, "maxResponseBytes")
          assert.strictEqual(error.limit, MiB)
          assert.strictEqual(error.status, 200)
          assert.include(error.message, "maxResponseBytes")
          assert.include(error.message, "1 MiB")
        }
        // An idempotent call, yet not retried: the same answer would come again.
        assert.strictEqual(received.length, 1)
      }).pipe(Effect.provide(transportLayer)))

    it.scoped(`${name}: an answer within maxResponseBytes is read as before`, () =>
      Effect.gen(function*() {
        const { url } = yield* localServer(bigJson(3 * MiB))
        const client = yield* clientOf(url, { maxResponseBytes: 4 * MiB, retryPolicy: RetryPolicy.none })
        const error = yield* Effect.flip(client.databases.get("db_1"))
        // Read whole, then refused by the contract: not by a bound.
        assert.strictEqual(error._tag, "DecodeError")
      }).pipe(Effect.provide(transportLayer)))
  }

  for (const [name, transportLayer] of transports.filter(([name]) => name !== "NodeHttpClient.layerUndici")) {
    for (const how of ["bodyReader", "stream"] as const) {
      it.scoped(`${name}: a streamed bomb fails its ${how} with ResponseTooLarge (maxCompressionRatio)`, () =>
        Effect.gen(function*() {
          const client = yield* clientOf(`${garbageUrl}/gzip`, { retryPolicy: RetryPolicy.none })
          const error = causeOf(yield* Effect.flip(readResult(client, how)))
          assert.instanceOf(error, HotdataError.ResponseTooLarge)
          assert.strictEqual((error as HotdataError.ResponseTooLarge).setting, "maxCompressionRatio")
          assert.strictEqual((error as HotdataError.ResponseTooLarge).limit, 200)
        }).pipe(Effect.provide(transportLayer)))
    }

    it.scoped(`${name}: a large compressed body of an ordinary ratio streams to its end`, () =>
      Effect.gen(function*() {
        const { body, text } = ordinaryCsv()
        const { url } = yield* localServer((_req, res) => {
          res.writeHead(200, { "content-type": "text/csv", "content-encoding": "gzip", "content-length": body.length })
          res.end(body)
        })
        const client = yield* clientOf(url, { retryPolicy: RetryPolicy.none })
        assert.strictEqual(yield* readResult(client, "bodyReader"), text.length)
      }).pipe(Effect.provide(transportLayer)))
  }

  for (const [name, transportLayer] of transports.filter(([name]) => name !== "NodeHttpClient.layerUndici")) {
    it.scoped(`${name}: a result's JSON rows past a bound fail with ResponseTooLarge, not a DecodeError`, () =>
      Effect.gen(function*() {
        const client = yield* clientOf(`${garbageUrl}/gzip-chunked`, { retryPolicy: RetryPolicy.none })
        const error = yield* Effect.flip(
          Results.json("rslt_1", { databaseId: "data_1" }).pipe(
            Effect.provideService(HotdataClient.HotdataClient, client)
          )
        )
        assert.strictEqual(error._tag, "ResponseTooLarge")
      }).pipe(Effect.provide(transportLayer)))
  }

  it.scoped("NodeTransport: a chunked streamed bomb is held to the ratio too (the encoded bytes are counted)", () =>
    Effect.gen(function*() {
      const client = yield* clientOf(`${garbageUrl}/br-chunked`, { retryPolicy: RetryPolicy.none })
      const error = causeOf(yield* Effect.flip(readResult(client, "bodyReader")))
      assert.instanceOf(error, HotdataError.ResponseTooLarge)
      assert.strictEqual((error as HotdataError.ResponseTooLarge).setting, "maxCompressionRatio")
    }).pipe(Effect.provide(transports.find(([name]) => name === "NodeTransport")![1])))

  it.scoped("maxCompressionRatio: Infinity switches the ratio bound off; maxResponseBytes still holds", () =>
    Effect.gen(function*() {
      const client = yield* clientOf(`${garbageUrl}/br`, {
        retryPolicy: RetryPolicy.none,
        maxCompressionRatio: Number.POSITIVE_INFINITY,
        maxResponseBytes: 32 * MiB
      })
      const error = yield* Effect.flip(client.databases.get("db_1"))
      assert.isTrue(error._tag === "ResponseTooLarge" && error.setting === "maxResponseBytes")
    }).pipe(Effect.provide(transports.find(([name]) => name === "NodeTransport")![1])))

  for (const [name, transportLayer] of transports) {
    it.scoped(`${name}: an error status is read up to 64 KiB, the rest dropped with the request`, () =>
      Effect.gen(function*() {
        const total = 64 * MiB
        let written = 0
        const { url } = yield* localServer((_req, res) => {
          res.writeHead(500, { "content-type": "text/plain", "content-length": total })
          const piece = Buffer.alloc(MiB, "e")
          const next = () => {
            while (written < total && !res.destroyed) {
              written += piece.length
              if (!res.write(piece)) return void res.once("drain", next)
            }
            res.end()
          }
          next()
        })
        const client = yield* clientOf(url, { retryPolicy: RetryPolicy.none })
        const error = yield* Effect.flip(client.databases.get("db_1"))
        assert.isTrue(error._tag === "ServerError" && error.status === 500)
        assert.isTrue(error.message.startsWith("eeee"))
        assert.isBelow(written, total)
      }).pipe(Effect.provide(transportLayer)))
  }
})

describe("size settings", () => {
  for (
    const [setting, value] of [
      ["maxResponseBytes", 0],
      ["maxResponseBytes", -1],
      ["maxResponseBytes", Number.NaN],
      ["maxCompressionRatio", 0.5]
    ] as const
  ) {
    it.effect(`${setting}: ${value} is refused with InvalidConfig naming the setting`, () =>
      Effect.gen(function*() {
        const made = yield* Effect.either(clientOf("http://127.0.0.1:1", { [setting]: value }))
        assert.isTrue(Either.isLeft(made) && made.left.setting === setting)
      }).pipe(Effect.provide(transports[1][1])))
  }

  it("the Promise client takes them, and refuses a bad one when it is made", async () => {
    const env = {}
    assert.throws(
      () => createHotdataClient({ apiKey: "hd_k", baseUrl: "http://127.0.0.1:1", env, maxResponseBytes: 0 }),
      /maxResponseBytes/
    )
    const client = createHotdataClient({ apiKey: "hd_k", workspaceId: "ws", baseUrl: `${garbageUrl}/gzip`, env })
    const error = await client.databases.get("db_1", { maxRetries: 0 }).catch((e: unknown) => e)
    await client.dispose()
    assert.strictEqual((error as HotdataError.HotdataError)._tag, "ResponseTooLarge")
  })
})
