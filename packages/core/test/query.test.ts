import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { HotdataClient, HotdataTest, Polling, Query } from "../src/index.js"
import { underTestClock } from "./clock.js"

const TOTAL = 12
const allRows = Array.from({ length: TOTAL }, (_, i) => [i, `city-${i % 3}`])

/** A stubbed service: a query that goes async or truncates, a run, a result that persists slowly. */
const service = (
  mode: "async" | "truncated" | "inline",
  options: { readonly failResult?: boolean } = {}
): HotdataTest.Handlers => {
  let runPolls = 0
  let resultPolls = 0
  return {
    query: {
      execute: () =>
        mode === "async"
          ? HotdataTest.respond(202, {
            query_run_id: "qrun_1",
            status: "running",
            status_url: "https://x/v1/query-runs/qrun_1"
          })
          : HotdataTest.respond(200, {
            columns: ["n", "city"],
            nullable: [false, false],
            rows: mode === "inline" ? allRows : allRows.slice(0, 3),
            execution_time_ms: 4,
            query_run_id: "qrun_1",
            result_id: "rslt_1",
            preview_row_count: mode === "inline" ? TOTAL : 3,
            row_count: mode === "inline" ? TOTAL : 3,
            total_row_count: mode === "inline" ? TOTAL : null,
            truncated: mode !== "inline"
          })
    },
    queryRuns: {
      get: () => {
        runPolls++
        return HotdataTest.json(200, {
          id: "qrun_1",
          status: runPolls < 3 ? "running" : "succeeded",
          sql_text: "select",
          sql_hash: "h",
          snapshot_id: "snap_1",
          created_at: "2026-01-01",
          result_id: runPolls < 3 ? null : "rslt_1",
          row_count: runPolls < 3 ? null : TOTAL,
          trace_id: null
        })
      }
    },
    results: {
      get: ({ query }) => {
        if (query.limit === 0) {
          resultPolls++
          if (options.failResult) {
            return HotdataTest.respond(409, { status: "failed", result_id: "rslt_1", error_message: "out of disk" })
          }
          return resultPolls < 2
            ? HotdataTest.respond(202, { result_id: "rslt_1", status: "processing" }, {
              headers: { "retry-after": "2" }
            })
            : HotdataTest.json(200, {
              result_id: "rslt_1",
              status: "ready",
              columns: ["n", "city"],
              nullable: [false, false],
              rows: []
            })
        }
        const offset = query.offset ?? 0
        const rows = allRows.slice(offset, offset + (query.limit ?? TOTAL))
        return HotdataTest.json(200, {
          result_id: "rslt_1",
          status: "ready",
          columns: ["n", "city"],
          nullable: [false, false],
          rows,
          row_count: rows.length
        }, { "x-total-row-count": String(TOTAL) })
      }
    }
  }
}

const drive = <A, E>(effect: Effect.Effect<A, E, HotdataClient.HotdataClient>, handlers: HotdataTest.Handlers) =>
  Effect.gen(function*() {
    const result = yield* underTestClock(effect, 60, "1 second")
    return { result, seen: yield* (yield* HotdataTest.Calls).all }
  }).pipe(Effect.provide(HotdataClient.layerTest(handlers)))

const isResultPage = (call: HotdataTest.Call) =>
  call.operation === "get_result" && call.http.url.searchParams.get("limit") !== "0"

describe("Query.run", () => {
  it.effect("returns inline rows as they are", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* drive(Query.run("select", { databaseId: "data_1" }), service("inline"))
      assert.strictEqual(result._tag, "Right")
      if (result._tag !== "Right") return
      assert.strictEqual(result.right.rows.length, TOTAL)
      assert.strictEqual(seen.length, 1)
      assert.strictEqual(seen[0]!.http.headers["x-database-id"], "data_1")
    }))

  it.effect("follows a truncated answer: waits for the result, then pages from offset 0", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* drive(
        Query.run("select", { databaseId: "data_1", pageSize: 5 }),
        service("truncated")
      )
      assert.strictEqual(result._tag, "Right")
      if (result._tag !== "Right") return
      assert.deepStrictEqual(result.right.rows, allRows)
      assert.isTrue(result.right.truncated)
      assert.strictEqual(result.right.totalRowCount, TOTAL)
      const pages = seen.filter(isResultPage)
      assert.deepStrictEqual(pages.map((p) => p.http.url.searchParams.get("offset")), ["0", "5", "10"])
      // The 202 asked for 2 s: the next status poll waited at least that long.
      const polls = seen.filter((s) => s.http.url.searchParams.get("limit") === "0")
      assert.isAtLeast(polls[1]!.at - polls[0]!.at, 2000)
    }))

  it.effect("waits for a 202 query run, then fetches its result", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* drive(
        Query.run("select", { databaseId: "data_1", async: true }),
        service("async")
      )
      assert.strictEqual(result._tag, "Right")
      if (result._tag !== "Right") return
      assert.deepStrictEqual(result.right.rows, allRows)
      assert.strictEqual(result.right.queryRunId, "qrun_1")
      assert.strictEqual(seen.filter((s) => s.http.url.pathname === "/v1/query-runs/qrun_1").length, 3)
    }))

  it.effect("a result that failed to persist is a WorkFailed with the server's message", () =>
    Effect.gen(function*() {
      const { result } = yield* drive(
        Query.run("select", { databaseId: "data_1" }),
        service("truncated", { failResult: true })
      )
      assert.isTrue(result._tag === "Left" && result.left._tag === "WorkFailed")
      if (result._tag === "Left" && result.left._tag === "WorkFailed") {
        assert.strictEqual(result.left.message, "out of disk")
      }
    }))

  it.effect("guards refuse results over maxRows before fetching rows", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* drive(
        Query.run("select", { databaseId: "data_1", maxRows: 10 }),
        service("truncated")
      )
      assert.isTrue(result._tag === "Left" && result.left._tag === "ResultTooLarge")
      const rowPages = seen.filter(isResultPage)
      assert.isAtMost(rowPages.length, 1)
    }))

  it.effect("runAs decodes rows into a schema and names the row that does not fit", () =>
    Effect.gen(function*() {
      const Row = Schema.Struct({ n: Schema.Number, city: Schema.String })
      const good = yield* drive(Query.runAs(Row, "select", { databaseId: "data_1" }), service("inline"))
      assert.isTrue(good.result._tag === "Right" && good.result.right[4]!.city === "city-1")
      const Bad = Schema.Struct({ n: Schema.String, city: Schema.String })
      const bad = yield* drive(Query.runAs(Bad, "select", { databaseId: "data_1" }), service("inline"))
      assert.isTrue(bad.result._tag === "Left" && bad.result.left._tag === "RowDecodeError")
      if (bad.result._tag === "Left" && bad.result.left._tag === "RowDecodeError") {
        assert.strictEqual(bad.result.left.row, 0)
        assert.include(bad.result.left.message, "n")
      }
    }))
})

describe("Polling", () => {
  it.effect("a job is polled until it succeeds", () =>
    Effect.gen(function*() {
      let polls = 0
      const { result } = yield* drive(Polling.job("job_1"), {
        jobs: {
          get: () => ({
            id: "job_1",
            job_type: "managed_load",
            status: ++polls < 4 ? "running" : "succeeded",
            attempts: 1,
            created_at: "x",
            error_message: null,
            completed_at: null
          })
        }
      })
      assert.isTrue(result._tag === "Right" && result.right.status === "succeeded")
      assert.strictEqual(polls, 4)
    }))

  it.effect("a failed job fails with WorkFailed", () =>
    Effect.gen(function*() {
      const { result } = yield* drive(Polling.job("job_1"), {
        jobs: {
          get: () => ({
            id: "job_1",
            job_type: "managed_load",
            status: "failed",
            error_message: "bad csv",
            attempts: 1,
            created_at: "x",
            completed_at: null
          })
        }
      })
      assert.isTrue(result._tag === "Left" && result.left._tag === "WorkFailed" && result.left.message === "bad csv")
    }))

  it.effect("gives up with PollTimeout instead of sleeping past the deadline", () =>
    Effect.gen(function*() {
      const { result, seen } = yield* drive(Polling.job("job_1", { deadline: "10 seconds" }), {
        jobs: {
          get: () =>
            HotdataTest.json(200, {
              id: "job_1",
              job_type: "managed_load",
              status: "running",
              attempts: 1,
              created_at: "x"
            })
        }
      })
      assert.isTrue(result._tag === "Left" && result.left._tag === "PollTimeout")
      if (result._tag === "Left" && result.left._tag === "PollTimeout") {
        assert.strictEqual(result.left.lastStatus, "running")
      }
      // 0.5 + 1 + 2 + 4 = 7.5 s; the next 5 s wait would end past 10 s.
      assert.strictEqual(seen.length, 5)
      assert.isAtMost(seen.at(-1)!.at, 10_000)
    }))
})
