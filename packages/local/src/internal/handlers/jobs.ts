import type { HandlerSet } from "../context.js"
import { pageLimit } from "../domain/requests.js"
import { notFound } from "../errors.js"
import type { JobRecord } from "../state.js"

/** @internal */
export const jobView = (job: JobRecord) => ({
  id: job.id,
  job_type: job.job_type,
  status: job.status,
  attempts: job.attempts,
  result: job.result ?? null,
  error_message: job.error_message,
  created_at: job.created_at,
  completed_at: job.completed_at
})

/** @internal */
export const handlers = {
  get_job: async (ctx) => {
    const job = ctx.server.state.data.jobs[ctx.params.id]
    if (job === undefined || job.workspace !== ctx.workspace) throw notFound(`job ${ctx.params.id} not found`)
    return { status: 200, body: jobView(job) }
  },

  list_jobs: async (ctx) => {
    const { job_type, status } = ctx.query
    const statuses = status === undefined
      ? undefined
      : new Set(status.split(",").map((s) => s.trim()).filter((s) => s.length > 0))
    const limit = pageLimit(ctx.query.limit, 50)
    const offset = ctx.query.offset ?? 0
    const jobs = Object.values(ctx.server.state.data.jobs)
      .filter((j) => j.workspace === ctx.workspace)
      .filter((j) => job_type === undefined || j.job_type === job_type)
      .filter((j) => statuses === undefined || statuses.has(j.status))
      .sort((a, b) => b.seq - a.seq)
      .slice(offset, offset + limit)
    return { status: 200, body: { jobs: jobs.map(jobView) } }
  }
} satisfies HandlerSet
