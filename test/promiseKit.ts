/**
 * The set-up shared by the Promise-facade tests (next to `kit.ts`, apart from it because it
 * starts the local server, which the unit tests that use the kit do not need): a temporary
 * local server, a Promise client on it and one database, made before a file's tests and
 * stopped after them.
 */
import type { HotdataPromiseClient } from "@hotdata-effect/core/PromiseClient"
import { createHotdataClient } from "@hotdata-effect/core/PromiseClient"
import { startLocalHotdata } from "@hotdata-effect/local/LocalHotdata"
import { afterAll, beforeAll } from "vitest"

export interface PromiseKit {
  readonly server: Awaited<ReturnType<typeof startLocalHotdata>>
  readonly hotdata: HotdataPromiseClient
  readonly databaseId: string
}

/**
 * Registers the file's `beforeAll` / `afterAll` and returns the kit; read its fields inside
 * tests (they are set once `beforeAll` has run).
 */
export const usePromiseKit = (databaseName: string): PromiseKit => {
  const kit: { -readonly [K in keyof PromiseKit]?: PromiseKit[K] } = {}
  beforeAll(async () => {
    const server = await startLocalHotdata({ temporary: true })
    kit.server = server
    kit.hotdata = createHotdataClient({
      apiKey: server.apiKey,
      workspaceId: server.workspaceId,
      baseUrl: server.baseUrl
    })
    kit.databaseId = (await kit.hotdata.databases.create({ name: databaseName })).id
  }, 60_000)
  afterAll(async () => {
    await kit.hotdata?.dispose()
    await kit.server?.stop()
  })
  return kit as PromiseKit
}
