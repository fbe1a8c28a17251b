import { describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { readFileSync } from "node:fs"
import { assert } from "vitest"
import * as LocalHotdata from "../src/LocalHotdata.js"
import { api } from "./helpers.js"

const root = new URL("../../../", import.meta.url)
const readme = readFileSync(new URL("packages/local/README.md", root), "utf8")
const spec = JSON.parse(readFileSync(new URL("spec/openapi.json", root), "utf8")) as {
  paths: Record<string, Record<string, { operationId: string }>>
}

interface Row {
  readonly method: string
  readonly path: string
  readonly operation: string
  readonly local: "real" | "501"
}

const rows: ReadonlyArray<Row> = [
  ...readme.matchAll(/^\| `(GET|POST|PUT|PATCH|DELETE) (\S+)` \| `(\w+)` \| (real|501) \|$/gm)
]
  .map(([, method, path, operation, local]) => ({
    method: method!,
    path: path!,
    operation: operation!,
    local: local as Row["local"]
  }))

const specOperations = Object.entries(spec.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`)
)

describe("the package README's table of operations", () => {
  it("lists every operation of the contract once, with its method and path, and counts them right", () => {
    assert.deepStrictEqual(
      rows.map((row) => `${row.method} ${row.path} ${row.operation}`).sort(),
      [...specOperations].sort()
    )
    const real = rows.filter((row) => row.local === "real").length
    assert.include(
      readme.replace(/\s+/g, " "),
      `${real} of the ${specOperations.length} operations of the contract are implemented`
    )
  })

  it.layer(LocalHotdata.layerServer())((it) => {
    it.effect("says 501 exactly where the server answers 501 NOT_IMPLEMENTED_LOCALLY", () =>
      Effect.gen(function*() {
        const { call } = yield* api
        const wrong: Array<string> = []
        for (const row of rows) {
          // Placeholder ids: an implemented operation answers 400/404 for them, never 501.
          const path = row.path.replace(/\{[^}]+\}/g, "readme_probe")
          const body = row.method === "GET" || row.method === "DELETE" ? undefined : {}
          const reply = yield* call(row.method, path, {
            ...(body === undefined ? {} : { body }),
            ...(path.startsWith("/v1/workspaces") ? { workspace: false as const } : {})
          })
          const unimplemented = reply.status === 501 && reply.json?.error?.code === "NOT_IMPLEMENTED_LOCALLY"
          if (unimplemented !== (row.local === "501")) {
            wrong.push(`${row.operation}: README says ${row.local}, server answered ${reply.status}`)
          }
        }
        assert.deepStrictEqual(wrong, [])
      }))
  })
})
