/**
 * Uploads against the real local server: byte-exact round trips through a load and a
 * checksum query, header isolation, and recovery from injected storage faults.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import { layer } from "@effect/vitest"
import { HotdataClient, HotdataError, Query, RetryPolicy } from "@hotdata-effect/core"
import * as NodeTransport from "@hotdata-effect/core/NodeTransport"
import { Faults, LocalHotdata } from "@hotdata-effect/local"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import * as Supervisor from "effect/Supervisor"
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Readable } from "node:stream"
import { afterAll, assert, describe } from "vitest"
import type { UploadEvent } from "../src/index.js"
import { Tables, Uploads } from "../src/index.js"

const MiB = 1024 * 1024
const FINALIZE = "finalize_upload_handler"

/**
 * A CSV of exactly `size` bytes: `i,v` then rows of an index and lowercase letters.
 * Returns the bytes, the row count and the md5 of the `v` values joined with `|` in
 * index order — what `md5(string_agg(v, '|' ORDER BY i))` gives on the server.
 */
const csvOf = (size: number, seed: number) => {
  const out = Buffer.alloc(size)
  const header = "i,v\n"
  out.write(header, 0, "latin1")
  let offset = header.length
  let row = 0
  let x = seed >>> 0
  const hash = createHash("md5")
  while (offset < size) {
    const prefix = `${row},`
    const remaining = size - offset
    let length = 40 + (x % 60)
    // Never leave a tail too short for another row.
    if (remaining - (prefix.length + length + 1) < prefix.length + 12) length = remaining - prefix.length - 1
    out.write(prefix, offset, "latin1")
    offset += prefix.length
    const start = offset
    for (let i = 0; i < length; i++) {
      x = (x * 1103515245 + 12345) >>> 0
      out[offset++] = 97 + ((x >>> 16) % 26)
    }
    if (row > 0) hash.update("|")
    hash.update(out.subarray(start, offset))
    out[offset++] = 10
    row++
  }
  return { bytes: new Uint8Array(out.buffer, out.byteOffset, size), rows: row, md5: hash.digest("hex") }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "uploads-local-"))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

const writeTemp = (name: string, bytes: Uint8Array) => {
  const file = path.join(tmp, name)
  fs.writeFileSync(file, bytes)
  return file
}

type Kind = "bytes" | "blob" | "path" | "stream" | "readable" | "webStream" | "response" | "asyncIterable"
const KINDS: ReadonlyArray<Kind> = [
  "bytes",
  "blob",
  "path",
  "stream",
  "readable",
  "webStream",
  "response",
  "asyncIterable"
]

/** The bytes in uneven pieces, as a network or file stream would give them. */
const piecesOf = (bytes: Uint8Array): Array<Uint8Array> => {
  const pieces: Array<Uint8Array> = []
  for (let offset = 0; offset < bytes.byteLength; offset += 300_001) {
    pieces.push(bytes.subarray(offset, offset + 300_001))
  }
  return pieces
}

const webStreamOf = (bytes: Uint8Array) => {
  const pieces = piecesOf(bytes)
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pieces.shift()
      if (piece === undefined) controller.close()
      else controller.enqueue(piece)
    }
  })
}

const sourceOf = (kind: Kind, bytes: Uint8Array, name: string): Uploads.UploadSource => {
  switch (kind) {
    case "bytes":
      return bytes
    case "blob":
      return new Blob([bytes as Uint8Array<ArrayBuffer>])
    case "path":
      return writeTemp(name, bytes)
    case "readable":
      return Readable.from(piecesOf(bytes).map((piece) => Buffer.from(piece)))
    case "webStream":
      return webStreamOf(bytes)
    case "response":
      return new Response(webStreamOf(bytes))
    case "asyncIterable":
      return (async function*() {
        for (const piece of piecesOf(bytes)) yield piece
      })()
    case "stream": {
      // Uneven pieces, as a network or file stream would give.
      const pieces: Array<Uint8Array> = []
      for (let offset = 0; offset < bytes.byteLength; offset += 300_001) {
        pieces.push(bytes.subarray(offset, offset + 300_001))
      }
      return Stream.fromIterable(pieces)
    }
  }
}

const fastRounds = { rounds: Uploads.rounds({ baseDelay: "50 millis" }) }

const checksum = (databaseId: string, table: string) =>
  Effect.map(
    Query.run(`SELECT count(*) AS n, md5(string_agg(v, '|' ORDER BY i)) AS h FROM "default".main.${table}`, {
      databaseId
    }),
    (result) => ({ rows: Number(result.rows[0]![0]), md5: String(result.rows[0]![1]) })
  )

const finalizeCount = Effect.flatMap(LocalHotdata.LocalHotdata, (server) => server.callCount(FINALIZE))

const LOAD = "load_database_table"
const loadCount = Effect.flatMap(LocalHotdata.LocalHotdata, (server) => server.callCount(LOAD))
/** Two quick retries: the client's policy is the only one a load goes through. */
const twoRetries = RetryPolicy.make({ maxRetries: 2, baseDelay: "10 millis", jitter: 0 })

describe("against the local server", () => {
  layer(LocalHotdata.layer(), { timeout: 180_000, excludeTestServices: true })((it) => {
    let databaseId = ""

    const database = Effect.gen(function*() {
      if (databaseId !== "") return databaseId
      const client = yield* HotdataClient.HotdataClient
      const created = yield* client.databases.create({ name: "uploads" })
      databaseId = created.id
      return databaseId
    })

    for (const kind of KINDS) {
      it.effect(`round trip from ${kind}: 0 B, 1 B, 8 MiB, 8 MiB + 1 B`, () =>
        Effect.gen(function*() {
          const server = yield* LocalHotdata.LocalHotdata
          yield* server.clearFaults
          const db = yield* database
          for (const size of [0, 1]) {
            const bytes = new Uint8Array(size).fill(65)
            const before = yield* finalizeCount
            const upload = yield* Uploads.uploadFile(sourceOf(kind, bytes, `${kind}-${size}.bin`))
            assert.strictEqual(upload.size_bytes, size)
            assert.strictEqual((yield* finalizeCount) - before, 1)
          }
          for (const size of [8 * MiB, 8 * MiB + 1]) {
            const csv = csvOf(size, size + kind.length)
            const table = `t_${kind}_${size}`
            const before = yield* finalizeCount
            const result = yield* Tables.loadFile(sourceOf(kind, csv.bytes, `${table}.csv`), {
              databaseId: db,
              schema: "main",
              table,
              mode: "replace",
              format: "csv",
              upload: { contentType: "text/csv" }
            })
            assert.strictEqual(result.row_count, csv.rows)
            assert.strictEqual((yield* finalizeCount) - before, 1)
            assert.deepStrictEqual(yield* checksum(db, table), { rows: csv.rows, md5: csv.md5 })
          }
        }))
    }

    it.effect("round trip of 100 MiB from a file", () =>
      Effect.gen(function*() {
        const server = yield* LocalHotdata.LocalHotdata
        yield* server.clearFaults
        yield* server.clearStorageRequests
        const db = yield* database
        const csv = csvOf(100 * MiB, 7)
        const file = writeTemp("big.csv", csv.bytes)
        const result = yield* Tables.loadFile(file, {
          databaseId: db,
          schema: "main",
          table: "big",
          mode: "replace",
          upload: { contentType: "text/csv" }
        })
        assert.strictEqual(result.row_count, csv.rows)
        assert.deepStrictEqual(yield* checksum(db, "big"), { rows: csv.rows, md5: csv.md5 })
        // Header isolation: no API credentials or trace headers reached storage.
        const requests = yield* server.storageRequests
        assert.isAtLeast(requests.length, 13)
        for (const request of requests) {
          const names = Object.keys(request.headers).map((name) => name.toLowerCase())
          for (const forbidden of ["authorization", "x-workspace-id", "traceparent", "b3", "x-upload-finalize-token"]) {
            assert.notInclude(names, forbidden)
          }
          assert.isDefined(request.headers["content-length"] ?? request.headers["Content-Length"])
        }
      }))

    it.effect("a load whose answer is lost is resent by the client's retry policy alone, with its key", () =>
      Effect.gen(function*() {
        const server = yield* LocalHotdata.LocalHotdata
        yield* server.clearFaults
        const db = yield* database
        const options = { databaseId: db, schema: "main", table: "retried", mode: "replace" } as const

        // Once unavailable, then answered: one retry of the client.
        yield* server.injectFault(LOAD, Faults.status(503), 1)
        const before = yield* loadCount
        const loaded = yield* Tables.loadFile(new TextEncoder().encode("i,v\n1,a\n2,b\n"), options).pipe(
          HotdataClient.withRetryPolicy(twoRetries)
        )
        assert.strictEqual(loaded.row_count, 2)
        assert.strictEqual((yield* loadCount) - before, 2)

        // Unavailable throughout: 1 + 2 sends, then LoadOutcomeUnknown naming the upload and the key.
        yield* server.injectFault(LOAD, Faults.status(503), 100)
        const beforeLost = yield* loadCount
        const error = yield* Effect.flip(
          Tables.loadFile(new TextEncoder().encode("i,v\n3,c\n"), { ...options, idempotencyKey: "lost-load" }).pipe(
            HotdataClient.withRetryPolicy(twoRetries)
          )
        )
        yield* server.clearFaults
        assert.strictEqual((yield* loadCount) - beforeLost, 3)
        assert.strictEqual(error._tag, "LoadOutcomeUnknown")
        if (error._tag === "LoadOutcomeUnknown") {
          assert.strictEqual(error.idempotencyKey, "lost-load")
          assert.match(error.uploadId, /\S/)
          assert.include(error.message, error.uploadId)
        }

        // Still running under its key throughout: resent with the key, then LoadOutcomeUnknown.
        yield* server.injectFault(LOAD, Faults.status(409, { code: HotdataError.idempotencyKeyInProgress }), 100)
        const beforeRunning = yield* loadCount
        const running = yield* Effect.flip(
          Tables.loadFile(new TextEncoder().encode("i,v\n5,e\n"), { ...options, idempotencyKey: "running-load" }).pipe(
            HotdataClient.withRetryPolicy(twoRetries)
          )
        )
        yield* server.clearFaults
        assert.strictEqual((yield* loadCount) - beforeRunning, 3)
        assert.strictEqual(running._tag, "LoadOutcomeUnknown")
        if (running._tag === "LoadOutcomeUnknown") assert.strictEqual(running.idempotencyKey, "running-load")

        // Without retries a lost answer is sent once.
        yield* server.injectFault(LOAD, Faults.status(503), 1)
        const beforeOnce = yield* loadCount
        const once = yield* Effect.flip(
          Tables.loadFile(new TextEncoder().encode("i,v\n4,d\n"), options).pipe(HotdataClient.withoutRetries)
        )
        assert.strictEqual((yield* loadCount) - beforeOnce, 1)
        assert.strictEqual(once._tag, "LoadOutcomeUnknown")
      }))

    /** A 12 MiB file in 5 MiB parts (three of them) with a fault on storage. */
    const withFault = (
      faults: ReadonlyArray<readonly [Faults.Fault, number]>,
      options: Uploads.Options = {}
    ) =>
      Effect.gen(function*() {
        const server = yield* LocalHotdata.LocalHotdata
        yield* server.clearFaults
        yield* server.clearStorageRequests
        for (const [fault, times] of faults) yield* server.injectFault("storage", fault, times)
        const before = yield* finalizeCount
        const data = csvOf(12 * MiB, 3).bytes
        const events: Array<string> = []
        const exit = yield* Effect.exit(Uploads.uploadFile(data, {
          partSize: 5 * MiB,
          ...fastRounds,
          ...options,
          onEvent: (event) => {
            if (event._tag === "PartRetried") events.push(`${event.tier}:${event.error._tag}`)
          }
        }))
        return {
          exit,
          events,
          finalized: (yield* finalizeCount) - before,
          requests: yield* server.storageRequests
        }
      })

    it.effect("an expired URL mid-upload is re-minted", () =>
      Effect.gen(function*() {
        const { events, exit, finalized, requests } = yield* withFault([[Faults.expireUrl, 1]])
        assert.isTrue(Exit.isSuccess(exit))
        assert.deepStrictEqual(events, ["part:StorageError"])
        assert.strictEqual(requests.filter((r) => r.status === 403).length, 1)
        assert.strictEqual(finalized, 1)
      }))

    it.effect("injected 500s recover in rounds", () =>
      Effect.gen(function*() {
        const { events, exit, finalized } = yield* withFault([[Faults.status(500), 2]])
        assert.isTrue(Exit.isSuccess(exit))
        assert.deepStrictEqual(events, ["round:StorageError", "round:StorageError"])
        assert.strictEqual(finalized, 1)
      }))

    it.effect("429 with Retry-After recovers within the part", () =>
      Effect.gen(function*() {
        const { events, exit, finalized } = yield* withFault([[Faults.status(429, { retryAfter: "1 second" }), 1]])
        assert.isTrue(Exit.isSuccess(exit))
        assert.deepStrictEqual(events, ["part:StorageError"])
        assert.strictEqual(finalized, 1)
      }))

    it.effect("connection resets recover", () =>
      Effect.gen(function*() {
        const { events, exit, finalized } = yield* withFault([[Faults.connectionReset, 2]])
        assert.isTrue(Exit.isSuccess(exit))
        assert.deepStrictEqual(events, ["part:StorageTransportError", "part:StorageTransportError"])
        assert.strictEqual(finalized, 1)
      }))

    it.effect("a missing ETag recovers in the next round", () =>
      Effect.gen(function*() {
        const { events, exit, finalized } = yield* withFault([[Faults.omitETag, 1]])
        assert.isTrue(Exit.isSuccess(exit))
        assert.deepStrictEqual(events, ["round:MissingETag"])
        assert.strictEqual(finalized, 1)
      }))

    it.effect("a stalled PUT is cut and resent", () =>
      Effect.gen(function*() {
        const { events, exit, finalized } = yield* withFault([[Faults.stall("20 seconds"), 1]], {
          partTimeout: () => "2 seconds",
          stallTimeout: "1 second"
        })
        assert.isTrue(Exit.isSuccess(exit))
        assert.deepStrictEqual(events, ["round:StorageTransportError"])
        assert.strictEqual(finalized, 1)
      }))

    it.effect("a stall after the whole body was handed over is cut by the answer deadline, not the part timeout", () =>
      Effect.gen(function*() {
        const server = yield* LocalHotdata.LocalHotdata
        yield* server.clearFaults
        yield* server.injectFault("storage", Faults.stall("30 seconds"), 1)
        const events: Array<string> = []
        // 64 KiB fit in the socket buffers at once: only an answer deadline sees this stall.
        const upload = yield* Uploads.uploadFile(new Uint8Array(64 * 1024).fill(7), {
          ...fastRounds,
          partTimeout: () => "10 minutes",
          stallTimeout: "1 second",
          onEvent: (event) => {
            if (event._tag === "PartRetried") events.push(`${event.tier}:${event.error._tag}:${event.error.message}`)
          }
        })
        assert.strictEqual(upload.size_bytes, 64 * 1024)
        assert.strictEqual(events.length, 1)
        assert.match(events[0]!, /^round:StorageTransportError:.*handed over but storage did not answer/)
      }))

    it.effect("over NodeTransport in context, a PUT storage stops reading is cut by the stall deadline", () =>
      Effect.gen(function*() {
        const server = yield* LocalHotdata.LocalHotdata
        yield* server.clearFaults
        yield* server.clearStorageRequests
        // Storage takes the request and reads none of its body for 15 s: the client hands
        // over what the sockets' buffers hold (a few MiB) and then nothing moves.
        yield* server.injectFault("storage", Faults.stall("15 seconds"), 1)
        const before = yield* finalizeCount
        const retried: Array<Extract<UploadEvent.UploadEvent, { _tag: "PartRetried" }>> = []
        const size = 24 * MiB
        const upload = yield* Uploads.uploadFile(csvOf(size, 13).bytes, {
          ...fastRounds,
          partSize: size,
          // Only the watchdog can cut the stall: the part's own limit would come later.
          partTimeout: () => "10 seconds",
          stallTimeout: "1 second",
          onEvent: (event) => {
            if (event._tag === "PartRetried") retried.push(event)
          }
        }).pipe(Effect.provideService(HttpClient.HttpClient, NodeTransport.make))
        assert.strictEqual(upload.size_bytes, size)
        assert.strictEqual((yield* finalizeCount) - before, 1)
        assert.strictEqual(retried.length, 1)
        const error = retried[0]!.error
        assert.strictEqual(error._tag, "StorageTransportError")
        if (error._tag === "StorageTransportError") {
          assert.strictEqual(error.reason, "stall")
          const sent = /stopped moving: no progress for 1s \((\d+) of (\d+) bytes sent\)/.exec(error.message)
          assert.isNotNull(sent, error.message)
          assert.isAbove(Number(sent![1]), 0)
          assert.isBelow(Number(sent![1]), size)
        }
        // Both PUTs went with their Content-Length, never chunked.
        const puts = (yield* server.storageRequests).filter((r) => r.method === "PUT")
        assert.isAtLeast(puts.length, 2)
        for (const put of puts) {
          assert.isUndefined(put.headers["transfer-encoding"])
          assert.strictEqual(put.headers["content-length"], String(size))
        }
      }))

    it.effect("progress moves inside a part: bytes handed to storage before it confirms them", () =>
      Effect.gen(function*() {
        const server = yield* LocalHotdata.LocalHotdata
        yield* server.clearFaults
        // Storage holds the first PUT for a second: its bytes are handed over, none confirmed.
        yield* server.injectFault("storage", Faults.stall("1 second"), 1)
        const progress: Array<UploadEvent.Progress> = []
        const size = 12 * MiB
        yield* Uploads.uploadFile(csvOf(size, 9).bytes, {
          partSize: 5 * MiB,
          concurrency: 1,
          progressInterval: "20 millis",
          onProgress: (p) => {
            progress.push(p)
          }
        })
        const inside = progress.filter((p) => p.bytesDone === 0 && p.bytesSent > 0)
        assert.isAtLeast(inside.length, 1)
        assert.isAtMost(inside[0]!.bytesSent, 5 * MiB)
        for (const p of progress) {
          assert.isAtLeast(p.bytesSent, p.bytesDone)
          assert.strictEqual(p.totalBytes, size)
        }
        const last = progress[progress.length - 1]!
        assert.deepInclude(last, { bytesDone: size, bytesSent: size, percent: 100, partsDone: 3, partsTotal: 3 })
        assert.strictEqual(last.etaSeconds, 0)
      }))

    for (const status of [503, 429]) {
      it.effect(`a persistent ${status} gives up at the give-up bound with the last error`, () =>
        Effect.gen(function*() {
          const { exit, finalized, requests } = yield* withFault([[Faults.status(status), 1000]], {
            giveUpAfter: "1 second",
            rounds: Uploads.rounds({ baseDelay: "2 seconds" })
          })
          assert.strictEqual(finalized, 0)
          assert.isTrue(Exit.isFailure(exit))
          if (Exit.isFailure(exit) && exit.cause._tag === "Fail") {
            const error = exit.cause.error
            assert.strictEqual(error._tag, "StorageError")
            if (error._tag === "StorageError") {
              assert.strictEqual(error.status, status)
              assert.isTrue(error.exhausted)
              assert.include(error.message, "gave up")
            }
          }
          // No round after the first pass: three parts, each tried within its own retries at most.
          assert.isAtMost(requests.length, status === 503 ? 3 : 12)
        }))
    }

    it.effect("a permanent 403 fails fast with StorageError", () =>
      Effect.gen(function*() {
        const { exit, finalized, requests } = yield* withFault([[Faults.expireUrl, 100]], { concurrency: 1 })
        assert.isTrue(Exit.isFailure(exit))
        if (Exit.isFailure(exit)) {
          const error = exit.cause._tag === "Fail" ? exit.cause.error : undefined
          assert.strictEqual(error?._tag, "StorageError")
          if (error?._tag === "StorageError") {
            assert.strictEqual(error.status, 403)
            assert.isFalse(error.exhausted)
          }
        }
        // The first URL and two fresh ones, then the upload stops.
        assert.strictEqual(requests.length, 3)
        assert.strictEqual(finalized, 0)
      }))

    it.effect("a permanent 404 fails fast with StorageError", () =>
      Effect.gen(function*() {
        const { exit, finalized, requests } = yield* withFault([[Faults.status(404, { code: "NoSuchUpload" }), 100]], {
          concurrency: 1
        })
        assert.isTrue(Exit.isFailure(exit))
        if (Exit.isFailure(exit) && exit.cause._tag === "Fail") {
          assert.strictEqual(exit.cause.error._tag, "StorageError")
        }
        assert.strictEqual(requests.length, 1)
        assert.strictEqual(finalized, 0)
      }))

    it.effect(
      "interruption mid-upload aborts the PUTs, leaves no fibers running and never finalizes",
      () =>
        Effect.gen(function*() {
          const server = yield* LocalHotdata.LocalHotdata
          yield* server.clearFaults
          yield* server.clearStorageRequests
          yield* server.injectFault("storage", Faults.stall("30 seconds"), 100)
          const before = yield* finalizeCount
          const supervisor = yield* Supervisor.track
          const fiber = yield* Effect.fork(
            Uploads.uploadFile(csvOf(30 * MiB, 5).bytes, { partSize: 5 * MiB }).pipe(Effect.supervised(supervisor))
          )
          while ((yield* server.storageRequests).length < 3) yield* Effect.sleep("20 millis")
          const started = Date.now()
          const exit = yield* Fiber.interrupt(fiber)
          assert.isBelow(Date.now() - started, 1000)
          assert.isTrue(Exit.isInterrupted(exit))
          const alive = (yield* supervisor.value).filter((child) => child.unsafePoll() === null)
          assert.strictEqual(alive.length, 0)
          assert.strictEqual((yield* finalizeCount) - before, 0)
          yield* server.clearFaults
        }),
      { timeout: 30_000 }
    )
  })

  layer(LocalHotdata.layer({ presign: false }), { excludeTestServices: true })((it) => {
    it.effect("a deployment without presigning answers 501 PRESIGN_UNSUPPORTED", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(Uploads.uploadFile(new Uint8Array(10)))
        assert.strictEqual(error._tag, "SessionCreateError")
        if (error._tag === "SessionCreateError") {
          assert.strictEqual(error.status, 501)
          assert.strictEqual(error.code, "PRESIGN_UNSUPPORTED")
        }
      }))
  })
})
