/**
 * The Hotdata SDK for code without Effect, or on Effect 4: the Promise client of
 * `@hotdata-effect/core` with the uploads of `@hotdata-effect/uploads` and the Arrow
 * results of `@hotdata-effect/arrow`, in one bundle that carries its own copy of
 * Effect 3. Its types are plain TypeScript and import nothing from Effect.
 *
 * @example
 * ```ts
 * import { createHotdataClient, HotdataPromiseError } from "@hotdata-effect/client"
 *
 * export const databaseIds = async () => {
 *   await using hotdata = createHotdataClient({ apiKey: "hd_...", workspaceId: "ws_..." })
 *   try {
 *     const page = await hotdata.databases.list({ limit: 10 })
 *     return page.databases.map((db) => db.id)
 *   } catch (error) {
 *     if (error instanceof HotdataPromiseError && error._tag === "Unauthorized") return []
 *     throw error
 *   }
 * }
 * ```
 *
 * @since 0.1.0
 */
import * as ArrowPromise from "@hotdata-effect/arrow/promise"
import * as PromiseClient from "@hotdata-effect/core/PromiseClient"
import * as CoreRetryPolicy from "@hotdata-effect/core/RetryPolicy"
import * as UploadsPromise from "@hotdata-effect/uploads/promise"
import type { RecordBatch, Table } from "apache-arrow"
import type { ArrowQueryOptions, ExportOptions, ResultOptions, Written } from "./Arrow.js"
import type { CallOptions } from "./CallOptions.js"
import type {
  HotdataClient,
  HotdataPromiseError as HotdataPromiseErrorShape,
  HotdataPromiseErrorConstructor,
  Options,
  RetryPolicy,
  RetryPolicyOptions
} from "./Client.js"
import type { FinalizeUploadResponse, LoadManagedTableResponse } from "./generated/Schemas.js"
import type { LoadOptions, Source, UploadEvent, UploadOptions } from "./Uploads.js"

/**
 * The types of Arrow results and exports.
 *
 * @since 0.1.0
 */
export type * from "./Arrow.js"

/**
 * `CallOptions` and durations.
 *
 * @since 0.1.0
 */
export type * from "./CallOptions.js"

/**
 * The client's settings, methods and error shape.
 *
 * @since 0.1.0
 */
export type * from "./Client.js"

/**
 * The operation groups of the client and the query and header options of each operation.
 *
 * @since 0.1.0
 */
export type * as Operations from "./generated/Groups.js"

/**
 * The API's models, as the client sends and answers them.
 *
 * @since 0.1.0
 */
export type * as Schemas from "./generated/Schemas.js"

/**
 * The types of uploads and loads.
 *
 * @since 0.1.0
 */
export type * from "./Uploads.js"

// The values below are the SDK's own functions; their declared types are the plain ones
// of this package, which packages/client/test/contract.check.ts holds equal to (or, for
// options taking Effect values, a part of) what those functions declare.

/**
 * One of the SDK's values under its plain type. The compiler cannot relate the two: the
 * plain types stand for Effect values (an opaque `RetryPolicy` for core's `Schedule`, the
 * plain client for core's, whose Effect-typed options it narrows), so the plain type is
 * asserted here, the one place it is, and test/contract.check.ts proves it against the
 * SDK's. The value itself is passed through: no wrapper, no per-call work.
 */
const asPlain = <Plain>(value: unknown): Plain => value as Plain

/**
 * Creates a client. Call `dispose()` (or `await using`) when done with it. A missing
 * API key (none given and no `HOTDATA_API_KEY`), a malformed key or an unusable base
 * URL throws an `InvalidConfig` error naming the setting, before any request.
 *
 * @since 0.1.0
 * @category constructors
 */
export const createHotdataClient: (options?: Options) => HotdataClient = /* @__PURE__ */ asPlain(
  PromiseClient.createHotdataClient
)

/**
 * `err instanceof HotdataPromiseError` holds for every error the client and the
 * functions of this package throw; each keeps its `_tag`, `message` and, for HTTP
 * failures, `status` and `traceId`.
 *
 * @since 0.1.0
 * @category errors
 */
export const HotdataPromiseError: HotdataPromiseErrorConstructor = /* @__PURE__ */ asPlain(
  PromiseClient.HotdataPromiseError
)

/**
 * What every error the client throws carries: `_tag`, `message`, and for HTTP failures
 * `status` and `traceId`.
 *
 * @since 0.1.0
 * @category errors
 */
export type HotdataPromiseError = HotdataPromiseErrorShape

/**
 * A retry policy for `createHotdataClient({ retryPolicy })`: jittered exponential
 * backoff that honours `Retry-After`.
 *
 * @since 0.1.0
 * @category retries
 */
export const retryPolicy: (options?: RetryPolicyOptions) => RetryPolicy = /* @__PURE__ */ asPlain(CoreRetryPolicy.make)

/**
 * The retry policy that never retries.
 *
 * @since 0.1.0
 * @category retries
 */
export const noRetries: RetryPolicy = /* @__PURE__ */ asPlain(CoreRetryPolicy.none)

/**
 * Uploads a source and returns the finalized upload, whose `upload_id` a load takes.
 * `onProgress` hears cumulative progress; aborting `signal` (or disposing the client)
 * stops the upload, which is not finalized.
 *
 * @since 0.1.0
 * @category uploads
 */
export const uploadFile: (
  client: HotdataClient,
  source: Source,
  options?: UploadOptions
) => Promise<FinalizeUploadResponse> = /* @__PURE__ */ asPlain(UploadsPromise.uploadFile)

/**
 * Uploads a source and yields what happens (`SessionOpened`, `Progress`, `Finished`,
 * ...). Stopping the iteration early aborts the upload.
 *
 * @since 0.1.0
 * @category uploads
 */
export const upload: (
  client: HotdataClient,
  source: Source,
  options?: Omit<UploadOptions, "onProgress" | "onEvent">
) => AsyncIterable<UploadEvent> = /* @__PURE__ */ asPlain(UploadsPromise.upload)

/**
 * Uploads a source and loads it into a managed table, waiting for a load the server
 * runs in the background.
 *
 * @since 0.1.0
 * @category loads
 */
export const loadFile: (
  client: HotdataClient,
  source: Source,
  options: LoadOptions,
  callOptions?: CallOptions
) => Promise<LoadManagedTableResponse> = /* @__PURE__ */ asPlain(UploadsPromise.loadFile)

/**
 * Runs SQL and yields its result's Arrow record batches as they arrive; stopping the
 * iteration aborts the request.
 *
 * @since 0.1.0
 * @category arrow
 */
export const queryBatches: (
  client: HotdataClient,
  sql: string,
  options: ArrowQueryOptions,
  callOptions?: CallOptions
) => AsyncIterable<RecordBatch> = /* @__PURE__ */ asPlain(ArrowPromise.queryBatches)

/**
 * Runs SQL and returns its whole result as one Arrow `Table`.
 *
 * @since 0.1.0
 * @category arrow
 */
export const queryTable: (
  client: HotdataClient,
  sql: string,
  options: ArrowQueryOptions,
  callOptions?: CallOptions
) => Promise<Table> = /* @__PURE__ */ asPlain(ArrowPromise.queryTable)

/**
 * Yields the Arrow record batches of a stored result.
 *
 * @since 0.1.0
 * @category arrow
 */
export const resultBatches: (
  client: HotdataClient,
  resultId: string,
  options: ResultOptions,
  callOptions?: CallOptions
) => AsyncIterable<RecordBatch> = /* @__PURE__ */ asPlain(ArrowPromise.resultBatches)

/**
 * A stored result as one Arrow `Table`.
 *
 * @since 0.1.0
 * @category arrow
 */
export const resultTable: (
  client: HotdataClient,
  resultId: string,
  options: ResultOptions,
  callOptions?: CallOptions
) => Promise<Table> = /* @__PURE__ */ asPlain(ArrowPromise.resultTable)

/**
 * Streams a stored result to a file in `options.format` (`arrow`, `csv` or `parquet`),
 * through `<path>.partial` renamed when complete. Node only.
 *
 * @since 0.1.0
 * @category arrow
 */
export const exportToFile: (
  client: HotdataClient,
  resultId: string,
  path: string,
  options: ExportOptions,
  callOptions?: CallOptions
) => Promise<Written> = /* @__PURE__ */ asPlain(ArrowPromise.exportToFile)
