/**
 * The Promise facade of the uploads package against the local server.
 */
import type { HotdataPromiseClient } from "@hotdata-effect/core/PromiseClient"
import { createHotdataClient, HotdataPromiseError } from "@hotdata-effect/core/PromiseClient"
import { startLocalHotdata } from "@hotdata-effect/local/LocalHotdata"
import { loadFile, upload, uploadFile } from "@hotdata-effect/uploads/promise"
import { afterAll, assert, beforeAll, describe, it } from "vitest"

let server: Awaited<ReturnType<typeof startLocalHotdata>>
let hotdata: HotdataPromiseClient
let databaseId: string

beforeAll(async () => {
  server = await startLocalHotdata({ temporary: true })
  hotdata = createHotdataClient({ apiKey: server.apiKey, workspaceId: server.workspaceId, baseUrl: server.baseUrl })
  databaseId = (await hotdata.databases.create({ name: "uploads-promise" })).id
}, 60_000)

afterAll(async () => {
  await hotdata?.dispose()
  await server?.stop()
})

const csv = (rows: number) => {
  let text = "id,v\n"
  for (let i = 0; i < rows; i++) text += `${i},${i % 7}\n`
  return new TextEncoder().encode(text)
}

describe("uploads/promise", () => {
  it("uploadFile reports progress up to the size and returns the finalized upload", async () => {
    const bytes = csv(1000)
    const seen: Array<number> = []
    const done = await uploadFile(hotdata, bytes, {
      contentType: "text/csv",
      onProgress: (p) => {
        seen.push(p.bytesDone)
      }
    })
    assert.strictEqual(done.size_bytes, bytes.length)
    assert.strictEqual(seen.at(-1), bytes.length)
  })

  it("upload yields the events, Finished last; an async iterable source is read", async () => {
    async function* chunks() {
      yield csv(10)
    }
    const tags: Array<string> = []
    for await (const event of upload(hotdata, chunks(), { contentType: "text/csv" })) tags.push(event._tag)
    assert.strictEqual(tags[0], "SessionOpened")
    assert.strictEqual(tags.at(-1), "Finished")
  })

  it("loadFile loads a table that a query then reads", async () => {
    const loaded = await loadFile(hotdata, new Blob([csv(500)]), {
      databaseId,
      schema: "main",
      table: "numbers",
      mode: "replace",
      upload: { contentType: "text/csv" }
    })
    assert.strictEqual(loaded.row_count, 500)
    const check = await hotdata.sql.run("SELECT count(*) FROM numbers", { databaseId })
    assert.strictEqual(Number(check.rows[0]![0]), 500)
  })

  it("an aborted signal rejects with its reason; a missing file is a tagged error", async () => {
    const controller = new AbortController()
    controller.abort(new Error("stop"))
    const aborted = await uploadFile(hotdata, csv(10), { signal: controller.signal }).then(() => undefined, (e) => e)
    assert.strictEqual((aborted as Error).message, "stop")
    const missing = await uploadFile(hotdata, "/no/such/file.csv").then(() => undefined, (e: unknown) => e)
    assert.instanceOf(missing, HotdataPromiseError)
    assert.isString((missing as HotdataPromiseError)._tag)
  })
})
