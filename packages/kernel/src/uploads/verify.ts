/**
 * The checks that keep an upload whole: the headers a session asks PUTs to carry (the
 * kernel's header rule), the fields of a checkpoint a resume starts from, and the parts'
 * coverage of the source before finalizing (the plan's). Each answers what is wrong, or
 * `undefined`; no answer ever quotes a finalize token, a header value or a URL.
 */
import { headersProblem, isValidValue } from "../headers.js"
import type { ConfirmedPart } from "./checkpointFormat.js"
import { MAX_PART_SIZE, MAX_PARTS, partCount } from "./plan.js"

export { headersProblem } from "../headers.js"
export { coverageProblem, type Span } from "./plan.js"

/** What is wrong with one field of a checkpoint: the field's name (a path) and why. */
export interface Problem {
  readonly field: string
  readonly message: string
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
  readonly parts: ReadonlyArray<ConfirmedPart>
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
  if (checkpoint.finalizeToken === "" || !isValidValue(checkpoint.finalizeToken)) {
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
