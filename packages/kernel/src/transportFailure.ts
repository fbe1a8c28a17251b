/**
 * What a transport's failure means, told from the error and the causes under it as plain
 * code: the error codes of Node, undici and Bun, and the words of rustls-based `fetch`
 * (Deno). A failure is one of:
 *
 * - `unsendable`: the request could not be built (an invalid header value, an unsupported
 *   URL); it fails the same way every time.
 * - `tls`: the TLS handshake refused the server's certificate; nothing was sent, and
 *   another attempt would be refused the same way.
 * - `connect`: the request never reached a server that acted on it (refused, DNS failure,
 *   reset of a stale pooled connection); replaying it is safe for every method.
 * - `request`: anything else before an answer; the server may have acted.
 */

/** How a transport's failure to send a request is classified (see the module comment). */
export type Kind = "unsendable" | "tls" | "connect" | "request"

/** Undici / Node error codes meaning the request never reached a server that acted on it. */
export const CONNECT_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT"
])

/** Undici / Node error codes meaning the request could not be built: it fails the same way every time. */
export const UNSENDABLE_CODES: ReadonlySet<string> = new Set([
  "UND_ERR_INVALID_ARG",
  "ERR_INVALID_URL",
  "ERR_INVALID_URL_SCHEME",
  "ERR_INVALID_CHAR",
  "ERR_INVALID_HTTP_TOKEN",
  "ERR_UNESCAPED_CHARACTERS",
  "ERR_INVALID_ARG_VALUE"
])

/** Error codes (Node, Bun) meaning the TLS handshake refused the server's certificate. */
export const CERTIFICATE_CODES: ReadonlySet<string> = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_REVOKED",
  "CERT_SIGNATURE_FAILURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "HOSTNAME_MISMATCH"
])

/** How rustls-based `fetch` implementations (Deno) word a refused certificate; they give no code. */
const refusedCertificateMessage = /invalid peer certificate/i

const isObject = (u: unknown): u is object => (typeof u === "object" && u !== null) || typeof u === "function"

/**
 * An error and the causes under it (`cause` after `cause`), outermost first, six at most:
 * where a transport's failure keeps its code and its words.
 */
export const chainOf = (u: unknown): Array<object> => {
  const chain: Array<object> = []
  let current: unknown = u
  for (let depth = 0; depth < 6 && isObject(current); depth++) {
    chain.push(current)
    current = "cause" in current ? current.cause : undefined
  }
  return chain
}

/** The string `code` of each error of the chain of `u`. */
export const codesOf = (u: unknown): Array<string> =>
  chainOf(u).flatMap((error) => "code" in error && typeof error.code === "string" ? [error.code] : [])

/**
 * The messages of an error and its causes joined with `: `, or `String(u)` when none has
 * one. Not redacted: a transport may quote a header value or the URL.
 */
export const messagesOf = (u: unknown): string => {
  const messages = chainOf(u).flatMap((error) =>
    "message" in error && typeof error.message === "string" && error.message !== "" ? [error.message] : []
  )
  return messages.length > 0 ? messages.join(": ") : String(u)
}

/**
 * Whether a transport's error (or one of its causes) says the TLS handshake refused the
 * server's certificate: untrusted, self-signed, expired, or issued for another name. A
 * browser's `fetch` does not say why it failed.
 */
export const isCertificateRefusal = (cause: unknown): boolean =>
  chainOf(cause).some((error) =>
    ("code" in error && typeof error.code === "string" && CERTIFICATE_CODES.has(error.code)) ||
    ("message" in error && typeof error.message === "string" && refusedCertificateMessage.test(error.message))
  )

/** What a transport's failure to send a request means (see {@link Kind}), from its cause. */
export const classify = (cause: unknown): Kind => {
  const codes = codesOf(cause)
  if (codes.some((code) => UNSENDABLE_CODES.has(code))) return "unsendable"
  if (isCertificateRefusal(cause)) return "tls"
  return codes.some((code) => CONNECT_CODES.has(code)) ? "connect" : "request"
}
