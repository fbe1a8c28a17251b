/**
 * The errors of an upload, one tagged class per phase: opening the session, minting a
 * part URL, the storage PUT (an HTTP status, a transport failure or a missing ETag),
 * a malformed answer from the server, a size limit, reading the source, finalizing,
 * cancellation, a checkpoint that cannot be used, and bytes that would not (or do not)
 * add up to the source.
 *
 * Errors that retries can cure carry `exhausted` (true once every retry round was
 * spent on them) and `roundsAttempted`, so a caller can tell "gave up after several
 * rounds, try again later" from a request the server refused outright. No error holds
 * a presigned URL or the finalize token.
 *
 * @since 0.1.0
 */
import { HotdataError } from "@hotdata-effect/core"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"

/**
 * @since 0.1.0
 * @category type ids
 */
export const TypeId: unique symbol = Symbol.for("@hotdata-effect/uploads/UploadError")

/**
 * @since 0.1.0
 * @category type ids
 */
export type TypeId = typeof TypeId

/**
 * @since 0.1.0
 * @category guards
 */
export const isUploadError = (u: unknown): u is UploadError => Predicate.hasProperty(u, TypeId)

const apiFields = {
  message: Schema.String,
  /** The HTTP status of the API's answer, when there was one. */
  status: Schema.optional(Schema.Number),
  /** The server's error code (e.g. `PRESIGN_UNSUPPORTED`). */
  code: Schema.optional(Schema.String),
  /** The `X-Trace-Id` of the API's answer. */
  traceId: Schema.optional(Schema.String),
  /** The client error this wraps. */
  cause: Schema.optional(HotdataError.HotdataError)
}

/** The fields of an error about a session as a whole. */
const sessionFields = { message: Schema.String, uploadId: Schema.optional(Schema.String) }

const retryFields = {
  /** Every retry round was spent and the failure persisted. */
  exhausted: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  /** The rounds run before giving up, when the error ended the upload. */
  roundsAttempted: Schema.optional(Schema.Number)
}

/**
 * `POST /v1/uploads` failed. A deployment that cannot hand out upload URLs answers
 * 501 with code `PRESIGN_UNSUPPORTED`: send the data inline on the load instead.
 *
 * @since 0.1.0
 * @category errors
 */
export class SessionCreateError extends Schema.TaggedError<SessionCreateError>(
  "@hotdata-effect/uploads/UploadError/SessionCreateError"
)("SessionCreateError", apiFields) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * Minting the URL of a part failed.
 *
 * @since 0.1.0
 * @category errors
 */
export class MintError extends Schema.TaggedError<MintError>("@hotdata-effect/uploads/UploadError/MintError")(
  "MintError",
  { ...apiFields, ...retryFields, partNumber: Schema.Number }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * Storage answered a PUT with a non-success status (redirects included: following one
 * would break the signature). `body` is the start of storage's answer, usually XML.
 * `partNumber` is absent for a single-PUT upload.
 *
 * @since 0.1.0
 * @category errors
 */
export class StorageError extends Schema.TaggedError<StorageError>(
  "@hotdata-effect/uploads/UploadError/StorageError"
)("StorageError", {
  ...retryFields,
  message: Schema.String,
  status: Schema.Number,
  partNumber: Schema.optional(Schema.Number),
  body: Schema.optional(Schema.String),
  ...HotdataError.retryAfterField
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * A PUT got no answer from storage: the connection failed or was reset (`transport`),
 * the attempt ran past its time limit (`timeout`), the body stopped moving (`stall`), or
 * the storage's TLS certificate was refused (`tls`: nothing was sent and it is not retried;
 * trust the certificate's authority, or give the client the agents that do).
 *
 * @since 0.1.0
 * @category errors
 */
export class StorageTransportError extends Schema.TaggedError<StorageTransportError>(
  "@hotdata-effect/uploads/UploadError/StorageTransportError"
)("StorageTransportError", {
  ...retryFields,
  message: Schema.String,
  reason: Schema.Literal("transport", "timeout", "stall", "tls"),
  partNumber: Schema.optional(Schema.Number)
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * Storage accepted a PUT but sent no ETag (or a blank one), so the part cannot be
 * confirmed. In a browser this usually means the bucket's CORS rules do not expose
 * the `ETag` header.
 *
 * @since 0.1.0
 * @category errors
 */
export class MissingETag extends Schema.TaggedError<MissingETag>("@hotdata-effect/uploads/UploadError/MissingETag")(
  "MissingETag",
  { ...retryFields, message: Schema.String, partNumber: Schema.optional(Schema.Number) }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * The server described the upload in a way the client cannot follow safely: an
 * unknown mode, a missing URL or part size, a URL count that does not match the file,
 * a mint answer for other parts than asked.
 *
 * @since 0.1.0
 * @category errors
 */
export class MalformedSession extends Schema.TaggedError<MalformedSession>(
  "@hotdata-effect/uploads/UploadError/MalformedSession"
)("MalformedSession", sessionFields) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * A size is outside what can be sent or stored (`what` names it).
 *
 * @since 0.1.0
 * @category errors
 */
export class SizeLimitError extends Schema.TaggedError<SizeLimitError>(
  "@hotdata-effect/uploads/UploadError/SizeLimitError"
)("SizeLimitError", {
  message: Schema.String,
  what: Schema.Literal("part_size", "size"),
  value: Schema.Number,
  limit: Schema.Number
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * The source could not be read (`unreadable`), or changed while it was uploaded
 * (`changed`: a file whose size or modification time moved, fewer bytes than
 * expected), or is a file path where there is no file system to read it from
 * (`unsupported`: a browser; pass a `Blob` or `File`). Nothing is finalized after it.
 *
 * @since 0.1.0
 * @category errors
 */
export class SourceError extends Schema.TaggedError<SourceError>("@hotdata-effect/uploads/UploadError/SourceError")(
  "SourceError",
  {
    message: Schema.String,
    reason: Schema.Literal("unreadable", "changed", "unsupported"),
    path: Schema.optional(Schema.String),
    cause: Schema.optional(Schema.Defect)
  }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * Finalizing failed; the bytes are in storage but the upload was not confirmed.
 * Finalize is sent exactly once and never retried. When `mayBeFinalized` is true the
 * answer was lost (the connection dropped or timed out after the request went out):
 * the server may have finalized the upload, and a load by its `uploadId` may work.
 *
 * @since 0.1.0
 * @category errors
 */
export class FinalizeError extends Schema.TaggedError<FinalizeError>(
  "@hotdata-effect/uploads/UploadError/FinalizeError"
)("FinalizeError", { ...apiFields, uploadId: Schema.String, mayBeFinalized: Schema.Boolean }) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * The caller's `AbortSignal` fired: every PUT in flight was aborted and the upload was
 * not finalized. (Interrupting the fiber does the same without an error.)
 *
 * @since 0.1.0
 * @category errors
 */
export class UploadCancelled extends Schema.TaggedError<UploadCancelled>(
  "@hotdata-effect/uploads/UploadError/UploadCancelled"
)("UploadCancelled", sessionFields) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * A resumable upload's checkpoint could not be used:
 *
 * - `missing`: no checkpoint is stored under the key (only `Uploads.resume` needs one);
 * - `unreadable` / `unwritable`: the store failed, or what it holds is not a checkpoint;
 * - `sourceChanged`: the source is not the one the checkpoint was written for (its
 *   size, modification time or sampled content differ), so its parts cannot be mixed;
 * - `sessionGone`: the session was finalized already, or has expired (sessions live
 *   24 hours), so nothing can be added to it: start a new upload;
 * - `invalid`: a field of the checkpoint is out of its range or inconsistent with the
 *   others (a part size that is not a whole number of bytes, part numbers outside the
 *   plan or repeated, headers no request can carry, ...), so it was edited or damaged.
 *
 * `field` names the checkpoint field at fault when one is (`partSize`,
 * `parts[3].partNumber`, `headers`). Neither the message nor any other field ever holds
 * the finalize token or a header's value.
 *
 * @since 0.1.0
 * @category errors
 */
export class CheckpointError extends Schema.TaggedError<CheckpointError>(
  "@hotdata-effect/uploads/UploadError/CheckpointError"
)("CheckpointError", {
  message: Schema.String,
  reason: Schema.Literal("missing", "unreadable", "unwritable", "sourceChanged", "sessionGone", "invalid"),
  key: Schema.String,
  /** The checkpoint field at fault (a path such as `parts[2].eTag`), when one is. */
  field: Schema.optional(Schema.String),
  uploadId: Schema.optional(Schema.String),
  cause: Schema.optional(Schema.Defect)
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * The bytes storage holds would not be, or are not, the source's:
 *
 * - `coverage`: before finalizing, the confirmed parts do not cover the source exactly
 *   (a gap, an overlap, or another total than the source's size). Nothing was finalized.
 * - `size`: the server finalized the upload with another size than the source's
 *   (`actual` is the size it reported). The upload is finalized but does not hold the
 *   source: do not load it; start a new upload.
 *
 * @since 0.1.0
 * @category errors
 */
export class IntegrityError extends Schema.TaggedError<IntegrityError>(
  "@hotdata-effect/uploads/UploadError/IntegrityError"
)("IntegrityError", {
  message: Schema.String,
  reason: Schema.Literal("coverage", "size"),
  uploadId: Schema.String,
  /** The size of the source in bytes. */
  expected: Schema.Number,
  /** The bytes the parts cover (`coverage`), or the size the server reported (`size`). */
  actual: Schema.Number
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
}

/**
 * Every error an upload can fail with.
 *
 * @since 0.1.0
 * @category models
 */
export type UploadError =
  | SessionCreateError
  | MintError
  | StorageError
  | StorageTransportError
  | MissingETag
  | MalformedSession
  | SizeLimitError
  | SourceError
  | FinalizeError
  | UploadCancelled
  | CheckpointError
  | IntegrityError

/**
 * The errors a retry round can cure.
 *
 * @since 0.1.0
 * @category models
 */
export type RetryableError = MintError | StorageError | StorageTransportError | MissingETag

/**
 * The fields of an API error worth keeping on an upload error.
 *
 * @internal
 */
export const apiDetails = (error: HotdataError.HotdataError) => ({
  message: error.message,
  cause: error,
  ...("status" in error && error.status !== undefined ? { status: error.status } : {}),
  ...("code" in error && error.code !== undefined ? { code: error.code } : {}),
  ...("traceId" in error && error.traceId !== undefined ? { traceId: error.traceId } : {})
})
