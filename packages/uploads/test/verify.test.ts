/**
 * The pure checks that keep an upload whole: CRC-32, a session's headers, a checkpoint's
 * fields, and the parts' coverage of the source.
 */
import { crc32 } from "@hotdata-effect/kernel/crc32"
import * as Plan from "@hotdata-effect/kernel/uploads/plan"
import * as Verify from "@hotdata-effect/kernel/uploads/verify"
import { createHash } from "node:crypto"
import * as zlib from "node:zlib"
import { assert, describe, it } from "vitest"
import { bytesOf } from "./stubs.js"

const MiB = 1024 * 1024

describe("crc32", () => {
  it("gives the standard check value and zlib's CRC-32 on any length and alignment", () => {
    assert.strictEqual(crc32(new TextEncoder().encode("123456789")), 0xcbf43926)
    assert.strictEqual(crc32(new Uint8Array(0)), 0)
    const data = bytesOf(100_003, 7)
    for (const [start, end] of [[0, 100_003], [1, 9], [3, 64_000], [5, 100_000]] as const) {
      const piece = data.subarray(start, end)
      // gzip's trailer holds the CRC-32 of the data: 4 bytes little-endian before the length.
      const gz = zlib.gzipSync(piece)
      assert.strictEqual(crc32(piece), gz.readUInt32LE(gz.length - 8), `${start}..${end}`)
    }
  })

  it("continues from the CRC of the bytes before", () => {
    const data = bytesOf(10_000, 3)
    assert.strictEqual(crc32(data.subarray(4321), crc32(data.subarray(0, 4321))), crc32(data))
  })
})

describe("headersProblem", () => {
  it("accepts what a session may ask for, refuses what no request can carry, quoting no value", () => {
    assert.isUndefined(Verify.headersProblem({}))
    assert.isUndefined(Verify.headersProblem({ "x-amz-meta-note": "a\tb é", "Content-Type": "text/csv" }))
    const secret = "s3cr3t-value"
    for (
      const headers of [
        { "x-amz-meta-note": `${secret}\r\nx-injected: 1` },
        { "x-amz-meta-note": `${secret}\u0000` },
        { "x-amz-meta-note": `${secret}\u2028` }
      ]
    ) {
      const problem = Verify.headersProblem(headers)
      assert.isString(problem)
      assert.notInclude(problem!, secret)
      assert.include(problem!, "x-amz-meta-note")
    }
    const badName = Verify.headersProblem({ [`${secret}\r\n`]: "v" })
    assert.isString(badName)
    assert.notInclude(badName!, secret)
    assert.include(Verify.headersProblem({ "Content-Length": "5" })!, "frames the request")
    assert.include(Verify.headersProblem({ "transfer-encoding": "chunked" })!, "frames the request")
  })
})

describe("checkpointProblem", () => {
  const TOKEN = "tok_secret_value"
  const good: Verify.CheckpointFields = {
    version: 2,
    uploadId: "upl_1",
    finalizeToken: TOKEN,
    partSize: 5 * MiB,
    size: 23 * MiB,
    fingerprint: createHash("sha256").update("x").digest("hex"),
    headers: {},
    createdAt: 1_000,
    parts: [{ partNumber: 1, eTag: "\"a\"", crc32: 1 }, { partNumber: 3, eTag: "\"c\"", crc32: 0xffffffff }]
  }
  const fieldOf = (change: Partial<Verify.CheckpointFields>, now = 2_000) => {
    const problem = Verify.checkpointProblem({ ...good, ...change }, now)
    if (problem !== undefined) assert.notInclude(problem.message, TOKEN)
    return problem?.field
  }

  it("accepts a consistent checkpoint", () => {
    assert.isUndefined(fieldOf({}))
    assert.isUndefined(fieldOf({ version: 1, parts: [{ partNumber: 2, eTag: "e" }] }))
  })

  it("names the field of a part size that is not a whole number within the bounds", () => {
    for (const partSize of [0, -1, 1.5, Number.NaN, Infinity, Plan.MAX_PART_SIZE + 1]) {
      assert.strictEqual(fieldOf({ partSize }), "partSize", String(partSize))
    }
    // A part size so small that the plan would exceed storage's 10,000 parts (and memory).
    assert.strictEqual(fieldOf({ partSize: 1, parts: [] }), "partSize")
    assert.strictEqual(fieldOf({ size: 1.5 }), "size")
  })

  it("names part numbers outside the plan or repeated, empty ETags and missing CRCs", () => {
    assert.strictEqual(fieldOf({ parts: [{ partNumber: 6, eTag: "e", crc32: 1 }] }), "parts[0].partNumber")
    assert.strictEqual(fieldOf({ parts: [{ partNumber: 0, eTag: "e", crc32: 1 }] }), "parts[0].partNumber")
    assert.strictEqual(fieldOf({ parts: [{ partNumber: 2.5, eTag: "e", crc32: 1 }] }), "parts[0].partNumber")
    assert.strictEqual(
      fieldOf({ parts: [{ partNumber: 2, eTag: "e", crc32: 1 }, { partNumber: 2, eTag: "f", crc32: 2 }] }),
      "parts[1].partNumber"
    )
    assert.strictEqual(fieldOf({ parts: [{ partNumber: 2, eTag: " ", crc32: 1 }] }), "parts[0].eTag")
    assert.strictEqual(fieldOf({ parts: [{ partNumber: 2, eTag: "e" }] }), "parts[0].crc32")
    assert.strictEqual(fieldOf({ parts: [{ partNumber: 2, eTag: "e", crc32: 2 ** 32 }] }), "parts[0].crc32")
  })

  it("names a token or headers no request can carry, never quoting them", () => {
    assert.strictEqual(fieldOf({ finalizeToken: `${TOKEN}\r\n` }), "finalizeToken")
    assert.strictEqual(fieldOf({ finalizeToken: "" }), "finalizeToken")
    assert.strictEqual(fieldOf({ headers: { "x-amz-meta-a": `${TOKEN}\n` } }), "headers")
    assert.strictEqual(fieldOf({ uploadId: "upl 1" }), "uploadId")
    assert.strictEqual(fieldOf({ fingerprint: "f" }), "fingerprint")
  })

  it("refuses a creation time in the future (it would outlive the session's lifetime check)", () => {
    assert.strictEqual(fieldOf({ createdAt: 2_000 + Verify.CLOCK_SKEW_MILLIS + 1 }), "createdAt")
    assert.isUndefined(fieldOf({ createdAt: 2_000 + Verify.CLOCK_SKEW_MILLIS }))
    assert.strictEqual(fieldOf({ createdAt: Number.NaN }), "createdAt")
  })
})

describe("coverageProblem", () => {
  const spans = (size: number, partSize: number) =>
    Plan.planParts(size, partSize).map(({ length, offset, partNumber }) => ({ partNumber, offset, length }))

  it("accepts parts that hold the source exactly, in any order", () => {
    assert.isUndefined(Verify.coverageProblem(spans(25, 10), 25))
    assert.isUndefined(Verify.coverageProblem(spans(25, 10).reverse(), 25))
    assert.isUndefined(Verify.coverageProblem(spans(0, 10), 0))
  })

  it("finds a gap, an overlap, a missing or repeated part and another total", () => {
    const [a, b, c] = spans(25, 10) as [Verify.Span, Verify.Span, Verify.Span]
    assert.include(
      Verify.coverageProblem([a, { ...b, offset: 12, length: 8 }, c], 25)!,
      "bytes 10 to 11 are in no part"
    )
    assert.include(Verify.coverageProblem([a, { ...b, offset: 8 }, c], 25)!, "inside the part before it")
    assert.include(Verify.coverageProblem([a, c], 25)!, "part 2 is missing")
    assert.include(Verify.coverageProblem([a, a, b, c], 25)!, "part 1 appears twice")
    assert.include(Verify.coverageProblem([a, b, c], 26)!, "the parts hold 25 bytes, the source has 26")
    assert.include(Verify.coverageProblem([], 0)!, "no parts")
  })
})
