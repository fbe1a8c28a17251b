/**
 * Walk every item of a paginated list as a Stream: the pages are fetched as the stream is
 * pulled, and stopping early fetches no more.
 */
import { HotdataClient } from "@hotdata-effect/core"
import { Chunk, Effect, Stream } from "effect"
import { runMain } from "./lib/run.js"

export const program = Effect.gen(function*() {
  const client = yield* HotdataClient.HotdataClient
  const prefix = `example-page-${Date.now().toString(36)}`
  const created = yield* Effect.forEach(
    Array.from({ length: 7 }, (_, i) => `${prefix}-${i}`),
    (name) => client.databases.create({ name }),
    { concurrency: 3 }
  )
  // Pages of 3: the stream follows the cursor across three pages.
  const names = yield* client.databases.listStream({ limit: 3, search: prefix }).pipe(
    Stream.map((db) => db.name),
    Stream.runCollect
  )
  const firstTwo = yield* client.databases.listStream({ limit: 3, search: prefix }).pipe(
    Stream.take(2),
    Stream.runCollect
  )
  yield* Effect.forEach(created, (db) => client.databases.delete(db.id), { concurrency: 3, discard: true })
  return { all: Chunk.size(names), taken: Chunk.size(firstTwo) }
})

runMain(import.meta, program)
