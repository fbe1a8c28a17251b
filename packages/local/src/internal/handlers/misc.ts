import * as fs from "node:fs"
import type { Handler } from "../context.js"
import { ApiError, badRequest, conflict, notFound } from "../errors.js"
import { makeId, nowIso } from "../ids.js"
import type { JobRecord, SecretRecord } from "../state.js"

const secretKey = (workspace: string, name: string) => `${workspace}/${name}`

/** Secret metadata; the value is never part of an answer. */
const secretMeta = (secret: SecretRecord) => ({
  name: secret.name,
  created_at: secret.created_at,
  updated_at: secret.updated_at
})

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
export const handlers: Record<string, Handler> = {
  list_workspaces: async (ctx) => ({
    status: 200,
    body: {
      ok: true,
      workspaces: Object.values(ctx.server.state.data.workspaces).map((w) => ({
        public_id: w.public_id,
        name: w.name,
        active: true,
        favorite: false,
        provision_status: "ready"
      }))
    }
  }),

  create_workspace: async (ctx) => {
    const body = ctx.body as { name: string }
    if (body.name.trim() === "") throw new ApiError(422, "BAD_REQUEST", "workspace name must not be empty")
    const id = `ws_${makeId("").slice(0, 20)}`
    ctx.server.state.data.workspaces[id] = { public_id: id, name: body.name, created_at: nowIso() }
    ctx.server.state.save()
    return { status: 201, body: { ok: true, workspace: { public_id: id, name: body.name, provision_status: "ready" } } }
  },

  delete_workspace: async (ctx) => {
    const id = ctx.params.public_id!
    if (ctx.server.state.data.workspaces[id] === undefined) {
      throw new ApiError(404, "workspace_not_found", `workspace ${id} not found`)
    }
    if (id === ctx.server.config.workspaceId) {
      throw new ApiError(403, "forbidden", "the server's own workspace cannot be deleted")
    }
    delete ctx.server.state.data.workspaces[id]
    ctx.server.state.save()
    return { status: 204 }
  },

  create_secret: async (ctx) => {
    const body = ctx.body as { name: string; value: string }
    if (!/^[A-Za-z0-9_.-]{1,128}$/.test(body.name)) {
      throw badRequest("invalid secret name: use letters, digits, '_', '-' and '.'")
    }
    const key = secretKey(ctx.workspace, body.name)
    if (ctx.server.state.data.secrets[key] !== undefined) throw conflict(`secret ${body.name} already exists`)
    const now = nowIso()
    const secret: SecretRecord = {
      id: makeId("secr"),
      workspace: ctx.workspace,
      name: body.name,
      value: body.value,
      created_at: now,
      updated_at: now
    }
    ctx.server.state.data.secrets[key] = secret
    ctx.server.state.save()
    return { status: 201, body: { id: secret.id, name: secret.name, created_at: secret.created_at } }
  },

  get_secret: async (ctx) => {
    const secret = ctx.server.state.data.secrets[secretKey(ctx.workspace, ctx.params.name!)]
    if (secret === undefined) throw notFound(`secret ${ctx.params.name} not found`)
    return { status: 200, body: secretMeta(secret) }
  },

  list_secrets: async (ctx) => ({
    status: 200,
    body: {
      secrets: Object.values(ctx.server.state.data.secrets)
        .filter((s) => s.workspace === ctx.workspace)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map(secretMeta)
    }
  }),

  update_secret: async (ctx) => {
    const secret = ctx.server.state.data.secrets[secretKey(ctx.workspace, ctx.params.name!)]
    if (secret === undefined) throw notFound(`secret ${ctx.params.name} not found`)
    secret.value = (ctx.body as { value: string }).value
    secret.updated_at = nowIso()
    ctx.server.state.save()
    return { status: 200, body: { name: secret.name, updated_at: secret.updated_at } }
  },

  delete_secret: async (ctx) => {
    const key = secretKey(ctx.workspace, ctx.params.name!)
    if (ctx.server.state.data.secrets[key] === undefined) throw notFound(`secret ${ctx.params.name} not found`)
    delete ctx.server.state.data.secrets[key]
    ctx.server.state.save()
    return { status: 204 }
  },

  get_job: async (ctx) => {
    const job = ctx.server.state.data.jobs[ctx.params.id!]
    if (job === undefined || job.workspace !== ctx.workspace) throw notFound(`job ${ctx.params.id} not found`)
    return { status: 200, body: jobView(job) }
  },

  list_jobs: async (ctx) => {
    const statuses = typeof ctx.query.status === "string"
      ? new Set(ctx.query.status.split(",").map((s: string) => s.trim()).filter((s: string) => s.length > 0))
      : undefined
    const limit = ctx.query.limit === undefined || ctx.query.limit === 0 ? 50 : Math.min(ctx.query.limit, 1000)
    const offset = ctx.query.offset ?? 0
    const jobs = Object.values(ctx.server.state.data.jobs)
      .filter((j) => j.workspace === ctx.workspace)
      .filter((j) => ctx.query.job_type === undefined || j.job_type === ctx.query.job_type)
      .filter((j) => statuses === undefined || statuses.has(j.status))
      .sort((a, b) => b.seq - a.seq)
      .slice(offset, offset + limit)
    return { status: 200, body: { jobs: jobs.map(jobView) } }
  },

  get_usage: async (ctx) => {
    let storageBytes = 0
    for (const db of Object.values(ctx.server.state.data.databases)) {
      if (db.workspace !== ctx.workspace) continue
      try {
        storageBytes += fs.statSync(ctx.server.engine.databaseFile(db.id)).size
      } catch {
        // not written yet
      }
    }
    const usage = ctx.server.state.data.usage
    return {
      status: 200,
      body: {
        query_count: usage.query_count,
        bytes_scanned: usage.bytes_scanned,
        since: ctx.query.since ?? usage.since,
        storage_bytes: storageBytes,
        storage_captured_at: nowIso()
      }
    }
  }
}
