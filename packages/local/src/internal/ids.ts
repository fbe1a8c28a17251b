import { randomBytes } from "node:crypto"

const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"

/**
 * A 30-character identifier: a four-letter prefix and 26 random characters from `[0-9a-z]`.
 *
 * @internal
 */
export const makeId = (prefix: string): string => {
  const bytes = randomBytes(26)
  let out = prefix
  for (const byte of bytes) out += alphabet[byte % alphabet.length]
  return out
}

/** @internal */
export const randomToken = (): string => randomBytes(32).toString("base64url")

/** @internal */
export const nowIso = (): string => new Date().toISOString()
