/**
 * The URL of a request as plain code: a rendered path put under the client's base URL,
 * and the part of a URL that follows it (what a log line shows).
 */

/** `path` under `baseUrl`, with one `/` between them. */
export const joinUrl = (baseUrl: string, path: string): string =>
  baseUrl === "" ? path : baseUrl.endsWith("/") && path.startsWith("/") ? baseUrl + path.slice(1) : baseUrl + path

/** The part of `url` after `baseUrl`: the rendered path and query (`url` itself when it is not under it). */
export const pathAfter = (url: string, baseUrl: string): string =>
  url.startsWith(baseUrl) ? url.slice(baseUrl.length) : url
