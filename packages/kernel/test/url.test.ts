import { describe, expect, it } from "vitest"
import * as Url from "../src/url.js"

describe("Url", () => {
  it("joins a path under a base URL with one slash", () => {
    expect(Url.joinUrl("https://api.example", "/v1/x")).toBe("https://api.example/v1/x")
    expect(Url.joinUrl("https://api.example/", "/v1/x")).toBe("https://api.example/v1/x")
    expect(Url.joinUrl("", "/v1/x")).toBe("/v1/x")
  })

  it("gives the part of a URL after its base", () => {
    expect(Url.pathAfter("https://api.example/v1/x?a=1", "https://api.example")).toBe("/v1/x?a=1")
    expect(Url.pathAfter("https://other/v1", "https://api.example")).toBe("https://other/v1")
  })
})
