import type { HandlerSet } from "../context.js"
import { getDatabase } from "../domain/catalog.js"
import { badRequest, notFound } from "../errors.js"
import { nowIso } from "../ids.js"

/** @internal */
export const handlers = {
  upsert_database_context: async (ctx) => {
    const db = getDatabase(ctx, ctx.params.database_id)
    const body = ctx.body
    if (body.name.trim() === "") throw badRequest("context name must not be empty")
    const entry = { content: body.content, updated_at: nowIso() }
    db.contexts[body.name] = entry
    ctx.server.state.save()
    return { status: 200, body: { context: { name: body.name, ...entry } } }
  },

  get_database_context: async (ctx) => {
    const db = getDatabase(ctx, ctx.params.database_id)
    const entry = db.contexts[ctx.params.name]
    if (entry === undefined) throw notFound(`context ${ctx.params.name} not found`)
    return { status: 200, body: { context: { name: ctx.params.name, ...entry } } }
  },

  list_database_contexts: async (ctx) => {
    const db = getDatabase(ctx, ctx.params.database_id)
    return {
      status: 200,
      body: { contexts: Object.entries(db.contexts).map(([name, entry]) => ({ name, ...entry })) }
    }
  },

  delete_database_context: async (ctx) => {
    const db = getDatabase(ctx, ctx.params.database_id)
    if (db.contexts[ctx.params.name] === undefined) throw notFound(`context ${ctx.params.name} not found`)
    delete db.contexts[ctx.params.name]
    ctx.server.state.save()
    return { status: 204 }
  }
} satisfies HandlerSet
