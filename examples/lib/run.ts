import { FetchHttpClient } from "@effect/platform"
import { HotdataClient } from "@hotdata-effect/core"
import { LocalHotdata } from "@hotdata-effect/local"
import { Effect, Layer } from "effect"
import * as url from "node:url"

/**
 * Runs an example when its file is executed directly (`tsx examples/query.ts`): against
 * the hosted service when HOTDATA_API_KEY and HOTDATA_WORKSPACE_ID are set, else against
 * an embedded local server.
 */
export const runMain = <A, E>(meta: ImportMeta, program: Effect.Effect<A, E, HotdataClient.HotdataClient>) => {
  if (process.argv[1] === undefined || url.pathToFileURL(process.argv[1]).href !== meta.url) return
  const hosted = Boolean(process.env.HOTDATA_API_KEY && process.env.HOTDATA_WORKSPACE_ID)
  const layer: Layer.Layer<HotdataClient.HotdataClient, unknown> = hosted
    ? HotdataClient.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))
    : LocalHotdata.layer()
  Effect.runPromise(program.pipe(Effect.provide(layer), Effect.scoped)).then(
    (result) => {
      if (result !== undefined) console.log(result)
      process.exit(0)
    },
    (error) => {
      console.error(error)
      process.exit(1)
    }
  )
}
