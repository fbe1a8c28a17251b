/**
 * Waiting for server-side work: a query run, a background job or a persisted result,
 * polled on a `Schedule` until it is done, honouring `Retry-After` and never waiting
 * past a deadline.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import * as ScheduleDecision from "effect/ScheduleDecision"
import * as Intervals from "effect/ScheduleIntervals"
import * as Schema from "effect/Schema"
import type * as Schemas from "./generated/Schemas.js"
import { HotdataClient } from "./HotdataClient.js"
import type * as HotdataError from "./HotdataError.js"
import * as internal from "./internal/call/index.js"
import * as Results from "./Results.js"

/**
 * The work failed on the server: a query run or job ended `failed` (or `cancelled`),
 * or a result could not be persisted.
 *
 * @since 0.1.0
 * @category errors
 */
export class WorkFailed extends Schema.TaggedError<WorkFailed>("@hotdata-effect/core/Polling/WorkFailed")(
  "WorkFailed",
  {
    kind: Schema.Literal("query-run", "job", "result"),
    id: Schema.String,
    status: Schema.String,
    message: Schema.String
  }
) {}

/**
 * The work was still running when the deadline passed. `lastStatus` is what the server
 * said last.
 *
 * @since 0.1.0
 * @category errors
 */
export class PollTimeout extends Schema.TaggedError<PollTimeout>("@hotdata-effect/core/Polling/PollTimeout")(
  "PollTimeout",
  {
    kind: Schema.Literal("query-run", "job", "result"),
    id: Schema.String,
    lastStatus: Schema.String,
    waited: Schema.Duration,
    message: Schema.String
  }
) {}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Delays between polls. Default: 0.5 s doubling up to 5 s. */
  readonly schedule?: Schedule.Schedule<unknown> | undefined
  /** Total time to wait. Default 120 s. */
  readonly deadline?: Duration.DurationInput | undefined
}

/**
 * The default delays between polls: 0.5 s, doubling, capped at 5 s.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultSchedule: Schedule.Schedule<unknown> = Schedule.exponential("500 millis").pipe(
  Schedule.union(Schedule.spaced("5 seconds"))
)

/**
 * What one poll found: the work is done with a value, or still pending in some status
 * (with the server's `Retry-After`, when it sent one).
 *
 * @since 0.1.0
 * @category models
 */
export type Step<A> =
  | { readonly _tag: "Done"; readonly value: A }
  | { readonly _tag: "Pending"; readonly status: string; readonly retryAfter?: Duration.Duration | undefined }

/**
 * Polls `check` until it is done: waits the schedule's next delay, or the server's
 * `Retry-After` when it is longer, and gives up with `PollTimeout` rather than sleep
 * past the deadline. The building block of the pollers below, for work of your own.
 *
 * @since 0.1.0
 * @category polling
 */
export const poll = <A, E, R>(
  kind: PollTimeout["kind"],
  id: string,
  check: Effect.Effect<Step<A>, E, R>,
  options: Options
): Effect.Effect<A, E | PollTimeout, R> =>
  Effect.gen(function*() {
    const deadline = Duration.toMillis(options.deadline ?? "120 seconds")
    const schedule = options.schedule ?? defaultSchedule
    const start = yield* Clock.currentTimeMillis
    let state = schedule.initial
    while (true) {
      const step = yield* check
      if (step._tag === "Done") return step.value
      const now = yield* Clock.currentTimeMillis
      const [next, , decision] = yield* schedule.step(now, undefined, state)
      state = next
      const scheduled = ScheduleDecision.isDone(decision) ? undefined : Intervals.start(decision.intervals) - now
      const delay = Math.max(scheduled ?? 0, step.retryAfter ? Duration.toMillis(step.retryAfter) : 0)
      if (scheduled === undefined || now + delay - start > deadline) {
        const waited = Duration.millis(now - start)
        return yield* new PollTimeout({
          kind,
          id,
          lastStatus: step.status,
          waited,
          message: `${kind} ${id} was still \`${step.status}\` after ${Duration.format(waited)}`
        })
      }
      yield* Effect.sleep(Duration.millis(delay))
    }
  })

const failedStatuses = new Set(["failed", "cancelled", "canceled"])

/**
 * Waits for a query run to finish and returns it. A run that ends `failed` or
 * `cancelled` fails with {@link WorkFailed}.
 *
 * @since 0.1.0
 * @category polling
 */
export const queryRun = (
  id: string,
  options: Options & { readonly databaseId: string }
): Effect.Effect<Schemas.QueryRunInfo, HotdataError.HotdataError | WorkFailed | PollTimeout, HotdataClient> =>
  Effect.flatMap(HotdataClient, (client) =>
    poll(
      "query-run",
      id,
      Effect.flatMap(client.queryRuns.get(id, { database_id: options.databaseId }), (run): Effect.Effect<
        Step<Schemas.QueryRunInfo>,
        WorkFailed
      > => {
        if (run.status === "succeeded") return Effect.succeed({ _tag: "Done", value: run })
        if (failedStatuses.has(run.status)) {
          return new WorkFailed({
            kind: "query-run",
            id,
            status: run.status,
            message: internal.redactFor(client, run.error_message ?? `query run ${id} ended ${run.status}`)
          })
        }
        return Effect.succeed({ _tag: "Pending", status: run.status })
      }),
      options
    )).pipe(Effect.withSpan("Hotdata.Polling.queryRun", { attributes: { "hotdata.query_run_id": id } }))

/**
 * Waits for a background job (an async load, refresh, index build or bulk create) to
 * finish and returns it. `succeeded` and `partially_succeeded` are returned; `failed`
 * fails with {@link WorkFailed}.
 *
 * @since 0.1.0
 * @category polling
 */
export const job = (
  id: string,
  options: Options = {}
): Effect.Effect<Schemas.JobStatusResponse, HotdataError.HotdataError | WorkFailed | PollTimeout, HotdataClient> =>
  Effect.flatMap(HotdataClient, (client) =>
    poll(
      "job",
      id,
      Effect.flatMap(client.jobs.get(id), (job): Effect.Effect<Step<Schemas.JobStatusResponse>, WorkFailed> => {
        if (job.status === "succeeded" || job.status === "partially_succeeded") {
          return Effect.succeed({ _tag: "Done", value: job })
        }
        if (failedStatuses.has(job.status)) {
          return new WorkFailed({
            kind: "job",
            id,
            status: job.status,
            message: internal.redactFor(client, job.error_message ?? `job ${id} ended ${job.status}`)
          })
        }
        return Effect.succeed({ _tag: "Pending", status: job.status })
      }),
      options
    )).pipe(Effect.withSpan("Hotdata.Polling.job", { attributes: { "hotdata.job_id": id } }))

/**
 * Waits until a persisted result is ready, asking for its status only (`limit=0`), so
 * no rows are downloaded while waiting. A result that failed (409, or a `failed`
 * status) fails with {@link WorkFailed}.
 *
 * @since 0.1.0
 * @category polling
 */
export const result = (
  id: string,
  options: Options & { readonly databaseId: string }
): Effect.Effect<Schemas.GetResultResponse, HotdataError.HotdataError | WorkFailed | PollTimeout, HotdataClient> =>
  poll(
    "result",
    id,
    Effect.matchEffect(Results.json(id, { databaseId: options.databaseId, limit: 0 }), {
      onSuccess: ({ body }) => Effect.succeed<Step<Schemas.GetResultResponse>>({ _tag: "Done", value: body }),
      onFailure: (error): Effect.Effect<Step<Schemas.GetResultResponse>, HotdataError.HotdataError | WorkFailed> => {
        switch (error._tag) {
          case "NotReady":
            return Effect.succeed({ _tag: "Pending", status: error.status, retryAfter: error.retryAfter })
          case "ResultFailed":
            return new WorkFailed({ kind: "result", id, status: "failed", message: error.message })
          default:
            return Effect.fail(error)
        }
      }
    }),
    options
  ).pipe(Effect.withSpan("Hotdata.Polling.result", { attributes: { "hotdata.result_id": id } }))
