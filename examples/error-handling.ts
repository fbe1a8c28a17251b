/**
 * Handle failures by their tag: every error of the SDK is a tagged class carrying the
 * status, the server's code and message, and the trace id.
 */
import { HotdataClient, HotdataError, Query } from "@hotdata-effect/core"
import { Effect } from "effect"
import { runMain } from "./lib/run.js"

export const program = Effect.gen(function*() {
  const client = yield* HotdataClient.HotdataClient

  // A database that does not exist: recover with a default.
  const missing = yield* client.databases.get("data_missing").pipe(
    Effect.map((db) => db.name ?? db.id),
    Effect.catchTag("NotFound", (error) => Effect.succeed(`not found (trace ${error.traceId ?? "n/a"})`))
  )

  // Bad SQL: the server's message is kept as it was sent.
  const db = yield* client.databases.create({ name: "example-errors" })
  const badSql = yield* Query.run("SELEC 1", { databaseId: db.id }).pipe(
    Effect.map(() => "unexpected success"),
    Effect.catchTags({
      BadRequest: (error) => Effect.succeed(`bad request: ${error.message}`),
      RateLimited: (error) => Effect.succeed(`busy, retry after ${error.retryAfter}`)
    })
  )

  // Input the contract rejects never leaves the process.
  const invalid = yield* Effect.flip(client.databases.list({ limit: 0 }))
  yield* client.databases.delete(db.id)
  return {
    missing,
    badSql,
    invalid: `${invalid._tag}: ${invalid.message}`,
    isSdkError: HotdataError.isHotdataError(invalid)
  }
})

runMain(import.meta, program)
