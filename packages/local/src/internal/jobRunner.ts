import type * as Schemas from "@hotdata-effect/core/generated/Schemas"
import { fork, type Server, settlesWithin } from "./context.js"
import { ApiError, errorMessage } from "./errors.js"
import { makeId, nowIso } from "./ids.js"
import type { JobRecord } from "./state.js"

/** How a piece of work submitted as a job ended for the caller. @internal */
export type JobOutcome<A> =
  | { readonly done: true; readonly value: A }
  | { readonly done: false; readonly submitted: Schemas.SubmitJobResponse }

/** A job's failure as the error of the request that waited for it: its own API error, or a 500. */
const failedJob = (cause: unknown): ApiError =>
  cause instanceof ApiError ? cause : new ApiError(500, "JOB_FAILED", errorMessage(cause))

/**
 * Runs `work` as a job of the workspace, recorded in the state: the one way every operation that
 * answers with a job runs and awaits it. With `asyncAfterMs`, waits that long for it: a job
 * finished by then answers with its value, or throws `failedInTime` of its failure (by default
 * its own API error, else a 500); otherwise, and without `asyncAfterMs`, the caller gets the job
 * to poll.
 *
 * @internal
 */
export const submitJob = async <A extends NonNullable<JobRecord["result"]>>(
  server: Server,
  workspace: string,
  jobType: string,
  work: () => Promise<A>,
  asyncAfterMs: number | null | undefined,
  failedInTime: (cause: unknown) => ApiError = failedJob
): Promise<JobOutcome<A>> => {
  const job: JobRecord = {
    id: makeId("job_"),
    seq: server.state.nextSeq(),
    workspace,
    job_type: jobType,
    created_at: nowIso(),
    status: "pending",
    attempts: 0,
    result: null,
    error_message: null,
    completed_at: null
  }
  server.state.data.jobs[job.id] = job
  server.state.save()
  let value: A | undefined
  let failure: unknown
  let done!: () => void
  const finished = new Promise<void>((resolve) => (done = resolve))
  fork(server, async () => {
    job.status = "running"
    job.attempts = 1
    try {
      value = await work()
      job.result = value
      job.status = "succeeded"
    } catch (cause) {
      failure = cause
      job.status = "failed"
      job.error_message = errorMessage(cause)
    } finally {
      job.completed_at = nowIso()
      server.state.save()
      done()
    }
  })
  if (asyncAfterMs !== undefined && asyncAfterMs !== null) {
    if (await settlesWithin(finished, asyncAfterMs)) {
      if (value !== undefined) return { done: true, value }
      throw failedInTime(failure)
    }
  }
  return {
    done: false,
    submitted: { id: job.id, status: job.status, status_url: `${server.baseUrl}/v1/jobs/${job.id}` }
  }
}
