import { describe, expect, it } from "vitest"
import * as SettingsChecks from "../src/settingsChecks.js"

describe("Settings", () => {
  it("trims an API key and refuses what a header cannot carry, without quoting it", () => {
    expect(SettingsChecks.checkApiKey("  key-1\n")).toEqual({ _tag: "Valid", value: "key-1" })
    expect(SettingsChecks.checkApiKey(" ")).toEqual({ _tag: "Invalid", message: "the API key is empty" })
    const bad = SettingsChecks.checkApiKey("ab\u00e9cd")
    expect(bad._tag === "Invalid" && bad.message).toContain("a non-ASCII character (at position 3)")
    expect(bad._tag === "Invalid" && bad.message.includes("ab")).toBe(false)
  })

  it("accepts an http(s) base URL without credentials, query or fragment", () => {
    expect(SettingsChecks.checkBaseUrl("https://api.example/base")._tag).toBe("Valid")
    expect(SettingsChecks.checkBaseUrl("")._tag).toBe("Invalid")
    expect(SettingsChecks.checkBaseUrl("ftp://x")._tag).toBe("Invalid")
    expect(SettingsChecks.checkBaseUrl("https://u:p@x")._tag).toBe("Invalid")
    expect(SettingsChecks.checkBaseUrl("https://x?a=1")._tag).toBe("Invalid")
    expect(SettingsChecks.checkBaseUrl("not a url")._tag).toBe("Invalid")
  })

  it("names a character in words", () => {
    expect(SettingsChecks.characterKind(0x0a)).toBe("a line break")
    expect(SettingsChecks.characterKind(0x00)).toBe("a NUL character")
    expect(SettingsChecks.characterKind(0x7f)).toBe("a control character")
  })
})
