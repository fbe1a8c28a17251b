/**
 * A local Hotdata-compatible server: the HTTP API backed by DuckDB, presigned uploads to
 * an S3-protocol store, and fault injection for tests.
 *
 * @example
 * ```ts
 * import { HotdataClient } from "@hotdata-effect/core"
 * import { LocalHotdata } from "@hotdata-effect/local"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const client = yield* HotdataClient.HotdataClient
 *   const db = yield* client.databases.create({ name: "scratch" })
 *   return db.id
 * })
 *
 * // A real server on a random port in a temporary directory, for as long as `main` runs.
 * export const main = program.pipe(Effect.provide(LocalHotdata.layer()))
 * ```
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HotdataClient from "@hotdata-effect/core/HotdataClient"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as fs from "node:fs"
import type * as Faults from "./Faults.js"
import { defaults } from "./internal/options.js"
import * as internal from "./internal/server.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Port of the HTTP API. Default: a free port. */
  readonly port?: number | undefined
  /** Interface to listen on. Default `127.0.0.1`. */
  readonly host?: string | undefined
  /**
   * Where databases, results, uploads and metadata live. The Effect layers default to a
   * temporary directory removed when the scope closes; {@link startLocalHotdata} defaults
   * to `./.hotdata`.
   */
  readonly dataDir?: string | undefined
  /** The accepted API key. Default `local-dev-key`. */
  readonly apiKey?: string | undefined
  /** The workspace that exists from the start. Default `ws_local`. */
  readonly workspaceId?: string | undefined
  /** `false` starts without object storage: upload sessions answer 501 `PRESIGN_UNSUPPORTED`. Default `true`. */
  readonly presign?: boolean | undefined
  /** Rows a query answers inline before it is `truncated`. Default 10,000. */
  readonly inlineRowLimit?: number | undefined
  /** Lifetime of presigned URLs. Default 30 minutes. */
  readonly presignedUrlTtl?: Duration.DurationInput | undefined
  /**
   * How long a load resent with the idempotency key of a load still running waits for
   * that load, to answer with its result; after that it answers 409
   * `IDEMPOTENCY_KEY_IN_PROGRESS` (resend it with the same key). Default 30 seconds.
   */
  readonly keyedLoadWait?: Duration.DurationInput | undefined
  /**
   * For browser development: the origin pages call from (`http://localhost:5173`, or `*`
   * for any). The API and the object store then answer preflights and send CORS headers.
   * Default: none.
   */
  readonly cors?: string | undefined
  /**
   * Host names (or `name:port`) requests may address the server by, besides its own:
   * `localhost`, `127.0.0.1`, `[::1]` and the `host` it listens on, with its port (and,
   * listening on all interfaces, the address a request came in on). Requests naming any other
   * `Host` answer 421, so web pages cannot reach the server by DNS rebinding. Give the names
   * it is reached by behind a proxy or in a container network; `"*"` answers to any `Host`.
   * Default: none.
   */
  readonly allowedHosts?: ReadonlyArray<string> | undefined
  /**
   * An S3-compatible store (MinIO, S3, ...) to keep uploads in instead of the embedded one.
   * Presigned URLs then point at it, and the bucket must exist. Faults injected on the
   * `"storage"` route and `storageRequests` apply to the embedded store only.
   */
  readonly externalStorage?: ExternalStorage | undefined
}

/**
 * Where an external S3-compatible store is, and the credentials the server signs with.
 *
 * @since 0.1.0
 * @category models
 */
export interface ExternalStorage {
  /** Base URL of the store, e.g. `http://127.0.0.1:9000`; path-style addressing is used. */
  readonly endpoint: string
  readonly bucket: string
  /** Default `us-east-1`. */
  readonly region?: string | undefined
  readonly accessKeyId: string
  readonly secretAccessKey: string
}

/**
 * The object store as an S3 endpoint, for clients that sign their own requests
 * (`@aws-sdk/client-s3`, `@aws-sdk/lib-storage`, ...). Requests signed in the
 * `Authorization` header (SigV4) with these credentials go through the same front as
 * presigned uploads: verified, recorded, subject to injected `"storage"` faults, and
 * streamed into the same store. Use path-style addressing.
 *
 * @example
 * ```ts
 * import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3"
 * import { startLocalHotdata } from "@hotdata-effect/local/LocalHotdata"
 *
 * const server = await startLocalHotdata({ temporary: true })
 * const storage = server.storage!
 * const s3 = new S3Client({
 *   endpoint: storage.endpoint,
 *   region: storage.region,
 *   forcePathStyle: true,
 *   credentials: { accessKeyId: storage.accessKeyId, secretAccessKey: storage.secretAccessKey }
 * })
 * await s3.send(new PutObjectCommand({ Bucket: storage.bucket, Key: "hello.txt", Body: "hello" }))
 * s3.destroy()
 * await server.stop()
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface StorageEndpoint {
  /** Base URL of the store's front (the same as `storageUrl`). */
  readonly endpoint: string
  /** The bucket uploads land in. */
  readonly bucket: string
  readonly region: string
  readonly accessKeyId: string
  readonly secretAccessKey: string
}

/**
 * @since 0.1.0
 * @category models
 */
export interface FaultControls {
  /** Applies `fault` to the next `times` (default 1) requests of `route`. */
  readonly injectFault: (route: Faults.Route, fault: Faults.Fault, times?: number) => void
  /** Removes every pending fault. */
  readonly clearFaults: () => void
  /** The requests that reached the object store, oldest first. */
  readonly storageRequests: () => ReadonlyArray<Faults.StorageRequest>
  readonly clearStorageRequests: () => void
  /** How many requests an operation received, by operation id. */
  readonly callCount: (operationId: string) => number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Handle extends FaultControls {
  readonly baseUrl: string
  readonly apiKey: string
  readonly workspaceId: string
  readonly dataDir: string
  /** Base URL of the object store's presigned front, when presigning is on. */
  readonly storageUrl: string | undefined
  /** The object store as an S3 endpoint with its credentials, when presigning is on. */
  readonly storage: StorageEndpoint | undefined
  /** Stops the server and waits for background work; removes a temporary data directory. */
  readonly stop: () => Promise<void>
}

/**
 * The running server, as a service.
 *
 * @since 0.1.0
 * @category models
 */
export class LocalHotdata
  extends Context.Tag("@hotdata-effect/local/LocalHotdata")<LocalHotdata, LocalHotdata.Service>()
{}

/**
 * @since 0.1.0
 */
export declare namespace LocalHotdata {
  /**
   * @since 0.1.0
   * @category models
   */
  export interface Service {
    readonly baseUrl: string
    readonly apiKey: Redacted.Redacted
    readonly workspaceId: string
    readonly dataDir: string
    readonly storageUrl: string | undefined
    /** The object store as an S3 endpoint with its credentials, when presigning is on. */
    readonly storage: StorageEndpoint | undefined
    /** Applies `fault` to the next `times` (default 1) requests of `route`. */
    readonly injectFault: (route: Faults.Route, fault: Faults.Fault, times?: number) => Effect.Effect<void>
    readonly clearFaults: Effect.Effect<void>
    /** The requests that reached the object store, oldest first. */
    readonly storageRequests: Effect.Effect<ReadonlyArray<Faults.StorageRequest>>
    readonly clearStorageRequests: Effect.Effect<void>
    /** How many requests an operation received, by operation id. */
    readonly callCount: (operationId: string) => Effect.Effect<number>
  }
}

/**
 * Raised when the server cannot start (port taken, data directory not writable, ...).
 *
 * @since 0.1.0
 * @category errors
 */
export class LocalHotdataError extends Schema.TaggedError<LocalHotdataError>("@hotdata-effect/local/LocalHotdataError")(
  "LocalHotdataError",
  { message: Schema.String }
) {}

const startOptions = (options: Options, dataDir: string): internal.StartOptions => ({
  port: options.port,
  host: options.host,
  dataDir,
  apiKey: options.apiKey,
  workspaceId: options.workspaceId,
  presign: options.presign,
  inlineRowLimit: options.inlineRowLimit,
  cors: options.cors,
  allowedHosts: options.allowedHosts,
  externalStorage: options.externalStorage,
  keyedLoadWaitMs: options.keyedLoadWait === undefined
    ? undefined
    : Duration.toMillis(Duration.decode(options.keyedLoadWait)),
  presignedUrlTtlSeconds: options.presignedUrlTtl === undefined
    ? undefined
    : Math.max(1, Math.round(Duration.toSeconds(Duration.decode(options.presignedUrlTtl))))
})

const toHandle = (running: internal.RunningServer, cleanup: () => void): Handle => {
  const faults = running.server.faults
  return {
    baseUrl: running.baseUrl,
    apiKey: running.apiKey,
    workspaceId: running.workspaceId,
    dataDir: running.dataDir,
    storageUrl: running.storageUrl,
    storage: running.storage,
    injectFault: (route, fault, times = 1) => {
      faults.inject(route, fault, times)
    },
    clearFaults: () => faults.clear(),
    storageRequests: () => [...faults.storageRequests],
    clearStorageRequests: () => {
      faults.storageRequests.length = 0
    },
    callCount: (operationId) => faults.calls.get(operationId) ?? 0,
    stop: async () => {
      await running.stop()
      cleanup()
    }
  }
}

/**
 * Starts the server and resolves once it accepts requests. For non-Effect code and the CLI.
 *
 * @example
 * ```ts
 * import { startLocalHotdata } from "@hotdata-effect/local/LocalHotdata"
 *
 * const server = await startLocalHotdata({ dataDir: "./.hotdata" })
 * console.log(server.baseUrl, server.apiKey, server.workspaceId)
 * await server.stop()
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const startLocalHotdata = async (
  options: Options & { readonly temporary?: boolean | undefined } = {}
): Promise<Handle> => {
  const temporary = options.temporary === true && options.dataDir === undefined
  const dataDir = temporary ? internal.makeTempDir() : options.dataDir ?? defaults.dataDir
  const cleanup = () => {
    if (temporary) fs.rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    return toHandle(await internal.start(startOptions(options, dataDir)), cleanup)
  } catch (cause) {
    cleanup()
    throw cause
  }
}

/**
 * Starts the server for the life of the scope; without `dataDir` it works in a temporary
 * directory that is removed when the scope closes.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options = {}): Effect.Effect<LocalHotdata.Service, LocalHotdataError, Scope.Scope> =>
  Effect.map(
    Effect.acquireRelease(
      Effect.tryPromise({
        try: () => startLocalHotdata({ ...options, temporary: options.dataDir === undefined }),
        catch: (cause) =>
          new LocalHotdataError({
            message: `the local Hotdata server could not start: ${
              cause instanceof Error ? cause.message : String(cause)
            }`
          })
      }),
      (handle) => Effect.promise(() => handle.stop())
    ),
    (handle): LocalHotdata.Service => ({
      baseUrl: handle.baseUrl,
      apiKey: Redacted.make(handle.apiKey),
      workspaceId: handle.workspaceId,
      dataDir: handle.dataDir,
      storageUrl: handle.storageUrl,
      storage: handle.storage,
      injectFault: (route, fault, times) => Effect.sync(() => handle.injectFault(route, fault, times)),
      clearFaults: Effect.sync(() => handle.clearFaults()),
      storageRequests: Effect.sync(() => handle.storageRequests()),
      clearStorageRequests: Effect.sync(() => handle.clearStorageRequests()),
      callCount: (operationId) => Effect.sync(() => handle.callCount(operationId))
    })
  )

/**
 * The server as a layer, without a client.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerServer = (options: Options = {}): Layer.Layer<LocalHotdata, LocalHotdataError> =>
  Layer.scoped(LocalHotdata, make(options))

/**
 * The server and a `HotdataClient` pointed at it (over `fetch`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: Options = {}
): Layer.Layer<LocalHotdata | HotdataClient.HotdataClient, LocalHotdataError> => {
  const client = Layer.unwrapEffect(
    Effect.map(
      LocalHotdata,
      (server) =>
        // The server's own key and URL are always valid: an InvalidConfig here is a bug.
        HotdataClient.layer({ apiKey: server.apiKey, workspaceId: server.workspaceId, baseUrl: server.baseUrl }).pipe(
          Layer.orDie
        )
    )
  ).pipe(Layer.provide(FetchHttpClient.layer))
  return Layer.provideMerge(client, layerServer(options))
}
