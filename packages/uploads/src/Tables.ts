/**
 * Loading files into managed tables: upload, load, and wait for the load when the
 * server runs it in the background.
 *
 * @since 0.1.0
 */
import { HotdataClient, HotdataError, Polling, Schemas } from "@hotdata-effect/core"
import * as Retry from "@hotdata-effect/kernel/retry"
import type * as UploadTypes from "@hotdata-effect/kernel/types/uploads"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type { UploadError } from "./UploadError.js"
import * as Uploads from "./Uploads.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface LoadOptions
  extends UploadTypes.LoadOptions<Polling.Options, Parameters<typeof Uploads.uploadFile>[1]>
{}

/**
 * The load got no answer (or the server was unavailable, or kept answering that the load
 * first sent with its key is still running) through every retry the client's retry policy
 * allows: whether it ran, or will, is unknown. `uploadId` can be loaded
 * again once the situation is clear, with `idempotencyKey` to make sure it runs at most once.
 *
 * @since 0.1.0
 * @category errors
 */
export class LoadOutcomeUnknown extends Schema.TaggedError<LoadOutcomeUnknown>(
  "@hotdata-effect/uploads/Tables/LoadOutcomeUnknown"
)("LoadOutcomeUnknown", { message: Schema.String, uploadId: Schema.String, idempotencyKey: Schema.String }) {}

/**
 * Every error of {@link loadFile}.
 *
 * @since 0.1.0
 * @category models
 */
export type LoadFileError =
  | UploadError
  | HotdataError.HotdataError
  | Polling.WorkFailed
  | Polling.PollTimeout
  | LoadOutcomeUnknown

/** Failures after which the server may have run the load (or may still be running it). */
const isAmbiguous = (error: HotdataError.HotdataError): boolean =>
  (error._tag === "TransportError" && error.phase !== "connect" && error.phase !== "tls") ||
  error._tag === "TimeoutError" ||
  (error._tag === "ServerError" && Retry.isGatewayStatus(error.status)) ||
  HotdataError.isKeyInProgress(error)

const isLoadResult = Schema.is(Schemas.LoadManagedTableResponse)

/**
 * Uploads a source and loads it into a managed table, waiting for the load when the
 * server answers that it runs in the background. Returns the load's result (the
 * table's row count after the load and its Arrow schema).
 *
 * The load is sent with an idempotency key generated for this call, so the client's
 * retry policy (the only retries of the load; see `HotdataClient.withRetryPolicy`)
 * resends it with the same key when its answer was lost, and it runs at most once.
 *
 * @example
 * ```ts
 * import { Tables } from "@hotdata-effect/uploads"
 *
 * const program = Tables.loadFile("./events.csv", {
 *   databaseId: "db_123",
 *   schema: "public",
 *   table: "events",
 *   mode: "replace",
 *   upload: { contentType: "text/csv" }
 * })
 * ```
 *
 * @since 0.1.0
 * @category loads
 */
export const loadFile = <E = never, R = never>(
  source: Uploads.UploadSource<E, R>,
  options: LoadOptions
): Effect.Effect<Schemas.LoadManagedTableResponse, LoadFileError, HotdataClient.HotdataClient | R> =>
  Effect.gen(function*() {
    const client = yield* HotdataClient.HotdataClient
    const upload = yield* Uploads.uploadFile(source, options.upload)
    const idempotencyKey = options.idempotencyKey ?? crypto.randomUUID()
    const body: Schemas.LoadManagedTableRequest = {
      upload_id: upload.upload_id,
      mode: options.mode,
      idempotency_key: idempotencyKey,
      ...(options.format !== undefined ? { format: options.format } : {}),
      ...(options.key !== undefined ? { key: options.key } : {})
    }
    const response = yield* client.databases.loadTable(options.databaseId, options.schema, options.table, body).pipe(
      Effect.catchIf(isAmbiguous, (error) =>
        new LoadOutcomeUnknown({
          uploadId: upload.upload_id,
          idempotencyKey,
          message: `the load of upload ${upload.upload_id} got no answer: ${error.message}`
        }))
    )
    if (response.status === 200) return response.body
    const job = yield* Polling.job(response.body.id, options.poll)
    if (isLoadResult(job.result)) return job.result
    return yield* new Polling.WorkFailed({
      kind: "job",
      id: job.id,
      status: job.status,
      message: `load job ${job.id} ended \`${job.status}\` without a load result`
    })
  }).pipe(
    Effect.withSpan("Hotdata.Tables.loadFile", {
      captureStackTrace: false,
      attributes: { "hotdata.database_id": options.databaseId, "hotdata.table": `${options.schema}.${options.table}` }
    })
  )
