/**
 * The uploads and file loads of the Promise client: the functions of `Uploads` and
 * `Tables` taking a client made by `createHotdataClient` (from
 * `@hotdata-effect/core/PromiseClient`) and returning Promises and async iterables.
 * They run on that client's runtime: its settings, its `dispose()` and its errors
 * (`instanceof HotdataPromiseError`, with their `_tag`) hold here too.
 *
 * @example
 * ```ts
 * import { createHotdataClient } from "@hotdata-effect/core/PromiseClient"
 * import { loadFile } from "@hotdata-effect/uploads/promise"
 *
 * export const load = async () => {
 *   await using hotdata = createHotdataClient()
 *   return loadFile(hotdata, "./events.csv", {
 *     databaseId: "db_123",
 *     schema: "public",
 *     table: "events",
 *     mode: "replace",
 *     upload: { contentType: "text/csv", onProgress: (p) => console.log(p.bytesDone) }
 *   })
 * }
 * ```
 *
 * @since 0.1.0
 */
import type { Schemas } from "@hotdata-effect/core"
import type { CallOptions, HotdataPromiseClient } from "@hotdata-effect/core/PromiseClient"
import { runnerOf } from "@hotdata-effect/core/PromiseClient"
import type * as UploadTypes from "@hotdata-effect/kernel/types/uploads"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as Tables from "./Tables.js"
import type { UploadEvent } from "./UploadEvent.js"
import * as Uploads from "./Uploads.js"

/**
 * What the Promise functions upload: a file path or `file:` URL (Node), bytes, a
 * `Blob` / `File`, or a `ReadableStream` / async iterable of bytes (read once, in
 * order).
 *
 * @since 0.1.0
 * @category models
 */
export type Source = UploadTypes.Source

const isAsyncIterable = (u: unknown): u is AsyncIterable<Uint8Array> =>
  typeof u === "object" && u !== null && Symbol.asyncIterator in u

const toSource = (source: Source): Uploads.UploadSource<Error> => {
  if (typeof source === "string" || source instanceof URL || source instanceof Uint8Array || source instanceof Blob) {
    return source
  }
  if (typeof ReadableStream !== "undefined" && source instanceof ReadableStream) {
    return Stream.fromReadableStream({
      evaluate: () => source,
      onError: (e) => e instanceof Error ? e : new Error(String(e))
    })
  }
  if (isAsyncIterable(source)) {
    return Stream.fromAsyncIterable(source, (e) => e instanceof Error ? e : new Error(String(e)))
  }
  throw new TypeError("unsupported upload source: pass a path, URL, Uint8Array, Blob, ReadableStream or async iterable")
}

/**
 * The options of {@link uploadFile}: the upload's options, its progress callbacks and
 * the per-call options of the client (`signal`, `timeout`, `maxRetries`, `headers`).
 *
 * @since 0.1.0
 * @category models
 */
export type UploadOptions = Omit<NonNullable<Parameters<typeof Uploads.uploadFile>[1]>, "signal"> & CallOptions

const callOptionsOf = (options: CallOptions | undefined): CallOptions | undefined =>
  options === undefined ? undefined : {
    signal: options.signal,
    timeout: options.timeout,
    maxRetries: options.maxRetries,
    headers: options.headers
  }

/**
 * Uploads a source and returns the finalized upload, whose `upload_id` a load takes.
 * `onProgress` hears cumulative progress; aborting `signal` (or disposing the client)
 * stops the upload, which is not finalized.
 *
 * @since 0.1.0
 * @category uploads
 */
export const uploadFile = (
  client: HotdataPromiseClient,
  source: Source,
  options: UploadOptions = {}
): Promise<Schemas.FinalizeUploadResponse> =>
  runnerOf(client).run(
    Effect.suspend(() => Uploads.uploadFile(toSource(source), { ...options, signal: undefined })),
    callOptionsOf(options)
  )

/**
 * Uploads a source and yields what happens (`SessionOpened`, `Progress`, `Finished`,
 * ...). Stopping the iteration early aborts the upload.
 *
 * @since 0.1.0
 * @category uploads
 */
export const upload = (
  client: HotdataPromiseClient,
  source: Source,
  options: Omit<Uploads.Options, "signal"> & CallOptions = {}
): AsyncIterable<UploadEvent> =>
  runnerOf(client).iterate(
    Stream.suspend(() => Uploads.upload(toSource(source), { ...options, signal: undefined })),
    callOptionsOf(options)
  )

/**
 * The options of {@link loadFile}: `Tables.LoadOptions`, whose `upload` takes the
 * options of {@link uploadFile}.
 *
 * @since 0.1.0
 * @category models
 */
export type LoadOptions = Omit<Tables.LoadOptions, "upload"> & {
  readonly upload?: Omit<UploadOptions, keyof CallOptions> | undefined
}

/**
 * Uploads a source and loads it into a managed table, waiting for a load the server
 * runs in the background (see `Tables.loadFile`). `callOptions.idempotencyKey` is the
 * load's key when `options.idempotencyKey` is absent.
 *
 * @since 0.1.0
 * @category loads
 */
export const loadFile = (
  client: HotdataPromiseClient,
  source: Source,
  options: LoadOptions,
  callOptions?: CallOptions
): Promise<Schemas.LoadManagedTableResponse> =>
  runnerOf(client).run(
    Effect.suspend(() =>
      Tables.loadFile(toSource(source), {
        ...options,
        idempotencyKey: options.idempotencyKey ?? callOptions?.idempotencyKey
      })
    ),
    callOptions
  )
