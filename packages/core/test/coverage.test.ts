import { assert, describe, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Effect from "effect/Effect"
import * as FastCheck from "effect/FastCheck"
import * as fs from "node:fs"
import * as path from "node:path"
import { HotdataClient, HotdataTest, Operations, RetryPolicy } from "../src/index.js"
import type * as Operation from "../src/Operation.js"

interface SpecParameter {
  readonly name: string
  readonly in: "path" | "query" | "header"
  readonly required?: boolean
  readonly schema: { readonly type?: string; readonly enum?: ReadonlyArray<string>; readonly $ref?: string }
}

const spec = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "../../../spec/openapi.json"), "utf8"))

const specOperations = Object.entries(spec.paths as Record<string, Record<string, any>>).flatMap(([p, item]) =>
  Object.entries(item).map(([method, op]) => ({ path: p, method: method.toUpperCase(), op }))
)

const sampleQueryValue = (parameter: SpecParameter): unknown => {
  const schema = parameter.schema.$ref
    ? spec.components.schemas[parameter.schema.$ref.split("/").pop()!]
    : parameter.schema
  if (schema.enum) return schema.enum[0]
  if (schema.type === "integer" || schema.type === "number") return 5
  if (schema.type === "boolean") return true
  return `q-${parameter.name}`
}

/** Reaches each operation of the vendored spec through the client and checks what went on the wire. */
describe("spec coverage", () => {
  it.effect("every operation of the spec is reachable with its method, path, parameters and headers", () => {
    // No handler at all: every call is recorded as it went on the wire, then answered with 501.
    const layer = HotdataClient.layerTest({}, { retryPolicy: RetryPolicy.none })
    return Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const calls = yield* HotdataTest.Calls
      const covered: Array<string> = []
      const problems: Array<string> = []
      for (const { method, op, path: template } of specOperations) {
        const id: string = op.operationId
        const descriptor = (Operations.all as Record<string, Operation.Operation>)[id]
        if (descriptor === undefined) {
          problems.push(`${id}: no descriptor`)
          continue
        }
        const fn = (client as any)[descriptor.group]?.[descriptor.name]
        if (typeof fn !== "function") {
          problems.push(`${id}: client.${descriptor.group}.${descriptor.name} is not a function`)
          continue
        }
        const parameters: ReadonlyArray<SpecParameter> = op.parameters ?? []
        const pathParams = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!)
        const args: Array<unknown> = pathParams.map((name) => `p-${name}`)
        let payload: unknown
        if (op.requestBody) {
          payload = descriptor.payload
            ? FastCheck.sample(Arbitrary.make(descriptor.payload), { numRuns: 1, seed: 7 })[0]
            : {}
          args.push(payload)
        }
        const options: Record<string, unknown> = {}
        const expectedQuery: Record<string, string> = {}
        const expectedHeaders: Record<string, string> = {}
        for (const parameter of parameters) {
          if (parameter.in === "query") {
            const value = sampleQueryValue(parameter)
            options[parameter.name] = value
            expectedQuery[parameter.name] = String(value)
          } else if (parameter.in === "header") {
            const key = parameter.name.replace(/^x-/i, "").toLowerCase().replace(/-/g, "_").replace(/^upload_/, "")
            options[key] = `h-${key}`
            expectedHeaders[parameter.name.toLowerCase()] = `h-${key}`
          }
        }
        if (parameters.some((p) => p.in !== "path")) args.push(options)
        const before = (yield* calls.all).length
        const result = yield* Effect.either(fn(...args) as Effect.Effect<unknown, { _tag: string }>)
        const request = (yield* calls.all)[before]?.http
        if (request === undefined) {
          problems.push(`${id}: nothing sent (${result._tag === "Left" ? result.left._tag : "success"})`)
          continue
        }
        const issues: Array<string> = []
        if (request.method !== method) issues.push(`method ${request.method} != ${method}`)
        const expectedPath = template.replace(/\{([^}]+)\}/g, (_: string, name: string) => `p-${name}`)
        if (request.url.pathname !== expectedPath) issues.push(`path ${request.url.pathname} != ${expectedPath}`)
        const sentQuery = Object.fromEntries(request.url.searchParams)
        if (JSON.stringify(sentQuery) !== JSON.stringify(expectedQuery)) {
          issues.push(`query ${JSON.stringify(sentQuery)} != ${JSON.stringify(expectedQuery)}`)
        }
        for (const [name, value] of Object.entries(expectedHeaders)) {
          if (request.headers[name] !== value) issues.push(`header ${name}=${request.headers[name]} != ${value}`)
        }
        const workspaceScoped = (op.security ?? []).some((s: object) => "WorkspaceId" in s)
        if (workspaceScoped !== (request.headers["x-workspace-id"] === "ws_test")) {
          issues.push(`X-Workspace-Id ${workspaceScoped ? "missing" : "sent"}`)
        }
        if (!request.headers["authorization"]?.startsWith("Bearer ")) issues.push("no bearer token")
        if (op.requestBody) {
          if (request.body === "") issues.push("no body")
          else if (typeof JSON.parse(request.body) !== "object") issues.push("body is not a JSON object")
        } else if (request.body !== "") issues.push("unexpected body")
        if (issues.length > 0) problems.push(`${id}: ${issues.join("; ")}`)
        else covered.push(id)
      }
      console.log(`spec coverage: ${covered.length}/${specOperations.length}`)
      assert.deepStrictEqual(problems, [])
      assert.strictEqual(covered.length, specOperations.length)
      assert.strictEqual(specOperations.length, 70)
    }).pipe(Effect.provide(layer))
  })
})
