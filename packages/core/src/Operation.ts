/**
 * The description of one operation of the Hotdata API: method, path, parameters, body
 * and response schemas. The generated `Operations` module holds one per operation of
 * the contract; the client and the local server are both driven by them.
 *
 * @since 0.1.0
 */
import * as Path from "@hotdata-effect/kernel/path"
import type * as Schema from "effect/Schema"

/**
 * A query parameter, with the schema that turns its value into the string sent on the
 * wire (and back).
 *
 * @since 0.1.0
 * @category models
 */
export interface QueryParam {
  readonly name: string
  readonly required: boolean
  readonly schema: Schema.Schema<any, any>
}

/**
 * A header parameter. `key` is the name of the option that carries it on the client
 * (`X-Database-Id` is `database_id`).
 *
 * @since 0.1.0
 * @category models
 */
export interface HeaderParam {
  readonly name: string
  readonly key: string
  readonly required: boolean
}

/**
 * One documented response. `schema` describes the JSON body when there is one;
 * `otherContentTypes` lists the non-JSON bodies the same status may carry.
 *
 * @since 0.1.0
 * @category models
 */
export interface Response {
  readonly status: number
  readonly schema: Schema.Schema<any, any> | undefined
  readonly otherContentTypes?: ReadonlyArray<string>
}

/**
 * How a list operation pages through its items.
 *
 * @since 0.1.0
 * @category models
 */
export interface Pagination {
  readonly style: "cursor" | "offset"
  /** The field of the page that holds the items. */
  readonly items: string
  /** Whether the page says `has_more`; when it does not, a short page is the last one. */
  readonly hasMore: boolean
}

/**
 * Where a write carries its idempotency key: a field of the JSON body or a header. A
 * keyed write runs at most once per key on the server, so the client sends a key with
 * every call and may replay it after a lost answer.
 *
 * @since 0.1.0
 * @category models
 */
export interface IdempotencyKey {
  readonly in: "body" | "header"
  /** The body field or header name. */
  readonly name: string
}

/**
 * @since 0.1.0
 * @category models
 */
export type Method = "GET" | "POST" | "PUT" | "DELETE"

/**
 * @since 0.1.0
 * @category models
 */
export interface Operation {
  readonly id: string
  readonly group: string
  readonly name: string
  readonly method: Method
  readonly path: string
  readonly pathParams: ReadonlyArray<string>
  readonly query: ReadonlyArray<QueryParam>
  readonly headers: ReadonlyArray<HeaderParam>
  readonly payload: Schema.Schema<any, any> | undefined
  readonly payloadRequired: boolean
  readonly success: ReadonlyArray<Response>
  readonly errors: ReadonlyArray<Response>
  /** Whether the call carries `X-Workspace-Id` (every operation but `/v1/workspaces*`). */
  readonly workspaceScoped: boolean
  /** Whether replaying the request cannot change the outcome. */
  readonly idempotent: boolean
  /** `false` for calls that must be sent exactly once (upload finalize). */
  readonly retryable: boolean
  readonly pagination?: Pagination
  /** Where the call carries its idempotency key, when the contract gives it one. */
  readonly idempotencyKey?: IdempotencyKey
  /**
   * Values of a path parameter that another operation's template holds as a literal
   * segment at the same place (`count` in `/v1/databases/{database_id}`): sent fully
   * percent-encoded so that the request keeps its own route.
   */
  readonly reservedPathValues?: Readonly<Record<string, ReadonlyArray<string>>>
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make = <const O extends Operation>(operation: O): O => operation

/**
 * Why a path parameter value cannot be sent, or `undefined` when it can: an empty
 * value, `.` and `..` would be dropped or resolved by URL parsing and reach another
 * route; a lone UTF-16 surrogate has no UTF-8 encoding.
 *
 * @since 0.1.0
 * @category utils
 */
export const checkPathParam: (value: unknown) => string | undefined = Path.checkPathParam

/**
 * Percent-encodes a path segment: every character but the unreserved ones
 * (`A-Z a-z 0-9 - . _ ~`) is encoded, so `/`, `%`, `?`, `#`, NUL and the like stay
 * inside the segment. With `all`, unreserved characters are encoded too.
 *
 * @since 0.1.0
 * @category utils
 */
export const encodePathSegment: (value: string, all?: boolean) => string = Path.encodePathSegment

/**
 * Fills a path template with its parameters, each percent-encoded as one segment (see
 * {@link encodePathSegment}). A value another route holds as a literal at the same place
 * is encoded whole. Values must have passed {@link checkPathParam}.
 *
 * @since 0.1.0
 * @category utils
 */
export const renderPath: (operation: Operation, params: Readonly<Record<string, string>>) => string = Path.renderPath
