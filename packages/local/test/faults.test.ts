import { describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { assert } from "vitest"
import * as Faults from "../src/Faults.js"
import * as LocalHotdata from "../src/LocalHotdata.js"
import { api, bytesOf, poll, put } from "./helpers.js"

const attempt = (f: () => Promise<Response>) =>
  Effect.promise(() =>
    f()
      .then((r) => r.arrayBuffer().then(() => ({ ok: true as const, status: r.status })))
      .catch((e: unknown) => ({ ok: false as const, error: String(e) }))
  )

describe("fault injection", () => {
  it.layer(LocalHotdata.layerServer())((it) => {
    it.effect("status with Retry-After for the next N calls of an operation, and call counts", () =>
      Effect.gen(function*() {
        const { call, server } = yield* api
        yield* server.injectFault("list_databases", Faults.status(429, { retryAfter: "2 seconds" }), 2)
        const first = yield* call("GET", "/v1/databases")
        const second = yield* call("GET", "/v1/databases")
        const third = yield* call("GET", "/v1/databases")
        assert.deepStrictEqual([first.status, second.status, third.status], [429, 429, 200])
        assert.strictEqual(first.headers.get("retry-after"), "2")
        assert.strictEqual(first.json.error.code, "OVERLOADED")
        assert.strictEqual(yield* server.callCount("list_databases"), 3)
      }))

    it.effect("connection reset before the response", () =>
      Effect.gen(function*() {
        const { server } = yield* api
        yield* server.injectFault("count_databases", Faults.connectionReset)
        const headers = {
          authorization: `Bearer ${Redacted.value(server.apiKey)}`,
          "x-workspace-id": server.workspaceId
        }
        const reset = yield* attempt(() => fetch(`${server.baseUrl}/v1/databases/count`, { headers }))
        assert.isFalse(reset.ok)
        const after = yield* attempt(() => fetch(`${server.baseUrl}/v1/databases/count`, { headers }))
        assert.deepStrictEqual(after, { ok: true, status: 200 })
      }))

    it.effect("stall holds the request; a client timeout sees it", () =>
      Effect.gen(function*() {
        const { server } = yield* api
        yield* server.injectFault("count_databases", Faults.stall("1500 millis"))
        const headers = {
          authorization: `Bearer ${Redacted.value(server.apiKey)}`,
          "x-workspace-id": server.workspaceId
        }
        const stalled = yield* attempt(() =>
          fetch(`${server.baseUrl}/v1/databases/count`, { headers, signal: AbortSignal.timeout(300) })
        )
        assert.isFalse(stalled.ok)
      }))

    it.effect("a body cut mid-stream fails the read", () =>
      Effect.gen(function*() {
        const { server } = yield* api
        yield* server.injectFault("list_connection_types", Faults.cutBody())
        const headers = {
          authorization: `Bearer ${Redacted.value(server.apiKey)}`,
          "x-workspace-id": server.workspaceId
        }
        const cut = yield* attempt(() => fetch(`${server.baseUrl}/v1/connection-types`, { headers }))
        assert.isFalse(cut.ok)
      }))

    it.effect("storage faults: expired URL, missing ETag, 503 with Retry-After, reset; every request recorded", () =>
      Effect.gen(function*() {
        const { call, server } = yield* api
        yield* server.clearStorageRequests
        const session = yield* call("POST", "/v1/uploads", { body: { part_size: 5 * 1024 * 1024 } })
        const minted = yield* call("POST", `/v1/uploads/${session.json.upload_id}/parts`, {
          body: { part_numbers: [1] },
          headers: { "x-upload-finalize-token": session.json.finalize_token }
        })
        const url = minted.json.parts[0].url
        yield* server.injectFault("storage", Faults.expireUrl)
        yield* server.injectFault("storage", Faults.omitETag)
        yield* server.injectFault("storage", Faults.status(503, { retryAfter: 1 }))
        const expired = yield* put(url, bytesOf(10))
        assert.strictEqual(expired.status, 403)
        const noEtag = yield* put(url, bytesOf(10))
        assert.strictEqual(noEtag.status, 200)
        assert.isNull(noEtag.headers.get("etag"))
        const unavailable = yield* put(url, bytesOf(10))
        assert.strictEqual(unavailable.status, 503)
        assert.strictEqual(unavailable.headers.get("retry-after"), "1")
        yield* server.injectFault("storage", Faults.connectionReset)
        const reset = yield* attempt(() => fetch(url, { method: "PUT", body: bytesOf(10) }))
        assert.isFalse(reset.ok)
        const ok = yield* put(url, bytesOf(10))
        assert.strictEqual(ok.status, 200)
        assert.isString(ok.headers.get("etag"))
        const log = yield* server.storageRequests
        assert.strictEqual(log.length, 5)
        assert.deepStrictEqual(log.map((r) => r.status), [403, 200, 503, 0, 200])
        assert.isTrue(log.every((r) => r.method === "PUT" && r.query.partNumber === "1"))
      }))

    it.effect("a failed result answers 409 with its error", () =>
      Effect.gen(function*() {
        const { call, server } = yield* api
        const db = (yield* call("POST", "/v1/databases", { body: {} })).json
        yield* server.injectFault("result_persistence", Faults.failResult("disk full"))
        const q = yield* call("POST", "/v1/query", { database: db.id, body: { sql: "SELECT 1 AS x" } })
        assert.strictEqual(q.status, 200)
        const failed = yield* poll(
          call("GET", `/v1/results/${q.json.result_id}`, { database: db.id }),
          (r) => r.status !== 202
        )
        assert.strictEqual(failed.status, 409)
        assert.deepStrictEqual(failed.json, {
          result_id: q.json.result_id,
          status: "failed",
          error_message: "disk full"
        })
      }))

    it.effect("the admin endpoint injects faults and reports calls; it needs the API key", () =>
      Effect.gen(function*() {
        const { call, server } = yield* api
        const denied = yield* call("POST", "/__admin/faults", { auth: false, body: {} })
        assert.strictEqual(denied.status, 401)
        const bad = yield* call("POST", "/__admin/faults", { body: { route: "query", fault: { kind: "bogus" } } })
        assert.strictEqual(bad.status, 400)
        const added = yield* call("POST", "/__admin/faults", {
          body: { route: "get_usage", fault: Faults.toJson(Faults.status(503, { retryAfter: 3 })), times: 1 }
        })
        assert.strictEqual(added.status, 201, added.text)
        const faulted = yield* call("GET", "/v1/usage")
        assert.strictEqual(faulted.status, 503)
        assert.strictEqual(faulted.headers.get("retry-after"), "3")
        assert.strictEqual((yield* call("GET", "/v1/usage")).status, 200)
        const calls = yield* call("GET", "/__admin/calls")
        assert.strictEqual(calls.json.calls.get_usage, 2)
        const requests = yield* call("GET", "/__admin/storage-requests")
        assert.isArray(requests.json.requests)
        yield* server.clearFaults
      }))
  })
})
