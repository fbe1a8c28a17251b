import type * as Schemas from "@hotdata-effect/core/generated/Schemas"
import { fork, type Server } from "./context.js"
import type { Started } from "./domain/asyncOrJob.js"
import { errorMessage } from "./errors.js"
import { makeId, nowIso } from "./ids.js"
import type { JobRecord } from "./state.js"

/**
 * Starts `work` as a job of the workspace, recorded in the state: the one way every operation
 * that answers with a job runs it (see `asyncOrJob` for when the caller waits). The job is
 * `running` from the start and records its result or its failure when `work` settles.
 *
 * @internal
 */
export const startJob = <A extends NonNullable<JobRecord["result"]>>(
  server: Server,
  workspace: string,
  jobType: string,
  work: () => Promise<A>
): Started<A, Schemas.SubmitJobResponse> => {
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
  const finished = (async (): Promise<A> => {
    job.status = "running"
    job.attempts = 1
    try {
      const value = await work()
      job.result = value
      job.status = "succeeded"
      return value
    } catch (cause) {
      job.status = "failed"
      job.error_message = errorMessage(cause)
      throw cause
    } finally {
      job.completed_at = nowIso()
      server.state.save()
    }
  })()
  fork(server, () => finished)
  return {
    finished,
    handle: () => ({ id: job.id, status: job.status, status_url: `${server.baseUrl}/v1/jobs/${job.id}` })
  }
}
