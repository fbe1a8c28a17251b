/**
 * Calls of the client in a process of its own, so that its peak memory is its own:
 * `bodyLimits.test.ts` bundles this file, runs it with a transport, the garbage server's
 * URL and routes of it, and reads the lines it prints, one per route in the order given:
 * the call's outcome and the process's peak RSS in bytes so far (the peak only grows, so
 * a bound on a line's holds for that call and every call before it).
 *
 *   node child.mjs <transport> <garbageUrl> <route>...
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { FetchTransport, HotdataClient, RetryPolicy } from "../src/index.js"
import * as NodeTransport from "../src/NodeTransport.js"
import { createHotdataClient } from "../src/PromiseClient.js"

const [transport = "", garbageUrl = "", ...routes] = process.argv.slice(2)

const layers = {
  NodeTransport: NodeTransport.layer,
  FetchTransport: FetchTransport.layer,
  FetchHttpClient: FetchHttpClient.layer,
  "NodeHttpClient.layerUndici": NodeHttpClient.layerUndici
} as const

/** The error the call failed with (or `undefined` when it succeeded). */
const call = async (baseUrl: string): Promise<unknown> => {
  const settings = { workspaceId: "ws_bomb", baseUrl }
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

for (const route of routes) {
  const error = (await call(`${garbageUrl}/${route}`)) as Record<string, unknown> | undefined
  process.stdout.write(
    JSON.stringify({
      route,
      tag: error?._tag,
      setting: error?.setting,
      limit: error?.limit,
      status: error?.status,
      message: typeof error?.message === "string" ? error.message.slice(0, 300) : undefined,
      maxRss: process.resourceUsage().maxRSS * 1024
    }) + "\n"
  )
}
