/**
 * One call of the client in a process of its own, so that its peak memory is its own:
 * `bodyLimits.test.ts` bundles this file, runs it with a transport and a base URL, and
 * reads the line it prints: the call's outcome and the process's peak RSS in bytes.
 *
 *   node child.mjs <transport> <baseUrl>
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { FetchTransport, HotdataClient, RetryPolicy } from "../src/index.js"
import * as NodeTransport from "../src/NodeTransport.js"
import { createHotdataClient } from "../src/PromiseClient.js"

const [transport = "", baseUrl = ""] = process.argv.slice(2)
const settings = { workspaceId: "ws_bomb", baseUrl }

const layers = {
  NodeTransport: NodeTransport.layer,
  FetchTransport: FetchTransport.layer,
  FetchHttpClient: FetchHttpClient.layer,
  "NodeHttpClient.layerUndici": NodeHttpClient.layerUndici
} as const

/** The error the call failed with (or `undefined` when it succeeded). */
const call = async (): Promise<unknown> => {
  if (transport === "PromiseClient" || transport === "PromiseClient (fetch)") {
    const client = createHotdataClient({
      ...settings,
      apiKey: "hd_bomb_key",
      retryPolicy: RetryPolicy.none,
      env: {},
      ...(transport === "PromiseClient (fetch)" ? { fetch: globalThis.fetch } : {})
    })
    try {
      return await client.databases.get("db_bomb").then(() => undefined, (error: unknown) => error)
    } finally {
      await client.dispose()
    }
  }
  const layer = HotdataClient.layer({
    ...settings,
    apiKey: Redacted.make("hd_bomb_key"),
    retryPolicy: RetryPolicy.none
  })
    .pipe(Layer.provide(layers[transport as keyof typeof layers]))
  return Effect.runPromise(
    Effect.flatMap(HotdataClient.HotdataClient, (client) => Effect.flip(client.databases.get("db_bomb"))).pipe(
      Effect.orElseSucceed(() => undefined),
      Effect.provide(layer)
    )
  )
}

const error = (await call()) as Record<string, unknown> | undefined
process.stdout.write(
  JSON.stringify({
    tag: error?._tag,
    setting: error?.setting,
    limit: error?.limit,
    status: error?.status,
    message: typeof error?.message === "string" ? error.message.slice(0, 300) : undefined,
    maxRss: process.resourceUsage().maxRSS * 1024
  }) + "\n"
)
