/**
 * The bounds on what a response body may decompress to, as plain code (no Effect): the
 * numbers, the checks the body readers make as bytes arrive, and the words of the error.
 *
 * - A body read whole (a decoded answer, `text`, `json`, `arrayBuffer`) may hold at most
 *   `maxBytes` decoded bytes: past them the read stops, the request is ended, and the
 *   read fails. The largest legitimate answers are result pages read as JSON: a query's
 *   inline rows are capped at 8 MiB by the service, and `Query` reads a result 50,000
 *   rows a page under a 64 MiB guard on the whole of it. The default, 128 MiB, is twice
 *   that (no body over 512 MiB can become a JavaScript string at all).
 * - A compressed body (any `content-encoding` but `identity`) may expand to at most
 *   `maxRatio` times its encoded size once more than {@link RATIO_FLOOR} bytes have come
 *   out; this one applies to streamed bodies too (Arrow, exports, `Results.bodyReader`),
 *   which may legitimately be many gigabytes but do not come from a body a thousand times
 *   smaller. The encoded size is counted off the wire where the SDK decompresses
 *   (`NodeTransport`), or is the `content-length` of the answer where `fetch` decompresses
 *   it; a chunked answer that `fetch` decompresses has no size to compare with, and only
 *   the whole-body bound holds there.
 * - An error body is read up to {@link ERROR_BODY_BYTES} only: a message needs no more,
 *   and the rest is dropped with the request.
 */

/** The default bound on a body read whole: 128 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 128 * 1024 * 1024

/** The default bound on how many times its encoded size a compressed body may expand to. */
export const DEFAULT_MAX_COMPRESSION_RATIO = 200

/** Decoded bytes below this are never judged by their ratio: small, very regular answers compress far. */
export const RATIO_FLOOR = 16 * 1024 * 1024

/** How much of an error body is read: a message shows the start of it. */
export const ERROR_BODY_BYTES = 64 * 1024

/** The bounds a body is read under. */
export interface SizeLimits {
  /** The most decoded bytes a body read whole may hold. */
  readonly maxBytes: number
  /** The most times its encoded size a compressed body may expand to. */
  readonly maxRatio: number
}

/** The default bounds. */
export const defaults: SizeLimits = {
  maxBytes: DEFAULT_MAX_RESPONSE_BYTES,
  maxRatio: DEFAULT_MAX_COMPRESSION_RATIO
}

/** No bound at all. */
export const unbounded: SizeLimits = { maxBytes: Number.POSITIVE_INFINITY, maxRatio: Number.POSITIVE_INFINITY }

/** Which bound a body went past, with the numbers that say by how much. */
export type Excess =
  | { readonly setting: "maxResponseBytes"; readonly limit: number }
  | {
    readonly setting: "maxCompressionRatio"
    readonly limit: number
    readonly encoded: number
    readonly decoded: number
  }

/**
 * The failure a plain body reader gives when a body goes past a bound; the call path
 * turns it into the typed `ResponseTooLarge` of the operation.
 */
export class TooLarge extends Error {
  constructor(readonly excess: Excess) {
    super(describe(excess))
    this.name = "TooLarge"
  }
}

/**
 * The encoded size of a body whose headers are these, when it came compressed and says
 * its size: `content-length` counts the encoded bytes.
 */
export const encodedLengthOf = (
  contentEncoding: string | null | undefined,
  contentLength: string | null | undefined
): number | undefined => {
  if (contentEncoding === null || contentEncoding === undefined) return undefined
  const encoding = contentEncoding.trim().toLowerCase()
  if (encoding === "" || encoding === "identity") return undefined
  const length = Number(contentLength ?? Number.NaN)
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined
}

/** Whether `decoded` bytes out of `encoded` go past `maxRatio` (never below {@link RATIO_FLOOR}). */
export const overRatio = (decoded: number, encoded: number, maxRatio: number): boolean =>
  decoded > RATIO_FLOOR && decoded > maxRatio * encoded

/** The ratio excess of `decoded` bytes out of `encoded`, or `undefined`. */
export const ratioExcess = (decoded: number, encoded: number | undefined, maxRatio: number): Excess | undefined =>
  encoded !== undefined && overRatio(decoded, encoded, maxRatio)
    ? { setting: "maxCompressionRatio", limit: maxRatio, encoded, decoded }
    : undefined

/**
 * Counts the decoded bytes of a body as they arrive and says when they go past a bound:
 * `whole` for a body read whole (both bounds), else the ratio only. `encoded` is the
 * encoded size when known (see {@link encodedLengthOf}).
 */
export const meter = (limits: SizeLimits, whole: boolean, encoded: number | undefined) => {
  let decoded = 0
  const maxBytes = whole ? limits.maxBytes : Number.POSITIVE_INFINITY
  return (length: number): Excess | undefined => {
    decoded += length
    if (decoded > maxBytes) return { setting: "maxResponseBytes", limit: maxBytes }
    return encoded === undefined ? undefined : ratioExcess(decoded, encoded, limits.maxRatio)
  }
}

const units = ["bytes", "KiB", "MiB", "GiB", "TiB"] as const

/** A byte count as people read it: `128 MiB`, `1.5 GiB`. */
export const formatBytes = (bytes: number): string => {
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return unit === 0 ? `${bytes} bytes` : `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`
}

/** What went past which bound, naming the client setting that raises it. */
export const describe = (excess: Excess): string =>
  excess.setting === "maxResponseBytes"
    ? `the response body is larger than ${formatBytes(excess.limit)} (${excess.limit} bytes), the client's ` +
      "`maxResponseBytes`: raise it if an answer this large is expected"
    : `the compressed response body expands to more than ${excess.limit} times its size ` +
      `(${formatBytes(excess.encoded)} encoded gave ${formatBytes(excess.decoded)} and more), the client's ` +
      "`maxCompressionRatio`: raise it if data this regular is expected"
