/**
 * What a checkpoint of a resumable upload holds and how it is written as text, without
 * the schema that types it: its versions, its parts, the JSON object a stored text must
 * be, the words that say where one is wrong (never what it holds: a checkpoint holds
 * the finalize token), and the file form a file store keeps (the checkpoint's JSON on
 * its first line, then one line of JSON per part confirmed since).
 */

/**
 * The version of the checkpoints written today. Version 2 records a CRC-32 per part; a
 * checkpoint of version 1 (without them) still resumes its session, but its parts are
 * sent again, since nothing shows they hold the source's bytes.
 */
export const CURRENT_VERSION = 2

/** The versions a checkpoint may have. */
export const VERSIONS = [1, 2] as const

/** An upload session lives this long; a checkpoint older than that cannot be resumed. */
export const SESSION_LIFETIME_MILLIS = 24 * 60 * 60 * 1000

/** A part storage confirmed, as a checkpoint records it (`crc32` from version 2 on). */
export interface ConfirmedPart {
  readonly partNumber: number
  readonly eTag: string
  readonly crc32?: number | undefined
}

/** What a JSON value is, in words that never quote it. */
export const kindOf = (u: unknown): string =>
  u === null ? "null" : Array.isArray(u) ? "an array" : typeof u === "string" ? "a string" : `a ${typeof u}`

/**
 * The JSON object a stored text holds, or why it holds none (`what` names the text:
 * "its JSON", "its appended line 2"). A parser's own message quotes the text, so it is
 * never kept.
 */
export const parseObject = (
  text: string,
  what: string
): { readonly object: object; readonly problem?: undefined } | { readonly problem: string } => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { problem: `${what} is not valid JSON` }
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return { problem: `${what} is ${kindOf(json)}, not a JSON object` }
  }
  return { object: json }
}

/** A path into a checkpoint as a field name (`parts[2].eTag`); a record's keys (header names) are left out. */
export const fieldOf = (path: ReadonlyArray<PropertyKey>): string => {
  let field = ""
  for (const segment of path) {
    if (field === "headers") break
    field += typeof segment === "number" ? `[${segment}]` : `${field === "" ? "" : "."}${String(segment)}`
  }
  return field
}

/**
 * The lines of a file checkpoint: the checkpoint's own (first) line, and the part lines
 * appended after it. Only lines ended by a newline count: what follows the last newline
 * is empty, or a line a crash cut short (its part is sent again on resume).
 */
export const fileLines = (text: string): { readonly head: string; readonly appended: ReadonlyArray<string> } => {
  const lines = text.split("\n")
  return { head: lines[0]!, appended: lines.slice(1, -1).filter((line) => line !== "") }
}

/** The parts of a checkpoint with appended ones over them (a later line for a part wins), by part number. */
export const mergeParts = <P extends ConfirmedPart>(parts: ReadonlyArray<P>, appended: ReadonlyArray<P>): Array<P> => {
  const byNumber = new Map(parts.map((part) => [part.partNumber, part]))
  for (const part of appended) byNumber.set(part.partNumber, part)
  return [...byNumber.values()].sort((a, b) => a.partNumber - b.partNumber)
}

/** A part as a line of a file checkpoint. */
export const partLine = (part: ConfirmedPart): string =>
  JSON.stringify({
    partNumber: part.partNumber,
    eTag: part.eTag,
    ...(part.crc32 !== undefined ? { crc32: part.crc32 } : {})
  }) + "\n"
