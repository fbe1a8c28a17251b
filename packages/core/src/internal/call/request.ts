/**
 * A call's request as its arguments build it: path, query, headers, idempotency key and
 * body checked and encoded with the operation's descriptor (the plain rules are the
 * kernel's: `Path`, `Url`, `Idempotency`), then finished per call with its trace context
 * and the calling fiber's extra headers.
 */
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Idempotency from "@hotdata-effect/kernel/idempotency"
import * as Path from "@hotdata-effect/kernel/path"
import * as Url from "@hotdata-effect/kernel/url"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import type { CallArgs } from "../../HotdataClient.js"
import * as HotdataError from "../../HotdataError.js"
import type * as Operation from "../../Operation.js"

/**
 * A call's request as its arguments build it: the request without its headers, the
 * headers, and the names of those whose values came from the caller (the only ones a
 * call checks for characters no header can carry: the others are the SDK's own).
 */
export interface Built {
  readonly request: HttpClientRequest.HttpClientRequest
  readonly headers: Record<string, string>
  readonly given: ReadonlyArray<string>
}

/**
 * The request of a call as it is sent, its headers set in one copy: those it was built
 * with, the trace context of its span, then the `withHeaders` headers of the calling
 * fiber where it has none of that name. `given` gains the names of the last.
 */
export const finishRequest = (
  built: Built,
  trace: Readonly<Record<string, string>> | undefined,
  extra: Readonly<Record<string, string>>
): { readonly request: HttpClientRequest.HttpClientRequest; readonly given: ReadonlyArray<string> } => {
  // `built` is shared by every run of the call's effect: copied before it is added to.
  let headers = trace === undefined ? built.headers : { ...built.headers, ...trace }
  let given = built.given
  for (const name in extra) {
    const lower = name.toLowerCase()
    if (headers[lower] !== undefined) continue
    if (headers === built.headers) headers = { ...headers }
    if (given === built.given) given = [...given]
    ;(given as Array<string>).push(lower)
    headers[lower] = extra[name]!
  }
  return { request: HttpClientRequest.setHeaders(built.request, headers), given }
}

/** Encodes the arguments of a call into an HTTP request, or names what is wrong. */
export const buildRequest = (
  operation: Operation.Operation,
  args: CallArgs,
  config: {
    readonly baseUrl: string
    readonly workspaceId: string | undefined
    readonly sdkHeaders?: Readonly<Record<string, string>> | undefined
  },
  accept?: string
): Either.Either<Built, HotdataError.InvalidRequest> => {
  const invalid = (message: string) =>
    Either.left(new HotdataError.InvalidRequest({ operation: operation.id, message }))
  const pathValues: Record<string, string> = {}
  for (let i = 0; i < operation.pathParams.length; i++) {
    const name = operation.pathParams[i]!
    const value = args.path[i]
    const problem = Path.checkPathParam(value)
    if (problem !== undefined) return invalid(`path parameter \`${name}\` ${problem}`)
    pathValues[name] = value as string
  }
  let request = HttpClientRequest.make(operation.method)(
    Url.joinUrl(config.baseUrl, Path.renderPath(operation, pathValues))
  )
  const options = args.options ?? {}
  for (const param of operation.query) {
    const value = options[param.name]
    if (value === undefined || value === null) {
      if (param.required) return invalid(`query parameter \`${param.name}\` is required`)
      continue
    }
    const encoded = Schema.encodeUnknownEither(param.schema)(value)
    if (encoded._tag === "Left") return invalid(`query parameter \`${param.name}\`: ${formatParseError(encoded.left)}`)
    request = HttpClientRequest.setUrlParam(request, param.name, encoded.right)
  }
  // The key of a keyed write is chosen once per call, so that the SDK's own retries replay it.
  const slot = operation.idempotencyKey
  const choice = slot === undefined ? undefined : Idempotency.choose(slot, args.payload, args.options?.idempotencyKey)
  if (choice !== undefined && choice._tag === "Invalid") return invalid(choice.message)
  const key = choice?.key
  const keyHeader = Idempotency.headerOf(slot)
  const headers: Record<string, string> = {}
  const given: Array<string> = []
  for (const header of operation.headers) {
    if (slot?.in === "header" && header.name === slot.name) continue
    const value = options[header.key]
    if (value === undefined || value === null || value === "") {
      if (header.required) return invalid(`\`${header.key}\` (header ${header.name}) is required`)
      continue
    }
    if (!Predicate.isString(value)) return invalid(`\`${header.key}\` (header ${header.name}) must be a string`)
    const name = header.name.toLowerCase()
    headers[name] = value
    given.push(name)
  }
  if (operation.workspaceScoped) {
    if (config.workspaceId === undefined || config.workspaceId === "") {
      return invalid("a workspace id is required for this operation: set `workspaceId` on the client")
    }
    headers["x-workspace-id"] = config.workspaceId
  }
  if (key !== undefined && keyHeader !== undefined) {
    headers[keyHeader] = key
    given.push(keyHeader)
  }
  if (accept !== undefined) headers["accept"] = accept
  if (config.sdkHeaders !== undefined) Object.assign(headers, config.sdkHeaders)
  if (operation.payload !== undefined) {
    let body: unknown = {}
    if (args.payload === undefined) {
      // The API expects an object even when every field is optional (finalize of a single upload).
      if (operation.payloadRequired) return invalid("a request body is required")
    } else {
      const encoded = Schema.encodeUnknownEither(operation.payload)(args.payload)
      if (encoded._tag === "Left") return invalid(`request body: ${formatParseError(encoded.left)}`)
      body = encoded.right
    }
    if (key !== undefined) body = Idempotency.intoBody(slot, body, key)
    request = HttpClientRequest.bodyUnsafeJson(request, body)
  }
  return Either.right({ request, headers, given })
}

/** The words of a parse error, for a message. */
export const formatParseError = (error: ParseResult.ParseError): string =>
  ParseResult.TreeFormatter.formatErrorSync(error)
