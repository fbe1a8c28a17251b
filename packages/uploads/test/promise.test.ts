/**
 * The Promise facade of the uploads package against the local server.
 */
import { createHotdataClient, HotdataPromiseError } from "@hotdata-effect/core/PromiseClient"
import { Faults } from "@hotdata-effect/local"
import { Uploads } from "@hotdata-effect/uploads"
import { loadFile, upload, uploadFile } from "@hotdata-effect/uploads/promise"
import * as http from "node:http"
import { assert, describe, it } from "vitest"
import { usePromiseKit } from "../../../test/promiseKit.js"

const local = usePromiseKit("uploads-promise")

const csv = (rows: number) => {
  let text = "id,v\n"
  for (let i = 0; i < rows; i++) text += `${i},${i % 7}\n`
  return new TextEncoder().encode(text)
}

/** A Promise client of the local server sending through `agent`. */
const clientWith = (agent: http.Agent) =>
  createHotdataClient({
    apiKey: local.server.apiKey,
    workspaceId: local.server.workspaceId,
    baseUrl: local.server.baseUrl,
    agents: { http: agent },
    env: {}
  })

describe("uploads/promise", () => {
  it("uploadFile reports progress up to the size and returns the finalized upload", async () => {
    const bytes = csv(1000)
    const seen: Array<number> = []
    const done = await uploadFile(local.hotdata, bytes, {
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
    for await (const event of upload(local.hotdata, chunks(), { contentType: "text/csv" })) tags.push(event._tag)
    assert.strictEqual(tags[0], "SessionOpened")
    assert.strictEqual(tags.at(-1), "Finished")
  })

  it("loadFile loads a table that a query then reads", async () => {
    const loaded = await loadFile(local.hotdata, new Blob([csv(500)]), {
      databaseId: local.databaseId,
      schema: "main",
      table: "numbers",
      mode: "replace",
      upload: { contentType: "text/csv" }
    })
    assert.strictEqual(loaded.row_count, 500)
    const check = await local.hotdata.sql.run("SELECT count(*) FROM numbers", { databaseId: local.databaseId })
    assert.strictEqual(Number(check.rows[0]![0]), 500)
  })

  it("with agents given to the client, the storage PUTs go through them too", async () => {
    const sent: Array<string> = []
    // An agent that notes each request it carries (a proxy or CA agent stands here).
    // `addRequest` is how node:http hands a request to its agent (not in Node's typings).
    const agent = new http.Agent({ keepAlive: true }) as http.Agent & {
      addRequest: (request: http.ClientRequest, options: unknown) => void
    }
    const addRequest = agent.addRequest.bind(agent)
    agent.addRequest = (request, options) => {
      sent.push(`${request.method} ${request.path.split("?")[0]}`)
      addRequest(request, options)
    }
    const hotdata = clientWith(agent)
    try {
      const bytes = csv(2000)
      const seen: Array<number> = []
      const done = await uploadFile(hotdata, bytes, {
        contentType: "text/csv",
        onProgress: (p) => {
          seen.push(p.bytesDone)
        }
      })
      assert.strictEqual(done.size_bytes, bytes.length)
      assert.strictEqual(seen.at(-1), bytes.length)
      const puts = sent.filter((line) => line.startsWith("PUT "))
      assert.isAbove(puts.length, 0, `no PUT went through the agent: ${sent.join(", ")}`)
      assert.isTrue(sent.some((line) => line.startsWith("POST /v1/")), sent.join(", "))
    } finally {
      await hotdata.dispose()
      agent.destroy()
    }
  })

  it("with agents, a PUT storage stops reading is cut by the stall deadline, not the part's time limit", async () => {
    const agent = new http.Agent({ keepAlive: true })
    const hotdata = clientWith(agent)
    // Storage takes the PUT and reads none of its body for 15 s: the agent's socket takes
    // what its buffers hold (a few MiB), then nothing moves.
    local.server.injectFault("storage", Faults.stall("15 seconds"), 1)
    try {
      const size = 24 * 1024 * 1024
      const bytes = new Uint8Array(size).fill(42)
      const retried: Array<{ readonly tag: string; readonly reason: unknown; readonly message: string }> = []
      const done = await uploadFile(hotdata, bytes, {
        partSize: size,
        partTimeout: () => "10 seconds",
        stallTimeout: "1 second",
        rounds: Uploads.rounds({ baseDelay: "50 millis" }),
        onEvent: (event) => {
          if (event._tag === "PartRetried") {
            retried.push({
              tag: event.error._tag,
              reason: "reason" in event.error ? event.error.reason : undefined,
              message: event.error.message
            })
          }
        }
      })
      assert.strictEqual(done.size_bytes, size)
      assert.strictEqual(retried.length, 1)
      assert.deepInclude(retried[0], { tag: "StorageTransportError", reason: "stall" })
      assert.match(retried[0]!.message, /stopped moving: no progress for 1s \(\d+ of 25165824 bytes sent\)/)
    } finally {
      local.server.clearFaults()
      await hotdata.dispose()
      agent.destroy()
    }
  })

  it("an aborted signal rejects with its reason; a missing file is a tagged error", async () => {
    const controller = new AbortController()
    controller.abort(new Error("stop"))
    const aborted = await uploadFile(local.hotdata, csv(10), { signal: controller.signal }).then(
      () => undefined,
      (e) => e
    )
    assert.strictEqual((aborted as Error).message, "stop")
    const missing = await uploadFile(local.hotdata, "/no/such/file.csv").then(() => undefined, (e: unknown) => e)
    assert.instanceOf(missing, HotdataPromiseError)
    assert.isString((missing as HotdataPromiseError)._tag)
  })
})
