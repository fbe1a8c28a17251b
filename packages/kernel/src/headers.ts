/**
 * What an HTTP header can carry, as plain checks: the name rule (an RFC 9110 token), the
 * value rule every runtime's `fetch` and Node's `http` agree on (tab, visible ASCII and
 * obs-text: no line break, NUL or other control character, nothing above U+00FF), and
 * the headers that frame a request, which only the HTTP client itself sets.
 */

/** An HTTP header name (RFC 9110 token). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** A character no header value may hold (Node's rule, which every runtime's `fetch` accepts too). */
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/

/** Headers that frame the request: the HTTP client sets them, a caller or a server never may. */
const FRAMING: ReadonlySet<string> = new Set([
  "content-length",
  "transfer-encoding",
  "host",
  "connection",
  "expect",
  "upgrade"
])

/** Whether `name` can be a header's name. */
export const isValidName = (name: string): boolean => TOKEN.test(name)

/** Whether `value` can be a header's value. */
export const isValidValue = (value: string): boolean => !INVALID_VALUE.test(value)

/** The code of the first character of `value` no header value can hold, or `undefined` when there is none. */
export const invalidValueCharCode = (value: string): number | undefined => {
  const bad = INVALID_VALUE.exec(value)
  return bad === null ? undefined : bad[0].charCodeAt(0)
}

/** Whether the header `name` (any case) frames the request. */
export const isFraming = (name: string): boolean => FRAMING.has(name.toLowerCase())

/**
 * Why headers someone else chose (a server asking every PUT to carry them) can never be
 * sent, or `undefined`: a name that is not a token, a value that is not a string or holds
 * a character no value may, or a header that frames the request. A value is never
 * quoted; a name only when it is a valid one.
 */
export const headersProblem = (headers: Readonly<Record<string, unknown>>): string | undefined => {
  let index = 0
  for (const [name, value] of Object.entries(headers)) {
    index++
    if (!isValidName(name)) return `header ${index} has a name no HTTP header can carry`
    if (typeof value !== "string" || !isValidValue(value)) {
      return `the value of header \`${name}\` holds a character no HTTP header can carry (a line break or ` +
        `another control character)`
    }
    if (isFraming(name)) return `header \`${name}\` frames the request: only the client sets it`
  }
  return undefined
}
