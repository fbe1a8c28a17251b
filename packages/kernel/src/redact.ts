/**
 * Redaction of credentials out of text the SDK did not write itself: a server's error
 * body, a proxy's error page, a transport's message, a storage error. Plain code (no
 * Effect), shared by the call path, the Promise client and the uploads' storage errors.
 *
 * Redaction is by value: the secrets a request carried (the API key, a finalize token,
 * a presigned URL's signature, URL credentials) are looked for in the text as they were
 * sent and as the usual escapings of JSON, HTML and URLs write them, then piece by piece
 * between the characters those escapings change, so an echo that mangled the value still
 * loses it. Two patterns catch what no request carried: the value of a query parameter
 * whose name says it is a credential, in any URL of the text (the part URLs a server
 * answered), and a JSON member whose name says so (`"finalize_token": "..."`).
 */

/** What a secret is replaced with. */
export const REDACTED = "<redacted>"

/** Pieces of a secret shorter than this are not looked for on their own: they would blank ordinary words. */
const MIN_FRAGMENT = 4

/** Whether a header, query parameter or JSON member of this name (lower case) carries a credential. */
export const isSecretName = (name: string): boolean =>
  name === "authorization" || name === "proxy-authorization" || name === "cookie" || name === "set-cookie" ||
  name === "sig" || /token|secret|key|signature|credential|password/.test(name)

/** The credential values of a URL: its `user:password@` and the query parameters named as credentials. */
export const secretsOfUrl = (url: string): Array<string> => {
  const secrets: Array<string> = []
  const scheme = url.indexOf("://")
  const start = scheme === -1 ? 0 : scheme + 3
  const end = url.slice(start).search(/[/?#]/)
  const authority = end === -1 ? url.slice(start) : url.slice(start, start + end)
  const at = authority.lastIndexOf("@")
  if (at !== -1) {
    const userinfo = authority.slice(0, at)
    if (userinfo !== "") secrets.push(userinfo, ...userinfo.split(":"))
  }
  const query = url.indexOf("?")
  if (query !== -1) {
    const hash = url.indexOf("#", query)
    for (const pair of url.slice(query + 1, hash === -1 ? undefined : hash).split("&")) {
      const eq = pair.indexOf("=")
      if (eq === -1) continue
      if (isSecretName(decodeSafely(pair.slice(0, eq)).toLowerCase())) secrets.push(pair.slice(eq + 1))
    }
  }
  return secrets.filter((secret) => secret !== "").flatMap((secret) => {
    const decoded = decodeSafely(secret.replace(/\+/g, " "))
    return decoded === secret ? [secret] : [secret, decoded]
  })
}

/** The credential values among `headers`. */
export const secretsOfHeaders = (headers: Readonly<Record<string, string | undefined>>): Array<string> => {
  const secrets: Array<string> = []
  for (const name in headers) {
    const value = headers[name]
    if (value !== undefined && value !== "" && isSecretName(name.toLowerCase())) secrets.push(value)
  }
  return secrets
}

const decodeSafely = (text: string): string => {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** `text` with every character outside printable ASCII, and those HTML-sensitive, as `\uXXXX` (Python, Go). */
const asciiJson = (escaped: string, hex: (code: number) => string): string =>
  escaped.replace(/[^\x20-\x7e]|["'<>&]/g, (c) => c === "\"" ? c : `\\u${hex(c.charCodeAt(0))}`)

const htmlEscapes: ReadonlyArray<Readonly<Record<string, string>>> = [
  { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#x27;" },
  { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&#34;", "'": "&#39;" }
]

/**
 * The forms a secret may take in a text: as sent, without its `Bearer` / `Basic` scheme,
 * escaped as JSON (with `\/` and `\uXXXX` variants), HTML and a URL, and its pieces
 * between characters outside `A-Z a-z 0-9 - . _ ~` (the ones every escaping leaves alone).
 */
const formsOf = (secret: string): Array<string> => {
  const value = secret.replace(/^(bearer|basic)\s+/i, "").trim()
  const json = JSON.stringify(value).slice(1, -1)
  const forms = [
    secret,
    value,
    json,
    json.replace(/\//g, "\\/"),
    asciiJson(json, (code) => code.toString(16).padStart(4, "0")),
    asciiJson(json, (code) => code.toString(16).toUpperCase().padStart(4, "0")),
    ...htmlEscapes.map((table) => value.replace(/[&<>"']/g, (c) => table[c]!)),
    encodeSafely(value),
    ...value.split(/[^A-Za-z0-9\-._~]+/)
  ]
  return forms.filter((form) => form.length >= MIN_FRAGMENT)
}

const encodeSafely = (text: string): string => {
  try {
    return encodeURIComponent(text)
  } catch {
    // a lone surrogate: the other forms are enough
    return text
  }
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/** A URL's query parameter, with its value (up to `&`, `#`, a quote, `<` or a space). */
const queryParam = /([?&])([^=&#\s"'<>]{1,64})=([^&#\s"'<>]+)/g

/** A JSON member with a string value. */
const jsonMember = /"([^"\\]{1,64})"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g

/** The patterns: credential-named query parameters and JSON members, whatever their value. */
const redactNamed = (text: string): string =>
  text
    .replace(queryParam, (whole, lead: string, name: string) =>
      isSecretName(decodeSafely(name).toLowerCase()) ? `${lead}${name}=${REDACTED}` : whole)
    .replace(jsonMember, (whole, name: string, colon: string, value: string) =>
      value !== "" && isSecretName(name.toLowerCase()) ? `"${name}"${colon}"${REDACTED}"` : whole)

/**
 * A function redacting the given secrets (see the module) out of a text. Made once for
 * a set of secrets, it can be applied to many texts.
 */
export const redactor = (secrets: ReadonlyArray<string>): (text: string, options?: RedactOptions) => string => {
  const fragments = [...new Set(secrets.flatMap(formsOf))].sort((a, b) => b.length - a.length)
  const pattern = fragments.length === 0 ? undefined : new RegExp(fragments.map(escapeRegExp).join("|"), "g")
  return (text, options) => {
    // Named credentials need `name=value` or `"name": "value"`: most texts (a trace id) have neither.
    let result = text.includes("=") || text.includes("\"") ? redactNamed(text) : text
    if (pattern !== undefined) result = result.replace(pattern, REDACTED)
    return options?.cut === true ? redactCutTail(result, fragments) : result
  }
}

/** Options of a redaction. */
export interface RedactOptions {
  /**
   * The text was cut from a longer one (a body read up to a limit): a start of a secret
   * at its very end is redacted too.
   */
  readonly cut?: boolean | undefined
}

/** Replaces an ending of `text` that is the start (at least four characters) of one of `fragments`. */
const redactCutTail = (text: string, fragments: ReadonlyArray<string>): string => {
  let longest = 0
  for (const fragment of fragments) {
    for (let length = Math.min(fragment.length - 1, text.length); length >= MIN_FRAGMENT; length--) {
      if (length > longest && text.endsWith(fragment.slice(0, length))) {
        longest = length
        break
      }
    }
  }
  return longest === 0 ? text : text.slice(0, text.length - longest) + REDACTED
}

/** `text` with `secrets` redacted (see {@link redactor}). */
export const redact = (text: string, secrets: ReadonlyArray<string>, options?: RedactOptions): string =>
  redactor(secrets)(text, options)
