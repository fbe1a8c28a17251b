import { describe, expect, it } from "vitest"
import * as TransportFailure from "../src/transportFailure.js"

const error = (message: string, fields: Record<string, unknown> = {}) => Object.assign(new Error(message), fields)

describe("TransportFailure", () => {
  it("classifies a failure by the codes of its causes", () => {
    expect(TransportFailure.classify(error("fetch failed", { cause: error("x", { code: "ECONNREFUSED" }) })))
      .toBe("connect")
    expect(TransportFailure.classify(error("bad", { code: "ERR_INVALID_CHAR" }))).toBe("unsendable")
    expect(TransportFailure.classify(error("tls", { code: "CERT_HAS_EXPIRED" }))).toBe("tls")
    expect(TransportFailure.classify(error("invalid peer certificate: UnknownIssuer"))).toBe("tls")
    expect(TransportFailure.classify(error("something else"))).toBe("request")
    expect(TransportFailure.classify("not an error")).toBe("request")
  })

  it("follows at most six causes", () => {
    let deep: Error = error("bottom", { code: "ECONNRESET" })
    for (let i = 0; i < 6; i++) deep = error(`level ${i}`, { cause: deep })
    expect(TransportFailure.chainOf(deep)).toHaveLength(6)
    expect(TransportFailure.classify(deep)).toBe("request")
  })

  it("joins the messages of the chain", () => {
    expect(TransportFailure.messagesOf(error("outer", { cause: error("inner") }))).toBe("outer: inner")
    expect(TransportFailure.messagesOf(42)).toBe("42")
  })
})
