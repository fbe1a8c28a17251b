import { describe, expect, it } from "vitest"
import * as Results from "../src/results.js"

describe("Results", () => {
  it("tells ready, pending and failed answers apart", () => {
    expect(Results.stateOf(200, { rows: [] })).toEqual({ _tag: "Ready" })
    expect(Results.stateOf(200, { status: "ready" })).toEqual({ _tag: "Ready" })
    expect(Results.stateOf(202, undefined)).toEqual({ _tag: "Pending", status: "pending" })
    expect(Results.stateOf(202, { status: "running" })).toEqual({ _tag: "Pending", status: "running" })
    expect(Results.stateOf(200, { status: "queued" })).toEqual({ _tag: "Pending", status: "queued" })
    expect(Results.stateOf(200, { status: "failed", error_message: "boom" })).toEqual({
      _tag: "Failed",
      status: "failed",
      errorMessage: "boom"
    })
    expect(Results.stateOf(200, { status: "cancelled" })).toEqual({
      _tag: "Failed",
      status: "cancelled",
      errorMessage: undefined
    })
  })

  it("reads the total row count and the next link", () => {
    expect(Results.parseCount(" 42 ")).toBe(42)
    expect(Results.parseCount("4e2")).toBeUndefined()
    expect(Results.parseNextLink("</v1/results/r?offset=10&limit=5>; rel=\"next\"", "https://api.example/x")).toEqual({
      url: "https://api.example/v1/results/r?offset=10&limit=5",
      offset: 10,
      limit: 5
    })
    expect(Results.parseNextLink("<https://a/p>; rel=prev", "https://a/")).toBeUndefined()
    expect(Results.isJson("application/problem+json; charset=utf-8")).toBe(true)
    expect(Results.isJson("text/csv")).toBe(false)
  })
})
