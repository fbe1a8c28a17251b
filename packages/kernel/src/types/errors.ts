/**
 * The shape every error of the SDK has, as plain types: what code without Effect can
 * rely on when it catches one.
 *
 * @since 0.1.0
 */

/**
 * What every error the SDK throws carries: its `_tag` (`"NotFound"`, `"RateLimited"`,
 * `"StorageError"`, ...), a `message`, and for HTTP failures the `status` and the
 * server's `traceId`. Other fields depend on the tag.
 *
 * @since 0.1.0
 * @category errors
 */
export interface TaggedError extends Error {
  readonly _tag: string
  readonly status?: number | undefined
  readonly traceId?: string | undefined
}

/**
 * The tags of the failures of one part that an upload retries: minting its URL,
 * storage's answer, the connection, or a missing ETag.
 *
 * @since 0.1.0
 * @category errors
 */
export type RetryableTag = "MintError" | "StorageError" | "StorageTransportError" | "MissingETag"

/**
 * A failure of one part that the upload retries.
 *
 * @since 0.1.0
 * @category errors
 */
export interface RetryableError extends TaggedError {
  readonly _tag: RetryableTag
  readonly partNumber?: number | undefined
}
