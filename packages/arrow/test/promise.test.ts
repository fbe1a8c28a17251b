/**
 * The Promise facade of the arrow package against the local server.
 */
import { exportToFile, queryBatches, queryTable } from "@hotdata-effect/arrow/promise"
import { HotdataPromiseError } from "@hotdata-effect/core/PromiseClient"
import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { assert, describe, it } from "vitest"
import { usePromiseKit } from "../../../test/promiseKit.js"

const local = usePromiseKit("arrow-promise")

const RANGE = "SELECT range AS n FROM range(100000)"

describe("arrow/promise", () => {
  it("queryBatches yields every row as record batches; queryTable holds them all", async () => {
    let rows = 0
    let sum = 0n
    for await (const batch of queryBatches(local.hotdata, RANGE, { databaseId: local.databaseId })) {
      rows += batch.numRows
      for (const v of batch.getChild("n")!) sum += BigInt(v)
    }
    assert.strictEqual(rows, 100_000)
    assert.strictEqual(sum, 4_999_950_000n)
    const table = await queryTable(local.hotdata, RANGE, { databaseId: local.databaseId })
    assert.strictEqual(table.numRows, 100_000)
  })

  it("an aborted signal stops the iteration with its reason", async () => {
    const controller = new AbortController()
    const error = await (async () => {
      for await (
        const _ of queryBatches(local.hotdata, RANGE, { databaseId: local.databaseId }, { signal: controller.signal })
      ) {
        controller.abort(new Error("enough"))
      }
    })().then(() => undefined, (e: unknown) => e)
    assert.strictEqual((error as Error).message, "enough")
  })

  it("exportToFile writes the result as CSV and leaves no partial file", async () => {
    const result = await local.hotdata.sql.run("SELECT range AS n FROM range(5)", { databaseId: local.databaseId })
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "arrow-promise-"))
    try {
      const target = path.join(dir, "out.csv")
      const written = await exportToFile(local.hotdata, result.resultId!, target, {
        databaseId: local.databaseId,
        format: "csv",
        wait: true
      })
      const lines = (await fs.readFile(target, "utf8")).trim().split("\n")
      assert.deepStrictEqual(lines, ["n", "0", "1", "2", "3", "4"])
      assert.strictEqual(written.bytes, (await fs.stat(target)).size)
      assert.deepStrictEqual(await fs.readdir(dir), ["out.csv"])
    } finally {
      await fs.rm(dir, { recursive: true, force: true })
    }
  })

  it("a failure is a tagged error, instanceof HotdataPromiseError", async () => {
    const error = await queryTable(local.hotdata, "SELECT * FROM no_such_table", { databaseId: local.databaseId }).then(
      () => undefined,
      (e: unknown) => e
    )
    assert.instanceOf(error, HotdataPromiseError)
    assert.strictEqual((error as HotdataPromiseError)._tag, "BadRequest")
  })
})
