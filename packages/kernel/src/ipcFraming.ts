/**
 * Follows the message framing of an Arrow IPC stream as bytes pass by, without copying
 * message bodies, to tell a complete stream (one that reached its end-of-stream marker)
 * from one that stopped early. Arrow readers treat both the same way: they simply stop.
 *
 * Each message is an optional continuation marker (0xFFFFFFFF), an int32 metadata
 * length, the flatbuffer `Message` (whose `bodyLength` says how many body bytes follow)
 * and the body. A zero metadata length is the end-of-stream marker.
 */

/** A metadata block larger than this is taken as garbage rather than allocated. */
const MAX_METADATA = 256 * 1024 * 1024

type Phase = "prefix" | "metadata" | "body" | "end"

/** Tracks one Arrow IPC stream as its bytes pass by. */
export class IpcFraming {
  /** Bytes seen so far. */
  bytes = 0
  /** Messages (schema, dictionaries, batches) completely seen so far. */
  messages = 0
  /** Record batch messages completely seen so far. */
  batches = 0
  private phase: Phase = "prefix"
  private readonly prefix = new Uint8Array(4)
  private prefixFill = 0
  private continued = false
  private metadata = new Uint8Array(0)
  private metadataFill = 0
  private remaining = 0
  private header = 0

  /** Whether the end-of-stream marker has been seen. */
  get complete(): boolean {
    return this.phase === "end"
  }

  /** Where the stream stopped, for error messages. */
  get position(): string {
    switch (this.phase) {
      case "prefix":
        return this.prefixFill === 0 && !this.continued
          ? `after ${this.messages} complete message(s), with no end-of-stream marker`
          : `inside the header of message ${this.messages + 1}`
      case "metadata":
        return `inside the metadata of message ${this.messages + 1}`
      case "body":
        return `inside the body of message ${this.messages + 1} (${this.remaining} bytes missing)`
      case "end":
        return "at the end-of-stream marker"
    }
  }

  /** Follows one chunk. Returns a description of the problem when the bytes cannot be an IPC stream. */
  push(chunk: Uint8Array): string | undefined {
    this.bytes += chunk.length
    let at = 0
    while (at < chunk.length) {
      switch (this.phase) {
        case "end":
          // Bytes after the end-of-stream marker are ignored, as Arrow readers do.
          return undefined
        case "body": {
          const take = Math.min(this.remaining, chunk.length - at)
          this.remaining -= take
          at += take
          if (this.remaining === 0) this.finishMessage()
          break
        }
        case "metadata": {
          const take = Math.min(this.metadata.length - this.metadataFill, chunk.length - at)
          this.metadata.set(chunk.subarray(at, at + take), this.metadataFill)
          this.metadataFill += take
          at += take
          if (this.metadataFill === this.metadata.length) {
            const bodyLength = readBodyLength(this.metadata)
            if (bodyLength === undefined) return `message ${this.messages + 1} has unreadable metadata`
            this.header = readHeaderType(this.metadata)
            this.metadata = new Uint8Array(0)
            this.remaining = bodyLength
            this.phase = "body"
            if (bodyLength === 0) this.finishMessage()
          }
          break
        }
        case "prefix": {
          const take = Math.min(4 - this.prefixFill, chunk.length - at)
          this.prefix.set(chunk.subarray(at, at + take), this.prefixFill)
          this.prefixFill += take
          at += take
          if (this.prefixFill === 4) {
            this.prefixFill = 0
            const value = new DataView(this.prefix.buffer).getInt32(0, true)
            if (value === -1 && !this.continued) {
              this.continued = true
              break
            }
            this.continued = false
            if (value === 0) {
              this.phase = "end"
            } else if (value < 0 || value > MAX_METADATA) {
              return `message ${this.messages + 1} announces an invalid metadata length (${value})`
            } else {
              this.metadata = new Uint8Array(value)
              this.metadataFill = 0
              this.phase = "metadata"
            }
          }
          break
        }
      }
    }
    return undefined
  }

  private finishMessage(): void {
    this.messages++
    if (this.header === RECORD_BATCH) this.batches++
    this.phase = "prefix"
  }
}

/** `MessageHeader.RecordBatch` in the Arrow flatbuffer schema. */
const RECORD_BATCH = 3

/** Finds the table and vtable of a flatbuffer root, or `undefined` when out of bounds. */
const root = (buffer: Uint8Array): { view: DataView; table: number; vtable: number; size: number } | undefined => {
  if (buffer.length < 8) return undefined
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength)
  const table = view.getUint32(0, true)
  if (table + 4 > buffer.length) return undefined
  const vtable = table - view.getInt32(table, true)
  if (vtable < 0 || vtable + 4 > buffer.length) return undefined
  return { view, table, vtable, size: view.getUint16(vtable, true) }
}

/** The offset of field `index` in its table, 0 when absent. */
const fieldOffset = (r: NonNullable<ReturnType<typeof root>>, index: number, length: number): number => {
  const slot = 4 + index * 2
  if (r.size < slot + 2 || r.vtable + slot + 2 > length) return 0
  return r.view.getUint16(r.vtable + slot, true)
}

/** Reads `Message.header_type` (field 1, a ubyte): 1 schema, 2 dictionary batch, 3 record batch. */
export const readHeaderType = (buffer: Uint8Array): number => {
  const r = root(buffer)
  if (r === undefined) return 0
  const offset = fieldOffset(r, 1, buffer.length)
  return offset === 0 || r.table + offset >= buffer.length ? 0 : r.view.getUint8(r.table + offset)
}

/**
 * Reads `Message.bodyLength` (field 3, an int64) from a flatbuffer-encoded `Message`.
 * Returns `undefined` when the buffer does not hold a well-formed table.
 */
export const readBodyLength = (buffer: Uint8Array): number | undefined => {
  const r = root(buffer)
  if (r === undefined) return undefined
  const offset = fieldOffset(r, 3, buffer.length)
  if (offset === 0) return 0
  if (r.table + offset + 8 > buffer.length) return undefined
  const length = r.view.getBigInt64(r.table + offset, true)
  if (length < 0n || length > BigInt(Number.MAX_SAFE_INTEGER)) return undefined
  return Number(length)
}
