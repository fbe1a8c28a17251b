import type { HandlerSet } from "../context.js"
import { secretKey } from "../domain/secrets.js"
import { badRequest, conflict, notFound } from "../errors.js"
import { makeId, nowIso } from "../ids.js"
import type { SecretRecord } from "../state.js"

/** Secret metadata; the value is never part of an answer. */
const secretMeta = (secret: SecretRecord) => ({
  name: secret.name,
  created_at: secret.created_at,
  updated_at: secret.updated_at
})

/** @internal */
export const handlers = {
  create_secret: async (ctx) => {
    const { name, value } = ctx.body
    if (!/^[A-Za-z0-9_.-]{1,128}$/.test(name)) {
      throw badRequest("invalid secret name: use letters, digits, '_', '-' and '.'")
    }
    const key = secretKey(ctx.workspace, name)
    if (ctx.server.state.data.secrets[key] !== undefined) throw conflict(`secret ${name} already exists`)
    const now = nowIso()
    const secret: SecretRecord = {
      id: makeId("secr"),
      workspace: ctx.workspace,
      name,
      value,
      created_at: now,
      updated_at: now
    }
    ctx.server.state.data.secrets[key] = secret
    ctx.server.state.save()
    return { status: 201, body: { id: secret.id, name: secret.name, created_at: secret.created_at } }
  },

  get_secret: async (ctx) => {
    const secret = ctx.server.state.data.secrets[secretKey(ctx.workspace, ctx.params.name)]
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
    const secret = ctx.server.state.data.secrets[secretKey(ctx.workspace, ctx.params.name)]
    if (secret === undefined) throw notFound(`secret ${ctx.params.name} not found`)
    secret.value = ctx.body.value
    secret.updated_at = nowIso()
    ctx.server.state.save()
    return { status: 200, body: { name: secret.name, updated_at: secret.updated_at } }
  },

  delete_secret: async (ctx) => {
    const key = secretKey(ctx.workspace, ctx.params.name)
    if (ctx.server.state.data.secrets[key] === undefined) throw notFound(`secret ${ctx.params.name} not found`)
    delete ctx.server.state.data.secrets[key]
    ctx.server.state.save()
    return { status: 204 }
  }
} satisfies HandlerSet
