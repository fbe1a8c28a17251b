/**
 * Fault injection for the local server: make the next N requests of a route answer with
 * a status, reset the connection, stall, cut the body short, or (for object storage)
 * reject a presigned URL as expired or answer a part PUT without an `ETag`.
 *
 * A route is an operation id of the contract (`"finalize_upload_handler"`, `"query"`),
 * `"storage"` for requests to the object store, `"result_persistence"` for the
 * background step that persists query results, or `"table_load"` for the work of a table
 * load (a {@link stall} there holds the load once it has taken its idempotency key and
 * its source, as a slow load would).
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import type * as internal from "./internal/faults.js"

/**
 * @since 0.1.0
 * @category models
 */
export type Fault = internal.Fault

/**
 * A request that reached the object store (signature parameter left out).
 *
 * @since 0.1.0
 * @category models
 */
export type StorageRequest = internal.StorageRequest

/**
 * An operation id, `"storage"`, `"result_persistence"` or `"table_load"`.
 *
 * @since 0.1.0
 * @category models
 */
export type Route = string

/**
 * Answer with `status` (and `Retry-After` when given) without running the operation.
 *
 * @since 0.1.0
 * @category constructors
 */
export const status = (
  status: number,
  options?: {
    /** Seconds when a number, or any duration (rounded up to whole seconds). */
    readonly retryAfter?: number | Duration.DurationInput | undefined
    readonly code?: string | undefined
    readonly message?: string | undefined
  }
): Fault => ({
  _tag: "Status",
  status,
  retryAfter: options?.retryAfter === undefined
    ? undefined
    : typeof options.retryAfter === "number"
    ? options.retryAfter
    : Math.ceil(Duration.toSeconds(Duration.decode(options.retryAfter))),
  code: options?.code,
  message: options?.message
})

/**
 * Close the connection before any response is written.
 *
 * @since 0.1.0
 * @category constructors
 */
export const connectionReset: Fault = { _tag: "ConnectionReset" }

/**
 * Hold the request for a while before handling it (a client with a shorter timeout sees a stall).
 * On route `"table_load"`: hold the next table load for a while as it runs.
 *
 * @since 0.1.0
 * @category constructors
 */
export const stall = (duration: Duration.DurationInput): Fault => ({
  _tag: "Stall",
  millis: Duration.toMillis(Duration.decode(duration))
})

/**
 * Send the headers and part of the body, then drop the connection. By default the body
 * is cut in the middle.
 *
 * @since 0.1.0
 * @category constructors
 */
export const cutBody = (afterBytes?: number): Fault => ({ _tag: "CutBody", afterBytes })

/**
 * Storage only: reject the PUT with 403 `AccessDenied` "Request has expired", whatever its URL says.
 *
 * @since 0.1.0
 * @category constructors
 */
export const expireUrl: Fault = { _tag: "ExpireUrl" }

/**
 * Storage only: store the part but answer without an `ETag` header.
 *
 * @since 0.1.0
 * @category constructors
 */
export const omitETag: Fault = { _tag: "OmitETag" }

/**
 * Route `"result_persistence"` only: the next persisted result ends `failed`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const failResult = (message?: string): Fault => ({ _tag: "FailResult", message })

/**
 * The JSON form accepted by `POST /__admin/faults`, e.g.
 * `{"route":"storage","fault":{"kind":"status","status":503,"retryAfter":1},"times":2}`.
 *
 * @since 0.1.0
 * @category conversions
 */
export const toJson = (fault: Fault): Record<string, unknown> => {
  const { _tag, ...rest } = fault
  return { kind: _tag, ...rest }
}
