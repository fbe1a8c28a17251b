/**
 * An `HttpClient.HttpClient` over `node:http` and `node:https`: the transport with the
 * lowest cost per call on Node (and on Bun, whose `node:http` is its own), measured in
 * `bench/results/overhead.json`. It is the Promise client's transport wherever the
 * runtime has `node:http`. It reaches Node's modules through the package's `#http` import,
 * which a browser bundle resolves to none: there its requests fail saying so.
 *
 * It reads no `fetch` services. Connections are kept alive by one agent per protocol,
 * shared by the clients made without agents of their own; give `layerWith` agents for a
 * proxy, custom TLS or other limits. Like `fetch`, it asks for gzip, deflate and brotli
 * answers (unless the request names its own `accept-encoding`) and hands their bodies
 * over decompressed; the answer's headers stay as they came.
 *
 * Interrupting the fiber that sends a request or reads its body ends the request, and a
 * request sent by a client made with `HttpClient.withScope` ends when its scope closes.
 *
 * @example
 * ```ts
 * import { HotdataClient } from "@hotdata-effect/core"
 * import * as NodeTransport from "@hotdata-effect/core/NodeTransport"
 * import { Layer } from "effect"
 *
 * const live = HotdataClient.layerConfig().pipe(Layer.provide(NodeTransport.layer))
 * ```
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Layer from "effect/Layer"
import type * as http from "node:http"
import type * as https from "node:https"
import * as internal from "./internal/transport/nodeTransport.js"

/**
 * The Node client over the shared keep-alive agents.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: HttpClient.HttpClient = internal.make(internal.lazySharedAgents)

/**
 * Provides the Node client as the `HttpClient.HttpClient`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<HttpClient.HttpClient> = Layer.sync(HttpClient.HttpClient, () => make)

/**
 * The Node client over agents of the caller's (for a proxy, custom TLS, other limits on
 * connections): an agent not given is the shared one of its protocol.
 *
 * @example
 * ```ts
 * import * as NodeTransport from "@hotdata-effect/core/NodeTransport"
 * import * as https from "node:https"
 *
 * const transport = NodeTransport.layerWith({ https: new https.Agent({ keepAlive: true, maxSockets: 16 }) })
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerWith = (
  agents: { readonly http?: http.Agent | undefined; readonly https?: https.Agent | undefined }
): Layer.Layer<HttpClient.HttpClient> =>
  Layer.sync(HttpClient.HttpClient, () => internal.make(internal.withShared(agents)))
