/**
 * The arithmetic of an upload: the part-size hint sent when opening a session, the
 * part plan cut by the server's part size, how many parts may be in flight for a
 * memory budget, how long one attempt of a part may take, and whether the parts about
 * to be finalized cover the source exactly.
 */

/** 1 MiB. */
export const MiB = 1024 * 1024

/** Files up to this size go up in one PUT; larger ones open a streaming session. */
export const STREAMING_THRESHOLD = 8 * MiB

/** The part size the server uses unless told otherwise. */
export const DEFAULT_PART_SIZE = 8 * MiB

/** The smallest part storage accepts (except the last one). */
export const MIN_PART_SIZE = 5 * MiB

/** The largest part storage accepts. */
export const MAX_PART_SIZE = 5 * 1024 * MiB

/** The most parts storage accepts in one upload. */
export const MAX_PARTS = 10_000

/** Parts aimed for at most, leaving headroom under storage's limit of 10,000. */
export const TARGET_MAX_PARTS = 9000

/** Default number of parts in flight. */
export const DEFAULT_CONCURRENCY = 10

/** Default memory budget for part buffers. */
export const DEFAULT_MEMORY_BUDGET = 256 * MiB

/** The largest size the server can be told about (a signed 64-bit integer). */
export const MAX_WIRE_SIZE = 2 ** 63 - 1

/**
 * The part-size hint for a file of `size` bytes: 8 MiB until the file needs more than
 * 9,000 parts, then the smallest whole number of MiB that keeps it under 9,000, kept
 * within 5 MiB and 5 GiB.
 */
export const autoPartSizeHint = (size: number): number => {
  const wanted = Math.max(DEFAULT_PART_SIZE, Math.ceil(size / TARGET_MAX_PARTS))
  const rounded = Math.ceil(wanted / MiB) * MiB
  return Math.min(Math.max(rounded, MIN_PART_SIZE), MAX_PART_SIZE)
}

/**
 * How many parts may be in flight: the requested concurrency, lowered so that the
 * buffers of the parts in flight fit the memory budget, and at least one.
 */
export const effectiveInFlight = (concurrency: number, partSize: number, budget: number): number =>
  Math.max(
    1,
    Math.min(Math.max(Math.floor(budget / Math.max(partSize, 1)), 1), Math.max(Math.floor(concurrency), 1))
  )

/**
 * The time limit of one attempt of a part PUT: 60 s of slack plus the time the part
 * takes at 64 KiB/s, capped at 30 minutes. A slow link that keeps moving is never cut;
 * only a PUT that stopped is.
 */
export const partPutTimeoutMillis = (bytes: number): number =>
  Math.min(60_000 + Math.ceil((bytes / 65_536) * 1000), 1_800_000)

/** One part of a known-size upload. */
export interface Part {
  readonly partNumber: number
  readonly offset: number
  readonly length: number
}

/**
 * The parts of a file of `size` bytes cut by `partSize`: part `n` holds bytes
 * `[(n-1)·partSize, n·partSize)`, the last one the remainder. An empty file has one
 * empty part.
 */
export const planParts = (size: number, partSize: number): ReadonlyArray<Part> => {
  const count = partCount(size, partSize)
  const parts: Array<Part> = []
  for (let n = 1; n <= count; n++) {
    const offset = (n - 1) * partSize
    parts.push({ partNumber: n, offset, length: Math.max(0, Math.min(partSize, size - offset)) })
  }
  return parts
}

/** The number of parts of a file of `size` bytes: at least one. */
export const partCount = (size: number, partSize: number): number => Math.max(Math.ceil(size / partSize), 1)

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
