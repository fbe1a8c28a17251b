/**
 * A lean `HttpClient.HttpClient` over the runtime's `fetch`: the transport to use on Bun,
 * Deno, browsers and edge runtimes (and on Node when undici is not wanted).
 *
 * It is a drop-in for `FetchHttpClient.layer` and reads the same services
 * (`FetchHttpClient.Fetch` for another `fetch`, `FetchHttpClient.RequestInit` for extra
 * `RequestInit` fields such as `redirect`), but sends a request with less work around it:
 * one `AbortController` per request and nothing else (no finalization registry entry per
 * response), bodies read with `response.text()` / `arrayBuffer()` directly, and the
 * response headers converted once, when first asked for.
 *
 * Interrupting the fiber that sends a request or reads its body aborts the `fetch`, and a
 * request sent by a client made with `HttpClient.withScope` is aborted when its scope closes.
 *
 * @example
 * ```ts
 * import { FetchTransport, HotdataClient } from "@hotdata-effect/core"
 * import { Layer } from "effect"
 *
 * const live = HotdataClient.layerConfig().pipe(Layer.provide(FetchTransport.layer))
 * ```
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as internal from "./internal/transport/fetchTransport.js"

/**
 * The lean fetch client. It uses the `FetchHttpClient.Fetch` and
 * `FetchHttpClient.RequestInit` services of the fiber that sends a request, else the
 * global `fetch`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: HttpClient.HttpClient = internal.make(Context.empty())

/**
 * Provides the lean fetch client as the `HttpClient.HttpClient`. `FetchHttpClient.Fetch`
 * and `FetchHttpClient.RequestInit` provided to this layer are the defaults of every
 * request; the same services in the context of a call take precedence.
 *
 * @example
 * ```ts
 * import { FetchHttpClient } from "@effect/platform"
 * import { FetchTransport } from "@hotdata-effect/core"
 * import { Layer } from "effect"
 *
 * // any fetch-compatible function, for example one that adds a proxy agent
 * const myFetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init)
 * const transport = FetchTransport.layer.pipe(Layer.provide(Layer.succeed(FetchHttpClient.Fetch, myFetch)))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<HttpClient.HttpClient> = Layer.effect(
  HttpClient.HttpClient,
  Effect.map(Effect.context<never>(), internal.make)
)
