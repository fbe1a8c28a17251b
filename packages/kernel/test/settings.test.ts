import * as Settings from "@hotdata-effect/kernel/settings"
import { assert, describe, it } from "vitest"

describe("Settings.connectionOf", () => {
  it("takes each given setting over its variable", () => {
    const env = { HOTDATA_API_KEY: "hd_env", HOTDATA_WORKSPACE_ID: "ws_env", HOTDATA_API_URL: "http://env" }
    assert.deepStrictEqual(
      Settings.connectionOf({ apiKey: "hd_given", workspaceId: "ws_given", baseUrl: "http://given", env }),
      { apiKey: "hd_given", workspaceId: "ws_given", baseUrl: "http://given" }
    )
    assert.deepStrictEqual(Settings.connectionOf({ env }), {
      apiKey: "hd_env",
      workspaceId: "ws_env",
      baseUrl: "http://env"
    })
  })

  it("counts a blank key or variable as unset, and leaves a given workspace or URL to the checks", () => {
    const env = { HOTDATA_API_KEY: " ", HOTDATA_WORKSPACE_ID: "", HOTDATA_API_URL: "\n" }
    assert.deepStrictEqual(Settings.connectionOf({ env }), {
      apiKey: undefined,
      workspaceId: undefined,
      baseUrl: undefined
    })
    assert.deepStrictEqual(Settings.connectionOf({ apiKey: "  ", workspaceId: " ", baseUrl: "", env: {} }), {
      apiKey: undefined,
      workspaceId: " ",
      baseUrl: ""
    })
  })

  it("reads process.env when no environment is given", () => {
    const previous = process.env.HOTDATA_WORKSPACE_ID
    process.env.HOTDATA_WORKSPACE_ID = "ws_process"
    try {
      assert.strictEqual(Settings.connectionOf({}).workspaceId, "ws_process")
    } finally {
      if (previous === undefined) delete process.env.HOTDATA_WORKSPACE_ID
      else process.env.HOTDATA_WORKSPACE_ID = previous
    }
  })
})
