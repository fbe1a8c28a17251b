import * as Struct from "effect/Struct"
import type { HandlerSet, RequestContext } from "../context.js"
import { offsetPage, pageLimit, sha256 } from "../domain/requests.js"
import { badRequest, notFound } from "../errors.js"
import { execute, newRun, type QueryInput, scopedDatabase } from "../execution.js"
import { makeId, nowIso } from "../ids.js"
import type { SavedQueryRecord } from "../state.js"

const latest = (saved: SavedQueryRecord) => saved.versions[saved.versions.length - 1]!

const summary = (saved: SavedQueryRecord) => ({
  id: saved.id,
  name: saved.name,
  description: saved.description,
  tags: saved.tags,
  latest_version: latest(saved).version,
  created_at: saved.created_at,
  updated_at: saved.updated_at
})

/** The summary with the latest version's SQL. */
const detail = (saved: SavedQueryRecord) => ({
  ...summary(saved),
  sql: latest(saved).sql,
  sql_hash: latest(saved).sql_hash
})

type ById = "get_saved_query" | "update_saved_query" | "delete_saved_query" | "list_saved_query_versions"

const find = (ctx: RequestContext<ById>): SavedQueryRecord => {
  const saved = ctx.server.state.data.savedQueries[ctx.params.id]
  if (saved === undefined || saved.workspace !== ctx.workspace) throw notFound(`saved query ${ctx.params.id} not found`)
  return saved
}

const page = (ctx: RequestContext<"list_saved_queries" | "list_saved_query_versions">) => {
  const limit = pageLimit(ctx.query.limit)
  const offset = ctx.query.offset ?? 0
  return { limit, offset }
}

/** @internal */
export const handlers = {
  create_saved_query: async (ctx) => {
    const body = ctx.body
    if (body.name.trim() === "") throw badRequest("name must not be empty")
    if (body.sql.trim() === "") throw badRequest("sql must not be empty")
    const now = nowIso()
    const saved: SavedQueryRecord = {
      id: makeId("svqr"),
      seq: ctx.server.state.nextSeq(),
      workspace: ctx.workspace,
      name: body.name,
      description: body.description ?? "",
      tags: [...(body.tags ?? [])],
      created_at: now,
      updated_at: now,
      versions: [{ version: 1, sql: body.sql, sql_hash: sha256(body.sql), created_at: now }]
    }
    ctx.server.state.data.savedQueries[saved.id] = saved
    ctx.server.state.save()
    return { status: 201, body: detail(saved) }
  },

  get_saved_query: async (ctx) => ({ status: 200, body: detail(find(ctx)) }),

  list_saved_queries: async (ctx) => {
    const { limit, offset } = page(ctx)
    const all = Object.values(ctx.server.state.data.savedQueries)
      .filter((s) => s.workspace === ctx.workspace)
      .sort((a, b) => b.seq - a.seq)
    const { page: items, ...paging } = offsetPage(all, offset, limit)
    return { status: 200, body: { queries: items.map(summary), ...paging } }
  },

  update_saved_query: async (ctx) => {
    const saved = find(ctx)
    const body = ctx.body
    const now = nowIso()
    if (body.name !== undefined && body.name !== null) {
      if (body.name.trim() === "") throw badRequest("name must not be empty")
      saved.name = body.name
    }
    if (body.description !== undefined && body.description !== null) saved.description = body.description
    if (body.tags !== undefined && body.tags !== null) saved.tags = [...body.tags]
    if (body.sql !== undefined && body.sql !== null) {
      if (body.sql.trim() === "") throw badRequest("sql must not be empty")
      if (body.sql !== latest(saved).sql) {
        saved.versions.push({
          version: latest(saved).version + 1,
          sql: body.sql,
          sql_hash: sha256(body.sql),
          created_at: now
        })
      }
    }
    saved.updated_at = now
    ctx.server.state.save()
    return { status: 200, body: detail(saved) }
  },

  delete_saved_query: async (ctx) => {
    const saved = find(ctx)
    delete ctx.server.state.data.savedQueries[saved.id]
    ctx.server.state.save()
    return { status: 204 }
  },

  list_saved_query_versions: async (ctx) => {
    const saved = find(ctx)
    const { limit, offset } = page(ctx)
    const all = [...saved.versions].reverse()
    const { page: items, ...paging } = offsetPage(all, offset, limit)
    return {
      status: 200,
      body: {
        saved_query_id: saved.id,
        versions: items.map((v) => Struct.pick(v, "version", "sql", "sql_hash", "created_at")),
        ...paging
      }
    }
  },

  execute_saved_query: async (ctx) => {
    const db = scopedDatabase(ctx)
    const saved = ctx.server.state.data.savedQueries[ctx.params.id]
    if (saved === undefined || saved.workspace !== ctx.workspace) {
      throw notFound(`saved query ${ctx.params.id} not found`)
    }
    const wanted = ctx.body?.version ?? undefined
    const version = wanted === undefined ?
      saved.versions[saved.versions.length - 1]! :
      saved.versions.find((v) => v.version === wanted)
    if (version === undefined) throw notFound(`saved query ${saved.id} has no version ${wanted}`)
    const input: QueryInput = { sql: version.sql, savedQueryId: saved.id, savedQueryVersion: version.version }
    const run = newRun(ctx, db, input)
    return { status: 200, body: await execute(ctx, db, input, run) }
  }
} satisfies HandlerSet
