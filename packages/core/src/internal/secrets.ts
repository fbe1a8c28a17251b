import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Headers from "@hotdata-effect/kernel/headers"
import * as Redact from "@hotdata-effect/kernel/redact"
import * as SettingsChecks from "@hotdata-effect/kernel/settingsChecks"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"

/**
 * Checks of the client's settings and of every request before it is sent, and the
 * secrets a request carries (redacted out of the texts of its errors: see `redact.ts`).
 *
 * No message built here ever quotes the value it judges: a key or a URL may hold a
 * secret, so a message names the setting and what is wrong with it.
 */

const { characterKind } = SettingsChecks

/** A kernel check's answer as an `Either`: the value to use, or what is wrong. */
const toEither = (checked: SettingsChecks.Checked): Either.Either<string, string> =>
  checked._tag === "Valid" ? Either.right(checked.value) : Either.left(checked.message)

/**
 * Validates an API key (see `SettingsChecks.checkApiKey`): trimmed, non-empty, visible ASCII
 * only. The failure names the problem, never the key.
 */
export const validateApiKey = (key: string): Either.Either<string, string> => toEither(SettingsChecks.checkApiKey(key))

/**
 * Validates a base URL already normalized (trimmed, without trailing `/` or `/v1`): see
 * `SettingsChecks.checkBaseUrl`.
 */
export const validateBaseUrl = (url: string): Either.Either<string, string> =>
  toEither(SettingsChecks.checkBaseUrl(url))

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
