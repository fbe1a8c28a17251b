import { it } from "@effect/vitest"
import * as Plan from "@hotdata-effect/kernel/uploads/plan"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { assert, describe } from "vitest"
import type { UploadError } from "../src/index.js"
import { Uploads } from "../src/index.js"
import { bytesOf, sameBytes, stubUploads } from "./stubs.js"

const MiB = 1024 * 1024

describe("part plan", () => {
  it("auto part-size hint", () => {
    assert.strictEqual(Plan.autoPartSizeHint(0), 8 * MiB)
    assert.strictEqual(Plan.autoPartSizeHint(75_497_472_000), 8 * MiB)
    assert.strictEqual(Plan.autoPartSizeHint(71 * 1024 * MiB), 9 * MiB)
    assert.strictEqual(Plan.autoPartSizeHint(100 * 1024 * MiB), 12 * MiB)
    assert.strictEqual(Plan.autoPartSizeHint(1024 * 1024 * MiB), 117 * MiB)
    assert.strictEqual(Plan.autoPartSizeHint(50_000 * 1024 * MiB), 5 * 1024 * MiB)
  })

  it("in-flight parts fit the memory budget", () => {
    const budget = 256 * MiB
    assert.deepStrictEqual(
      [5, 8, 16, 32, 64, 128, 256, 512].map((mib) => Plan.effectiveInFlight(10, mib * MiB, budget)),
      [10, 10, 10, 8, 4, 2, 1, 1]
    )
    assert.strictEqual(Plan.effectiveInFlight(0, 8 * MiB, budget), 1)
  })

  it("part timeout scales with the part size", () => {
    assert.strictEqual(Plan.partPutTimeoutMillis(0), 60_000)
    assert.strictEqual(Plan.partPutTimeoutMillis(8 * MiB), 188_000)
    assert.strictEqual(Plan.partPutTimeoutMillis(200 * MiB), 1_800_000)
  })

  it("parts are cut by the part size, the last one holding the rest", () => {
    assert.deepStrictEqual(Plan.planParts(0, 10), [{ partNumber: 1, offset: 0, length: 0 }])
    assert.deepStrictEqual(Plan.planParts(25, 10).map((p) => [p.offset, p.length]), [[0, 10], [10, 10], [20, 5]])
  })
})

describe("single PUT", () => {
  it.effect("declares the size, sends bare headers, finalizes once with {}", () =>
    Effect.gen(function*() {
      const fake = stubUploads()
      const data = bytesOf(1000)
      const events: Array<string> = []
      const upload = yield* Uploads.uploadFile(data, {
        contentType: "text/csv",
        onEvent: (event) => {
          events.push(event._tag)
        }
      }).pipe(Effect.provide(fake.layer))
      assert.strictEqual(upload.size_bytes, 1000)
      const create = fake.api[0]!
      assert.deepStrictEqual(create.body, { part_size: 8 * MiB, declared_size_bytes: 1000, content_type: "text/csv" })
      assert.strictEqual(fake.storage.length, 1)
      const headers = fake.storage[0]!.headers
      for (const name of ["authorization", "x-workspace-id", "traceparent", "b3", "user-agent", "content-type"]) {
        assert.isUndefined(headers[name], name)
      }
      assert.strictEqual(headers["content-length"], "1000")
      assert.strictEqual(fake.counts.finalize, 1)
      const finalize = fake.api.find((call) => call.path.endsWith("/finalize"))!
      assert.deepStrictEqual(finalize.body, {})
      assert.isTrue(sameBytes(fake.assembled(upload.upload_id), data))
      assert.deepStrictEqual(events, [
        "SessionOpened",
        "Progress",
        "PartStarted",
        "PartFinished",
        "Progress",
        "Finished"
      ])
    }))

  it.effect("a 0-byte upload declares 0 and finalizes", () =>
    Effect.gen(function*() {
      const fake = stubUploads()
      const upload = yield* Uploads.uploadFile(new Uint8Array(0)).pipe(Effect.provide(fake.layer))
      assert.strictEqual(upload.size_bytes, 0)
      assert.strictEqual((fake.api[0]!.body as any).declared_size_bytes, 0)
      assert.strictEqual(fake.counts.finalize, 1)
    }))

  it.effect("is buffered, so a 500 is retried in the next round", () =>
    Effect.gen(function*() {
      const fake = stubUploads({ onPut: (_, attempt) => (attempt === 1 ? { status: 500 } : undefined) })
      const fiber = yield* Effect.fork(Uploads.uploadFile(bytesOf(10)).pipe(Effect.provide(fake.layer)))
      yield* TestClock.adjust("2 seconds")
      const upload = yield* Fiber.join(fiber)
      assert.strictEqual(upload.size_bytes, 10)
      assert.deepStrictEqual(fake.storage.map((r) => r.at), [0, 2000])
      assert.strictEqual(fake.counts.finalize, 1)
    }))

  it.effect("a 403 on the single URL fails at once (no URL to re-mint)", () =>
    Effect.gen(function*() {
      const fake = stubUploads({ onPut: () => ({ status: 403, body: "<Error><Code>AccessDenied</Code></Error>" }) })
      const error = yield* Effect.flip(Uploads.uploadFile(bytesOf(10)).pipe(Effect.provide(fake.layer)))
      assert.strictEqual(error._tag, "StorageError")
      if (error._tag === "StorageError") {
        assert.strictEqual(error.status, 403)
        assert.isUndefined(error.partNumber)
        assert.include(error.message, "AccessDenied")
        assert.isFalse(error.exhausted)
      }
      assert.strictEqual(fake.storage.length, 1)
      assert.strictEqual(fake.counts.finalize, 0)
    }))
})

describe("multipart", () => {
  it.effect("above 8 MiB: no declared size, a URL minted per part, finalize with sorted parts", () =>
    Effect.gen(function*() {
      const fake = stubUploads({ partSize: 3 * MiB })
      const data = bytesOf(8 * MiB + 1)
      const upload = yield* Uploads.uploadFile(data).pipe(Effect.provide(fake.layer))
      const create = fake.api[0]!.body as Record<string, unknown>
      assert.isFalse("declared_size_bytes" in create)
      assert.strictEqual(create.part_size, 8 * MiB)
      assert.strictEqual(fake.counts.mint, 3)
      const mints = fake.api.filter((call) => call.path.endsWith("/parts"))
      assert.deepStrictEqual(mints.map((call) => (call.body as any).part_numbers.length), [1, 1, 1])
      const finalize = fake.api.find((call) => call.path.endsWith("/finalize"))!.body as any
      assert.deepStrictEqual(finalize.parts.map((p: any) => p.part_number), [1, 2, 3])
      assert.strictEqual(finalize.parts[0].e_tag, `"etag-1-${3 * MiB}"`)
      assert.strictEqual(upload.size_bytes, 8 * MiB + 1)
      assert.isTrue(sameBytes(fake.assembled(upload.upload_id), data))
      assert.strictEqual(fake.counts.finalize, 1)
    }))

  it.effect("an eager session (small part-size hint) uses the given URLs", () =>
    Effect.gen(function*() {
      const fake = stubUploads({ partSize: 10 })
      const data = bytesOf(95)
      const upload = yield* Uploads.uploadFile(data, { partSize: 10 }).pipe(Effect.provide(fake.layer))
      assert.strictEqual(fake.counts.mint, 0)
      assert.strictEqual(fake.storage.length, 10)
      assert.isTrue(fake.storage.every((r) => r.url.includes("eager")))
      assert.isTrue(sameBytes(fake.assembled(upload.upload_id), data))
    }))

  it.effect("concurrency is bounded by the option and by the memory budget", () =>
    Effect.gen(function*() {
      const fake = stubUploads({ partSize: 10 })
      yield* Uploads.uploadFile(bytesOf(300), { partSize: 10, concurrency: 4 }).pipe(Effect.provide(fake.layer))
      assert.strictEqual(fake.maxInFlight, 4)
      const budgeted = stubUploads({ partSize: 10 })
      yield* Uploads.uploadFile(bytesOf(300), { partSize: 10, memoryBudget: 25 }).pipe(
        Effect.provide(budgeted.layer)
      )
      assert.strictEqual(budgeted.maxInFlight, 2)
    }))

  it.effect("ETags are kept verbatim", () =>
    Effect.gen(function*() {
      const fake = stubUploads({ partSize: 10, eTag: (n) => `W/"odd-${n}"` })
      yield* Uploads.uploadFile(bytesOf(20), { partSize: 10 }).pipe(Effect.provide(fake.layer))
      const finalize = fake.api.find((call) => call.path.endsWith("/finalize"))!.body as any
      assert.deepStrictEqual(finalize.parts.map((p: any) => p.e_tag), [`W/"odd-1"`, `W/"odd-2"`])
    }))

  it.effect("a malformed mint answer is terminal", () =>
    Effect.gen(function*() {
      const fake = stubUploads({
        partSize: 4 * MiB,
        onMint: (numbers) => ({
          status: 200,
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ parts: [{ part_number: numbers[0]! + 1, url: "https://storage.test/x/part/9" }] })
        })
      })
      const error = yield* Effect.flip(Uploads.uploadFile(bytesOf(9 * MiB)).pipe(Effect.provide(fake.layer)))
      assert.strictEqual(error._tag, "MalformedSession")
      assert.strictEqual(fake.storage.length, 0)
      assert.strictEqual(fake.counts.finalize, 0)
    }))

  it.effect("an unknown mode and a wrong URL count are malformed sessions", () =>
    Effect.gen(function*() {
      const unknown = stubUploads({
        onCreate: () => ({
          status: 201,
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ upload_id: "u", finalize_token: "t", mode: "resumable", headers: {} })
        })
      })
      const e1 = yield* Effect.flip(Uploads.uploadFile(bytesOf(5)).pipe(Effect.provide(unknown.layer)))
      assert.strictEqual(e1._tag, "MalformedSession")
      const short = stubUploads({
        onCreate: () => ({
          status: 201,
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            upload_id: "u",
            finalize_token: "t",
            mode: "multipart",
            headers: {},
            part_size: 10,
            part_urls: ["https://storage.test/u/part/1"]
          })
        })
      })
      const e2 = yield* Effect.flip(Uploads.uploadFile(bytesOf(25), { partSize: 10 }).pipe(Effect.provide(short.layer)))
      assert.strictEqual(e2._tag, "MalformedSession")
      assert.strictEqual(short.storage.length, 0)
    }))
})

describe("errors", () => {
  it.effect("501 PRESIGN_UNSUPPORTED is a SessionCreateError that keeps the status and code", () =>
    Effect.gen(function*() {
      const fake = stubUploads({
        onCreate: () => ({
          status: 501,
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ error: { code: "PRESIGN_UNSUPPORTED", message: "send the data inline" } })
        })
      })
      const error = yield* Effect.flip(Uploads.uploadFile(bytesOf(5)).pipe(Effect.provide(fake.layer)))
      assert.strictEqual(error._tag, "SessionCreateError")
      if (error._tag === "SessionCreateError") {
        assert.strictEqual(error.status, 501)
        assert.strictEqual(error.code, "PRESIGN_UNSUPPORTED")
      }
      assert.strictEqual(fake.counts.create, 1)
    }))

  it.effect("a 404 from storage fails fast and stops the sibling PUTs", () =>
    Effect.gen(function*() {
      const fake = stubUploads({
        partSize: 10,
        onPut: (
          n
        ) => (n === 3 ? { status: 404, body: "<Code>NoSuchUpload</Code>" } : n! > 3 ? { hang: true } : undefined)
      })
      const error = yield* Effect.flip(
        Uploads.uploadFile(bytesOf(100), { partSize: 10, concurrency: 5 }).pipe(Effect.provide(fake.layer))
      )
      assert.strictEqual(error._tag, "StorageError")
      if (error._tag === "StorageError") {
        assert.strictEqual(error.status, 404)
        assert.strictEqual(error.partNumber, 3)
        assert.isFalse(error.exhausted)
      }
      assert.strictEqual(fake.inFlight, 0)
      assert.isAtLeast(fake.aborted, 1)
      assert.strictEqual(fake.counts.finalize, 0)
    }))

  it.effect("a mint refused for a bad token is terminal", () =>
    Effect.gen(function*() {
      const fake = stubUploads({
        partSize: 4 * MiB,
        onMint: () => ({
          status: 400,
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ error: { code: "INVALID_TOKEN", message: "invalid finalize token" } })
        })
      })
      const error = yield* Effect.flip(Uploads.uploadFile(bytesOf(9 * MiB)).pipe(Effect.provide(fake.layer)))
      assert.strictEqual(error._tag, "MintError")
      if (error._tag === "MintError") assert.strictEqual(error.status, 400)
      assert.strictEqual(fake.counts.finalize, 0)
    }))

  it.effect("storage's answer is read only in part: a body that never ends neither hangs a PUT nor fills memory", () =>
    Effect.gen(function*() {
      // An answer body that never ends, counting what the client pulled of it.
      let pulled = 0
      const endless = () =>
        new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled += 64 * 1024
            controller.enqueue(new Uint8Array(64 * 1024).fill(0x3c))
          }
        })
      const accepted = stubUploads({ answerBody: endless })
      const done = yield* Uploads.uploadFile(bytesOf(10)).pipe(Effect.provide(accepted.layer))
      assert.strictEqual(done.size_bytes, 10)
      assert.isAtMost(pulled, 1024 * 1024)

      pulled = 0
      const refused = stubUploads({ onPut: () => ({ status: 403, body: endless() }) })
      const error = yield* Effect.flip(Uploads.uploadFile(bytesOf(10)).pipe(Effect.provide(refused.layer)))
      assert.strictEqual(error._tag, "StorageError")
      if (error._tag === "StorageError") assert.isAtMost(error.body?.length ?? 0, 64 * 1024)
      assert.isAtMost(pulled, 1024 * 1024)
    }))

  it.effect("a lost finalize answer says the upload may be finalized; finalize is sent once", () =>
    Effect.gen(function*() {
      const fake = stubUploads({ onFinalize: () => ({ resetAfter: true }) })
      const error = yield* Effect.flip(Uploads.uploadFile(bytesOf(5)).pipe(Effect.provide(fake.layer)))
      assert.strictEqual(error._tag, "FinalizeError")
      if (error._tag === "FinalizeError") assert.isTrue(error.mayBeFinalized)
      assert.strictEqual(fake.counts.finalize, 1)
    }))

  it.effect("a refused finalize is not retried", () =>
    Effect.gen(function*() {
      const fake = stubUploads({
        onFinalize: () => ({ status: 429, headers: { "retry-after": "1" } })
      })
      const error = yield* Effect.flip(Uploads.uploadFile(bytesOf(5)).pipe(Effect.provide(fake.layer)))
      assert.strictEqual(error._tag, "FinalizeError")
      if (error._tag === "FinalizeError") {
        assert.isFalse(error.mayBeFinalized)
        assert.strictEqual(error.status, 429)
      }
      assert.strictEqual(fake.counts.finalize, 1)
    }))

  it.effect("a finalized size other than the source's is an IntegrityError, never a success", () =>
    Effect.gen(function*() {
      const finalized = (size: number) => ({
        status: 200,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          upload_id: "upl_1",
          status: "ready",
          size_bytes: size,
          created_at: "2026-01-01T00:00:00Z"
        })
      })
      for (const [data, reported] of [[bytesOf(12 * MiB), 10 * MiB], [bytesOf(1000), 999]] as const) {
        const fake = stubUploads({ partSize: 5 * MiB, onFinalize: () => finalized(reported) })
        const events: Array<string> = []
        const error = yield* Effect.flip(
          Uploads.uploadFile(data, { onEvent: (event) => void events.push(event._tag) }).pipe(
            Effect.provide(fake.layer)
          )
        )
        assert.strictEqual(error._tag, "IntegrityError")
        if (error._tag === "IntegrityError") {
          assert.strictEqual(error.reason, "size")
          assert.strictEqual(error.uploadId, "upl_1")
          assert.strictEqual(error.expected, data.byteLength)
          assert.strictEqual(error.actual, reported)
        }
        assert.strictEqual(fake.counts.finalize, 1)
        assert.notInclude(events, "Finished")
      }
    }))

  it.effect("session headers no request can carry fail before any PUT, without quoting them", () =>
    Effect.gen(function*() {
      const fake = stubUploads({
        onCreate: () => ({
          status: 201,
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            upload_id: "upl_9",
            finalize_token: "tok_upl_9",
            mode: "multipart",
            part_size: 5 * MiB,
            headers: { "x-amz-meta-note": "secret-value\r\nx-injected: 1" }
          })
        })
      })
      const error = yield* Effect.flip(Uploads.uploadFile(bytesOf(12 * MiB)).pipe(Effect.provide(fake.layer)))
      assert.strictEqual(error._tag, "MalformedSession")
      assert.include(error.message, "x-amz-meta-note")
      assert.notInclude(error.message, "secret-value")
      assert.strictEqual(fake.storage.length, 0)
      assert.strictEqual(fake.counts.mint, 0)
    }))

  it.effect("a session part size that would cut the file into more than 10,000 parts is malformed", () =>
    Effect.gen(function*() {
      const fake = stubUploads({ partSize: 1 })
      const error = yield* Effect.flip(Uploads.uploadFile(bytesOf(9 * MiB)).pipe(Effect.provide(fake.layer)))
      assert.strictEqual(error._tag, "MalformedSession")
      assert.include(error.message, "10000")
      assert.strictEqual(fake.storage.length, 0)
    }))

  it.effect("a part-size hint that is not a whole number fails before any request", () =>
    Effect.gen(function*() {
      const fake = stubUploads()
      const error = yield* Effect.flip(
        Uploads.uploadFile(bytesOf(5), { partSize: 2 ** 64 }).pipe(
          Effect.provide(fake.layer)
        )
      )
      assert.strictEqual(error._tag, "SizeLimitError")
      assert.strictEqual(fake.api.length, 0)
    }))

  it.effect("an aborted signal cancels before any request", () =>
    Effect.gen(function*() {
      const fake = stubUploads()
      const controller = new AbortController()
      controller.abort()
      const error = yield* Effect.flip(
        Uploads.uploadFile(bytesOf(5), { signal: controller.signal }).pipe(
          Effect.provide(fake.layer)
        )
      )
      assert.strictEqual(error._tag, "UploadCancelled")
      assert.strictEqual(fake.api.length, 0)
    }))
})

describe("retries under TestClock", () => {
  it.effect("429 waits for Retry-After within the part", () =>
    Effect.gen(function*() {
      const fake = stubUploads({
        partSize: 10,
        onPut: (n, attempt) =>
          n === 2 && attempt <= 2 ? { status: 429, headers: { "retry-after": "7" }, body: "slow down" } : undefined
      })
      const fiber = yield* Effect.fork(
        Uploads.uploadFile(bytesOf(30), { partSize: 10 }).pipe(Effect.provide(fake.layer))
      )
      yield* TestClock.adjust("7 seconds")
      yield* TestClock.adjust("7 seconds")
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(fake.storage.filter((r) => r.partNumber === 2).map((r) => r.at), [0, 7000, 14000])
      assert.strictEqual(fake.counts.finalize, 1)
    }))

  it.effect("Retry-After is capped at 120 s", () =>
    Effect.gen(function*() {
      const fake = stubUploads({
        partSize: 10,
        onPut: (
          n,
          attempt
        ) => (n === 1 && attempt === 1 ? { status: 429, headers: { "retry-after": "3600" } } : undefined)
      })
      const fiber = yield* Effect.fork(
        Uploads.uploadFile(bytesOf(20), { partSize: 10 }).pipe(Effect.provide(fake.layer))
      )
      yield* TestClock.adjust("120 seconds")
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(fake.storage.filter((r) => r.partNumber === 1).map((r) => r.at), [0, 120_000])
    }))

  it.effect("a refused storage certificate fails the upload at once: StorageTransportError \"tls\", one PUT", () =>
    Effect.gen(function*() {
      const fake = stubUploads({ partSize: 10, onPut: () => ({ untrustedCertificate: true }) })
      const fiber = yield* Effect.fork(
        Uploads.uploadFile(bytesOf(20), { partSize: 10 }).pipe(Effect.provide(fake.layer), Effect.flip)
      )
      // Time enough for every retry a retryable failure would get.
      yield* TestClock.adjust("30 minutes")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "StorageTransportError")
      assert.strictEqual((error as UploadError.StorageTransportError).reason, "tls")
      assert.match(error.message, /storage's TLS certificate was refused: .*self-signed certificate/)
      // The presigned URL's signature is a credential: the message names the URL without it.
      assert.include(error.message, "https://storage.test/")
      assert.notInclude(error.message, "X-Amz-Signature")
      assert.notMatch(error.message, /eager|minted/)
      // Neither the part's own retries nor another round resent it.
      for (const n of [1, 2]) assert.isAtMost(fake.storage.filter((r) => r.partNumber === n).length, 1)
    }))

  it.effect("a reset is retried within the part, with backoff", () =>
    Effect.gen(function*() {
      const fake = stubUploads({
        partSize: 10,
        onPut: (n, attempt) => (n === 1 && attempt <= 2 ? { reset: true } : undefined)
      })
      const fiber = yield* Effect.fork(
        Uploads.uploadFile(bytesOf(20), {
          partSize: 10,
          partRetry: Uploads.partRetry({ jitter: 0 })
        }).pipe(Effect.provide(fake.layer))
      )
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(fake.storage.filter((r) => r.partNumber === 1).map((r) => r.at), [0, 200, 600])
    }))

  it.effect("a 500 goes to the next round, resending only the failed part, after 2 s then 4 s", () =>
    Effect.gen(function*() {
      const fake = stubUploads({
        partSize: 10,
        onPut: (
          n,
          attempt
        ) => (n === 2 && attempt <= 2 ? { status: 500, body: "<Code>InternalError</Code>" } : undefined)
      })
      const retried: Array<string> = []
      const fiber = yield* Effect.fork(
        Uploads.uploadFile(bytesOf(40), {
          partSize: 10,
          onEvent: (event) => {
            if (event._tag === "PartRetried") {
              retried.push(`${event.partNumber}:${event.tier}:${Duration.toMillis(event.delay)}`)
            }
          }
        }).pipe(Effect.provide(fake.layer))
      )
      yield* TestClock.adjust("2 seconds")
      yield* TestClock.adjust("4 seconds")
      const upload = yield* Fiber.join(fiber)
      assert.deepStrictEqual(fake.storage.filter((r) => r.partNumber === 2).map((r) => r.at), [0, 2000, 6000])
      assert.deepStrictEqual(fake.storage.filter((r) => r.partNumber !== 2).map((r) => r.attempt), [1, 1, 1])
      assert.deepStrictEqual(retried, ["2:round:2000", "2:round:4000"])
      assert.strictEqual(upload.size_bytes, 40)
      assert.strictEqual(fake.counts.finalize, 1)
    }))

  it.effect("rounds halve the concurrency", () =>
    Effect.gen(function*() {
      const fake = stubUploads({
        partSize: 10,
        onPut: (_, attempt) => (attempt === 1 ? { status: 503 } : undefined)
      })
      const fiber = yield* Effect.fork(
        Uploads.uploadFile(bytesOf(80), { partSize: 10, concurrency: 8 }).pipe(Effect.provide(fake.layer))
      )
      yield* TestClock.adjust("2 seconds")
      yield* Fiber.join(fiber)
      const second = fake.storage.filter((r) => r.attempt === 2)
      assert.strictEqual(second.length, 8)
      assert.strictEqual(fake.maxInFlight, 8)
      // Round 1 runs with 4 in flight: the 8 retries go in two waves.
      assert.isTrue(second.every((r) => r.at === 2000))
    }))

  it.effect("a part that keeps failing exhausts the rounds and says so", () =>
    Effect.gen(function*() {
      const fake = stubUploads({ partSize: 10, eTag: (n) => (n === 1 ? undefined : `"ok"`) })
      const fiber = yield* Effect.fork(
        Uploads.uploadFile(bytesOf(20), { partSize: 10 }).pipe(Effect.provide(fake.layer), Effect.flip)
      )
      yield* TestClock.adjust("14 seconds")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "MissingETag")
      if (error._tag === "MissingETag") {
        assert.isTrue(error.exhausted)
        assert.strictEqual(error.roundsAttempted, 4)
        assert.strictEqual(error.partNumber, 1)
      }
      assert.deepStrictEqual(fake.storage.filter((r) => r.partNumber === 1).map((r) => r.at), [0, 2000, 6000, 14000])
      assert.strictEqual(fake.counts.finalize, 0)
    }))

  it.effect("a 403 re-mints the part's URL and retries at once", () =>
    Effect.gen(function*() {
      const fake = stubUploads({
        partSize: 10,
        onPut: (
          n,
          attempt
        ) => (n === 2 && attempt === 1 ? { status: 403, body: "<Code>AccessDenied</Code>" } : undefined)
      })
      yield* Uploads.uploadFile(bytesOf(30), { partSize: 10 }).pipe(Effect.provide(fake.layer))
      const part2 = fake.storage.filter((r) => r.partNumber === 2)
      assert.strictEqual(part2.length, 2)
      assert.include(part2[0]!.url, "eager")
      assert.include(part2[1]!.url, "minted")
      assert.strictEqual(fake.counts.mint, 1)
      assert.strictEqual(fake.counts.finalize, 1)
    }))

  it.effect("a 403 that re-minting does not cure fails fast", () =>
    Effect.gen(function*() {
      const fake = stubUploads({ partSize: 10, onPut: (n) => (n === 2 ? { status: 403 } : undefined) })
      const error = yield* Effect.flip(
        Uploads.uploadFile(bytesOf(30), { partSize: 10 }).pipe(Effect.provide(fake.layer))
      )
      assert.strictEqual(error._tag, "StorageError")
      assert.strictEqual(fake.storage.filter((r) => r.partNumber === 2).length, 3)
      assert.strictEqual(fake.counts.finalize, 0)
    }))

  it.effect("a PUT that never answers times out and is resent in the next round", () =>
    Effect.gen(function*() {
      const fake = stubUploads({
        partSize: 10,
        onPut: (n, attempt) => (n === 1 && attempt === 1 ? { hang: true } : undefined)
      })
      const fiber = yield* Effect.fork(
        Uploads.uploadFile(bytesOf(20), { partSize: 10, partTimeout: () => "5 seconds" }).pipe(
          Effect.provide(fake.layer)
        )
      )
      yield* TestClock.adjust("5 seconds")
      yield* TestClock.adjust("2 seconds")
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(fake.storage.filter((r) => r.partNumber === 1).map((r) => r.at), [0, 7000])
      assert.strictEqual(fake.aborted, 1)
      assert.strictEqual(fake.counts.finalize, 1)
    }))
})

describe("interruption", () => {
  it.effect("aborts every PUT in flight and never finalizes", () =>
    Effect.gen(function*() {
      const fake = stubUploads({ partSize: 10, onPut: (n) => (n! >= 3 ? { hang: true } : undefined) })
      const fiber = yield* Effect.fork(
        Uploads.uploadFile(bytesOf(100), { partSize: 10, concurrency: 4 }).pipe(Effect.provide(fake.layer))
      )
      // Parts 1 and 2 answered; the four in flight (3 to 6) are the ones storage holds.
      while (fake.inFlight < 4 || fake.storage.length < 6) yield* Effect.yieldNow()
      const exit = yield* Fiber.interrupt(fiber)
      assert.isTrue(Exit.isInterrupted(exit))
      assert.strictEqual(fake.inFlight, 0)
      assert.strictEqual(fake.aborted, 4)
      assert.strictEqual(fake.counts.finalize, 0)
    }))

  it.effect("stopping the event stream early stops the upload", () =>
    Effect.gen(function*() {
      const fake = stubUploads({ partSize: 10, onPut: (n) => (n! >= 2 ? { hang: true } : undefined) })
      const events = yield* Uploads.upload(bytesOf(100), { partSize: 10 }).pipe(
        Stream.takeUntil((event) => event._tag === "PartFinished"),
        Stream.runCollect,
        Effect.provide(fake.layer)
      )
      assert.strictEqual(Chunk.last(events).pipe((o) => o._tag === "Some" && o.value._tag), "PartFinished")
      assert.strictEqual(fake.inFlight, 0)
      assert.strictEqual(fake.counts.finalize, 0)
    }))
})

describe("sources", () => {
  it.effect("the event stream ends with the finalized upload; progress is cumulative and exact", () =>
    Effect.gen(function*() {
      const fake = stubUploads({
        partSize: 10,
        onPut: (n, attempt) => (n === 3 && attempt === 1 ? { status: 500 } : undefined)
      })
      const fiber = yield* Effect.fork(
        Uploads.upload(bytesOf(95), { partSize: 10 }).pipe(Stream.runCollect, Effect.provide(fake.layer))
      )
      yield* TestClock.adjust("2 seconds")
      const events = Chunk.toReadonlyArray(yield* Fiber.join(fiber))
      const progress = events.flatMap((e) => (e._tag === "Progress" ? [e.bytesDone] : []))
      assert.deepStrictEqual(progress, [...progress].sort((a, b) => a - b))
      assert.strictEqual(progress.at(-1), 95)
      assert.strictEqual(progress.length, 11)
      const last = events.at(-1)!
      assert.strictEqual(last._tag, "Finished")
      const opened = events[0]!
      assert.strictEqual(opened._tag, "SessionOpened")
      if (opened._tag === "SessionOpened") assert.strictEqual(opened.partsTotal, 10)
    }))

  it.effect("a short stream goes up as one PUT", () =>
    Effect.gen(function*() {
      const fake = stubUploads()
      const data = bytesOf(5000)
      const stream = Stream.fromIterable([data.subarray(0, 1000), data.subarray(1000, 1001), data.subarray(1001)])
      const upload = yield* Uploads.uploadFile(stream).pipe(Effect.provide(fake.layer))
      assert.strictEqual((fake.api[0]!.body as any).declared_size_bytes, 5000)
      assert.isTrue(sameBytes(fake.assembled(upload.upload_id), data))
    }))

  it.effect("a long stream opens a streaming session and is cut by the part size", () =>
    Effect.gen(function*() {
      const fake = stubUploads({ partSize: 3 * MiB })
      const data = bytesOf(10 * MiB + 123)
      const pieces: Array<Uint8Array> = []
      for (let offset = 0; offset < data.byteLength; offset += 777_777) {
        pieces.push(data.subarray(offset, offset + 777_777))
      }
      const upload = yield* Uploads.uploadFile(Stream.fromIterable(pieces), { concurrency: 2 }).pipe(
        Effect.provide(fake.layer)
      )
      assert.isFalse("declared_size_bytes" in (fake.api[0]!.body as any))
      assert.strictEqual(fake.counts.mint, 4)
      assert.strictEqual(upload.size_bytes, data.byteLength)
      assert.isTrue(sameBytes(fake.assembled(upload.upload_id), data))
      assert.isAtMost(fake.maxInFlight, 2)
    }))

  it.effect("a stream whose length is a whole number of parts is finalized with those parts", () =>
    Effect.gen(function*() {
      const fake = stubUploads({ partSize: 5 * MiB })
      const data = bytesOf(10 * MiB)
      const upload = yield* Uploads.uploadFile(Stream.make(data.subarray(0, 3 * MiB), data.subarray(3 * MiB))).pipe(
        Effect.provide(fake.layer)
      )
      assert.strictEqual(upload.size_bytes, data.byteLength)
      assert.isTrue(sameBytes(fake.assembled(upload.upload_id), data))
      const finalize = fake.api.find((call) => call.path.endsWith("/finalize"))!
      assert.deepStrictEqual((finalize.body as any).parts.map((part: any) => part.part_number), [1, 2])
    }))

  it.effect("a failing stream is a SourceError and nothing is finalized", () =>
    Effect.gen(function*() {
      const fake = stubUploads({ partSize: 3 * MiB })
      const stream = Stream.concat(Stream.succeed(bytesOf(9 * MiB)), Stream.fail(new Error("disk gone")))
      const error = yield* Effect.flip(Uploads.uploadFile(stream).pipe(Effect.provide(fake.layer)))
      assert.strictEqual(error._tag, "SourceError")
      assert.strictEqual(fake.counts.finalize, 0)
    }))

  it.effect("a Blob, with the File's name as the filename", () =>
    Effect.gen(function*() {
      const fake = stubUploads({ partSize: 10 })
      const data = bytesOf(55)
      const file = new File([data as Uint8Array<ArrayBuffer>], "events.csv", { type: "text/csv" })
      const upload = yield* Uploads.uploadFile(file, { partSize: 10 }).pipe(Effect.provide(fake.layer))
      assert.strictEqual((fake.api[0]!.body as any).filename, "events.csv")
      assert.isTrue(sameBytes(fake.assembled(upload.upload_id), data))
    }))

  it.live("a file path, and a file that changes during the upload", () =>
    Effect.gen(function*() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uploads-test-"))
      try {
        const file = path.join(dir, "data.bin")
        const data = bytesOf(95)
        fs.writeFileSync(file, data)
        const fake = stubUploads({ partSize: 10 })
        const upload = yield* Uploads.uploadFile(file, { partSize: 10 }).pipe(Effect.provide(fake.layer))
        assert.strictEqual((fake.api[0]!.body as any).filename, "data.bin")
        assert.isTrue(sameBytes(fake.assembled(upload.upload_id), data))

        const growing = stubUploads({
          partSize: 10,
          onPut: (n, attempt) => {
            if (n === 1 && attempt === 1) fs.appendFileSync(file, "more")
            return undefined
          }
        })
        const error = yield* Effect.flip(
          Uploads.uploadFile(file, { partSize: 10, concurrency: 1 }).pipe(Effect.provide(growing.layer))
        )
        assert.strictEqual(error._tag, "SourceError")
        if (error._tag === "SourceError") assert.strictEqual(error.reason, "changed")
        assert.strictEqual(growing.counts.finalize, 0)

        const missing = yield* Effect.flip(
          Uploads.uploadFile(path.join(dir, "nope.bin")).pipe(Effect.provide(stubUploads().layer))
        )
        assert.strictEqual(missing._tag, "SourceError")
        if (missing._tag === "SourceError") assert.strictEqual(missing.reason, "unreadable")
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
      }
    }))
})
