import type { HandlerSet } from "../context.js"
import { ApiError } from "../errors.js"
import { makeId, nowIso } from "../ids.js"

/** @internal */
export const handlers = {
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
    const { name } = ctx.body
    if (name.trim() === "") throw new ApiError(422, "BAD_REQUEST", "workspace name must not be empty")
    const id = `ws_${makeId("").slice(0, 20)}`
    ctx.server.state.data.workspaces[id] = { public_id: id, name, created_at: nowIso() }
    ctx.server.state.save()
    return { status: 201, body: { ok: true, workspace: { public_id: id, name, provision_status: "ready" } } }
  },

  delete_workspace: async (ctx) => {
    const id = ctx.params.public_id
    if (ctx.server.state.data.workspaces[id] === undefined) {
      throw new ApiError(404, "workspace_not_found", `workspace ${id} not found`)
    }
    if (id === ctx.server.config.workspaceId) {
      throw new ApiError(403, "forbidden", "the server's own workspace cannot be deleted")
    }
    delete ctx.server.state.data.workspaces[id]
    ctx.server.state.save()
    return { status: 204 }
  }
} satisfies HandlerSet
