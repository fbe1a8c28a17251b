import type * as OperationTypes from "@hotdata-effect/core/generated/OperationTypes"
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
  /**
   * How long a load resent with the idempotency key of a load still running waits for that
   * load's answer before answering 409 `IDEMPOTENCY_KEY_IN_PROGRESS`.
   */
  readonly keyedLoadWaitMs: number
  /** The interface the server listens on. */
  readonly host: string
  /** Names besides the server's own that requests may give as `Host` (`*`: any). */
  readonly allowedHosts: ReadonlyArray<string> | undefined
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

/** A request to an operation, with its parameters and body decoded by the contract's schemas. @internal */
export interface RequestContext<Id extends OperationTypes.Id = OperationTypes.Id> {
  readonly server: Server
  readonly operation: Operation
  readonly params: OperationTypes.ById[Id]["path"]
  readonly query: OperationTypes.ById[Id]["query"]
  readonly headers: OperationTypes.ById[Id]["headers"]
  readonly body: OperationTypes.ById[Id]["payload"]
  readonly workspace: string
  readonly traceId: string
  readonly req: IncomingMessage
}

/** Extra response headers. @internal */
interface WithHeaders {
  readonly headers?: Readonly<Record<string, string>>
}

/**
 * An answer to an operation: a status the contract documents with its body's type (encoded
 * with the operation's schema for that status), or a body written directly for a status
 * the contract says may carry other formats (results as Arrow, CSV, Parquet). @internal
 */
export type Reply<Id extends OperationTypes.Id = OperationTypes.Id> =
  | ((OperationTypes.ById[Id]["success"] | OperationTypes.ById[Id]["error"]) & WithHeaders)
  | {
    readonly status: OperationTypes.ById[Id]["streamed"]
    readonly headers: Readonly<Record<string, string>>
    readonly stream: (res: ServerResponse) => Promise<void>
  }

/** @internal */
export type Handler<Id extends OperationTypes.Id> = (ctx: RequestContext<Id>) => Promise<Reply<Id>>

/** Marks an operation of the contract the local server answers with 501. @internal */
export const notImplemented = "not implemented" as const

/** The handlers of some operations, keyed by operation id (each handler file exports one). @internal */
export type HandlerSet = { readonly [Id in OperationTypes.Id]?: Handler<Id> }

/** A handler, or the 501 marker, for every operation of the contract. @internal */
export type HandlerMap = { readonly [Id in OperationTypes.Id]: Handler<Id> | typeof notImplemented }

/** Runs background work and keeps track of it so shutdown can wait. @internal */
export const fork = (server: Server, work: () => Promise<unknown>): void => {
  const promise = work().catch(() => undefined)
  server.background.add(promise)
  void promise.finally(() => server.background.delete(promise))
}

/** Whether `promise` settles (either way) within `ms` milliseconds. @internal */
export const settlesWithin = (promise: Promise<unknown>, ms: number): Promise<boolean> => {
  let timer: ReturnType<typeof setTimeout> | undefined
  return Promise.race([
    promise.then(() => true, () => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)))
  ]).finally(() => clearTimeout(timer))
}
