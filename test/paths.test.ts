/**
 * Path parameters over the wire: for every operation of the contract, hostile ids go
 * through the client and a real HTTP transport to a server that records the raw request
 * line, and the method and route that arrive must be the operation's own.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import { assert, describe, it } from "@effect/vitest"
import { HotdataClient, Operation, Operations, RetryPolicy } from "@hotdata-effect/core"
import * as Arbitrary from "effect/Arbitrary"
import * as Effect from "effect/Effect"
import * as FastCheck from "effect/FastCheck"
import type * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import type * as Schema from "effect/Schema"
import * as http from "node:http"
import type { AddressInfo } from "node:net"

const operations = Object.values(Operations.all) as ReadonlyArray<Operation.Operation>

interface Received {
  readonly method: string
  readonly url: string
}

/** A server that records the method and raw target of every request and answers 404. */
const startServer = () =>
  Effect.acquireRelease(
    Effect.async<{ readonly baseUrl: string; readonly received: Array<Received>; readonly server: http.Server }>(
      (resume) => {
        const received: Array<Received> = []
        // Ids of 10,000 characters make request lines far longer than Node's default limit.
        const server = http.createServer({ maxHeaderSize: 4 * 1024 * 1024 }, (req, res) => {
          received.push({ method: req.method ?? "", url: req.url ?? "" })
          req.resume()
          req.on("end", () => {
            const body = JSON.stringify({ error: { code: "NOT_FOUND", message: "recorded" } })
            res.writeHead(404, { "content-type": "application/json", "content-length": Buffer.byteLength(body) })
            res.end(body)
          })
        })
        server.listen(0, "127.0.0.1", () => {
          const { port } = server.address() as AddressInfo
          resume(Effect.succeed({ baseUrl: `http://127.0.0.1:${port}`, received, server }))
        })
      }
    ),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  )

const segments = (path: string) => path.split("/").slice(1)

/**
 * Every operation whose template matches a raw request path: literal segments must be
 * equal as sent, parameters are one non-empty segment each, decoded.
 */
const routesOf = (method: string, rawPath: string) =>
  operations.flatMap((operation) => {
    if (operation.method !== method) return []
    const template = segments(operation.path)
    const actual = segments(rawPath)
    if (template.length !== actual.length) return []
    const params: Array<string> = []
    for (let i = 0; i < template.length; i++) {
      const t = template[i]!
      const a = actual[i]!
      if (t.startsWith("{")) {
        if (a === "") return []
        params.push(decodeURIComponent(a))
      } else if (t !== a) return []
    }
    return [{ operation, params }]
  })

/** Literal segments of every template: an id equal to one of them must not change the route. */
const literals = [
  ...new Set(operations.flatMap((o) => segments(o.path).filter((s) => !s.startsWith("{"))))
]

/**
 * Cases always run for an operation: each parameter in turn set to every literal that some
 * template holds at the same place (`count` for `/v1/databases/{database_id}`).
 */
const literalExamples = (operation: Operation.Operation): Array<[Array<string>]> => {
  const template = segments(operation.path)
  return operation.pathParams.flatMap((name, i) => {
    const at = template.indexOf(`{${name}}`)
    const clashing = new Set(
      operations.map((o) => segments(o.path)[at]).filter((s) => s !== undefined && !s.startsWith("{"))
    )
    return [...clashing].map((
      literal
    ): [Array<string>] => [operation.pathParams.map((_, j) => j === i ? literal! : "x")])
  })
}

const hostileId: FastCheck.Arbitrary<string> = FastCheck.oneof(
  FastCheck.constantFrom(".", "..", ""),
  FastCheck.constantFrom(
    ".",
    "..",
    "",
    "...",
    ".%2e",
    "%2e%2e",
    "%2E",
    "a/../b",
    "../..",
    "/",
    "%2F",
    "a%2Fb",
    "%",
    "%zz",
    "?",
    "a?b=c",
    "#",
    "a#b",
    "\u0000",
    "a\u0000b",
    " ",
    "\\",
    "..\\..",
    "日本語/データ",
    "😀",
    "\uD800",
    "e\u0301"
  ),
  FastCheck.constantFrom(...literals),
  FastCheck.string({ unit: "binary", maxLength: 12 }),
  FastCheck.string({ unit: FastCheck.constantFrom(".", "/", "%", "2", "e", "E", "F", "?", "#", "\u0000") }),
  FastCheck.string({ unit: "grapheme", minLength: 1, maxLength: 8 }),
  FastCheck.constantFrom("x".repeat(10_000), "é/".repeat(5_000), "😀".repeat(5_000))
)

/** A valid body and options for an operation, so that only its path is hostile. */
const argsFor = (operation: Operation.Operation, seed: number) => {
  const sample = <A, I>(schema: Schema.Schema<A, I>) =>
    FastCheck.sample(Arbitrary.make(schema), { numRuns: 1, seed })[0]!
  const options: Record<string, unknown> = {}
  for (const param of operation.query) if (param.required) options[param.name] = sample(param.schema)
  for (const header of operation.headers) if (header.required) options[header.key] = "token"
  return {
    payload: operation.payload === undefined ? undefined : sample(operation.payload),
    options
  }
}

const transports: ReadonlyArray<[string, Layer.Layer<HttpClient.HttpClient>]> = [
  ["fetch", FetchHttpClient.layer],
  ["undici", NodeHttpClient.layerUndici]
]

describe("path parameters over the wire", () => {
  for (const [name, transport] of transports) {
    it.live(`every operation reaches only its own route with hostile ids (${name})`, () =>
      Effect.gen(function*() {
        const { baseUrl, received } = yield* startServer()
        const runtime = ManagedRuntime.make(transport)
        yield* Effect.addFinalizer(() => runtime.disposeEffect)
        const httpClient = yield* Effect.promise(() => runtime.runPromise(HttpClient.HttpClient))
        const client = yield* Effect.provideService(
          HotdataClient.make({
            apiKey: Redacted.make("hd_test"),
            workspaceId: "ws_1",
            baseUrl,
            retryPolicy: RetryPolicy.none
          }),
          HttpClient.HttpClient,
          httpClient
        )
        let sent = 0
        let refused = 0
        for (const operation of operations) {
          if (operation.pathParams.length === 0) continue
          const { options, payload } = argsFor(operation, 7)
          yield* Effect.promise(() =>
            FastCheck.assert(
              FastCheck.asyncProperty(
                FastCheck.array(hostileId, {
                  minLength: operation.pathParams.length,
                  maxLength: operation.pathParams.length
                }),
                async (ids) => {
                  const before = received.length
                  const result = await runtime.runPromise(
                    Effect.either(client.call(operation, { path: ids, payload, options }))
                  )
                  const invalid = ids.findIndex((id) => Operation.checkPathParam(id) !== undefined)
                  if (invalid >= 0) {
                    // Refused before sending, naming the parameter.
                    refused++
                    assert.strictEqual(
                      received.length,
                      before,
                      `${operation.id} sent ${JSON.stringify(ids).slice(0, 200)}`
                    )
                    assert.strictEqual(result._tag, "Left")
                    if (result._tag === "Left") {
                      assert.strictEqual(result.left._tag, "InvalidRequest")
                      assert.include(result.left.message, `\`${operation.pathParams[invalid]}\``)
                    }
                    return
                  }
                  sent++
                  assert.strictEqual(
                    received.length,
                    before + 1,
                    `${operation.id}: ${JSON.stringify(ids).slice(0, 200)}: ${JSON.stringify(result).slice(0, 300)}`
                  )
                  const { method, url } = received[before]!
                  const [rawPath, query = ""] = url.split("?", 2) as [string, string?]
                  const routes = routesOf(method, rawPath)
                  assert.deepStrictEqual(
                    routes.map((r) => [r.operation.id, r.params]),
                    [[operation.id, ids]],
                    `${operation.id} with ${JSON.stringify(ids).slice(0, 200)} arrived as ${method} ${
                      url.slice(0, 300)
                    }`
                  )
                  const queryNames = [...new URLSearchParams(query).keys()]
                  for (const q of queryNames) assert.include(operation.query.map((p) => p.name), q)
                }
              ),
              { numRuns: 12, seed: 20261130, examples: literalExamples(operation) }
            )
          )
        }
        // The generators reach both sides: ids that must be refused and ids that go out.
        assert.isAbove(sent, 300)
        assert.isAbove(refused, 20)
      }).pipe(Effect.scoped), { timeout: 240_000 })
  }

  it("the dot-segment ids the URL parser would resolve are exactly the refused ones", () => {
    for (const id of [".", "..", "%2e", "%2E%2e", ".%2E"]) {
      const url = new URL(`http://h/v1/databases/db/context/${Operation.encodePathSegment(id)}`)
      const parts = url.pathname.split("/")
      const kept = parts.length === 6 && decodeURIComponent(parts[5]!) === id
      assert.strictEqual(kept, Operation.checkPathParam(id) === undefined, id)
    }
  })
})
