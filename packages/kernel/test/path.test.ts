import { describe, expect, it } from "vitest"
import * as Path from "../src/path.js"

describe("Path", () => {
  it("refuses values that would leave their segment or have no encoding", () => {
    expect(Path.checkPathParam("db_1")).toBeUndefined()
    expect(Path.checkPathParam(1)).toBe("must be a string")
    expect(Path.checkPathParam("")).toBe("must not be empty")
    expect(Path.checkPathParam("..")).toContain("dot segment")
    expect(Path.checkPathParam("\uD800")).toContain("lone UTF-16 surrogate")
    expect(Path.checkPathParam("\uD83D\uDE00")).toBeUndefined()
  })

  it("percent-encodes one segment, all of it when asked", () => {
    expect(Path.encodePathSegment("a-b.c_d~e")).toBe("a-b.c_d~e")
    expect(Path.encodePathSegment("a/b%c?d#é")).toBe("a%2Fb%25c%3Fd%23%C3%A9")
    expect(Path.encodePathSegment("count", true)).toBe("%63%6F%75%6E%74")
  })

  it("fills a template, encoding reserved values whole", () => {
    const route = { path: "/v1/databases/{database_id}/tables/{name}", reservedPathValues: { database_id: ["count"] } }
    expect(Path.renderPath(route, { database_id: "db 1", name: "t/x" })).toBe("/v1/databases/db%201/tables/t%2Fx")
    expect(Path.renderPath(route, { database_id: "count", name: "t" })).toBe("/v1/databases/%63%6F%75%6E%74/tables/t")
  })
})
