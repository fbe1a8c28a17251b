/**
 * Stream a query's result as Apache Arrow record batches, decoded as they arrive.
 *
 * `range * 0.5` is a DECIMAL in SQL, so its column arrives as an Arrow Decimal128 with scale 1:
 * each value holds the unscaled integer, and `util.bigNumToNumber(value, scale)` turns it into
 * the number it stands for.
 */
import { ArrowQuery } from "@hotdata-effect/arrow"
import { HotdataClient } from "@hotdata-effect/core"
import { DataType, util } from "apache-arrow"
import { Effect, Stream } from "effect"
import { runMain } from "./lib/run.js"

export const program = Effect.gen(function*() {
  const client = yield* HotdataClient.HotdataClient
  const db = yield* client.databases.create({ name: "example-arrow" })
  const summary = yield* ArrowQuery.stream("SELECT range AS n, range * 0.5 AS half FROM range(100000)", {
    databaseId: db.id
  }).pipe(
    Stream.runFold({ rows: 0, batches: 0, sum: 0 }, (acc, batch) => {
      const half = batch.getChild("half")!
      const scale = DataType.isDecimal(half.type) ? half.type.scale : undefined
      let sum = acc.sum
      for (const value of half) {
        sum += scale === undefined ? Number(value) : util.bigNumToNumber(value, scale)
      }
      return { rows: acc.rows + batch.numRows, batches: acc.batches + 1, sum }
    })
  )
  yield* client.databases.delete(db.id)
  return summary
})

runMain(import.meta, program)
