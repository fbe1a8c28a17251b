import type { Handler, RequestContext } from "../context.js"
import { badRequest, conflict, notFound } from "../errors.js"
import { makeId } from "../ids.js"
import type { BatchRecord } from "../state.js"
import { parseExpiry } from "./common.js"
import { createDatabase } from "./databases.js"

interface BulkRequest {
  readonly count: number
  readonly default_catalog?: string | null
  readonly default_schema?: string | null
  readonly expires_at?: string | null
  readonly idempotency_key?: string | null
  readonly name_template?: string | null
  readonly schemas?: ReadonlyArray<
    { readonly name: string; readonly tables?: ReadonlyArray<{ readonly name: string }> }
  >
}

const MAX_COUNT = 10_000

const response = (batch: BatchRecord) => ({
  batch_id: batch.id,
  cancel_requested: false,
  count: batch.count,
  created_count: batch.created_count,
  expires_at: batch.expires_at,
  job_id: null,
  status_url: `/v1/databases/bulk/${batch.id}`
})

const getBatch = (ctx: RequestContext, id: string | undefined): BatchRecord => {
  const batch = id === undefined ? undefined : ctx.server.state.data.batches[id]
  if (batch === undefined || batch.workspace !== ctx.workspace) throw notFound(`database batch ${id} not found`)
  return batch
}

/**
 * Bulk creation of databases. The databases are created before the answer. A reused
 * `idempotency_key` answers with the original batch whatever the body (409 while that
 * batch is still being created). `name_template` names database `n` (1-based) with `{n}`
 * replaced by `n`.
 *
 * @internal
 */
export const handlers: Record<string, Handler> = {
  bulk_create_databases: async (ctx) => {
    const body = ctx.body as BulkRequest
    const { server } = ctx
    if (!Number.isInteger(body.count) || body.count < 1 || body.count > MAX_COUNT) {
      throw badRequest(`count must be an integer from 1 to ${MAX_COUNT}`)
    }
    const key = body.idempotency_key ?? null
    if (key !== null) {
      const previous = Object.values(server.state.data.batches).find((b) =>
        b.workspace === ctx.workspace && b.idempotency_key === key
      )
      if (previous !== undefined) {
        if (!previous.done) throw conflict(`a batch with idempotency_key ${key} is still running`)
        return { status: 202, body: response(previous) }
      }
    }
    const batch: BatchRecord = {
      id: makeId("batch"),
      workspace: ctx.workspace,
      count: body.count,
      created_count: 0,
      expires_at: parseExpiry(body.expires_at),
      idempotency_key: key,
      done: false
    }
    server.state.data.batches[batch.id] = batch
    server.state.save()
    try {
      for (let n = 1; n <= body.count; n++) {
        await createDatabase(ctx, {
          name: body.name_template === undefined || body.name_template === null
            ? null
            : body.name_template.replaceAll("{n}", String(n)),
          default_catalog: body.default_catalog,
          default_schema: body.default_schema,
          expires_at: body.expires_at,
          ...(body.schemas !== undefined ? { schemas: body.schemas } : {})
        }, batch.id)
        batch.created_count = n
      }
    } catch (error) {
      // Nothing was created (an invalid catalog or schema name): the key stays free.
      if (batch.created_count === 0) delete server.state.data.batches[batch.id]
      throw error
    } finally {
      batch.done = true
      server.state.save()
    }
    return { status: 202, body: response(batch) }
  },

  get_database_batch: async (ctx) => ({ status: 200, body: response(getBatch(ctx, ctx.params.batch_id)) })
}
