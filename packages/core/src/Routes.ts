/**
 * The server side of the operation descriptors: find the operation an HTTP request is
 * for, and decode its query, header and body parameters with the contract's schemas.
 * The local server (`@hotdata-effect/local`) and the client's test layer
 * (`HotdataClient.layerTest`) both route and decode with these.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Operations from "./generated/Operations.js"
import type * as OperationTypes from "./generated/OperationTypes.js"
import type * as Operation from "./Operation.js"

interface Route {
  readonly operation: Operation.Operation
  readonly pattern: RegExp
  readonly literalSegments: number
}

const compile = (operation: Operation.Operation): Route => {
  const segments = operation.path.split("/").filter((s) => s.length > 0)
  const source = segments.map((segment) =>
    segment.startsWith("{") ? "([^/]+)" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  )
  return {
    operation,
    pattern: new RegExp(`^/${source.join("/")}/?$`),
    literalSegments: segments.filter((s) => !s.startsWith("{")).length
  }
}

/**
 * Every operation of the contract.
 *
 * @since 0.1.0
 * @category constants
 */
export const operations: ReadonlyArray<Operation.Operation> = Object.values(Operations.all)

let compiled: ReadonlyArray<Route> | undefined
// Literal segments win over parameters: `/v1/databases/count` is not `/v1/databases/{id}`.
const routes = (): ReadonlyArray<Route> =>
  compiled ??= operations.map(compile).sort((a, b) => b.literalSegments - a.literalSegments)

/**
 * Whether a string is an operation id of the contract.
 *
 * @since 0.1.0
 * @category guards
 */
export const isOperationId = (id: string): id is OperationTypes.Id => Object.hasOwn(Operations.all, id)

/**
 * The operation a request is for, with its path parameters decoded.
 *
 * @since 0.1.0
 * @category models
 */
export interface Match {
  readonly operation: Operation.Operation
  readonly params: Readonly<Record<string, string>>
}

/**
 * Finds the operation for a method and path. Answers `"method"` when the path is an
 * operation's but the method is not, and `undefined` when no operation has the path.
 *
 * @since 0.1.0
 * @category routing
 */
export const match = (method: string, pathname: string): Match | "method" | undefined => {
  let pathMatched = false
  for (const route of routes()) {
    const m = route.pattern.exec(pathname)
    if (m === null) continue
    pathMatched = true
    if (route.operation.method !== method) continue
    const params: Record<string, string> = {}
    route.operation.pathParams.forEach((name, i) => {
      params[name] = decodeURIComponent(m[i + 1]!)
    })
    return { operation: route.operation, params }
  }
  return pathMatched ? "method" : undefined
}

const describeIssues = (error: ParseResult.ParseError, what: string): string => {
  const issues = ParseResult.ArrayFormatter.formatErrorSync(error)
  const parts = issues.slice(0, 3).map((issue) => {
    const at = issue.path.length > 0 ? `"${issue.path.join(".")}"` : what
    return `${at}: ${issue.message}`
  })
  return `invalid ${what}: ${parts.join("; ")}`
}

/**
 * Decodes the query parameters of a request, or says which one is missing or invalid.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeQuery = (
  operation: Operation.Operation,
  search: URLSearchParams
): Either.Either<Readonly<Record<string, unknown>>, string> => {
  const query: Record<string, unknown> = {}
  for (const param of operation.query) {
    const raw = search.get(param.name)
    if (raw === null) {
      if (param.required) return Either.left(`missing required query parameter "${param.name}"`)
      continue
    }
    const decoded = Schema.decodeUnknownEither(param.schema)(raw)
    if (Either.isLeft(decoded)) return Either.left(describeIssues(decoded.left, `query parameter "${param.name}"`))
    query[param.name] = decoded.right
  }
  return Either.right(query)
}

/**
 * Reads the header parameters of a request by their option key (`X-Database-Id` is
 * `database_id`), or says which required one is missing.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeHeaders = (
  operation: Operation.Operation,
  header: (name: string) => string | undefined
): Either.Either<Readonly<Record<string, string>>, string> => {
  const headers: Record<string, string> = {}
  for (const param of operation.headers) {
    const value = header(param.name)
    if (value === undefined || value.trim() === "") {
      if (param.required) return Either.left(`missing required header ${param.name}`)
      continue
    }
    headers[param.key] = value.trim()
  }
  return Either.right(headers)
}

/**
 * Decodes the JSON body of a request with the operation's body schema. An empty body is
 * `{}` when the body is optional.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodePayload = (operation: Operation.Operation, text: string): Either.Either<unknown, string> => {
  if (operation.payload === undefined) return Either.right(undefined)
  if (text.trim().length === 0) {
    return operation.payloadRequired ? Either.left("a JSON request body is required") : Either.right({})
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (cause) {
    return Either.left(`malformed JSON body: ${cause instanceof Error ? cause.message : String(cause)}`)
  }
  return Either.mapLeft(
    Schema.decodeUnknownEither(operation.payload)(json),
    (error) => describeIssues(error, "request body")
  )
}

/**
 * Encodes an answer body with the schema the operation gives its status (any documented
 * success or error status), or says what does not fit; a status the contract does not
 * document is sent as it is.
 *
 * @since 0.1.0
 * @category encoding
 */
export const encodeAnswer = (
  operation: Operation.Operation,
  status: number,
  body: unknown
): Either.Either<unknown, string> => {
  const response = [...operation.success, ...operation.errors].find((r) => r.status === status)
  if (response?.schema === undefined) return Either.right(body)
  return Either.mapLeft(
    Schema.encodeUnknownEither(response.schema)(body),
    (error) => describeIssues(error, `${operation.id} answer body for HTTP ${status}`)
  )
}
