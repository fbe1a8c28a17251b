/**
 * The settings of a Hotdata client, declared once as plain types, with the defaults a
 * Promise client reads from the environment. `D` is the type of a length of time and `P`
 * the type of a retry policy: the plain ones in `@hotdata-effect/client`, Effect's
 * `Duration.DurationInput` and `RetryPolicy` in the clients built on Effect, which add
 * what only they can take (a `Redacted` API key, a `transformClient`).
 *
 * @since 0.1.0
 */
import type { DurationInput } from "./types/duration.js"

/**
 * The names `logLevel` and the `HOTDATA_LOG` variable accept.
 *
 * @since 0.1.0
 * @category models
 */
export type LogLevel = "debug" | "info" | "warning" | "error" | "off"

/**
 * What every client takes besides its API key.
 *
 * @since 0.1.0
 * @category models
 */
export interface Settings<D = DurationInput, P = unknown> {
  /**
   * The workspace id, sent as `X-Workspace-Id` (not needed for `/v1/workspaces`). A
   * Promise client reads `HOTDATA_WORKSPACE_ID` from its environment when it is unset.
   */
  readonly workspaceId?: string | undefined
  /**
   * Default `https://api.hotdata.dev` (a Promise client reads `HOTDATA_API_URL` from its
   * environment first); a trailing `/v1` is accepted. It must be an `http:` or `https:`
   * URL without credentials, query or fragment (`InvalidConfig`).
   */
  readonly baseUrl?: string | undefined
  /** Replaces the default `hotdata-effect/<version>`. */
  readonly userAgent?: string | undefined
  /**
   * Time limit of each attempt of a call. Default: none at the SDK level, as in the
   * official clients, so a slow cold start or a long synchronous query is never cut
   * short (Node's `fetch` itself gives up on a silent server after 300 s). Set it here
   * for every call, or per call (`HotdataClient.withTimeout`, the `timeout` call option).
   */
  readonly timeout?: D | undefined
  /**
   * How long the body of a response may stop moving before the read fails with
   * `TimeoutError`: 60 s by default. It limits the silence between two pieces of the
   * body, not the total time, so a large or slow body that keeps moving is never cut.
   * Applies to decoded calls and to streamed bodies. An infinite duration switches it
   * off; `HotdataClient.withIdleTimeout` changes it per call.
   */
  readonly idleTimeout?: D | undefined
  /**
   * The most bytes a response body read whole may hold, decompressed: a decoded answer,
   * and `text`, `json`, `arrayBuffer` of a `response`. Default 128 MiB: twice the largest
   * result page `Query` reads under its own defaults (64 MiB), sixteen times a query's
   * inline rows; past it the read stops, the request is ended, and the call fails with
   * `ResponseTooLarge`. Bodies streamed to the caller (Arrow, exports) have no such
   * bound. A positive number; `Infinity` switches it off (no body over 512 MiB can become
   * a string anyway). Error bodies are read up to their first 64 KiB only.
   */
  readonly maxResponseBytes?: number | undefined
  /**
   * How many times its encoded size a compressed response body (gzip, deflate, brotli) may
   * expand to, streamed bodies included, once more than 16 MiB have come out. Default 200:
   * real data compresses far less, a decompression bomb far more. Past it the read stops,
   * the request is ended, and the call (or the stream) fails with `ResponseTooLarge`. At
   * least 1; `Infinity` switches it off. Where `fetch` decompresses a chunked answer it
   * does not say the encoded size, and only `maxResponseBytes` applies.
   */
  readonly maxCompressionRatio?: number | undefined
  /** How requests are retried. Default: jittered exponential backoff that honours `Retry-After`. */
  readonly retryPolicy?: P | undefined
  /**
   * The SDK's own logging: one line per request, retry and answer (operation, method,
   * route and path, status, duration, attempt, the server's trace id; never a header or
   * the query string), all at debug level. Unset, it reads `HOTDATA_LOG` from the
   * configuration (the environment by default). The Effect clients log through Effect's
   * `Logger`: with neither set the lines follow the fiber's minimum log level (`Info`
   * unless the application lowers it), so nothing is printed by default. `"debug"` prints
   * them whatever the application's level (a Promise client prints to the console), `"off"`
   * never. An unknown value fails with `InvalidConfig`.
   */
  readonly logLevel?: LogLevel | undefined
}

/**
 * The settings of a Promise client (`createHotdataClient`).
 *
 * @since 0.1.0
 * @category models
 */
export interface PromiseSettings<D = DurationInput, P = unknown> extends Settings<D, P> {
  /**
   * The API key, sent as `Authorization: Bearer <key>`. Default: `HOTDATA_API_KEY` from
   * the environment, where there is one (`process.env`). Whitespace around it is removed;
   * what remains must be visible ASCII characters (`InvalidConfig`).
   */
  readonly apiKey?: string | undefined
  /**
   * The `fetch` to send requests with. Without it, the client sends over `node:http`
   * where the runtime has it (Node, Bun, Deno: the `NodeTransport`) and over the global
   * `fetch` elsewhere (browsers, workers: the `FetchTransport`). Pass `globalThis.fetch` to
   * send over `fetch` everywhere.
   */
  readonly fetch?: typeof globalThis.fetch | undefined
  /**
   * The `node:http` and `node:https` agents to send through, where the client sends over
   * `node:http`: a certificate authority of your own (`new https.Agent({ ca })`), a proxy
   * agent, connection limits. A protocol without one uses the shared keep-alive agent.
   * The uploads' storage PUTs go through them too (progress is then reported per part).
   * Cannot be combined with `fetch`, nor used where the runtime has no `node:http`.
   */
  readonly agents?: { readonly http?: object | undefined; readonly https?: object | undefined } | undefined
  /** The environment to read defaults from. Default: `process.env` where it exists, else none. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined
}

/**
 * The connection settings of a Promise client once its environment is read.
 *
 * @since 0.1.0
 * @category models
 */
export interface Connection {
  readonly apiKey: string | undefined
  readonly workspaceId: string | undefined
  readonly baseUrl: string | undefined
}

/**
 * A value, unless it is missing or only whitespace.
 *
 * @since 0.1.0
 * @category utils
 */
export const nonBlank = (value: string | undefined): string | undefined =>
  value !== undefined && value.trim() !== "" ? value : undefined

/**
 * `process.env` where the runtime has one, else an empty environment.
 *
 * @since 0.1.0
 * @category utils
 */
export const processEnv = (): Readonly<Record<string, string | undefined>> => {
  const env = (globalThis as { process?: { env?: unknown } }).process?.env
  return typeof env === "object" && env !== null ? env as Record<string, string | undefined> : {}
}

/**
 * The API key, workspace and base URL of a Promise client: each given setting, else its
 * `HOTDATA_*` variable (a blank one counts as unset). A given workspace or base URL is
 * taken as it is, for the client's checks to judge.
 *
 * @since 0.1.0
 * @category utils
 */
export const connectionOf = (settings: PromiseSettings<unknown, unknown>): Connection => {
  const env = settings.env ?? processEnv()
  return {
    apiKey: nonBlank(settings.apiKey) ?? nonBlank(env.HOTDATA_API_KEY),
    workspaceId: settings.workspaceId ?? nonBlank(env.HOTDATA_WORKSPACE_ID),
    baseUrl: settings.baseUrl ?? nonBlank(env.HOTDATA_API_URL)
  }
}
