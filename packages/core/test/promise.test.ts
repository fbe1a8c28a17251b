import { assert, describe, it } from "@effect/vitest"
import { HotdataError, RetryPolicy } from "../src/index.js"
import { createHotdataClient } from "../src/PromiseClient.js"

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } })

const db = (id: string) => ({ id, name: id, default_catalog: "default", default_schema: "main" })

describe("Promise client", () => {
  it("returns decoded models and sends the same requests as the Effect client", async () => {
    const seen: Array<Request> = []
    const hotdata = createHotdataClient({
      apiKey: "k",
      workspaceId: "ws_1",
      baseUrl: "https://api.test",
      fetch: async (input, init) => {
        seen.push(new Request(input, init))
        return json(200, { databases: [db("a")], has_more: false })
      }
    })
    const page = await hotdata.databases.list({ limit: 5 })
    assert.strictEqual(page.databases[0]!.id, "a")
    assert.strictEqual(seen[0]!.url, "https://api.test/v1/databases?limit=5")
    assert.strictEqual(seen[0]!.headers.get("authorization"), "Bearer k")
    assert.strictEqual(seen[0]!.headers.get("x-workspace-id"), "ws_1")
    await hotdata.dispose()
  })

  it("throws the same tagged error classes", async () => {
    const hotdata = createHotdataClient({
      apiKey: "k",
      workspaceId: "ws_1",
      fetch: async () =>
        json(404, { error: { code: "NOT_FOUND", message: "no such database" } }, { "x-trace-id": "t9" })
    })
    const error = await hotdata.databases.get("data_x").then(() => undefined, (e: unknown) => e)
    assert.instanceOf(error, HotdataError.NotFound)
    assert.instanceOf(error, Error)
    const notFound = error as HotdataError.NotFound
    assert.strictEqual(notFound._tag, "NotFound")
    assert.strictEqual(notFound.message, "no such database")
    assert.strictEqual(notFound.traceId, "t9")
    await hotdata.dispose()
  })

  it("a keyed load meeting its original still running is resent with the same key and resolves with its result", async () => {
    const keys: Array<unknown> = []
    const hotdata = createHotdataClient({
      apiKey: "k",
      workspaceId: "ws_1",
      retryPolicy: RetryPolicy.make({ baseDelay: "1 millis" }),
      fetch: async (input, init) => {
        keys.push(((await new Request(input, init).json()) as { idempotency_key?: string }).idempotency_key)
        return keys.length < 3
          ? json(409, { error: { code: HotdataError.idempotencyKeyInProgress, message: "still running" } })
          : json(200, {
            connection_id: "c",
            schema_name: "main",
            table_name: "t",
            row_count: 2,
            arrow_schema_json: "{}"
          })
      }
    })
    const answer = await hotdata.databases.loadTable("db_1", "main", "t", { mode: "append", data: "a\n1\n2" }, {
      idempotencyKey: "batch-1"
    })
    assert.strictEqual(answer.status === 200 && answer.body.row_count, 2)
    assert.deepStrictEqual(keys, ["batch-1", "batch-1", "batch-1"])
    // Other data under a used key is final.
    const conflict = createHotdataClient({
      apiKey: "k",
      workspaceId: "ws_1",
      retryPolicy: RetryPolicy.make({ baseDelay: "1 millis" }),
      fetch: async () => json(409, { error: { code: "CONFLICT", message: "already used for a different load" } })
    })
    const error = await conflict.databases.loadTable("db_1", "main", "t", { mode: "append", data: "a\n9" }, {
      idempotencyKey: "batch-1"
    }).then(() => undefined, (e: unknown) => e)
    assert.instanceOf(error, HotdataError.Conflict)
    await hotdata.dispose()
    await conflict.dispose()
  })

  it("an AbortSignal cancels the call and its HTTP request", async () => {
    let requestSignal: AbortSignal | undefined
    const hotdata = createHotdataClient({
      apiKey: "k",
      workspaceId: "ws_1",
      fetch: (_input, init) =>
        new Promise<Response>((_, reject) => {
          requestSignal = init?.signal ?? undefined
          init?.signal?.addEventListener("abort", () => reject(init.signal!.reason))
        })
    })
    const controller = new AbortController()
    const pending = hotdata.databases.list(undefined, { signal: controller.signal })
    await new Promise((resolve) => setTimeout(resolve, 20))
    controller.abort(new Error("user gave up"))
    const error = await pending.then(() => undefined, (e: unknown) => e)
    assert.strictEqual((error as Error).message, "user gave up")
    assert.isTrue(requestSignal?.aborted)
    await hotdata.dispose()
  })

  it("dispose aborts calls in flight and later calls reject", async () => {
    let aborted = false
    const hotdata = createHotdataClient({
      apiKey: "k",
      workspaceId: "ws_1",
      fetch: (_input, init) =>
        new Promise<Response>((_, reject) => {
          init?.signal?.addEventListener("abort", () => {
            aborted = true
            reject(new Error("aborted"))
          })
        })
    })
    const pending = hotdata.secrets.list().then(() => "resolved", () => "rejected")
    await new Promise((resolve) => setTimeout(resolve, 20))
    await hotdata.dispose()
    assert.strictEqual(await pending, "rejected")
    assert.isTrue(aborted)
    const later = await hotdata.secrets.list().then(() => "resolved", () => "rejected")
    assert.strictEqual(later, "rejected")
  })

  it("list streams are async iterables; a failing page throws the tagged error", async () => {
    let calls = 0
    const hotdata = createHotdataClient({
      apiKey: "k",
      workspaceId: "ws_1",
      retryPolicy: RetryPolicy.none,
      fetch: async (input) => {
        calls++
        const url = new URL(input instanceof Request ? input.url : String(input))
        if (url.searchParams.get("cursor") === "c2") return json(400, { error: { message: "bad cursor" } })
        return json(200, { databases: [db(`d${calls}`)], has_more: true, next_cursor: calls === 1 ? "c1" : "c2" })
      }
    })
    const ids: Array<string> = []
    const error = await (async () => {
      for await (const d of hotdata.databases.listStream()) ids.push(d.id)
    })().then(() => undefined, (e: unknown) => e)
    assert.deepStrictEqual(ids, ["d1", "d2"])
    assert.instanceOf(error, HotdataError.BadRequest)
    await hotdata.dispose()
  })
})
