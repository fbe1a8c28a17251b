/**
 * Fault injection and request recording shared by the API router and the storage front.
 *
 * @internal
 */
import type { IncomingMessage } from "node:http"

/** @internal */
export type Fault =
  | {
    readonly _tag: "Status"
    readonly status: number
    readonly retryAfter?: number | undefined
    readonly code?: string | undefined
    readonly message?: string | undefined
  }
  | { readonly _tag: "ConnectionReset" }
  | { readonly _tag: "Stall"; readonly millis: number }
  | { readonly _tag: "CutBody"; readonly afterBytes?: number | undefined }
  | { readonly _tag: "ExpireUrl" }
  | { readonly _tag: "OmitETag" }
  | { readonly _tag: "FailResult"; readonly message?: string | undefined }

/** @internal */
export interface FaultRule {
  readonly id: number
  readonly route: string
  readonly fault: Fault
  remaining: number
}

/** @internal */
export interface StorageRequest {
  readonly method: string
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  readonly headers: Readonly<Record<string, string>>
  readonly bodyBytes: number
  status: number | null
}

/** @internal */
export class FaultRegistry {
  private nextId = 1
  readonly rules: Array<FaultRule> = []
  readonly storageRequests: Array<StorageRequest> = []
  readonly calls = new Map<string, number>()

  inject(route: string, fault: Fault, times: number): FaultRule {
    const rule: FaultRule = { id: this.nextId++, route, fault, remaining: Math.max(1, Math.floor(times)) }
    this.rules.push(rule)
    return rule
  }

  /** Takes the first matching rule that applies to `route` and has uses left. */
  take(route: string, accept: (fault: Fault) => boolean = () => true): Fault | undefined {
    for (let i = 0; i < this.rules.length; i++) {
      const rule = this.rules[i]!
      if (rule.route !== route || rule.remaining <= 0 || !accept(rule.fault)) continue
      rule.remaining -= 1
      if (rule.remaining <= 0) this.rules.splice(i, 1)
      return rule.fault
    }
    return undefined
  }

  clear(): void {
    this.rules.length = 0
  }

  countCall(operationId: string): void {
    this.calls.set(operationId, (this.calls.get(operationId) ?? 0) + 1)
  }

  reset(): void {
    this.rules.length = 0
    this.storageRequests.length = 0
    this.calls.clear()
  }
}

/**
 * What a front (the API router or the storage front) does about the fault injected for a
 * request: stop (the connection was reset, or closed during a stall), refuse with a status
 * (each front writes it in its own error format), or go on, cutting the answer's body,
 * leaving out the ETag or answering as for an expired URL.
 *
 * @internal
 */
export type FaultAction =
  | { readonly _tag: "Stop"; readonly reset: boolean }
  | {
    readonly _tag: "Refuse"
    readonly status: number
    readonly code: string | undefined
    readonly message: string | undefined
    readonly headers: Readonly<Record<string, string>>
  }
  | {
    readonly _tag: "Proceed"
    readonly cut: Extract<Fault, { _tag: "CutBody" }> | undefined
    readonly omitETag: boolean
    readonly expireUrl: boolean
  }

const proceed: FaultAction = { _tag: "Proceed", cut: undefined, omitETag: false, expireUrl: false }

/** Applies a fault to a request: the one switch both fronts share. @internal */
export const applyFault = async (fault: Fault | undefined, req: IncomingMessage): Promise<FaultAction> => {
  if (fault === undefined) return proceed
  switch (fault._tag) {
    case "ConnectionReset":
      req.socket.destroy()
      return { _tag: "Stop", reset: true }
    case "Stall":
      await new Promise((resolve) => setTimeout(resolve, fault.millis))
      return req.socket.destroyed ? { _tag: "Stop", reset: false } : proceed
    case "Status":
      req.resume()
      return {
        _tag: "Refuse",
        status: fault.status,
        code: fault.code,
        message: fault.message,
        headers: fault.retryAfter !== undefined ? { "Retry-After": String(fault.retryAfter) } : {}
      }
    case "CutBody":
      return { ...proceed, cut: fault }
    case "OmitETag":
      return { ...proceed, omitETag: true }
    case "ExpireUrl":
      return { ...proceed, expireUrl: true }
    case "FailResult":
      return proceed
  }
}

/** @internal */
export const faultFromJson = (input: unknown): Fault | undefined => {
  if (typeof input !== "object" || input === null) return undefined
  const raw = input as Record<string, unknown>
  const kind = typeof raw.kind === "string" ? raw.kind : typeof raw._tag === "string" ? raw._tag : ""
  const num = (value: unknown): number | undefined =>
    typeof value === "number" && Number.isFinite(value) ? value : undefined
  const str = (value: unknown): string | undefined => typeof value === "string" ? value : undefined
  switch (kind.toLowerCase()) {
    case "status": {
      const status = num(raw.status)
      if (status === undefined || status < 100 || status > 599) return undefined
      return {
        _tag: "Status",
        status,
        retryAfter: num(raw.retryAfter ?? raw.retry_after),
        code: str(raw.code),
        message: str(raw.message)
      }
    }
    case "connectionreset":
    case "connection_reset":
    case "reset":
      return { _tag: "ConnectionReset" }
    case "stall":
      return { _tag: "Stall", millis: num(raw.millis ?? raw.ms) ?? 30_000 }
    case "cutbody":
    case "cut_body":
      return { _tag: "CutBody", afterBytes: num(raw.afterBytes ?? raw.after_bytes) }
    case "expireurl":
    case "expire_url":
    case "expired":
      return { _tag: "ExpireUrl" }
    case "omitetag":
    case "omit_etag":
    case "no_etag":
      return { _tag: "OmitETag" }
    case "failresult":
    case "fail_result":
      return { _tag: "FailResult", message: str(raw.message) }
    default:
      return undefined
  }
}
