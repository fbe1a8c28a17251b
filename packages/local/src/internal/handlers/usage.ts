import * as fs from "node:fs"
import type { HandlerSet } from "../context.js"
import { nowIso } from "../ids.js"

/** @internal */
export const handlers = {
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
} satisfies HandlerSet
