import type { Operation } from "@hotdata-effect/core/Operation"
import type { IncomingMessage, ServerResponse } from "node:http"
import type { Engine } from "./engine.js"
import type { FaultRegistry } from "./faults.js"
import type { StateStore } from "./state.js"
import type { ObjectStorage } from "./storage.js"

/** @internal */
export interface ServerConfig {
  readonly apiKey: string
  readonly workspaceId: string
  readonly dataDir: string
  readonly presign: boolean
  readonly inlineRowLimit: number
  readonly maxInlineDataBytes: number
  readonly singleUploadThreshold: number
  readonly defaultPartSize: number
  readonly minPartSize: number
  readonly maxUploadBytes: number
  readonly mintBatchLimit: number
  /** The origin browsers may call from (`*` for any); `undefined`: no CORS headers. */
  readonly cors: string | undefined
}

/** Everything a handler can reach. @internal */
export interface Server {
  readonly config: ServerConfig
  readonly state: StateStore
  readonly engine: Engine
  readonly storage: ObjectStorage | undefined
  readonly faults: FaultRegistry
  /** Background work (result persistence, async loads) that `stop` waits for. */
  readonly background: Set<Promise<unknown>>
  baseUrl: string
}

/** @internal */
export interface RequestContext {
  readonly server: Server
  readonly operation: Operation
  readonly params: Readonly<Record<string, string>>
  readonly query: Readonly<Record<string, any>>
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly body: any
  readonly workspace: string
  readonly traceId: string
  readonly req: IncomingMessage
}

/** @internal */
export interface Reply {
  readonly status: number
  /** A value of the schema's type, encoded with the operation's schema for this status. */
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
  /** A body written directly (results in non-JSON formats, streamed JSON pages). */
  readonly stream?: (res: ServerResponse) => Promise<void>
}

/** @internal */
export type Handler = (ctx: RequestContext) => Promise<Reply>

/** Runs background work and keeps track of it so shutdown can wait. @internal */
export const fork = (server: Server, work: () => Promise<unknown>): void => {
  const promise = work().catch(() => undefined)
  server.background.add(promise)
  void promise.finally(() => server.background.delete(promise))
}
