import { assert, describe, it } from "vitest"
import * as Headers from "../src/headers.js"

describe("Headers", () => {
  it("accepts tab, visible ASCII and obs-text in a value, nothing else", () => {
    assert.isTrue(Headers.isValidValue("Bearer abc\tdéf"))
    for (const bad of ["a\nb", "a\rb", "a\0b", "a\x7fb", "a\u0100b"]) assert.isFalse(Headers.isValidValue(bad))
    assert.strictEqual(Headers.invalidValueCharCode("ok\nno"), 10)
    assert.isUndefined(Headers.invalidValueCharCode("fine"))
  })

  it("names tokens and framing headers", () => {
    assert.isTrue(Headers.isValidName("x-amz-meta_1"))
    assert.isFalse(Headers.isValidName("bad name"))
    assert.isTrue(Headers.isFraming("Content-Length"))
    assert.isFalse(Headers.isFraming("content-type"))
  })

  it("says what is wrong with a set of headers without quoting a value", () => {
    assert.isUndefined(Headers.headersProblem({ "content-type": "text/csv" }))
    assert.strictEqual(Headers.headersProblem({ a: "1", "b c": "2" }), "header 2 has a name no HTTP header can carry")
    const value = Headers.headersProblem({ "x-secret": "s3cr3t\r\n" })
    assert.include(value, "`x-secret`")
    assert.notInclude(value, "s3cr3t")
    assert.include(Headers.headersProblem({ "x-n": 1 }), "`x-n`")
    assert.include(Headers.headersProblem({ Host: "h" }), "frames the request")
  })
})
