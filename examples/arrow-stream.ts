/**
 * Stream a query's result as Apache Arrow record batches, decoded as they arrive.
 */
import { ArrowQuery } from "@hotdata-effect/arrow"
import { HotdataClient } from "@hotdata-effect/core"
import { Effect, Stream } from "effect"
import { runMain } from "./lib/run.js"

export const program = Effect.gen(function*() {
  const client = yield* HotdataClient.HotdataClient
  const db = yield* client.databases.create({ name: "example-arrow" })
  const summary = yield* ArrowQuery.stream("SELECT range AS n, range * 0.5 AS half FROM range(100000)", {
    databaseId: db.id
  }).pipe(
    Stream.runFold({ rows: 0, batches: 0, sum: 0 }, (acc, batch) => {
      let sum = acc.sum
      for (const value of batch.getChild("half")!) sum += Number(value)
      return { rows: acc.rows + batch.numRows, batches: acc.batches + 1, sum }
    })
  )
  yield* client.databases.delete(db.id)
  return summary
})

runMain(import.meta, program)
