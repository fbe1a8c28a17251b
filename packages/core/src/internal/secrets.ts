import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Headers from "@hotdata-effect/kernel/headers"
import * as Redact from "@hotdata-effect/kernel/redact"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"

/**
 * Checks of the client's settings and of every request before it is sent, and the
 * secrets a request carries (redacted out of the texts of its errors: see `redact.ts`).
 *
 * No message built here ever quotes the value it judges: a key or a URL may hold a
 * secret, so a message names the setting and what is wrong with it.
 */

/** What a character is, in words, for a message that must not quote it. */
const characterKind = (code: number): string => {
  if (code === 0x0a || code === 0x0d) return "a line break"
  if (code === 0x00) return "a NUL character"
  if (code === 0x09) return "a tab"
  if (code === 0x20) return "a space"
  if (code < 0x20 || code === 0x7f) return "a control character"
  return "a non-ASCII character"
}

/**
 * Validates an API key. Whitespace around the key (a trailing line break of a secret
 * file, a space from a paste) is removed; what remains must be non-empty and made of
 * visible ASCII characters (U+0021 to U+007E), the characters a bearer token can carry
 * in a header. The failure names the problem, never the key.
 */
export const validateApiKey = (key: string): Either.Either<string, string> => {
  const trimmed = key.trim()
  if (trimmed === "") return Either.left("the API key is empty")
  for (let i = 0; i < trimmed.length; i++) {
    const code = trimmed.charCodeAt(i)
    if (code < 0x21 || code > 0x7e) {
      return Either.left(
        `the API key contains ${characterKind(code)} (at position ${i + 1}); ` +
          "an API key is visible ASCII characters only: check how it was copied"
      )
    }
  }
  return Either.right(trimmed)
}

/**
 * Validates a base URL already normalized (trimmed, without trailing `/` or `/v1`): it
 * must parse, use `http:` or `https:`, and carry no credentials, query or fragment.
 */
export const validateBaseUrl = (url: string): Either.Either<string, string> => {
  if (url === "") return Either.left("the base URL is empty")
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return Either.left("the base URL is not a valid absolute URL (expected https://host[:port][/path])")
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return Either.left(`the base URL must use http: or https:, not ${parsed.protocol}`)
  }
  if (parsed.username !== "" || parsed.password !== "") {
    return Either.left(
      "the base URL carries credentials (user:password@); remove them and authenticate with the API key"
    )
  }
  if (url.includes("?") || url.includes("#")) {
    return Either.left("the base URL must not have a query (?) or a fragment (#)")
  }
  return Either.right(url)
}

/**
 * The secret values a request carries: credential headers (the API key, a finalize token),
 * URL `user:password@` and query parameters named as credentials (a presigned signature).
 */
export const secretsOf = (request: HttpClientRequest.HttpClientRequest | undefined): Array<string> => {
  if (request === undefined) return []
  const secrets = [...Redact.secretsOfHeaders(request.headers), ...Redact.secretsOfUrl(request.url)]
  for (const [name, value] of request.urlParams) {
    if (value !== "" && Redact.isSecretName(name.toLowerCase())) secrets.push(value)
  }
  return secrets
}

/**
 * Why a request can never be sent as it is, or `undefined`: a header value with a line
 * break, NUL, other control character or a character above U+00FF; a URL that does
 * not parse, uses another scheme than http(s) or carries credentials. Such a request
 * fails the same way however often it is sent. With `only`, just the headers it names
 * are looked at (the others were found sendable before).
 */
export const unsendable = (
  request: HttpClientRequest.HttpClientRequest,
  only?: ReadonlyArray<string>
): { readonly reason: "Encode" | "InvalidUrl"; readonly description: string } | undefined => {
  const headers = request.headers
  for (const name of only ?? Object.keys(headers)) {
    const value = headers[name]
    if (value === undefined) continue
    if (Headers.isValidValue(value)) continue
    const bad = Headers.invalidValueCharCode(value)
    if (bad !== undefined) {
      return {
        reason: "Encode",
        description: `the value of header \`${name}\` contains ${characterKind(bad)}, ` +
          "which no HTTP header can carry"
      }
    }
  }
  const origin = originOf(request.url)
  if (origin !== undefined && origin === lastSendableOrigin) return undefined
  let url: URL
  try {
    url = new URL(request.url)
  } catch {
    return { reason: "InvalidUrl", description: "the request URL is not a valid absolute URL" }
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { reason: "InvalidUrl", description: `the request URL uses ${url.protocol}; only http: and https: work` }
  }
  if (url.username !== "" || url.password !== "") {
    return { reason: "InvalidUrl", description: "the request URL carries credentials (user:password@)" }
  }
  lastSendableOrigin = origin
  return undefined
}

/**
 * The scheme and authority of a URL, up to and with the first `/` after `://`. Whether a
 * URL parses, its scheme and its credentials are all decided there: what follows is
 * path, query and fragment, which URL parsing escapes rather than refuses.
 */
const originOf = (url: string): string | undefined => {
  const scheme = url.indexOf("://")
  if (scheme === -1) return undefined
  const slash = url.indexOf("/", scheme + 3)
  return slash === -1 ? undefined : url.slice(0, slash + 1)
}

/** The origin of the last URL found sendable: the next request to it needs no URL parse. */
let lastSendableOrigin: string | undefined

/**
 * Refuses, before the transport sees it, a request that cannot be sent (see
 * {@link unsendable}): the transport's own error would quote the offending value, and
 * differs from one runtime to the next.
 */
export const guardRequests = (client: HttpClient.HttpClient): HttpClient.HttpClient =>
  HttpClient.mapRequestEffect(client, (request) => {
    const problem = unsendable(request)
    return problem === undefined
      ? Effect.succeed(request)
      : Effect.fail(new HttpClientError.RequestError({ request, ...problem }))
  })
