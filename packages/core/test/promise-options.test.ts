import { assert, describe, it } from "@effect/vitest"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { HotdataError } from "../src/index.js"
import { createHotdataClient, HotdataPromiseError } from "../src/PromiseClient.js"

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } })

const KEY = "hd_test_key_0123456789"

const recording = (respond: () => Response | Promise<Response>) => {
  const seen: Array<Request> = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(new Request(input, init))
    return respond()
  }
  return { seen, fetch }
}

const rejection = <A>(promise: Promise<A>) => promise.then(() => undefined, (e: unknown) => e)

describe("Promise client settings", () => {
  it("reads HOTDATA_API_KEY, HOTDATA_WORKSPACE_ID and HOTDATA_API_URL when no key is given", async () => {
    const { fetch, seen } = recording(() => json(200, { databases: [], has_more: false }))
    const hotdata = createHotdataClient({
      fetch,
      env: { HOTDATA_API_KEY: KEY, HOTDATA_WORKSPACE_ID: "ws_env", HOTDATA_API_URL: "https://env.test/v1" }
    })
    await hotdata.databases.list()
    assert.strictEqual(seen[0]!.url, "https://env.test/v1/databases")
    assert.strictEqual(seen[0]!.headers.get("authorization"), `Bearer ${KEY}`)
    assert.strictEqual(seen[0]!.headers.get("x-workspace-id"), "ws_env")
    await hotdata.dispose()
  })

  it("throws InvalidConfig at construction when there is no key anywhere", () => {
    const error = (() => {
      try {
        createHotdataClient({ env: {} })
      } catch (e) {
        return e
      }
    })()
    assert.instanceOf(error, HotdataError.InvalidConfig)
    assert.instanceOf(error, HotdataPromiseError)
    assert.strictEqual((error as HotdataError.InvalidConfig).setting, "apiKey")
    assert.include((error as Error).message, "HOTDATA_API_KEY")
  })

  it("throws InvalidConfig at construction for an unusable base URL, without its value", () => {
    const error = (() => {
      try {
        createHotdataClient({ apiKey: KEY, baseUrl: "ftp://user:hunter2@example.test", env: {} })
      } catch (e) {
        return e
      }
    })()
    assert.instanceOf(error, HotdataError.InvalidConfig)
    assert.strictEqual((error as HotdataError.InvalidConfig).setting, "baseUrl")
    assert.notInclude((error as Error).message, "hunter2")
  })

  it("throws InvalidConfig for agents that are not node:http agents, or that come with a fetch", () => {
    const thrown = (f: () => unknown) => {
      try {
        f()
      } catch (e) {
        return e as HotdataError.InvalidConfig
      }
      assert.fail("expected a throw")
    }
    const notAnAgent = thrown(() => createHotdataClient({ apiKey: KEY, agents: { https: { ca: "x" } }, env: {} }))
    assert.instanceOf(notAnAgent, HotdataError.InvalidConfig)
    assert.strictEqual(notAnAgent.setting, "agents")
    assert.include(notAnAgent.message, "`agents.https` is not a node:http Agent")
    const agent = new http.Agent()
    const both = thrown(() =>
      createHotdataClient({ apiKey: KEY, agents: { http: agent }, fetch: globalThis.fetch, env: {} })
    )
    assert.strictEqual(both.setting, "agents")
    assert.include(both.message, "one or the other")
    agent.destroy()
  })
})

describe("Promise client transport", () => {
  it("sends over node:http where the runtime has it, and over the given fetch when there is one", async () => {
    const seenByServer: Array<string | undefined> = []
    const server = http.createServer((req, res) => {
      seenByServer.push(req.headers["user-agent"])
      res.writeHead(200, { "content-type": "application/json" })
      res.end(JSON.stringify({ databases: [], has_more: false }))
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const global = globalThis.fetch
    let globalCalls = 0
    globalThis.fetch = (input, init) => {
      globalCalls++
      return global(input, init)
    }
    try {
      const overNode = createHotdataClient({ apiKey: KEY, workspaceId: "ws_1", baseUrl, env: {} })
      await overNode.databases.list()
      assert.strictEqual(globalCalls, 0, "the global fetch was used without a fetch option")
      await overNode.dispose()
      const given = recording(() => json(200, { databases: [], has_more: false }))
      const overFetch = createHotdataClient({ apiKey: KEY, workspaceId: "ws_1", baseUrl, env: {}, fetch: given.fetch })
      await overFetch.databases.list()
      assert.strictEqual(given.seen.length, 1)
      await overFetch.dispose()
      const overGlobal = createHotdataClient({
        apiKey: KEY,
        workspaceId: "ws_1",
        baseUrl,
        env: {},
        fetch: globalThis.fetch
      })
      await overGlobal.databases.list()
      assert.strictEqual(globalCalls, 1)
      await overGlobal.dispose()
      assert.strictEqual(seenByServer.length, 2)
    } finally {
      globalThis.fetch = global
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})

describe("Promise client arguments", () => {
  it("an unusable argument rejects the call and sends nothing; the call never throws", async () => {
    const { fetch, seen } = recording(() => json(200, {}))
    const hotdata = createHotdataClient({ apiKey: KEY, workspaceId: "ws_1", fetch, env: {} })
    const calls = [
      () => hotdata.databases.get(".."),
      () => hotdata.databases.get(undefined as unknown as string),
      () => hotdata.databases.list({ limit: "many" as unknown as number })
    ]
    for (const call of calls) {
      let promise: Promise<unknown> | undefined
      assert.doesNotThrow(() => {
        promise = call()
      })
      const error = await rejection(promise!)
      assert.instanceOf(error, HotdataPromiseError)
      assert.strictEqual((error as { _tag?: string })._tag, "InvalidRequest")
    }
    // Options whose reading throws: the call still rejects (with what was thrown).
    const hostile = {
      get limit(): number {
        throw new Error("a getter that throws")
      }
    }
    let promise: Promise<unknown> | undefined
    assert.doesNotThrow(() => {
      promise = hotdata.databases.list(hostile)
    })
    assert.include(String(await rejection(promise!)), "a getter that throws")
    assert.strictEqual(seen.length, 0)
    await hotdata.dispose()
  })
})

describe("Promise client per-call options", () => {
  it("headers are added to the request; the SDK's own headers win", async () => {
    const { fetch, seen } = recording(() => json(200, { databases: [], has_more: false }))
    const hotdata = createHotdataClient({ apiKey: KEY, workspaceId: "ws_1", fetch })
    await hotdata.databases.list(undefined, { headers: { "x-request-tag": "nightly", authorization: "Bearer other" } })
    assert.strictEqual(seen[0]!.headers.get("x-request-tag"), "nightly")
    assert.strictEqual(seen[0]!.headers.get("authorization"), `Bearer ${KEY}`)
    await hotdata.databases.list()
    assert.isNull(seen[1]!.headers.get("x-request-tag"))
    await hotdata.dispose()
  })

  it("maxRetries bounds the attempts of a call; 0 sends once", async () => {
    const { fetch, seen } = recording(() => json(503, { error: { code: "UNAVAILABLE", message: "busy" } }))
    const hotdata = createHotdataClient({ apiKey: KEY, workspaceId: "ws_1", fetch })
    const error = await rejection(hotdata.databases.list(undefined, { maxRetries: 0 }))
    assert.instanceOf(error, HotdataError.ServerError)
    assert.strictEqual(seen.length, 1)
    await hotdata.dispose()
  })

  it("timeout limits an attempt and rejects with TimeoutError", async () => {
    const hotdata = createHotdataClient({
      apiKey: KEY,
      workspaceId: "ws_1",
      fetch: (_input, init) =>
        new Promise<Response>((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)))
    })
    const error = await rejection(hotdata.databases.list(undefined, { timeout: "50 millis", maxRetries: 0 }))
    assert.instanceOf(error, HotdataError.TimeoutError)
    assert.instanceOf(error, HotdataPromiseError)
    await hotdata.dispose()
  })

  it("idempotencyKey is sent as the keyed write's key", async () => {
    const { fetch, seen } = recording(() =>
      json(200, { connection_id: "db_1", table_name: "t", schema_name: "s", row_count: 1, arrow_schema_json: "{}" })
    )
    const hotdata = createHotdataClient({ apiKey: KEY, workspaceId: "ws_1", fetch })
    await hotdata.databases.loadTable("db_1", "s", "t", { upload_id: "up_1", mode: "replace" }, undefined, {
      idempotencyKey: "load-42"
    })
    const body = await seen[0]!.json() as Record<string, unknown>
    assert.strictEqual(body.idempotency_key, "load-42")
    await hotdata.dispose()
  })
})

describe("Promise client responses, errors and disposal", () => {
  it("withResponse answers the body with the status, headers and trace id", async () => {
    const { fetch } = recording(() => json(200, { databases: [], has_more: false }, { "x-trace-id": "tr_1" }))
    const hotdata = createHotdataClient({ apiKey: KEY, workspaceId: "ws_1", fetch })
    const { data, response } = await hotdata.withResponse.databases.list()
    assert.deepStrictEqual(data.databases, [])
    assert.strictEqual(response.status, 200)
    assert.strictEqual(response.traceId, "tr_1")
    assert.strictEqual(response.headers["content-type"], "application/json")
    await hotdata.dispose()
  })

  it("every thrown SDK error is instanceof HotdataPromiseError and keeps _tag, status and traceId", async () => {
    const { fetch } = recording(() =>
      json(404, { error: { code: "NOT_FOUND", message: "gone" } }, { "x-trace-id": "tr_2" })
    )
    const hotdata = createHotdataClient({ apiKey: KEY, workspaceId: "ws_1", fetch })
    const error = await rejection(hotdata.databases.get("db_x"))
    assert.instanceOf(error, HotdataPromiseError)
    const e = error as HotdataPromiseError
    assert.strictEqual(e._tag, "NotFound")
    assert.strictEqual(e.status, 404)
    assert.strictEqual(e.traceId, "tr_2")
    assert.notInstanceOf(new Error("other"), HotdataPromiseError)
    await hotdata.dispose()
  })

  it("await using disposes the client; an iteration in flight stops with the disposal", async () => {
    let pages = 0
    const { fetch } = recording(() => {
      pages++
      return json(200, {
        databases: [{ id: `db_${pages}`, name: "d", default_catalog: "c", default_schema: "s" }],
        has_more: true,
        next_cursor: `c${pages}`
      })
    })
    const hotdata = createHotdataClient({ apiKey: KEY, workspaceId: "ws_1", fetch })
    const seen: Array<string> = []
    const error = await rejection((async () => {
      for await (const db of hotdata.databases.listStream()) {
        seen.push(db.id)
        if (seen.length === 3) await hotdata[Symbol.asyncDispose]()
      }
    })())
    assert.strictEqual(seen.length, 3)
    assert.strictEqual((error as DOMException).name, "AbortError")
    assert.strictEqual((await rejection(hotdata.databases.list()) as DOMException).name, "AbortError")
  })
})
