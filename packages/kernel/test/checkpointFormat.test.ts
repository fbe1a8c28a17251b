import { assert, describe, it } from "vitest"
import * as CheckpointFormat from "../src/uploads/checkpointFormat.js"

describe("CheckpointFormat", () => {
  it("parses a JSON object, and says what a text is otherwise without quoting it", () => {
    assert.deepStrictEqual(CheckpointFormat.parseObject("{\"a\":1}", "its JSON"), { object: { a: 1 } })
    assert.deepStrictEqual(CheckpointFormat.parseObject("{\"token\":", "its JSON"), {
      problem: "its JSON is not valid JSON"
    })
    assert.deepStrictEqual(CheckpointFormat.parseObject("[1]", "its appended line 1"), {
      problem: "its appended line 1 is an array, not a JSON object"
    })
    assert.deepStrictEqual(CheckpointFormat.parseObject("\"secret\"", "its JSON"), {
      problem: "its JSON is a string, not a JSON object"
    })
  })

  it("names a field by its path, leaving header names out", () => {
    assert.strictEqual(CheckpointFormat.fieldOf(["parts", 2, "eTag"]), "parts[2].eTag")
    assert.strictEqual(CheckpointFormat.fieldOf(["headers", "x-secret-name"]), "headers")
    assert.strictEqual(CheckpointFormat.fieldOf([]), "")
  })

  it("reads a file's lines, ignoring a last line a crash cut short", () => {
    const text = "{\"head\":1}\n" + CheckpointFormat.partLine({ partNumber: 2, eTag: "b", crc32: 7 }) + "{\"partN"
    const { appended, head } = CheckpointFormat.fileLines(text)
    assert.strictEqual(head, "{\"head\":1}")
    assert.deepStrictEqual(appended, ["{\"partNumber\":2,\"eTag\":\"b\",\"crc32\":7}"])
    assert.deepStrictEqual(CheckpointFormat.fileLines("{}").appended, [])
  })

  it("merges appended parts over the saved ones, by part number", () => {
    const merged = CheckpointFormat.mergeParts(
      [{ partNumber: 3, eTag: "c" }, { partNumber: 1, eTag: "a" }],
      [{ partNumber: 2, eTag: "b" }, { partNumber: 3, eTag: "c2" }]
    )
    assert.deepStrictEqual(merged.map((p) => `${p.partNumber}${p.eTag}`), ["1a", "2b", "3c2"])
  })

  it("writes a part line without an absent CRC-32", () => {
    assert.strictEqual(CheckpointFormat.partLine({ partNumber: 1, eTag: "e" }), "{\"partNumber\":1,\"eTag\":\"e\"}\n")
  })
})
