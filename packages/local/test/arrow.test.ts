import { describe, it } from "@effect/vitest"
import { DateUnit, Precision, type Table, tableFromIPC, TimeUnit, Type, util } from "apache-arrow"
import * as Effect from "effect/Effect"
import { assert } from "vitest"
import * as LocalHotdata from "../src/LocalHotdata.js"
import { api, poll } from "./helpers.js"

/** One column per DuckDB type, a row of values, a row of edge values and a NULL row. */
const EVERY_TYPE = `
SELECT * FROM (VALUES
  (1, 1::TINYINT, 2::SMALLINT, 3::INTEGER, 9007199254740993::BIGINT, 5::UTINYINT, 6::USMALLINT, 7::UINTEGER,
   18446744073709551615::UBIGINT, 1.5::FLOAT, 2.25::DOUBLE, 12.34::DECIMAL(4,2), -12.34::DECIMAL(9,2),
   -123456789012.34::DECIMAL(18,2), -1234567890123456789012.345::DECIMAL(38,3), 170141183460469231731687303715884105727::HUGEINT,
   true, DATE '2024-01-02', TIME '01:02:03.5', TIMESTAMP '2024-01-02 03:04:05.123456',
   TIMESTAMPTZ '2024-01-02 03:04:05.123+00', 'héllo, a string longer than twelve bytes', 'ab'::BLOB,
   [1, 2, NULL], [[1], [], [2, 3]], {'a': 1, 'b': 'x'}, MAP {'k': 1}, 'a7b1d6d2-1f0e-4a3f-9a59-1b0c1f0f5d6e'::UUID,
   INTERVAL 3 DAY),
  (2, (-128)::TINYINT, (-32768)::SMALLINT, (-2147483648)::INTEGER, (-9223372036854775808)::BIGINT, 255::UTINYINT,
   65535::USMALLINT, 4294967295::UINTEGER, 0::UBIGINT, 'NaN'::FLOAT, 'Infinity'::DOUBLE, -0.01::DECIMAL(4,2),
   0::DECIMAL(9,2), 0.01::DECIMAL(18,2), 0::DECIMAL(38,3), -1::HUGEINT, false, DATE '1969-12-31',
   TIME '23:59:59.999999', TIMESTAMP '1969-12-31 23:59:59', TIMESTAMPTZ '1999-12-31 23:59:59+00', '', ''::BLOB,
   []::INTEGER[], NULL, {'a': NULL, 'b': ''}, MAP {}::MAP(VARCHAR, INTEGER), NULL, INTERVAL 1 MONTH),
  (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '-Infinity'::DOUBLE, NULL, NULL, NULL, NULL, NULL,
   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
) AS t(k, i8, i16, i32, i64, u8, u16, u32, u64, f32, f64, d4, d9, d18, d38, h, b, d, t, ts, tz, s, bl, l, ll, st, m, u,
  iv)
ORDER BY k`

const describeType = (type: any): string => {
  switch (type.typeId) {
    case Type.Int:
      return `${type.isSigned ? "Int" : "Uint"}${type.bitWidth}`
    case Type.Float:
      return type.precision === Precision.SINGLE ? "Float32" : "Float64"
    case Type.Decimal:
      return `Decimal${type.bitWidth}(${type.precision},${type.scale})`
    case Type.Date:
      return type.unit === DateUnit.DAY ? "Date32" : "Date64"
    case Type.Time:
      return `Time${type.bitWidth}(${TimeUnit[type.unit]})`
    case Type.Timestamp:
      return `Timestamp(${TimeUnit[type.unit]}${type.timezone ? `, ${type.timezone}` : ""})`
    case Type.List:
      return `List<${describeType(type.children[0].type)}>`
    case Type.Struct:
      return `Struct<${type.children.map((f: any) => `${f.name}: ${describeType(f.type)}`).join(", ")}>`
    case Type.Map:
      return `Map<${describeType(type.children[0].type.children[0].type)}, ${
        describeType(type.children[0].type.children[1].type)
      }>`
    case Type.Utf8:
      return "Utf8"
    case Type.Binary:
      return "Binary"
    case Type.Bool:
      return "Bool"
    default:
      return String(type)
  }
}

describe("Arrow results", () => {
  it.layer(LocalHotdata.layerServer(), { timeout: 120_000 })((it) => {
    const setUp = (sql: string) =>
      Effect.gen(function*() {
        const { call } = yield* api
        const db = (yield* call("POST", "/v1/databases", { body: { name: "arrow" } })).json
        const query = yield* call("POST", "/v1/query", { database: db.id, body: { sql } })
        assert.strictEqual(query.status, 200, query.text)
        yield* poll(
          call("GET", `/v1/results/${query.json.result_id}?limit=0`, { database: db.id }),
          (r) => r.status === 200
        )
        const get = (params: string) =>
          call("GET", `/v1/results/${query.json.result_id}?${params}`, { database: db.id })
        const arrow = (params = "") =>
          Effect.map(get(`format=arrow&${params}`), (reply) => {
            assert.strictEqual(reply.status, 200, reply.text)
            return { reply, table: tableFromIPC(reply.bytes) }
          })
        return { get, arrow }
      })

    it.effect("carries the proper Arrow type of every column, with raw non-finite floats and nulls", () =>
      Effect.gen(function*() {
        const { arrow, get } = yield* setUp(EVERY_TYPE)
        const { table } = yield* arrow()
        const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, describeType(f.type)]))
        assert.deepStrictEqual(types, {
          k: "Int32",
          i8: "Int8",
          i16: "Int16",
          i32: "Int32",
          i64: "Int64",
          u8: "Uint8",
          u16: "Uint16",
          u32: "Uint32",
          u64: "Uint64",
          f32: "Float32",
          f64: "Float64",
          d4: "Decimal128(4,2)",
          d9: "Decimal128(9,2)",
          d18: "Decimal128(18,2)",
          d38: "Decimal128(38,3)",
          // DuckDB writes HUGEINT to Parquet as DOUBLE: the result holds doubles.
          h: "Float64",
          b: "Bool",
          d: "Date32",
          t: "Time64(MICROSECOND)",
          ts: "Timestamp(MICROSECOND)",
          tz: "Timestamp(MICROSECOND, UTC)",
          s: "Utf8",
          bl: "Binary",
          l: "List<Int32>",
          ll: "List<List<Int32>>",
          st: "Struct<a: Int32, b: Utf8>",
          m: "Map<Utf8, Int32>",
          u: "Utf8",
          iv: "Utf8"
        })
        assert.strictEqual(table.numRows, 4)
        const rows = table.toArray().map((row) => row.toJSON() as Record<string, any>)
        const [first, second, third, fourth] = rows as [any, any, any, any]

        assert.strictEqual(first.i64, 9007199254740993n)
        assert.strictEqual(second.i64, -9223372036854775808n)
        assert.strictEqual(first.u64, 18446744073709551615n)
        assert.deepStrictEqual([second.i8, second.i16, second.i32], [-128, -32768, -2147483648])
        assert.deepStrictEqual([second.u8, second.u16, second.u32], [255, 65535, 4294967295])
        assert.strictEqual(first.f32, 1.5)
        assert.isTrue(Number.isNaN(second.f32))
        assert.strictEqual(second.f64, Infinity)
        assert.strictEqual(third.f64, -Infinity)
        // Decimals hold their unscaled value; the scale is in the type.
        const decimals = (row: any) => ["d4", "d9", "d18", "d38"].map((name) => String(row[name]))
        assert.deepStrictEqual(decimals(first), ["1234", "-1234", "-12345678901234", "-1234567890123456789012345"])
        assert.deepStrictEqual(decimals(second), ["-1", "0", "1", "0"])
        assert.strictEqual(util.bigNumToNumber(first.d9, 2), -12.34)
        assert.deepStrictEqual([first.b, second.b], [true, false])
        assert.strictEqual(first.d, Date.UTC(2024, 0, 2))
        assert.strictEqual(second.d, -86_400_000)
        assert.strictEqual(first.t, 3_723_500_000n)
        assert.strictEqual(table.getChild("ts")!.data[0]!.values[0], 1704164645123456n)
        assert.strictEqual(table.getChild("tz")!.data[0]!.values[0], 1704164645123000n)
        assert.strictEqual(first.s, "héllo, a string longer than twelve bytes")
        assert.strictEqual(second.s, "")
        assert.deepStrictEqual(Array.from(first.bl), [97, 98])
        assert.deepStrictEqual(Array.from(second.bl), [])
        assert.deepStrictEqual(Array.from(first.l), [1, 2, null])
        assert.deepStrictEqual(Array.from(second.l), [])
        assert.deepStrictEqual(Array.from(first.ll, (inner: any) => Array.from(inner)), [[1], [], [2, 3]])
        assert.isNull(second.ll)
        assert.deepStrictEqual(first.st.toJSON(), { a: 1, b: "x" })
        assert.deepStrictEqual(second.st.toJSON(), { a: null, b: "" })
        assert.deepStrictEqual(first.m.toJSON(), { k: 1 })
        assert.deepStrictEqual(second.m.toJSON(), {})
        assert.strictEqual(first.u, "a7b1d6d2-1f0e-4a3f-9a59-1b0c1f0f5d6e")
        assert.strictEqual(first.iv, "3 days")
        for (const field of table.schema.fields) {
          if (field.name !== "k") assert.isNull(fourth[field.name], field.name)
          if (!["k", "f64"].includes(field.name)) assert.isNull(third[field.name], field.name)
        }

        // JSON keeps its own shape: non-finite floats as null, every float column nullable.
        const json = (yield* get("format=json")).json
        assert.strictEqual(json.rows[1][json.columns.indexOf("f64")], null)
        assert.strictEqual(json.rows[1][json.columns.indexOf("f32")], null)
        assert.isTrue(json.nullable[json.columns.indexOf("f64")])
      }))

    it.effect("streams many batches and any window of them, matching the JSON path", () =>
      Effect.gen(function*() {
        const total = 100_000
        const { arrow, get } = yield* setUp(
          `SELECT i AS id, CASE WHEN i % 7 = 0 THEN NULL ELSE (i * 0.5)::DOUBLE END AS x,
             CASE WHEN i % 5 = 0 THEN NULL WHEN i % 3 = 0 THEN repeat('é', i % 20) ELSE 'row-' || i END AS s,
             i % 2 = 0 AS even, CASE WHEN i % 4 = 0 THEN NULL ELSE range(i % 4) END AS l
           FROM range(${total}) t(i) ORDER BY i`
        )
        const check = (table: Table, from: number, count: number) => {
          assert.strictEqual(table.numRows, count)
          let row = from
          for (const batch of table.batches) {
            const ids = batch.getChild("id")!.toArray() as BigInt64Array
            const xs = batch.getChild("x")!
            const ss = batch.getChild("s")!
            const evens = batch.getChild("even")!
            const ls = batch.getChild("l")!
            for (let r = 0; r < batch.numRows; r++, row++) {
              if (ids[r] !== BigInt(row)) assert.fail(`id at ${row}: ${ids[r]}`)
              if (xs.get(r) !== (row % 7 === 0 ? null : row * 0.5)) assert.fail(`x at ${row}: ${xs.get(r)}`)
              const s = row % 5 === 0 ? null : row % 3 === 0 ? "é".repeat(row % 20) : `row-${row}`
              if (ss.get(r) !== s) assert.fail(`s at ${row}: ${ss.get(r)} instead of ${s}`)
              if (evens.get(r) !== (row % 2 === 0)) assert.fail(`even at ${row}`)
              const l = ls.get(r)
              const items = l === null ? null : Array.from(l as Iterable<bigint>, Number).join(",")
              const expected = row % 4 === 0 ? null : Array.from({ length: row % 4 }, (_, i) => i).join(",")
              if (items !== expected) assert.fail(`l at ${row}: ${items} instead of ${expected}`)
            }
          }
          assert.strictEqual(row, from + count)
        }
        const all = yield* arrow()
        assert.isAbove(all.table.batches.length, 1)
        assert.strictEqual(all.reply.headers.get("x-total-row-count"), String(total))
        check(all.table, 0, total)

        const window = yield* arrow("offset=70001&limit=5000")
        check(window.table, 70001, 5000)
        assert.match(window.reply.headers.get("link") ?? "", /offset=75001.*limit=5000.*rel="next"/)

        const json = (yield* get("format=json&offset=70001&limit=5")).json.rows
        assert.deepStrictEqual(
          json.map((row: Array<unknown>) => row[2]),
          Array.from({ length: 5 }, (_, i) => window.table.getChild("s")!.get(i))
        )

        const empty = yield* arrow(`offset=${total}`)
        assert.strictEqual(empty.table.numRows, 0)
        assert.deepStrictEqual(empty.table.schema.fields.map((f) => describeType(f.type)), [
          "Int64",
          "Float64",
          "Utf8",
          "Bool",
          "List<Int64>"
        ])
        const none = yield* arrow("limit=0")
        assert.strictEqual(none.table.numRows, 0)
        assert.strictEqual(none.table.schema.fields.length, 5)
      }))
  })
})
