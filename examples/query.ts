/**
 * Run SQL and get every row back, typed: `Query.run` for raw rows, `Query.runAs` to decode
 * each row into a Schema.
 */
import { HotdataClient, Query } from "@hotdata-effect/core"
import { Effect, Schema } from "effect"
import { runMain } from "./lib/run.js"

const City = Schema.Struct({ city: Schema.String, population: Schema.Number })

export const program = Effect.gen(function*() {
  const client = yield* HotdataClient.HotdataClient
  const db = yield* client.databases.create({ name: "example-query" })
  yield* client.databases.loadTable(db.id, "main", "cities", {
    mode: "replace",
    data: "city,population\nLisbon,545000\nPorto,232000\nBraga,193000\n"
  })
  const raw = yield* Query.run("SELECT count(*) AS n FROM cities", { databaseId: db.id })
  const cities = yield* Query.runAs(City, "SELECT city, population FROM cities ORDER BY population DESC", {
    databaseId: db.id
  })
  yield* client.databases.delete(db.id)
  return { count: Number(raw.rows[0]![0]), largest: cities[0]!.city }
})

runMain(import.meta, program)
