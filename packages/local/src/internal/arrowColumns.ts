/**
 * Columnar conversion of DuckDB data chunks into Arrow record batches.
 *
 * Each column is built straight from the memory of DuckDB's vectors: fixed-width values
 * are copied as bytes (so non-finite floats stay exactly as DuckDB holds them), strings
 * become offsets plus UTF-8 bytes, and DuckDB's validity masks become Arrow validity
 * bitmaps (both are little-endian bit sets). Chunks accumulate until a batch is big
 * enough to be worth an IPC message.
 *
 * @internal
 */
import {
  type DuckDBArrayType,
  type DuckDBDataChunk,
  type DuckDBDecimalType,
  type DuckDBListType,
  type DuckDBMapType,
  type DuckDBStructType,
  type DuckDBType,
  DuckDBTypeId,
  DuckDBVector
} from "@duckdb/node-api"
import * as Arrow from "apache-arrow"
import { createRequire } from "node:module"
import { toJsonValue } from "./values.js"

/** A DuckDB vector handle, as the native bindings give it (the type `DuckDBVector.create` takes). */
type RawVector = Parameters<typeof DuckDBVector.create>[0]

/** The few native calls the conversion needs, from the bindings `@duckdb/node-api` is built on. */
interface Bindings {
  readonly data_chunk_get_vector: (chunk: unknown, column: number) => RawVector
  readonly vector_get_data: (vector: RawVector, byteCount: number) => Uint8Array
  readonly vector_get_validity: (vector: RawVector, byteCount: number) => Uint8Array | null | undefined
  readonly list_vector_get_child: (vector: RawVector) => RawVector
  readonly list_vector_get_size: (vector: RawVector) => number
  readonly struct_vector_get_child: (vector: RawVector, index: number) => RawVector
  readonly array_vector_get_child: (vector: RawVector) => RawVector
  readonly get_data_from_pointer: (buffer: ArrayBufferLike, pointerOffset: number, byteCount: number) => Uint8Array
}

let bindingsCache: Bindings | undefined
const bindings = (): Bindings => {
  if (bindingsCache === undefined) {
    // The same module instance `@duckdb/node-api` itself loads, resolved from its location.
    const api = createRequire(import.meta.url).resolve("@duckdb/node-api")
    bindingsCache = createRequire(api)("@duckdb/node-bindings") as Bindings
  }
  return bindingsCache
}

/** Rows per record batch (a multiple of DuckDB's 2048-row chunks). */
const BATCH_ROWS = 64 * 1024
/** A batch is also cut once its buffers reach this many bytes. */
const BATCH_BYTES = 16 * 1024 * 1024

// ---------------------------------------------------------------------------------------
// Growable buffers
// ---------------------------------------------------------------------------------------

class Bytes {
  buf: Uint8Array
  length = 0
  constructor(capacity: number) {
    this.buf = new Uint8Array(Math.max(64, capacity))
  }
  reserve(extra: number): void {
    const needed = this.length + extra
    if (needed <= this.buf.length) return
    let capacity = this.buf.length * 2
    while (capacity < needed) capacity *= 2
    const next = new Uint8Array(capacity)
    next.set(this.buf.subarray(0, this.length))
    this.buf = next
  }
  append(bytes: Uint8Array): void {
    this.reserve(bytes.length)
    this.buf.set(bytes, this.length)
    this.length += bytes.length
  }
  /** The bytes so far (a fresh, exactly sized buffer), leaving this empty. */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.length)
    this.length = 0
    return out
  }
}

/** An Arrow validity bitmap, allocated only once a null shows up. */
class Validity {
  private bits: Uint8Array | null = null
  length = 0
  nullCount = 0

  private grow(upTo: number): void {
    const bytes = (upTo + 7) >> 3
    if (this.bits === null) {
      this.bits = new Uint8Array(Math.max(bytes, (BATCH_ROWS + 7) >> 3, 8))
      // Everything before the first null was valid.
      setBits(this.bits, 0, this.length)
    } else if (bytes > this.bits.length) {
      const next = new Uint8Array(Math.max(bytes, this.bits.length * 2))
      next.set(this.bits)
      this.bits = next
    }
  }

  appendValid(count: number): void {
    if (this.bits !== null) {
      this.grow(this.length + count)
      setBits(this.bits, this.length, count)
    }
    this.length += count
  }

  appendNull(): void {
    this.grow(this.length + 1)
    this.length += 1
    this.nullCount += 1
  }

  /** Appends `count` entries of a DuckDB validity mask (absent: all valid) from `start`. */
  appendMask(mask: Uint8Array | null | undefined, start: number, count: number): void {
    if (mask === null || mask === undefined) return this.appendValid(count)
    for (let i = 0; i < count; i++) {
      const bit = start + i
      if ((mask[bit >> 3]! >> (bit & 7)) & 1) this.appendValid(1)
      else this.appendNull()
    }
  }

  take(): { readonly nullBitmap: Uint8Array | undefined; readonly nullCount: number } {
    const out = {
      nullBitmap: this.nullCount > 0 && this.bits !== null ? this.bits.slice(0, (this.length + 7) >> 3) : undefined,
      nullCount: this.nullCount
    }
    this.bits = null
    this.length = 0
    this.nullCount = 0
    return out
  }
}

const setBits = (bits: Uint8Array, from: number, count: number): void => {
  let i = from
  const end = from + count
  while (i < end && (i & 7) !== 0) {
    bits[i >> 3]! |= 1 << (i & 7)
    i++
  }
  while (i + 8 <= end) {
    bits[i >> 3] = 0xff
    i += 8
  }
  while (i < end) {
    bits[i >> 3]! |= 1 << (i & 7)
    i++
  }
}

const validityOf = (vector: RawVector, itemCount: number): Uint8Array | null | undefined =>
  bindings().vector_get_validity(vector, Math.ceil(itemCount / 64) * 8)

// ---------------------------------------------------------------------------------------
// Column builders
// ---------------------------------------------------------------------------------------

/** Appends rows `[start, start + count)` of the vector a builder was bound to. */
type Appender = (start: number, count: number) => void

interface Builder {
  readonly type: Arrow.DataType
  /** Reads a DuckDB vector of `itemCount` items once, for any number of appends. */
  bind(vector: RawVector, itemCount: number): Appender
  /** Bytes held so far (a lower bound of the encoded size). */
  readonly byteLength: number
  /** The Arrow data built so far; the builder starts over empty. */
  finish(): Arrow.Data
}

/**
 * What every column builder keeps: the rows appended since the last batch and their
 * validity, taken together when the batch is finished.
 */
abstract class RowsBuilder {
  protected readonly validity = new Validity()
  protected rows = 0
  /** The batch's length and validity; the next batch starts with no rows. */
  protected takeRows(): {
    readonly length: number
    readonly nullCount: number
    readonly nullBitmap: Uint8Array | undefined
  } {
    const { nullBitmap, nullCount } = this.validity.take()
    const length = this.rows
    this.rows = 0
    return { length, nullCount, nullBitmap }
  }
}

/** A builder whose values are one buffer of bytes. */
abstract class BytesBuilder extends RowsBuilder {
  protected readonly data: Bytes
  constructor(capacity: number) {
    super()
    this.data = new Bytes(capacity)
  }
  get byteLength() {
    return this.data.length
  }
}

/** Fixed-width values copied as they are (integers, floats, dates, times, timestamps). */
class FixedBuilder extends BytesBuilder implements Builder {
  constructor(readonly type: Arrow.DataType, private readonly width: number) {
    super(BATCH_ROWS * width)
  }
  bind(vector: RawVector, itemCount: number): Appender {
    const width = this.width
    const bytes = bindings().vector_get_data(vector, itemCount * width)
    const mask = validityOf(vector, itemCount)
    return (start, count) => {
      this.data.append(bytes.subarray(start * width, (start + count) * width))
      this.validity.appendMask(mask, start, count)
      this.rows += count
    }
  }
  finish(): Arrow.Data {
    return Arrow.makeData({ type: this.type as Arrow.Int, ...this.takeRows(), data: this.data.take() })
  }
}

/** DuckDB decimals of 16, 32 or 64 bits widened to Arrow's 128-bit decimals. */
class DecimalBuilder extends BytesBuilder implements Builder {
  constructor(readonly type: Arrow.Decimal, private readonly sourceWidth: 2 | 4 | 8 | 16) {
    super(BATCH_ROWS * 16)
  }
  bind(vector: RawVector, itemCount: number): Appender {
    const width = this.sourceWidth
    const bytes = bindings().vector_get_data(vector, itemCount * width)
    const mask = validityOf(vector, itemCount)
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    return (start, count) => {
      this.validity.appendMask(mask, start, count)
      this.rows += count
      if (width === 16) {
        this.data.append(bytes.subarray(start * 16, (start + count) * 16))
        return
      }
      this.data.reserve(count * 16)
      const out = new DataView(this.data.buf.buffer, this.data.buf.byteOffset + this.data.length, count * 16)
      for (let i = 0; i < count; i++) {
        const at = (start + i) * width
        let low: number
        let high: number
        if (width === 2) {
          low = view.getInt16(at, true)
          high = low < 0 ? -1 : 0
        } else if (width === 4) {
          low = view.getInt32(at, true)
          high = low < 0 ? -1 : 0
        } else {
          low = view.getInt32(at, true)
          high = view.getInt32(at + 4, true)
        }
        const sign = high < 0 ? -1 : 0
        out.setInt32(i * 16, low, true)
        out.setInt32(i * 16 + 4, high, true)
        out.setInt32(i * 16 + 8, sign, true)
        out.setInt32(i * 16 + 12, sign, true)
      }
      this.data.length += count * 16
    }
  }
  finish(): Arrow.Data {
    return Arrow.makeData({ type: this.type, ...this.takeRows(), data: this.data.take() })
  }
}

/** DuckDB booleans (a byte each) packed into Arrow's bit-packed values. */
class BoolBuilder extends RowsBuilder implements Builder {
  readonly type = new Arrow.Bool()
  private bits = new Uint8Array((BATCH_ROWS + 7) >> 3)
  get byteLength() {
    return (this.rows + 7) >> 3
  }
  bind(vector: RawVector, itemCount: number): Appender {
    const bytes = bindings().vector_get_data(vector, itemCount)
    const mask = validityOf(vector, itemCount)
    return (start, count) => {
      const needed = (this.rows + count + 7) >> 3
      if (needed > this.bits.length) {
        const next = new Uint8Array(Math.max(needed, this.bits.length * 2))
        next.set(this.bits)
        this.bits = next
      }
      for (let i = 0; i < count; i++) {
        if (bytes[start + i] !== 0) {
          const bit = this.rows + i
          this.bits[bit >> 3]! |= 1 << (bit & 7)
        }
      }
      this.validity.appendMask(mask, start, count)
      this.rows += count
    }
  }
  finish(): Arrow.Data {
    const rows = this.takeRows()
    const data = this.bits.slice(0, (rows.length + 7) >> 3)
    this.bits = new Uint8Array((BATCH_ROWS + 7) >> 3)
    return Arrow.makeData({ type: this.type, ...rows, data })
  }
}

/** Offsets plus bytes: Utf8 and Binary columns, whatever writes their values. */
abstract class VariableBuilder extends RowsBuilder implements Builder {
  protected readonly data = new Bytes(BATCH_ROWS * 16)
  protected offsets = new Int32Array(BATCH_ROWS + 1)
  constructor(readonly type: Arrow.Utf8 | Arrow.Binary) {
    super()
  }
  get byteLength() {
    return this.data.length + (this.rows + 1) * 4
  }
  protected reserveRows(count: number): void {
    if (this.rows + count + 1 > this.offsets.length) {
      const next = new Int32Array(Math.max(this.rows + count + 1, this.offsets.length * 2))
      next.set(this.offsets.subarray(0, this.rows + 1))
      this.offsets = next
    }
  }
  abstract bind(vector: RawVector, itemCount: number): Appender
  finish(): Arrow.Data {
    const rows = this.takeRows()
    const valueOffsets = this.offsets.slice(0, rows.length + 1)
    return Arrow.makeData({
      type: this.type as Arrow.Utf8,
      ...rows,
      valueOffsets,
      data: this.data.take()
    })
  }
}

/**
 * DuckDB strings and blobs: 16-byte entries holding the length and either the bytes
 * themselves (up to 12) or a pointer to them.
 */
class StringBuilder extends VariableBuilder {
  bind(vector: RawVector, itemCount: number): Appender {
    const native = bindings()
    const entries = native.vector_get_data(vector, itemCount * 16)
    const view = new DataView(entries.buffer, entries.byteOffset, entries.byteLength)
    const mask = validityOf(vector, itemCount)
    return (start, count) => {
      this.reserveRows(count)
      this.data.reserve(count * 12)
      const offsets = this.offsets
      let row = this.rows
      for (let i = start; i < start + count; i++) {
        if (mask !== null && mask !== undefined && ((mask[i >> 3]! >> (i & 7)) & 1) === 0) {
          this.validity.appendNull()
        } else {
          this.validity.appendValid(1)
          const at = i * 16
          const length = view.getUint32(at, true)
          if (length <= 12) {
            this.data.reserve(length)
            const buf = this.data.buf
            let o = this.data.length
            for (let k = 0; k < length; k++) buf[o++] = entries[at + 4 + k]!
            this.data.length = o
          } else {
            this.data.append(native.get_data_from_pointer(entries.buffer, entries.byteOffset + at + 8, length))
          }
        }
        offsets[++row] = this.data.length
      }
      this.rows = row
    }
  }
}

const textEncoder = new TextEncoder()

/** Any other value as its text: what the JSON path writes for it, JSON text for nested values. */
class TextBuilder extends VariableBuilder {
  constructor(private readonly duckType: DuckDBType) {
    super(new Arrow.Utf8())
  }
  bind(vector: RawVector, itemCount: number): Appender {
    const values = DuckDBVector.create(vector, itemCount, this.duckType)
    return (start, count) => {
      this.reserveRows(count)
      for (let i = start; i < start + count; i++) {
        const json = toJsonValue(values.getItem(i))
        if (json === null) this.validity.appendNull()
        else {
          this.validity.appendValid(1)
          this.data.append(textEncoder.encode(typeof json === "string" ? json : JSON.stringify(json)))
        }
        this.offsets[++this.rows] = this.data.length
      }
    }
  }
}

/** DuckDB lists (and maps, which are lists of key/value structs). */
class ListBuilder extends RowsBuilder implements Builder {
  private offsets = new Int32Array(BATCH_ROWS + 1)
  private children = 0
  constructor(readonly type: Arrow.List | Arrow.Map_, private readonly child: Builder) {
    super()
  }
  get byteLength() {
    return (this.rows + 1) * 4 + this.child.byteLength
  }
  bind(vector: RawVector, itemCount: number): Appender {
    const native = bindings()
    // Entries are (offset, length) pairs of 64-bit integers: read their low and high words.
    const words = new Uint32Array(native.vector_get_data(vector, itemCount * 16).slice().buffer)
    const mask = validityOf(vector, itemCount)
    const childAppend = this.child.bind(native.list_vector_get_child(vector), native.list_vector_get_size(vector))
    return (start, count) => {
      if (this.rows + count + 1 > this.offsets.length) {
        const next = new Int32Array(Math.max(this.rows + count + 1, this.offsets.length * 2))
        next.set(this.offsets.subarray(0, this.rows + 1))
        this.offsets = next
      }
      // Consecutive lists that are adjacent in the child vector go over in one append.
      let runStart = -1
      let runLength = 0
      for (let i = start; i < start + count; i++) {
        let length = 0
        if (mask !== null && mask !== undefined && ((mask[i >> 3]! >> (i & 7)) & 1) === 0) {
          this.validity.appendNull()
        } else {
          this.validity.appendValid(1)
          const offset = words[i * 4]! + words[i * 4 + 1]! * 0x1_0000_0000
          length = words[i * 4 + 2]! + words[i * 4 + 3]! * 0x1_0000_0000
          if (length > 0) {
            if (runStart >= 0 && runStart + runLength === offset) runLength += length
            else {
              if (runLength > 0) childAppend(runStart, runLength)
              runStart = offset
              runLength = length
            }
          }
        }
        this.children += length
        this.offsets[++this.rows] = this.children
      }
      if (runLength > 0) childAppend(runStart, runLength)
    }
  }
  finish(): Arrow.Data {
    const rows = this.takeRows()
    const valueOffsets = this.offsets.slice(0, rows.length + 1)
    this.children = 0
    return Arrow.makeData({
      type: this.type as Arrow.List,
      ...rows,
      valueOffsets,
      child: this.child.finish()
    })
  }
}

/** DuckDB fixed-size arrays. */
class FixedSizeListBuilder extends RowsBuilder implements Builder {
  constructor(readonly type: Arrow.FixedSizeList, private readonly size: number, private readonly child: Builder) {
    super()
  }
  get byteLength() {
    return this.child.byteLength
  }
  bind(vector: RawVector, itemCount: number): Appender {
    const native = bindings()
    const mask = validityOf(vector, itemCount)
    const size = this.size
    const childAppend = this.child.bind(native.array_vector_get_child(vector), itemCount * size)
    return (start, count) => {
      this.validity.appendMask(mask, start, count)
      if (count > 0 && size > 0) childAppend(start * size, count * size)
      this.rows += count
    }
  }
  finish(): Arrow.Data {
    return Arrow.makeData({ type: this.type, ...this.takeRows(), child: this.child.finish() })
  }
}

class StructBuilder extends RowsBuilder implements Builder {
  constructor(readonly type: Arrow.Struct, private readonly children: ReadonlyArray<Builder>) {
    super()
  }
  get byteLength() {
    return this.children.reduce((n, c) => n + c.byteLength, 0)
  }
  bind(vector: RawVector, itemCount: number): Appender {
    const native = bindings()
    const mask = validityOf(vector, itemCount)
    const appends = this.children.map((child, i) => child.bind(native.struct_vector_get_child(vector, i), itemCount))
    return (start, count) => {
      this.validity.appendMask(mask, start, count)
      for (const append of appends) append(start, count)
      this.rows += count
    }
  }
  finish(): Arrow.Data {
    return Arrow.makeData({ type: this.type, ...this.takeRows(), children: this.children.map((c) => c.finish()) })
  }
}

// ---------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------

const decimalStorage = (precision: number): 2 | 4 | 8 | 16 =>
  precision <= 4 ? 2 : precision <= 9 ? 4 : precision <= 18 ? 8 : 16

/**
 * The builder (and so the Arrow type) of a DuckDB type:
 *
 * - integers keep their width and signedness; FLOAT is Float32, DOUBLE Float64;
 * - DECIMAL(p, s) is Decimal128(p, s); HUGEINT is Decimal128(38, 0) (its 128 bits as they are);
 * - DATE is Date32 (days), TIME Time64(us), TIMESTAMP Timestamp(us), TIMESTAMP_S/MS/NS
 *   their unit, TIMESTAMPTZ Timestamp(us, "UTC");
 * - VARCHAR is Utf8, BLOB Binary; LIST is List, ARRAY FixedSizeList, STRUCT Struct,
 *   MAP Map;
 * - anything else (UUID, INTERVAL, TIMETZ, UHUGEINT, BIT, ENUM, UNION, ...) is Utf8 with
 *   the text the JSON path gives.
 */
const builderFor = (type: DuckDBType): Builder => {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return new BoolBuilder()
    case DuckDBTypeId.TINYINT:
      return new FixedBuilder(new Arrow.Int8(), 1)
    case DuckDBTypeId.SMALLINT:
      return new FixedBuilder(new Arrow.Int16(), 2)
    case DuckDBTypeId.INTEGER:
      return new FixedBuilder(new Arrow.Int32(), 4)
    case DuckDBTypeId.BIGINT:
      return new FixedBuilder(new Arrow.Int64(), 8)
    case DuckDBTypeId.UTINYINT:
      return new FixedBuilder(new Arrow.Uint8(), 1)
    case DuckDBTypeId.USMALLINT:
      return new FixedBuilder(new Arrow.Uint16(), 2)
    case DuckDBTypeId.UINTEGER:
      return new FixedBuilder(new Arrow.Uint32(), 4)
    case DuckDBTypeId.UBIGINT:
      return new FixedBuilder(new Arrow.Uint64(), 8)
    case DuckDBTypeId.FLOAT:
      return new FixedBuilder(new Arrow.Float32(), 4)
    case DuckDBTypeId.DOUBLE:
      return new FixedBuilder(new Arrow.Float64(), 8)
    case DuckDBTypeId.HUGEINT:
      return new DecimalBuilder(new Arrow.Decimal(0, 38, 128), 16)
    case DuckDBTypeId.DECIMAL: {
      const { scale, width } = type as DuckDBDecimalType
      return new DecimalBuilder(new Arrow.Decimal(scale, width, 128), decimalStorage(width))
    }
    case DuckDBTypeId.DATE:
      return new FixedBuilder(new Arrow.DateDay(), 4)
    case DuckDBTypeId.TIME:
      return new FixedBuilder(new Arrow.TimeMicrosecond(), 8)
    case DuckDBTypeId.TIME_NS:
      return new FixedBuilder(new Arrow.TimeNanosecond(), 8)
    case DuckDBTypeId.TIMESTAMP:
      return new FixedBuilder(new Arrow.TimestampMicrosecond(), 8)
    case DuckDBTypeId.TIMESTAMP_S:
      return new FixedBuilder(new Arrow.TimestampSecond(), 8)
    case DuckDBTypeId.TIMESTAMP_MS:
      return new FixedBuilder(new Arrow.TimestampMillisecond(), 8)
    case DuckDBTypeId.TIMESTAMP_NS:
      return new FixedBuilder(new Arrow.TimestampNanosecond(), 8)
    case DuckDBTypeId.TIMESTAMP_TZ:
      return new FixedBuilder(new Arrow.TimestampMicrosecond("UTC"), 8)
    case DuckDBTypeId.VARCHAR:
      return new StringBuilder(new Arrow.Utf8())
    case DuckDBTypeId.BLOB:
      return new StringBuilder(new Arrow.Binary())
    case DuckDBTypeId.LIST: {
      const child = builderFor((type as DuckDBListType).valueType)
      return new ListBuilder(new Arrow.List(new Arrow.Field("item", child.type, true)), child)
    }
    case DuckDBTypeId.ARRAY: {
      const { length, valueType } = type as DuckDBArrayType
      const child = builderFor(valueType)
      return new FixedSizeListBuilder(
        new Arrow.FixedSizeList(length, new Arrow.Field("item", child.type, true)),
        length,
        child
      )
    }
    case DuckDBTypeId.STRUCT: {
      const { entryNames, entryTypes } = type as DuckDBStructType
      const children = entryTypes.map(builderFor)
      return new StructBuilder(
        new Arrow.Struct(children.map((c, i) => new Arrow.Field(entryNames[i]!, c.type, true))),
        children
      )
    }
    case DuckDBTypeId.MAP: {
      const { keyType, valueType } = type as DuckDBMapType
      const key = builderFor(keyType)
      const value = builderFor(valueType)
      const entries = new Arrow.Struct<{ key: Arrow.DataType; value: Arrow.DataType }>([
        new Arrow.Field("key", key.type, false),
        new Arrow.Field("value", value.type, true)
      ])
      return new ListBuilder(
        new Arrow.Map_(new Arrow.Field("entries", entries, false), false),
        new StructBuilder(entries, [key, value])
      )
    }
    default:
      return new TextBuilder(type)
  }
}

// ---------------------------------------------------------------------------------------
// Batches
// ---------------------------------------------------------------------------------------

/**
 * Turns the data chunks of one DuckDB result into Arrow record batches of its schema.
 *
 * @internal
 */
export class ArrowBatcher {
  readonly schema: Arrow.Schema
  private readonly builders: ReadonlyArray<Builder>
  private rows = 0

  constructor(names: ReadonlyArray<string>, types: ReadonlyArray<DuckDBType>) {
    this.builders = types.map(builderFor)
    this.schema = new Arrow.Schema(names.map((name, i) => new Arrow.Field(name, this.builders[i]!.type, true)))
  }

  /** Rows waiting for the next batch. */
  get pendingRows(): number {
    return this.rows
  }

  /** Takes in a chunk; gives back a batch when enough rows have accumulated. */
  push(chunk: DuckDBDataChunk): Arrow.RecordBatch | undefined {
    const count = chunk.rowCount
    if (count === 0) return undefined
    const native = bindings()
    this.builders.forEach((builder, i) => builder.bind(native.data_chunk_get_vector(chunk.chunk, i), count)(0, count))
    this.rows += count
    if (this.rows >= BATCH_ROWS || this.builders.reduce((n, b) => n + b.byteLength, 0) >= BATCH_BYTES) {
      return this.flush()
    }
    return undefined
  }

  /** The rows taken in so far as one batch (possibly empty). */
  flush(): Arrow.RecordBatch {
    const length = this.rows
    this.rows = 0
    const data = Arrow.makeData({
      type: new Arrow.Struct(this.schema.fields),
      length,
      nullCount: 0,
      children: this.builders.map((b) => b.finish())
    })
    return new Arrow.RecordBatch(this.schema, data)
  }
}
