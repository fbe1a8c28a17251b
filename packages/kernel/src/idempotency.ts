/**
 * The idempotency key of a keyed write as plain code: where the operation carries it (a
 * field of the JSON body or a header), and which key one call sends. A keyed write runs
 * at most once per key on the server; the key is chosen once per call, so that every
 * retry of the call replays it.
 */

/** Where a write carries its idempotency key: a body field or a header, by name. */
export interface Slot {
  readonly in: "body" | "header"
  readonly name: string
}

/** The key one call sends, or why the key it was given cannot be sent. */
export type Choice =
  | { readonly _tag: "Key"; readonly key: string }
  | { readonly _tag: "Invalid"; readonly message: string }

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

const malformed = (value: unknown): boolean =>
  value !== undefined && value !== null && (typeof value !== "string" || value === "")

/**
 * The key of one call of a write keyed at `slot`: the one the body carries, else the
 * `idempotencyKey` option (`option`), else a new random one. A key that is not a
 * non-empty string, or a body and an option that disagree, is refused with its reason.
 */
export const choose = (slot: Slot, payload: unknown, option: unknown): Choice => {
  const fromBody = slot.in === "body" && isRecord(payload) ? payload[slot.name] : undefined
  if (malformed(fromBody)) return { _tag: "Invalid", message: `body field \`${slot.name}\` must be a non-empty string` }
  if (malformed(option)) return { _tag: "Invalid", message: "option `idempotencyKey` must be a non-empty string" }
  if (typeof fromBody === "string" && typeof option === "string" && fromBody !== option) {
    return {
      _tag: "Invalid",
      message: `body field \`${slot.name}\` and option \`idempotencyKey\` disagree: give the key once`
    }
  }
  if (typeof fromBody === "string") return { _tag: "Key", key: fromBody }
  if (typeof option === "string") return { _tag: "Key", key: option }
  return { _tag: "Key", key: globalThis.crypto.randomUUID() }
}

/** The header (lower case) that carries the key of a write keyed at `slot`, or `undefined` when the body does. */
export const headerOf = (slot: Slot | undefined): string | undefined =>
  slot?.in === "header" ? slot.name.toLowerCase() : undefined

/**
 * The encoded body of a write keyed at `slot` with `key` in its field; any other body
 * (keyed in a header, or not an object) as it is.
 */
export const intoBody = (slot: Slot | undefined, body: unknown, key: string): unknown =>
  slot?.in === "body" && isRecord(body) ? { ...body, [slot.name]: key } : body
