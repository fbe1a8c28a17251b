import { describe, expect, it } from "vitest"
import * as Settings from "../src/settings.js"

describe("Settings", () => {
  it("trims an API key and refuses what a header cannot carry, without quoting it", () => {
    expect(Settings.checkApiKey("  key-1\n")).toEqual({ _tag: "Valid", value: "key-1" })
    expect(Settings.checkApiKey(" ")).toEqual({ _tag: "Invalid", message: "the API key is empty" })
    const bad = Settings.checkApiKey("ab\u00e9cd")
    expect(bad._tag === "Invalid" && bad.message).toContain("a non-ASCII character (at position 3)")
    expect(bad._tag === "Invalid" && bad.message.includes("ab")).toBe(false)
  })

  it("accepts an http(s) base URL without credentials, query or fragment", () => {
    expect(Settings.checkBaseUrl("https://api.example/base")._tag).toBe("Valid")
    expect(Settings.checkBaseUrl("")._tag).toBe("Invalid")
    expect(Settings.checkBaseUrl("ftp://x")._tag).toBe("Invalid")
    expect(Settings.checkBaseUrl("https://u:p@x")._tag).toBe("Invalid")
    expect(Settings.checkBaseUrl("https://x?a=1")._tag).toBe("Invalid")
    expect(Settings.checkBaseUrl("not a url")._tag).toBe("Invalid")
  })

  it("names a character in words", () => {
    expect(Settings.characterKind(0x0a)).toBe("a line break")
    expect(Settings.characterKind(0x00)).toBe("a NUL character")
    expect(Settings.characterKind(0x7f)).toBe("a control character")
  })
})
