/**
 * The checks that keep an upload whole, free of Effect: the headers a session asks PUTs
 * to carry, the fields of a checkpoint a resume starts from, and the parts' coverage of
 * the source before finalizing. Each answers what is wrong, or `undefined`; no answer
 * ever quotes a finalize token, a header value or a URL.
 */
import { MAX_PART_SIZE, MAX_PARTS, partCount } from "./plan.js"

/** What is wrong with one field of a checkpoint: the field's name (a path) and why. */
export interface Problem {
  readonly field: string
  readonly message: string
}

/** An HTTP header name (RFC 9110 token). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** Node's rule for a header value, which every runtime's `fetch` accepts too: tab, visible ASCII, obs-text. */
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/

/** Headers that frame the request: the client sets them, a session never may. */
const FRAMING = new Set(["content-length", "transfer-encoding", "host", "connection", "expect", "upgrade"])

/**
 * Why the headers a session asks every PUT to carry can never be sent, or `undefined`:
 * a name that is not a token, a value with a line break, NUL or other control character
 * (or above U+00FF), or a header that frames the request. A value is never quoted; a
 * name only when it is a valid one.
 */
export const headersProblem = (headers: Readonly<Record<string, unknown>>): string | undefined => {
  let index = 0
  for (const [name, value] of Object.entries(headers)) {
    index++
    if (!TOKEN.test(name)) return `header ${index} has a name no HTTP header can carry`
    if (typeof value !== "string" || INVALID_VALUE.test(value)) {
      return `the value of header \`${name}\` holds a character no HTTP header can carry (a line break or ` +
        `another control character)`
    }
    if (FRAMING.has(name.toLowerCase())) return `header \`${name}\` frames the request: only the client sets it`
  }
  return undefined
}

/** How far ahead of this clock a checkpoint's creation time may be (another machine's clock). */
export const CLOCK_SKEW_MILLIS = 5 * 60 * 1000

/** The fields of a checkpoint as a resume reads them (the finalize token as its plain value). */
export interface CheckpointFields {
  readonly version: number
  readonly uploadId: string
  readonly finalizeToken: string
  readonly partSize: number
  readonly size: number
  readonly fingerprint: string
  readonly headers: Readonly<Record<string, string>>
  readonly createdAt: number
  readonly parts: ReadonlyArray<
    { readonly partNumber: number; readonly eTag: string; readonly crc32?: number | undefined }
  >
}

const isCrc32 = (u: unknown): boolean => typeof u === "number" && Number.isInteger(u) && u >= 0 && u <= 0xffffffff

/**
 * The first field of a checkpoint that a resume cannot use, or `undefined`. Types are
 * the schema's; this checks what the schema cannot: an upload id and a finalize token
 * that can be sent, a whole part size within 1 byte and 5 GiB that cuts `size` into at
 * most 10,000 parts, a SHA-256 fingerprint, headers that can be sent, a creation time
 * not in the future (`now`, give or take {@link CLOCK_SKEW_MILLIS}), and parts whose
 * numbers lie in the plan, once each, with an ETag and (from version 2 on) a CRC-32.
 */
export const checkpointProblem = (checkpoint: CheckpointFields, now: number): Problem | undefined => {
  const { partSize, size } = checkpoint
  if (!/^[\x21-\x7e]{1,256}$/.test(checkpoint.uploadId)) {
    return { field: "uploadId", message: "is not an upload id (empty, too long, or with spaces or control characters)" }
  }
  if (checkpoint.finalizeToken === "" || INVALID_VALUE.test(checkpoint.finalizeToken)) {
    return { field: "finalizeToken", message: "is empty or holds a character no HTTP header can carry" }
  }
  if (!Number.isSafeInteger(size) || size < 0) {
    return { field: "size", message: `is not a whole number of bytes (${size})` }
  }
  if (!Number.isSafeInteger(partSize) || partSize < 1 || partSize > MAX_PART_SIZE) {
    return { field: "partSize", message: `is not a whole number of bytes from 1 to ${MAX_PART_SIZE} (${partSize})` }
  }
  const count = partCount(size, partSize)
  if (count > MAX_PARTS) {
    return {
      field: "partSize",
      message: `cuts ${size} bytes into ${count} parts of ${partSize} bytes, more than the ${MAX_PARTS} storage allows`
    }
  }
  if (!/^[0-9a-f]{64}$/.test(checkpoint.fingerprint)) {
    return { field: "fingerprint", message: "is not a SHA-256 digest" }
  }
  const headers = headersProblem(checkpoint.headers)
  if (headers !== undefined) return { field: "headers", message: headers }
  if (!Number.isFinite(checkpoint.createdAt) || checkpoint.createdAt < 0) {
    return { field: "createdAt", message: "is not a time" }
  }
  if (checkpoint.createdAt > now + CLOCK_SKEW_MILLIS) {
    return { field: "createdAt", message: "lies in the future" }
  }
  const seen = new Set<number>()
  for (let i = 0; i < checkpoint.parts.length; i++) {
    const part = checkpoint.parts[i]!
    const at = `parts[${i}]`
    if (!Number.isSafeInteger(part.partNumber) || part.partNumber < 1 || part.partNumber > count) {
      return {
        field: `${at}.partNumber`,
        message: `is not a part of ${size} bytes cut by ${partSize} (parts 1 to ${count}; got ${part.partNumber})`
      }
    }
    if (seen.has(part.partNumber)) return { field: `${at}.partNumber`, message: `repeats part ${part.partNumber}` }
    seen.add(part.partNumber)
    if (part.eTag.trim() === "") return { field: `${at}.eTag`, message: "is empty" }
    if (checkpoint.version >= 2 && !isCrc32(part.crc32)) {
      return { field: `${at}.crc32`, message: "is missing or not a CRC-32" }
    }
  }
  return undefined
}

/** A byte range of the source that a part holds. */
export interface Span {
  readonly partNumber: number
  readonly offset: number
  readonly length: number
}

/**
 * Why the parts do not hold the `size` bytes of the source exactly, or `undefined`:
 * their numbers must run from 1 without a gap, each must start where the one before it
 * ended (no gap, no overlap), the first at 0, and the last end at `size`.
 */
export const coverageProblem = (spans: ReadonlyArray<Span>, size: number): string | undefined => {
  const sorted = [...spans].sort((a, b) => a.partNumber - b.partNumber)
  if (sorted.length === 0) return "there are no parts"
  let end = 0
  for (let i = 0; i < sorted.length; i++) {
    const span = sorted[i]!
    if (span.partNumber !== i + 1) {
      return span.partNumber === i ? `part ${i} appears twice` : `part ${i + 1} is missing`
    }
    if (span.offset > end) {
      return `bytes ${end} to ${span.offset - 1} are in no part (part ${span.partNumber} starts after them)`
    }
    if (span.offset < end) return `part ${span.partNumber} starts at byte ${span.offset}, inside the part before it`
    if (span.length < 0) return `part ${span.partNumber} has a negative length`
    end = span.offset + span.length
  }
  if (end !== size) return `the parts hold ${end} bytes, the source has ${size}`
  return undefined
}
