/**
 * Integration tests against the local Hotdata server (DuckDB behind the real HTTP API),
 * started on a random port with a temporary data directory for this file.
 */
import { NodeFileSystem } from "@effect/platform-node"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as FileSystem from "@effect/platform/FileSystem"
import { describe, layer } from "@effect/vitest"
import { ArrowQuery, ArrowResults, Export } from "@hotdata-effect/arrow"
import { HotdataClient, Query } from "@hotdata-effect/core"
import { Faults, LocalHotdata } from "@hotdata-effect/local"
import type { DataType, Table } from "apache-arrow"
import { DateUnit, Precision, tableFromIPC, TimeUnit, Type, util } from "apache-arrow"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import { assert } from "vitest"

/** One column per type the server emits, with a NULL row. */
const EVERY_TYPE = `
SELECT * FROM (VALUES
  (1::TINYINT, 2::SMALLINT, 3::INTEGER, 9007199254740993::BIGINT, -5::BIGINT, 1.5::FLOAT, 2.25::DOUBLE,
   'NaN'::DOUBLE, 12.34::DECIMAL(10,2), 'héllo, "world"'::VARCHAR, true, DATE '2024-01-02',
   TIMESTAMPTZ '2024-01-02 03:04:05.123+00', [1, 2, 3], {'a': 1, 'b': 'x'}, 7::INTEGER),
  (-1::TINYINT, -2::SMALLINT, -3::INTEGER, -9007199254740993::BIGINT, 0::BIGINT, -0.5::FLOAT, 'Infinity'::DOUBLE,
   '-Infinity'::DOUBLE, -0.01::DECIMAL(10,2), '', false, DATE '1969-12-31',
   TIMESTAMPTZ '1999-12-31 23:59:59+00', []::INTEGER[], {'a': NULL, 'b': ''}, NULL::INTEGER),
  (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
) AS t(i8, i16, i32, i64, i64b, f32, f64, special, dec, s, b, d, ts, l, st, n)
ORDER BY i32 NULLS LAST`

const ROWS_10K = "SELECT i AS id, i * 1.5 AS x, 'row-' || i AS s FROM range(10000) t(i) ORDER BY i"

const isFinite = (u: unknown) => typeof u === "number" && Number.isFinite(u)

/**
 * An Arrow value as the JSON path writes it: 64-bit integers as numbers (or strings when
 * beyond 2^53), non-finite floats as null, decimals as numbers, dates and timestamps as
 * text, nested values as arrays and objects (or as their JSON text, the way some servers
 * emit them).
 */
const normalize = (value: unknown, type: DataType, json: unknown): unknown => {
  if (value === null || value === undefined) return null
  switch (type.typeId) {
    case Type.Int: {
      const n = typeof value === "bigint" ? value : BigInt(value as number)
      return Number.isSafeInteger(Number(n)) ? Number(n) : n.toString()
    }
    case Type.Float:
      return isFinite(value) ? value : null
    case Type.Decimal:
      return util.bigNumToNumber(value as any, (type as any).scale)
    case Type.Date:
      return new Date(value as number).toISOString().slice(0, 10)
    case Type.Timestamp:
      return typeof json === "string" && Date.parse(json) === (value as number) ? json : value
    case Type.List:
      return Array.from(
        value as Iterable<unknown>,
        (item, i) => normalize(item, (type as any).children[0].type, Array.isArray(json) ? json[i] : undefined)
      )
    case Type.Struct: {
      const record: Record<string, unknown> = {}
      for (const field of (type as any).children) {
        record[field.name] = normalize(
          (value as any)[field.name],
          field.type,
          json !== null && typeof json === "object" ? (json as any)[field.name] : undefined
        )
      }
      return record
    }
    case Type.Utf8:
      // Nested values sent as their JSON text.
      return json !== null && typeof json === "object" ? JSON.parse(value as string) : value
    default:
      return value
  }
}

const setUp = Effect.gen(function*() {
  const client = yield* HotdataClient.HotdataClient
  const database = yield* client.databases.create({ name: "arrow-tests" })
  return database.id
})

const rowsOf = (table: Table) => table.toArray().map((row) => row.toJSON() as Record<string, unknown>)

layer(LocalHotdata.layer(), { excludeTestServices: true, timeout: "60 seconds" })("against the local server", (it) => {
  it.effect("round-trips every column type and matches the JSON path", () =>
    Effect.gen(function*() {
      const databaseId = yield* setUp
      const table = yield* ArrowQuery.table(EVERY_TYPE, { databaseId })
      const json = yield* Query.run(EVERY_TYPE, { databaseId })
      assert.deepStrictEqual(table.schema.fields.map((f) => f.name), json.columns)
      assert.strictEqual(table.numRows, 3)
      assert.strictEqual(json.rows.length, 3)
      const rows = rowsOf(table)
      table.schema.fields.forEach((field, c) => {
        for (let r = 0; r < 3; r++) {
          const expected = json.rows[r]![c]
          const actual = normalize(rows[r]![field.name], field.type, expected)
          const same = typeof expected === "number" && typeof actual === "number"
            ? Math.abs(expected - actual) < 1e-9
            : JSON.stringify(actual) === JSON.stringify(expected)
          assert.isTrue(
            same,
            `${field.name} (${field.type}) row ${r}: arrow ${JSON.stringify(actual)} json ${JSON.stringify(expected)}`
          )
        }
      })
      // Arrow keeps what JSON cannot: exact 64-bit integers and non-finite floats.
      assert.strictEqual(rows[1]!.i64, 9007199254740993n)
      assert.isTrue(Number.isNaN(rows[1]!.special as number))
      assert.strictEqual(rows[0]!.f64, Infinity)
      assert.strictEqual(rows[0]!.special, -Infinity)
      // The NULL row is null in every column.
      for (const field of table.schema.fields) assert.isNull(rows[2]![field.name], field.name)
      // Every column carries its proper Arrow type.
      const typeOf = (name: string) => table.schema.fields.find((f) => f.name === name)!.type as any
      const ints: Record<string, number> = { i8: 8, i16: 16, i32: 32, i64: 64, i64b: 64, n: 32 }
      for (const [name, bitWidth] of Object.entries(ints)) {
        assert.strictEqual(typeOf(name).typeId, Type.Int, name)
        assert.strictEqual(typeOf(name).bitWidth, bitWidth, name)
        assert.isTrue(typeOf(name).isSigned, name)
      }
      assert.strictEqual(typeOf("f32").typeId, Type.Float)
      assert.strictEqual(typeOf("f32").precision, Precision.SINGLE)
      for (const name of ["f64", "special"]) assert.strictEqual(typeOf(name).precision, Precision.DOUBLE, name)
      assert.strictEqual(typeOf("dec").typeId, Type.Decimal)
      assert.deepStrictEqual([typeOf("dec").precision, typeOf("dec").scale], [10, 2])
      assert.strictEqual(typeOf("s").typeId, Type.Utf8)
      assert.strictEqual(typeOf("b").typeId, Type.Bool)
      assert.strictEqual(typeOf("d").typeId, Type.Date)
      assert.strictEqual(typeOf("d").unit, DateUnit.DAY)
      assert.strictEqual(typeOf("ts").typeId, Type.Timestamp)
      assert.deepStrictEqual([typeOf("ts").unit, typeOf("ts").timezone], [TimeUnit.MICROSECOND, "UTC"])
      assert.strictEqual(typeOf("l").typeId, Type.List)
      assert.strictEqual(typeOf("l").children[0].type.typeId, Type.Int)
      assert.strictEqual(typeOf("st").typeId, Type.Struct)
      assert.deepStrictEqual(typeOf("st").children.map((f: any) => [f.name, f.type.typeId]), [
        ["a", Type.Int],
        ["b", Type.Utf8]
      ])
    }))

  it.effect("reads offset/limit windows, with the total and the next page", () =>
    Effect.gen(function*() {
      const databaseId = yield* setUp
      const resultId = yield* Effect.scoped(
        Effect.map(ArrowQuery.open(ROWS_10K, { databaseId, limit: 0 }), (result) => result.resultId)
      )
      const window = yield* Effect.scoped(Effect.gen(function*() {
        const opened = yield* ArrowResults.open(resultId, { databaseId, offset: 2500, limit: 1000 })
        const batches = yield* Stream.runCollect(opened.batches)
        return { opened, ids: [...batches].flatMap((b) => Array.from(b.getChild("id")!.toArray(), Number)) }
      }))
      assert.strictEqual(window.opened.totalRowCount, 10000)
      assert.deepStrictEqual(window.ids, Array.from({ length: 1000 }, (_, i) => 2500 + i))
      assert.strictEqual(window.opened.nextPage?.offset, 3500)
      assert.strictEqual(window.opened.nextPage?.limit, 1000)

      const last = yield* Effect.scoped(Effect.gen(function*() {
        const opened = yield* ArrowResults.open(resultId, { databaseId, offset: 9500, limit: 1000 })
        return { opened, rows: yield* Stream.runFold(opened.batches, 0, (n, b) => n + b.numRows) }
      }))
      assert.strictEqual(last.rows, 500)
      assert.isUndefined(last.opened.nextPage)

      const beyond = yield* ArrowResults.table(resultId, { databaseId, offset: 20000 })
      assert.strictEqual(beyond.numRows, 0)
      assert.deepStrictEqual(beyond.schema.fields.map((f) => f.name), ["id", "x", "s"])

      const all = yield* ArrowResults.table(resultId, { databaseId })
      assert.strictEqual(all.numRows, 10000)
      assert.strictEqual(all.getChild("s")!.get(9999), "row-9999")
    }))

  it.effect("returns an empty table with its schema", () =>
    Effect.gen(function*() {
      const databaseId = yield* setUp
      const table = yield* ArrowQuery.table("SELECT 1::INTEGER AS a, 'x' AS b WHERE false", { databaseId })
      assert.strictEqual(table.numRows, 0)
      assert.deepStrictEqual(table.schema.fields.map((f) => f.name), ["a", "b"])
    }))

  it.effect("waits through a query run (202) before streaming", () =>
    Effect.gen(function*() {
      const databaseId = yield* setUp
      const table = yield* ArrowQuery.table(ROWS_10K, { databaseId, async: true })
      assert.strictEqual(table.numRows, 10000)
    }))

  it.effect("fails with ArrowDecodeError when the body is cut mid-stream", () =>
    Effect.gen(function*() {
      const server = yield* LocalHotdata.LocalHotdata
      const databaseId = yield* setUp
      const resultId = yield* Effect.scoped(
        Effect.map(ArrowQuery.open(ROWS_10K, { databaseId, limit: 0 }), (result) => result.resultId)
      )
      yield* server.injectFault("get_result", Faults.cutBody(20_000))
      const error = yield* Effect.flip(Stream.runDrain(ArrowResults.stream(resultId, { databaseId })))
      assert.strictEqual(error._tag, "ArrowDecodeError")
      if (error._tag === "ArrowDecodeError") {
        assert.strictEqual(error.reason, "truncated")
        assert.isAtMost(error.bytesRead, 20_000)
      }
      // The next read is whole again.
      const table = yield* ArrowResults.table(resultId, { databaseId })
      assert.strictEqual(table.numRows, 10000)
    }))

  it.effect("aborts the request when the consumer stops early", () =>
    Effect.gen(function*() {
      const databaseId = yield* setUp
      const resultId = yield* Effect.scoped(
        Effect.map(
          ArrowQuery.open("SELECT i AS id, repeat('x', 100) AS pad FROM range(300000) t(i)", { databaseId, limit: 0 }),
          (result) => result.resultId
        )
      )
      const signals: Array<AbortSignal> = []
      const recording: typeof globalThis.fetch = (input, init) => {
        if (init?.signal) signals.push(init.signal)
        return globalThis.fetch(input, init)
      }
      const first = yield* Stream.runCollect(Stream.take(ArrowResults.stream(resultId, { databaseId }), 1)).pipe(
        Effect.provideService(FetchHttpClient.Fetch, recording)
      )
      assert.strictEqual(first.length, 1)
      assert.strictEqual(signals.length, 1)
      assert.isTrue(signals[0]!.aborted)

      // Interrupting the consuming fiber does the same.
      const fiber = yield* Effect.fork(
        Stream.runDrain(Stream.tap(ArrowResults.stream(resultId, { databaseId }), () => Effect.never)).pipe(
          Effect.provideService(FetchHttpClient.Fetch, recording)
        )
      )
      while (signals.length < 2) yield* Effect.sleep("10 millis")
      yield* Effect.sleep("50 millis")
      yield* Fiber.interrupt(fiber)
      yield* Effect.sleep("10 millis")
      assert.isTrue(signals[1]!.aborted)
    }))

  it.effect("reports 404 as NotFound and a failed result as ResultFailed", () =>
    Effect.gen(function*() {
      const server = yield* LocalHotdata.LocalHotdata
      const databaseId = yield* setUp
      const missing = yield* Effect.flip(ArrowResults.table("rslt_missing", { databaseId }))
      assert.strictEqual(missing._tag, "NotFound")
      yield* server.injectFault("result_persistence", Faults.failResult("disk full"))
      const failed = yield* Effect.flip(ArrowQuery.table("SELECT 42 AS answer", { databaseId }))
      assert.strictEqual(failed._tag, "ResultFailed")
      assert.include(failed.message, "disk full")
    }))

  describe("Export", () => {
    it.effect("streams Arrow, CSV and Parquet to files", () =>
      Effect.gen(function*() {
        const fs = yield* FileSystem.FileSystem
        const dir = yield* fs.makeTempDirectoryScoped({ directory: NodeOs.tmpdir() })
        const databaseId = yield* setUp
        const resultId = yield* Effect.scoped(
          Effect.map(ArrowQuery.open(ROWS_10K, { databaseId, limit: 0 }), (result) => result.resultId)
        )
        const progress: Array<Export.Progress> = []
        const arrow = yield* Export.toFile(resultId, NodePath.join(dir, "r.arrows"), {
          databaseId,
          format: "arrow",
          onProgress: (p) => {
            progress.push(p)
          }
        })
        assert.strictEqual(arrow.totalRowCount, 10000)
        // The last event is the whole file, with the rows the server counted.
        const last = progress[progress.length - 1]!
        assert.isTrue(last.done)
        assert.strictEqual(last.bytesWritten, arrow.bytes)
        assert.strictEqual(last.totalRowCount, 10000)
        assert.strictEqual(progress.filter((p) => p.done).length, 1)
        if (last.totalBytes !== undefined) assert.strictEqual(last.percent, 100)
        assert.strictEqual(tableFromIPC(yield* fs.readFile(arrow.path)).numRows, 10000)
        const csv = yield* Export.toFile(resultId, NodePath.join(dir, "r.csv"), {
          databaseId,
          format: "csv",
          offset: 10,
          limit: 2
        })
        assert.strictEqual(yield* fs.readFileString(csv.path), "id,x,s\n10,15,row-10\n11,16.5,row-11\n")
        const parquet = yield* Export.toFile(resultId, NodePath.join(dir, "r.parquet"), {
          databaseId,
          format: "parquet"
        })
        const bytes = yield* fs.readFile(parquet.path)
        assert.strictEqual(parquet.bytes, bytes.length)
        assert.strictEqual(new TextDecoder().decode(bytes.subarray(0, 4)), "PAR1")
        assert.strictEqual(new TextDecoder().decode(bytes.subarray(bytes.length - 4)), "PAR1")
      }).pipe(Effect.scoped, Effect.provide(NodeFileSystem.layer)))
  })
})
