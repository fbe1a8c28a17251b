import { NodeFileSystem } from "@effect/platform-node"
import * as PlatformError from "@effect/platform/Error"
import * as FileSystem from "@effect/platform/FileSystem"
import { describe, it } from "@effect/vitest"
import { ArrowQuery, ArrowResults, Export } from "@hotdata-effect/arrow"
import { HotdataClient, HotdataTest, RetryPolicy } from "@hotdata-effect/core"
import { IpcFraming, readBodyLength } from "@hotdata-effect/kernel/ipcFraming"
import {
  Dictionary,
  Field,
  Float64,
  Int32,
  makeData,
  RecordBatch,
  RecordBatchStreamWriter,
  Struct,
  Table,
  tableFromIPC,
  tableToIPC,
  Utf8,
  vectorFromArray
} from "apache-arrow"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import { assert } from "vitest"
import { bytesOf, chunked, endless, pieces, sameBytes } from "../../../test/kit.js"

/** A request as the stubbed API received it. */
interface Seen {
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  readonly at: number
  readonly signal: AbortSignal
}

/** An answer: JSON (objects), or text, bytes or a stream sent as they are. */
interface Reply {
  readonly status?: number
  readonly headers?: Record<string, string>
  readonly body?: unknown
}

/**
 * A client whose query, query-run and result operations are stubbed by `reply` (called
 * with every request and its index among them), through `HotdataClient.layerTest`.
 */
const stubbed = (reply: (request: Seen, index: number) => Reply) => {
  const seen: Array<Seen> = []
  const handle = (call: HotdataTest.Call) => {
    const request = { ...call.http, at: call.at, signal: call.signal }
    seen.push(request)
    const { body, headers = {}, status = 200 } = reply(request, seen.length - 1)
    return typeof body === "string" || body instanceof Uint8Array || body instanceof ReadableStream ||
        body === undefined
      ? HotdataTest.raw(status, body ?? null, headers)
      : HotdataTest.json(status, body, headers)
  }
  const layer = HotdataClient.layerTest(
    { query: { execute: handle }, queryRuns: { get: handle }, results: { get: handle } },
    { baseUrl: "http://hotdata.test", retryPolicy: RetryPolicy.none }
  )
  return { seen, layer }
}

/** A table of `batches` record batches of `rows` rows each. */
const sample = (batches: number, rows: number): Table => {
  const parts = Array.from({ length: batches }, (_, b) => {
    const t = new Table({
      id: vectorFromArray(Int32Array.from({ length: rows }, (_, i) => b * rows + i)),
      value: vectorFromArray(Float64Array.from({ length: rows }, (_, i) => (b * rows + i) / 2)),
      name: vectorFromArray(Array.from({ length: rows }, (_, i) => `row-${b * rows + i}`), new Utf8())
    })
    return t.batches[0]!
  })
  return new Table(parts)
}

const ipc = (table: Table) => tableToIPC(table, "stream")

const arrowReply = (bytes: Uint8Array, headers: Record<string, string> = {}, size = 977) => ({
  status: 200,
  headers: { "content-type": "application/vnd.apache.arrow.stream", ...headers },
  body: chunked(bytes, { size })
})

const OPTIONS = { databaseId: "db_1" }

describe("IpcFraming", () => {
  it("finds the end-of-stream marker only at the very end", () => {
    const bytes = ipc(sample(2, 3))
    for (let cut = 0; cut <= bytes.length; cut++) {
      const framing = new IpcFraming()
      // Feed in uneven pieces so headers straddle chunk boundaries.
      for (let at = 0; at < cut; at += 7) assert.isUndefined(framing.push(bytes.subarray(at, Math.min(cut, at + 7))))
      assert.strictEqual(framing.complete, cut === bytes.length, `cut at ${cut}`)
    }
  })

  it("counts the messages of a stream", () => {
    const framing = new IpcFraming()
    framing.push(ipc(sample(4, 10)))
    assert.isTrue(framing.complete)
    assert.strictEqual(framing.messages, 5) // schema + 4 batches
    assert.strictEqual(framing.batches, 4)
  })

  it("rejects bytes that are not IPC framing", () => {
    const framing = new IpcFraming()
    assert.isString(framing.push(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xf0, 0xff, 0xff, 0xff])))
  })

  it("reads bodyLength from the message metadata", () => {
    assert.isUndefined(readBodyLength(new Uint8Array(3)))
  })
})

describe("ArrowResults", () => {
  it.effect("streams record batches and reads the schema first", () => {
    const table = sample(4, 25)
    const { layer, seen } = stubbed(() => arrowReply(ipc(table), { "x-total-row-count": "100" }))
    return Effect.gen(function*() {
      const result = yield* Effect.scoped(
        Effect.gen(function*() {
          const opened = yield* ArrowResults.open("res_1", OPTIONS)
          assert.deepStrictEqual(opened.schema.fields.map((f) => f.name), ["id", "value", "name"])
          assert.strictEqual(opened.totalRowCount, 100)
          assert.isUndefined(opened.nextPage)
          return yield* Stream.runCollect(opened.batches)
        })
      )
      const batches = Chunk.toArray(result)
      assert.strictEqual(batches.length, 4)
      const back = new Table(batches)
      assert.deepStrictEqual(back.getChild("id")!.toArray(), table.getChild("id")!.toArray())
      assert.deepStrictEqual(back.getChild("name")!.toArray(), table.getChild("name")!.toArray())
      const request = seen[0]!
      assert.strictEqual(request.url.pathname, "/v1/results/res_1")
      assert.strictEqual(request.url.searchParams.get("format"), "arrow")
      assert.strictEqual(request.headers["accept"], "application/vnd.apache.arrow.stream")
      assert.strictEqual(request.headers["x-database-id"], "db_1")
    }).pipe(Effect.provide(layer))
  })

  it.effect("sends the window and exposes the next page", () => {
    const { layer, seen } = stubbed(() =>
      arrowReply(ipc(sample(1, 10)), {
        "x-total-row-count": "100",
        link: "</v1/results/res_1?offset=30&limit=10&format=arrow>; rel=\"next\""
      })
    )
    return Effect.gen(function*() {
      const opened = yield* ArrowResults.open("res_1", { ...OPTIONS, offset: 20, limit: 10 })
      assert.strictEqual(opened.nextPage?.offset, 30)
      assert.strictEqual(opened.nextPage?.limit, 10)
      assert.strictEqual(opened.nextPage?.url, "http://hotdata.test/v1/results/res_1?offset=30&limit=10&format=arrow")
      const rows = yield* Stream.runFold(opened.batches, 0, (n, b) => n + b.numRows)
      assert.strictEqual(rows, 10)
      assert.strictEqual(seen[0]!.url.searchParams.get("offset"), "20")
      assert.strictEqual(seen[0]!.url.searchParams.get("limit"), "10")
    }).pipe(Effect.scoped, Effect.provide(layer))
  })

  it.effect("builds a table, also for an empty result", () => {
    const empty = new Table(sample(1, 1).schema)
    const { layer } = stubbed(() => arrowReply(ipc(empty), { "x-total-row-count": "0" }))
    return Effect.gen(function*() {
      const table = yield* ArrowResults.table("res_1", OPTIONS)
      assert.strictEqual(table.numRows, 0)
      assert.deepStrictEqual(table.schema.fields.map((f) => f.name), ["id", "value", "name"])
    }).pipe(Effect.provide(layer))
  })

  it.effect("fails with a truncated decode error wherever the body stops", () => {
    const bytes = ipc(sample(3, 40))
    // Every message boundary, inside messages, just before the end-of-stream marker, and nothing at all.
    const framing = new IpcFraming()
    const boundaries: Array<number> = []
    for (let at = 0; at < bytes.length; at++) {
      const before = framing.messages
      framing.push(bytes.subarray(at, at + 1))
      if (framing.messages !== before) boundaries.push(at + 1)
    }
    const cuts = [
      0,
      5,
      ...boundaries,
      bytes.length - 8,
      bytes.length - 4,
      bytes.length - 1,
      Math.floor(bytes.length / 2)
    ]
    return Effect.forEach(cuts, (cut) => {
      const { layer } = stubbed(() => arrowReply(bytes.slice(0, cut)))
      return Effect.gen(function*() {
        const exit = yield* Effect.exit(Stream.runDrain(ArrowResults.stream("res_1", OPTIONS)))
        assert.isTrue(Exit.isFailure(exit), `cut at ${cut} of ${bytes.length} must fail`)
        const error = yield* Effect.flip(Stream.runDrain(ArrowResults.stream("res_1", OPTIONS)))
        assert.strictEqual(error._tag, "ArrowDecodeError", `cut at ${cut}`)
        if (error._tag === "ArrowDecodeError") assert.strictEqual(error.reason, "truncated", `cut at ${cut}`)
      }).pipe(Effect.provide(layer))
    }, { discard: true })
  })

  it.effect("fails when the connection breaks mid-body", () => {
    const bytes = ipc(sample(3, 400))
    const { layer } = stubbed(() => ({
      status: 200,
      headers: { "content-type": "application/vnd.apache.arrow.stream" },
      body: chunked(bytes, { size: 1000, failAfter: 5000 })
    }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Stream.runDrain(ArrowResults.stream("res_1", OPTIONS)))
      assert.strictEqual(error._tag, "ArrowDecodeError")
      if (error._tag !== "ArrowDecodeError") return
      assert.strictEqual(error.reason, "truncated")
      assert.strictEqual(error.bytesRead, 5000)
      assert.include(error.message, "other side closed")
    }).pipe(Effect.provide(layer))
  })

  it.effect("fails when the stream holds fewer rows than announced", () => {
    const { layer } = stubbed(() => arrowReply(ipc(sample(2, 10)), { "x-total-row-count": "30" }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(ArrowResults.table("res_1", OPTIONS))
      assert.strictEqual(error._tag, "ArrowDecodeError")
      assert.include(error.message, "20 rows")
    }).pipe(Effect.provide(layer))
  })

  it.effect("fails with a malformed decode error on garbage", () => {
    const { layer } = stubbed(() => arrowReply(new TextEncoder().encode("<html>not arrow at all</html>".repeat(3))))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(ArrowResults.table("res_1", OPTIONS))
      assert.strictEqual(error._tag, "ArrowDecodeError")
      if (error._tag === "ArrowDecodeError") assert.strictEqual(error.reason, "malformed")
    }).pipe(Effect.provide(layer))
  })

  it.effect("turns 202 into NotReady with the server's Retry-After", () => {
    const { layer } = stubbed(() => ({
      status: 202,
      headers: { "retry-after": "3" },
      body: { status: "processing", result_id: "res_1" }
    }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(ArrowResults.table("res_1", OPTIONS))
      assert.strictEqual(error._tag, "NotReady")
      if (error._tag !== "NotReady") return
      assert.strictEqual(error.status, "processing")
      assert.strictEqual(error.resultId, "res_1")
      assert.deepStrictEqual(error.retryAfter, Duration.seconds(3))
    }).pipe(Effect.provide(layer))
  })

  it.effect("turns 409 into ResultFailed with the server's message, and keeps 404 as NotFound", () => {
    const { layer } = stubbed((request) =>
      request.url.pathname.endsWith("res_failed")
        ? { status: 409, body: { status: "failed", result_id: "res_failed", error_message: "division by zero" } }
        : { status: 404, body: { error: { code: "NOT_FOUND", message: "result not found" } } }
    )
    return Effect.gen(function*() {
      const failed = yield* Effect.flip(ArrowResults.table("res_failed", OPTIONS))
      assert.strictEqual(failed._tag, "ResultFailed")
      assert.strictEqual(failed.message, "division by zero")
      const missing = yield* Effect.flip(ArrowResults.table("res_missing", OPTIONS))
      assert.strictEqual(missing._tag, "NotFound")
    }).pipe(Effect.provide(layer))
  })

  it.effect("understands a 200 status body from older servers", () => {
    const { layer } = stubbed((_, index) =>
      index === 0
        ? { status: 200, body: { status: "failed", result_id: "res_1", error_message: "out of memory" } }
        : { status: 200, body: { status: "processing", result_id: "res_1" } }
    )
    return Effect.gen(function*() {
      const failed = yield* Effect.flip(ArrowResults.table("res_1", OPTIONS))
      assert.strictEqual(failed._tag, "ResultFailed")
      assert.strictEqual(failed.message, "out of memory")
      const pending = yield* Effect.flip(ArrowResults.table("res_1", OPTIONS))
      assert.strictEqual(pending._tag, "NotReady")
    }).pipe(Effect.provide(layer))
  })

  it.effect("waits for a result, honouring Retry-After, when asked to", () => {
    const bytes = ipc(sample(1, 5))
    const { layer, seen } = stubbed((_, index) =>
      index < 2
        ? { status: 202, headers: { "retry-after": "3" }, body: { status: "processing", result_id: "res_1" } }
        : arrowReply(bytes)
    )
    return Effect.gen(function*() {
      const fiber = yield* Effect.fork(ArrowResults.table("res_1", { ...OPTIONS, wait: true }))
      yield* TestClock.adjust("10 seconds")
      const table = yield* Fiber.join(fiber)
      assert.strictEqual(table.numRows, 5)
      assert.deepStrictEqual(seen.map((s) => s.at), [0, 3000, 6000])
      // Every attempt asks for Arrow: waiting never downloads the rows as JSON.
      assert.isTrue(seen.every((s) => s.url.searchParams.get("format") === "arrow"))
    }).pipe(Effect.provide(layer))
  })

  it.effect("gives up at the deadline with PollTimeout", () => {
    const { layer } = stubbed(() => ({
      status: 202,
      headers: { "retry-after": "4" },
      body: { status: "pending", result_id: "res_1" }
    }))
    return Effect.gen(function*() {
      const fiber = yield* Effect.fork(
        Effect.flip(ArrowResults.table("res_1", { ...OPTIONS, wait: { deadline: "10 seconds" } }))
      )
      yield* TestClock.adjust("30 seconds")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "PollTimeout")
      if (error._tag === "PollTimeout") assert.strictEqual(error.lastStatus, "pending")
    }).pipe(Effect.provide(layer))
  })

  it.live("aborts the request when the consumer stops early", () => {
    let cancelled = false
    const piece = ipc(sample(1, 10))
    // A schema, then batch after batch, never ending.
    const header = piece.slice(0, piece.length - 8)
    const { layer, seen } = stubbed(() => ({
      status: 200,
      headers: { "content-type": "application/vnd.apache.arrow.stream" },
      body: endless(header, () => cancelled = true)
    }))
    return Effect.gen(function*() {
      // The repeated chunk is not a valid continuation, so only take what decodes first.
      const taken = yield* Effect.exit(Stream.runCollect(Stream.take(ArrowResults.stream("res_1", OPTIONS), 1)))
      assert.isTrue(Exit.isSuccess(taken))
      assert.isTrue(seen[0]!.signal.aborted)
      assert.isTrue(cancelled)
    }).pipe(Effect.provide(layer))
  })

  it.live("aborts the request when the consuming fiber is interrupted", () => {
    const { layer, seen } = stubbed(() => ({
      status: 200,
      headers: { "content-type": "application/vnd.apache.arrow.stream" },
      body: new ReadableStream({ start: () => {} })
    }))
    return Effect.gen(function*() {
      const fiber = yield* Effect.fork(Stream.runDrain(ArrowResults.stream("res_1", OPTIONS)))
      yield* Effect.sleep("50 millis")
      yield* Fiber.interrupt(fiber)
      assert.isTrue(seen[0]!.signal.aborted)
    }).pipe(Effect.provide(layer))
  })

  it.effect("exposes the raw IPC bytes, checked", () => {
    const bytes = ipc(sample(2, 20))
    const { layer } = stubbed((_, index) => arrowReply(index === 0 ? bytes : bytes.slice(0, bytes.length - 8)))
    return Effect.gen(function*() {
      const chunks = yield* Stream.runCollect(ArrowResults.bytes("res_1", OPTIONS))
      const all = new Uint8Array(Chunk.reduce(chunks, 0, (n, c) => n + c.length))
      let at = 0
      for (const c of chunks) {
        all.set(c, at)
        at += c.length
      }
      assert.strictEqual(tableFromIPC(all).numRows, 40)
      const error = yield* Effect.flip(Stream.runDrain(ArrowResults.bytes("res_1", OPTIONS)))
      assert.strictEqual(error._tag, "ArrowDecodeError")
    }).pipe(Effect.provide(layer))
  })

  it.effect("decodes nested and null-heavy columns", () => {
    const struct = makeData({
      type: new Struct([
        new Field("a", new Int32(), true),
        new Field("b", new Utf8(), true)
      ]),
      length: 2,
      nullCount: 0,
      children: [
        makeData({ type: new Int32(), length: 2, nullCount: 0, data: Int32Array.from([1, 2]) }),
        makeData({
          type: new Utf8(),
          length: 2,
          nullCount: 0,
          valueOffsets: Int32Array.from([0, 1, 3]),
          data: new TextEncoder().encode("xyz")
        })
      ]
    })
    const batch = new RecordBatch({
      s: struct,
      f: makeData({ type: new Float64(), length: 2, nullCount: 0, data: Float64Array.from([NaN, -Infinity]) })
    })
    const { layer } = stubbed(() => arrowReply(ipc(new Table([batch]))))
    return Effect.gen(function*() {
      const table = yield* ArrowResults.table("res_1", OPTIONS)
      const rows = table.toArray().map((row) => row.toJSON())
      assert.deepStrictEqual(rows[1].s.toJSON(), { a: 2, b: "yz" })
      assert.isTrue(Number.isNaN(rows[0].f))
      assert.strictEqual(rows[1].f, -Infinity)
    }).pipe(Effect.provide(layer))
  })
})

/** `batches` batches sharing one dictionary-encoded column, so the stream also holds a dictionary message. */
const withDictionary = (batches: number, rows: number): Table => {
  const n = batches * rows
  const whole = new Table({
    id: vectorFromArray(Int32Array.from({ length: n }, (_, i) => i)),
    tag: vectorFromArray(Array.from({ length: n }, (_, i) => `tag-${i % 3}`), new Dictionary(new Utf8(), new Int32()))
  })
  return new Table(Array.from({ length: batches }, (_, b) => whole.slice(b * rows, (b + 1) * rows).batches).flat())
}

/** The chunks apache-arrow's stream writer produces, each written separately, as the local server does. */
const writerChunks = (table: Table) =>
  Effect.promise(async () => {
    const writer = new RecordBatchStreamWriter()
    const chunks: Array<Uint8Array> = []
    const piping = (async () => {
      for await (const chunk of writer) chunks.push(chunk.slice())
    })()
    for (const batch of table.batches) writer.write(batch)
    writer.finish()
    await piping
    return chunks
  })

/** The same bytes, joined into one chunk per message (the end-of-stream marker included). */
const byMessage = (chunks: ReadonlyArray<Uint8Array>): Array<Uint8Array> => {
  const messages: Array<Uint8Array> = []
  const framing = new IpcFraming()
  let pending: Array<Uint8Array> = []
  for (const chunk of chunks) {
    const before = framing.messages
    framing.push(chunk)
    pending.push(chunk)
    if (framing.messages !== before || framing.complete) {
      messages.push(new Uint8Array(pending.flatMap((piece) => [...piece])))
      pending = []
    }
  }
  return messages
}

describe("ArrowResults chunking", () => {
  const streamReply = (body: ReadableStream<Uint8Array>, rows: number) => ({
    status: 200,
    headers: { "content-type": "application/vnd.apache.arrow.stream", "x-total-row-count": String(rows) },
    body
  })

  const decodeAll = Effect.gen(function*() {
    const batches = Chunk.toArray(yield* Stream.runCollect(ArrowResults.stream("res_1", OPTIONS)))
    return new Table(batches)
  })

  it.effect("decodes the writer's chunks as sent one by one, and each message in a chunk of its own", () =>
    Effect.gen(function*() {
      const table = withDictionary(4, 5)
      const written = yield* writerChunks(table)
      // The local server writes each of these separately; the network often joins the
      // pieces of a message, so a chunk ends where a message ends and nothing follows yet.
      const messages = byMessage(written)
      assert.strictEqual(messages.length, 1 + 1 + 4 + 1) // schema, dictionary, batches, end-of-stream marker
      for (const chunks of [written, messages]) {
        const { layer } = stubbed(() => streamReply(pieces(chunks), 20))
        const back = yield* Effect.provide(decodeAll, layer)
        assert.strictEqual(back.batches.length, 4)
        assert.deepStrictEqual(Array.from(back.getChild("id")!.toArray()), Array.from({ length: 20 }, (_, i) => i))
        assert.deepStrictEqual(back.getChild("tag")!.toJSON(), table.getChild("tag")!.toJSON())
      }
    }))

  it.effect("decodes a stream split in two around every message boundary, and sent byte by byte", () =>
    Effect.gen(function*() {
      const table = withDictionary(3, 2)
      const bytes = ipc(table)
      // Cuts at every byte near the end of each message: at the end itself (the case the
      // reader took for the end of the stream) and inside the next message's length prefix.
      const framing = new IpcFraming()
      const cuts = new Set<number>()
      for (let at = 0; at < bytes.length; at++) {
        const before = framing.messages
        framing.push(bytes.subarray(at, at + 1))
        if (framing.messages === before) continue
        for (let cut = at + 1 - 12; cut <= at + 1 + 12; cut++) if (cut > 0 && cut < bytes.length) cuts.add(cut)
      }
      assert.strictEqual(framing.messages, 1 + 1 + 3)
      const bodies = [
        ...[...cuts].map((cut) => [bytes.subarray(0, cut), bytes.subarray(cut)]),
        [...bytes].map((byte) => Uint8Array.of(byte))
      ]
      const { layer } = stubbed((_, index) => streamReply(pieces(bodies[index]!), 6))
      yield* Effect.forEach(bodies, (body) =>
        Effect.gen(function*() {
          const exit = yield* Effect.exit(decodeAll)
          const where = body.length === 2 ? `split at ${body[0]!.length}` : "byte by byte"
          assert.isTrue(Exit.isSuccess(exit), `${where} of ${bytes.length}: ${exit}`)
          if (Exit.isFailure(exit)) return
          assert.strictEqual(exit.value.batches.length, 3, where)
          assert.deepStrictEqual(Array.from(exit.value.getChild("id")!.toArray()), [0, 1, 2, 3, 4, 5], where)
        }), { discard: true }).pipe(Effect.provide(layer))
    }))

  it.effect("still fails with truncated when a message-aligned body stops between messages", () =>
    Effect.gen(function*() {
      const messages = byMessage(yield* writerChunks(withDictionary(3, 4)))
      // Without the end-of-stream marker, then without the last batches too.
      const cuts = [messages.length - 1, messages.length - 2, messages.length - 3]
      const { layer } = stubbed((_, index) => streamReply(pieces(messages.slice(0, cuts[index]!)), 12))
      yield* Effect.forEach(cuts, (cut) =>
        Effect.gen(function*() {
          const error = yield* Effect.flip(decodeAll)
          assert.strictEqual(error._tag, "ArrowDecodeError", `cut after message ${cut}`)
          if (error._tag === "ArrowDecodeError") {
            assert.strictEqual(error.reason, "truncated", `cut after message ${cut}`)
          }
        }), { discard: true }).pipe(Effect.provide(layer))
    }))
})

describe("ArrowQuery", () => {
  const queryAnswer = (resultId: string | null) => ({
    status: 200,
    body: {
      columns: ["id"],
      nullable: [false],
      rows: [[1]],
      row_count: 1,
      preview_row_count: 1,
      total_row_count: 1,
      truncated: false,
      execution_time_ms: 4,
      query_run_id: "qr_1",
      result_id: resultId
    }
  })

  it.effect("runs SQL and streams the persisted result as Arrow", () => {
    const bytes = ipc(sample(2, 10))
    const { layer, seen } = stubbed((request) =>
      request.url.pathname === "/v1/query" ? queryAnswer("res_9") : arrowReply(bytes)
    )
    return Effect.gen(function*() {
      const table = yield* ArrowQuery.table("SELECT 1", { databaseId: "db_1" })
      assert.strictEqual(table.numRows, 20)
      assert.deepStrictEqual(JSON.parse(seen[0]!.body!), { sql: "SELECT 1" })
      assert.strictEqual(seen[1]!.url.pathname, "/v1/results/res_9")
    }).pipe(Effect.provide(layer))
  })

  it.effect("waits for a query run, then for the result", () => {
    const bytes = ipc(sample(1, 3))
    let runPolls = 0
    const { layer, seen } = stubbed((request) => {
      if (request.url.pathname === "/v1/query") {
        return {
          status: 202,
          body: { query_run_id: "qr_1", status: "running", status_url: "/v1/query-runs/qr_1" }
        }
      }
      if (request.url.pathname === "/v1/query-runs/qr_1") {
        runPolls++
        return {
          status: 200,
          body: {
            id: "qr_1",
            status: runPolls < 2 ? "running" : "succeeded",
            result_id: runPolls < 2 ? null : "res_7",
            sql_text: "SELECT 1",
            sql_hash: "h",
            snapshot_id: "snap_1",
            created_at: "2026-01-01T00:00:00Z",
            row_count: 3,
            warning_message: "slow"
          }
        }
      }
      return seen.filter((s) => s.url.pathname.startsWith("/v1/results")).length < 2
        ? { status: 202, headers: { "retry-after": "1" }, body: { status: "processing", result_id: "res_7" } }
        : arrowReply(bytes)
    })
    return Effect.gen(function*() {
      const fiber = yield* Effect.fork(Effect.scoped(Effect.gen(function*() {
        const opened = yield* ArrowQuery.open("SELECT 1", { databaseId: "db_1", async: true })
        const rows = yield* Stream.runFold(opened.batches, 0, (n, b) => n + b.numRows)
        return { opened, rows }
      })))
      yield* TestClock.adjust("20 seconds")
      const { opened, rows } = yield* Fiber.join(fiber)
      assert.strictEqual(rows, 3)
      assert.strictEqual(opened.resultId, "res_7")
      assert.strictEqual(opened.queryRunId, "qr_1")
      assert.strictEqual(opened.warning, "slow")
    }).pipe(Effect.provide(layer))
  })

  it.effect("fails fast with NotReady when asked not to wait", () => {
    const { layer } = stubbed((request) =>
      request.url.pathname === "/v1/query"
        ? { status: 202, body: { query_run_id: "qr_1", status: "queued", status_url: "/v1/query-runs/qr_1" } }
        : { status: 500 }
    )
    return Effect.gen(function*() {
      const error = yield* Effect.flip(ArrowQuery.table("SELECT 1", { databaseId: "db_1", wait: false }))
      assert.strictEqual(error._tag, "NotReady")
      if (error._tag === "NotReady") assert.strictEqual(error.queryRunId, "qr_1")
    }).pipe(Effect.provide(layer))
  })

  it.effect("fails with ResultUnavailable when nothing was persisted", () => {
    const { layer } = stubbed(() => queryAnswer(null))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(ArrowQuery.table("SELECT 1", { databaseId: "db_1" }))
      assert.strictEqual(error._tag, "ResultUnavailable")
    }).pipe(Effect.provide(layer))
  })
})

describe("Export", () => {
  const tmp = Effect.acquireRelease(
    Effect.flatMap(FileSystem.FileSystem, (fs) => fs.makeTempDirectory({ directory: NodeOs.tmpdir() })),
    (dir) => Effect.orDie(Effect.flatMap(FileSystem.FileSystem, (fs) => fs.remove(dir, { recursive: true })))
  )

  it.scoped("writes each format to a file", () => {
    const bytes = ipc(sample(3, 100))
    const csv = new TextEncoder().encode("id,name\n1,a\n2,\"b,c\"\n")
    const parquet = new Uint8Array([...new TextEncoder().encode("PAR1"), 1, 2, 3, ...new TextEncoder().encode("PAR1")])
    const { layer, seen } = stubbed((request) => {
      const format = request.url.searchParams.get("format")
      return format === "arrow"
        ? arrowReply(bytes, { "x-total-row-count": "300" })
        : { status: 200, headers: { "content-type": "text/plain" }, body: format === "csv" ? csv : parquet }
    })
    return Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const dir = yield* tmp
      const arrow = yield* Export.toFile("res_1", NodePath.join(dir, "r.arrows"), { ...OPTIONS, format: "arrow" })
      assert.strictEqual(arrow.bytes, bytes.length)
      assert.strictEqual(arrow.totalRowCount, 300)
      assert.strictEqual(tableFromIPC(yield* fs.readFile(arrow.path)).numRows, 300)
      yield* Export.toFile("res_1", NodePath.join(dir, "r.csv"), { ...OPTIONS, format: "csv" })
      assert.strictEqual(yield* fs.readFileString(NodePath.join(dir, "r.csv")), "id,name\n1,a\n2,\"b,c\"\n")
      yield* Export.toFile("res_1", NodePath.join(dir, "r.parquet"), { ...OPTIONS, format: "parquet" })
      assert.deepStrictEqual(yield* fs.readFile(NodePath.join(dir, "r.parquet")), parquet)
      assert.deepStrictEqual(seen.map((s) => s.headers["accept"]), [
        "application/vnd.apache.arrow.stream",
        "text/csv",
        "application/vnd.apache.parquet"
      ])
      assert.deepStrictEqual((yield* fs.readDirectory(dir)).sort(), ["r.arrows", "r.csv", "r.parquet"])
    }).pipe(Effect.provide(layer), Effect.provide(NodeFileSystem.layer))
  })

  it.scoped("leaves no file behind when the body is cut", () => {
    const bytes = ipc(sample(3, 100))
    const { layer } = stubbed((request) =>
      request.url.searchParams.get("format") === "arrow"
        ? arrowReply(bytes.slice(0, 2000))
        : { status: 200, body: new TextEncoder().encode("PAR1 cut") }
    )
    return Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const dir = yield* tmp
      const arrow = yield* Effect.flip(
        Export.toFile("res_1", NodePath.join(dir, "r.arrows"), { ...OPTIONS, format: "arrow" })
      )
      assert.strictEqual(arrow._tag, "ArrowDecodeError")
      const parquet = yield* Effect.flip(
        Export.toFile("res_1", NodePath.join(dir, "r.parquet"), { ...OPTIONS, format: "parquet" })
      )
      assert.strictEqual(parquet._tag, "ArrowDecodeError")
      assert.deepStrictEqual(yield* fs.readDirectory(dir), [])
    }).pipe(Effect.provide(layer), Effect.provide(NodeFileSystem.layer))
  })

  /** The Node file system, counting the writes made through the files it opens. */
  const countingFileSystem = (options: { readonly failWrite?: number } = {}) => {
    const writes: Array<number> = []
    const layer = Layer.effect(
      FileSystem.FileSystem,
      Effect.map(FileSystem.FileSystem, (fs) => ({
        ...fs,
        open: (path: string, openOptions?: FileSystem.OpenFileOptions) =>
          Effect.map(fs.open(path, openOptions), (file): FileSystem.File => ({
            ...file,
            writeAll: (bytes) => {
              writes.push(bytes.length)
              return writes.length === options.failWrite
                ? Effect.fail(
                  new PlatformError.SystemError({
                    reason: "Unknown",
                    module: "FileSystem",
                    method: "writeAll",
                    pathOrDescriptor: path,
                    description: "no space left on device"
                  })
                )
                : file.writeAll(bytes)
            }
          }))
      }))
    ).pipe(Layer.provide(NodeFileSystem.layer))
    return { writes, layer }
  }

  it.scoped("writes a body of many small chunks in few large writes, byte for byte, with progress", () => {
    const body = bytesOf(3 * 1024 * 1024 + 12345)
    const { layer } = stubbed(() => ({
      status: 200,
      headers: { "content-type": "text/csv", "content-length": String(body.length) },
      body: chunked(body, { size: 1000 })
    }))
    const files = countingFileSystem()
    return Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const dir = yield* tmp
      const progress: Array<Export.Progress> = []
      const written = yield* Export.toFile("res_1", NodePath.join(dir, "r.csv"), {
        ...OPTIONS,
        format: "csv",
        onProgress: (p) => {
          progress.push(p)
        }
      })
      assert.strictEqual(written.bytes, body.length)
      assert.isTrue(sameBytes(yield* fs.readFile(written.path), body))
      // 3,158 chunks of 1,000 bytes: seven writes of at most 512 KiB.
      assert.deepStrictEqual(files.writes, [...Array(6).fill(524288), 12345])
      const last = progress[progress.length - 1]!
      assert.deepInclude(last, { bytesWritten: body.length, totalBytes: body.length, percent: 100, done: true })
    }).pipe(Effect.provide(layer), Effect.provide(files.layer))
  })

  it.scoped("writes a chunk larger than its buffer as it is, after what is buffered", () => {
    const small = bytesOf(5000, 2)
    const large = bytesOf(2 * 1024 * 1024 + 1, 3)
    const { layer } = stubbed(() => ({
      status: 200,
      headers: { "content-type": "text/csv" },
      body: pieces([small, large, small])
    }))
    const files = countingFileSystem()
    return Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const dir = yield* tmp
      const written = yield* Export.toFile("res_1", NodePath.join(dir, "r.csv"), { ...OPTIONS, format: "csv" })
      const expected = new Uint8Array([...small, ...large, ...small])
      assert.isTrue(sameBytes(yield* fs.readFile(written.path), expected))
      assert.strictEqual(files.writes.reduce((a, b) => a + b, 0), expected.length)
      assert.isAtMost(files.writes.length, 4)
    }).pipe(Effect.provide(layer), Effect.provide(files.layer))
  })

  it.scoped("fails with the file system's error when a write fails, and leaves no file", () => {
    const { layer } = stubbed(() => ({
      status: 200,
      headers: { "content-type": "text/csv" },
      body: chunked(bytesOf(3 * 1024 * 1024), { size: 4096 })
    }))
    const files = countingFileSystem({ failWrite: 2 })
    return Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const dir = yield* tmp
      const error = yield* Effect.flip(
        Export.toFile("res_1", NodePath.join(dir, "r.csv"), { ...OPTIONS, format: "csv" })
      )
      assert.strictEqual(error._tag, "SystemError")
      assert.include(error.message, "no space left on device")
      assert.deepStrictEqual(yield* fs.readDirectory(dir), [])
    }).pipe(Effect.provide(layer), Effect.provide(files.layer))
  })

  it.live("interrupting an export aborts the request and removes the partial file", () => {
    let cancelled = false
    const { layer } = stubbed(() => ({
      status: 200,
      headers: { "content-type": "text/csv" },
      body: endless(bytesOf(64 * 1024), () => {
        cancelled = true
      })
    }))
    return Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const dir = yield* tmp
      const target = NodePath.join(dir, "r.csv")
      let seen = 0
      const fiber = yield* Effect.fork(
        Export.toFile("res_1", target, {
          ...OPTIONS,
          format: "csv",
          onProgress: (p) => {
            seen = p.bytesWritten
          },
          progressInterval: "10 millis"
        })
      )
      // Some of the body is on disk under the partial name before the interruption.
      while (seen === 0) yield* Effect.sleep("10 millis")
      assert.isTrue(yield* fs.exists(`${target}.partial`))
      yield* Fiber.interrupt(fiber)
      assert.deepStrictEqual(yield* fs.readDirectory(dir), [])
      assert.isTrue(cancelled)
    }).pipe(Effect.scoped, Effect.provide(layer), Effect.provide(NodeFileSystem.layer))
  })

  it.live("on the live clock: a body that breaks off fails as truncated after the bytes read, and leaves no file", () => {
    const { layer } = stubbed(() => ({
      status: 200,
      headers: { "content-type": "text/csv" },
      body: chunked(bytesOf(20000), { size: 1000, failAfter: 5000 })
    }))
    return Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const dir = yield* tmp
      const error = yield* Effect.flip(
        Export.toFile("res_1", NodePath.join(dir, "r.csv"), { ...OPTIONS, format: "csv" })
      )
      assert.strictEqual(error._tag, "ArrowDecodeError")
      if (error._tag !== "ArrowDecodeError") return
      assert.strictEqual(error.reason, "truncated")
      assert.strictEqual(error.bytesRead, 5000)
      assert.include(error.message, "other side closed")
      assert.deepStrictEqual(yield* fs.readDirectory(dir), [])
    }).pipe(Effect.scoped, Effect.provide(layer), Effect.provide(NodeFileSystem.layer))
  })

  it.live("on the live clock: a body that stalls fails at the idle timeout, and leaves no file", () => {
    const { layer } = stubbed(() => ({
      status: 200,
      headers: { "content-type": "text/csv" },
      body: new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(bytesOf(1000)) })
    }))
    return Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const dir = yield* tmp
      const error = yield* Effect.flip(
        Export.toFile("res_1", NodePath.join(dir, "r.csv"), { ...OPTIONS, format: "csv" }).pipe(
          HotdataClient.withIdleTimeout("200 millis")
        )
      )
      assert.strictEqual(error._tag, "ArrowDecodeError")
      if (error._tag !== "ArrowDecodeError") return
      assert.strictEqual(error.reason, "truncated")
      assert.strictEqual(error.bytesRead, 1000)
      assert.include(error.message, "stopped moving for 200ms")
      assert.deepStrictEqual(yield* fs.readDirectory(dir), [])
    }).pipe(Effect.scoped, Effect.provide(layer), Effect.provide(NodeFileSystem.layer))
  })

  it.effect("fails with a truncated error naming the idle timeout when the body stalls, and leaves no file", () => {
    const { layer } = stubbed(() => ({
      status: 200,
      headers: { "content-type": "text/csv" },
      body: new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(bytesOf(1000)) })
    }))
    return Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const dir = yield* tmp
      const fiber = yield* Effect.fork(
        Effect.flip(Export.toFile("res_1", NodePath.join(dir, "r.csv"), { ...OPTIONS, format: "csv" }))
      )
      yield* TestClock.adjust("59 seconds")
      assert.isNull(fiber.unsafePoll())
      yield* TestClock.adjust("2 seconds")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "ArrowDecodeError")
      if (error._tag !== "ArrowDecodeError") return
      assert.strictEqual(error.reason, "truncated")
      assert.strictEqual(error.bytesRead, 1000)
      assert.include(error.message, "stopped moving for 1m")
      assert.deepStrictEqual(yield* fs.readDirectory(dir), [])
    }).pipe(Effect.scoped, Effect.provide(layer), Effect.provide(NodeFileSystem.layer))
  })
})
