/**
 * The checks of the client's settings that are plain string rules: the API key and the
 * base URL. No message built here ever quotes the value it judges: a key or a URL may
 * hold a secret, so a message names the setting and what is wrong with it.
 */

/** A setting as it is used, or what is wrong with it. */
export type Checked =
  | { readonly _tag: "Valid"; readonly value: string }
  | { readonly _tag: "Invalid"; readonly message: string }

const valid = (value: string): Checked => ({ _tag: "Valid", value })
const invalid = (message: string): Checked => ({ _tag: "Invalid", message })

/** What a character is, in words, for a message that must not quote it. */
export const characterKind = (code: number): string => {
  if (code === 0x0a || code === 0x0d) return "a line break"
  if (code === 0x00) return "a NUL character"
  if (code === 0x09) return "a tab"
  if (code === 0x20) return "a space"
  if (code < 0x20 || code === 0x7f) return "a control character"
  return "a non-ASCII character"
}

/**
 * Checks an API key. Whitespace around the key (a trailing line break of a secret file, a
 * space from a paste) is removed; what remains must be non-empty and made of visible
 * ASCII characters (U+0021 to U+007E), the characters a bearer token can carry in a
 * header. The failure names the problem, never the key.
 */
export const checkApiKey = (key: string): Checked => {
  const trimmed = key.trim()
  if (trimmed === "") return invalid("the API key is empty")
  for (let i = 0; i < trimmed.length; i++) {
    const code = trimmed.charCodeAt(i)
    if (code < 0x21 || code > 0x7e) {
      return invalid(
        `the API key contains ${characterKind(code)} (at position ${i + 1}); ` +
          "an API key is visible ASCII characters only: check how it was copied"
      )
    }
  }
  return valid(trimmed)
}

/**
 * Checks a base URL already normalized (trimmed, without trailing `/` or `/v1`): it must
 * parse, use `http:` or `https:`, and carry no credentials, query or fragment.
 */
export const checkBaseUrl = (url: string): Checked => {
  if (url === "") return invalid("the base URL is empty")
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return invalid("the base URL is not a valid absolute URL (expected https://host[:port][/path])")
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return invalid(`the base URL must use http: or https:, not ${parsed.protocol}`)
  }
  if (parsed.username !== "" || parsed.password !== "") {
    return invalid("the base URL carries credentials (user:password@); remove them and authenticate with the API key")
  }
  if (url.includes("?") || url.includes("#")) {
    return invalid("the base URL must not have a query (?) or a fragment (#)")
  }
  return valid(url)
}
