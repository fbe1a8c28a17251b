import { describe, expect, it } from "vitest"
import * as Idempotency from "../src/idempotency.js"

const body: Idempotency.Slot = { in: "body", name: "idempotency_key" }
const header: Idempotency.Slot = { in: "header", name: "Idempotency-Key" }

describe("Idempotency", () => {
  it("takes the body's key, else the option's, else a new one", () => {
    expect(Idempotency.choose(body, { idempotency_key: "k1" }, undefined)).toEqual({ _tag: "Key", key: "k1" })
    expect(Idempotency.choose(body, {}, "k2")).toEqual({ _tag: "Key", key: "k2" })
    expect(Idempotency.choose(header, { idempotency_key: "ignored" }, "k3")).toEqual({ _tag: "Key", key: "k3" })
    const fresh = Idempotency.choose(header, undefined, undefined)
    expect(fresh._tag === "Key" && fresh.key.length > 0).toBe(true)
  })

  it("refuses malformed and disagreeing keys", () => {
    expect(Idempotency.choose(body, { idempotency_key: "" }, undefined)._tag).toBe("Invalid")
    expect(Idempotency.choose(body, {}, 3)._tag).toBe("Invalid")
    expect(Idempotency.choose(body, { idempotency_key: "a" }, "b")).toEqual({
      _tag: "Invalid",
      message: "body field `idempotency_key` and option `idempotencyKey` disagree: give the key once"
    })
  })

  it("places the key in its header or its body field", () => {
    expect(Idempotency.headerOf(header)).toBe("idempotency-key")
    expect(Idempotency.headerOf(body)).toBeUndefined()
    expect(Idempotency.intoBody(body, { a: 1 }, "k")).toEqual({ a: 1, idempotency_key: "k" })
    expect(Idempotency.intoBody(header, { a: 1 }, "k")).toEqual({ a: 1 })
  })
})
