import { idempotencyKeyInProgress } from "@hotdata-effect/core/HotdataError"

/**
 * Errors raised by handlers, turned into `{"error":{"code","message"}}` bodies by the router.
 *
 * @internal
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {}
  ) {
    super(message)
  }
}

/** @internal */
export const badRequest = (message: string): ApiError => new ApiError(400, "BAD_REQUEST", message)

/** @internal */
export const notFound = (message: string): ApiError => new ApiError(404, "NOT_FOUND", message)

/** @internal */
export const conflict = (message: string): ApiError => new ApiError(409, "CONFLICT", message)

/**
 * 409 for a keyed write whose original, sent with the same idempotency key, is still
 * running: a code of its own (clients retry it with the same key) and `Retry-After`.
 *
 * @internal
 */
export const keyInProgress = (message: string, retryAfterSeconds = 1): ApiError =>
  new ApiError(409, idempotencyKeyInProgress, message, { "Retry-After": String(retryAfterSeconds) })

/** @internal */
export const errorMessage = (cause: unknown): string => {
  if (cause instanceof Error) return cause.message
  return String(cause)
}

/** A failure's message on one line: runs of whitespace (DuckDB's line breaks) as single spaces. @internal */
export const cleanMessage = (cause: unknown): string => errorMessage(cause).replace(/\s+/g, " ").trim()
