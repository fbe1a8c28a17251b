/**
 * An in-memory stand-in for the upload endpoints and the storage behind them, served
 * through one fake `HttpClient`, with hooks to fail any storage PUT.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { HotdataClient } from "@hotdata-effect/core"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"

export const API = "https://api.test"
export const STORAGE = "https://storage.test"

export interface StorageRequest {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly bytes: number
  readonly partNumber: number | undefined
  readonly attempt: number
  readonly at: number
}

export type Reply =
  | { readonly status: number; readonly body?: string; readonly headers?: Record<string, string> }
  | { readonly reset: true }
  | { readonly hang: true }

export interface FakeOptions {
  /** The part size answered for multipart sessions. */
  readonly partSize?: number
  /** Fault for a storage PUT; `undefined` stores the part. */
  readonly onPut?: (partNumber: number | undefined, attempt: number, request: StorageRequest) => Reply | undefined
  /** Replaces the answer to session creation. */
  readonly onCreate?: (body: Record<string, unknown>) => Reply | undefined
  /** Replaces the answer to a mint. */
  readonly onMint?: (partNumbers: ReadonlyArray<number>, call: number) => Reply | undefined
  /** Replaces the answer to finalize. */
  readonly onFinalize?: () => Reply | { readonly resetAfter: true } | undefined
  /** An ETag for a stored part; default a quoted digest-like string. */
  readonly eTag?: (partNumber: number | undefined, bytes: Uint8Array) => string | undefined
}

interface Session {
  readonly id: string
  readonly mode: "single" | "multipart"
  readonly declared: number | undefined
  readonly parts: Map<number, { readonly bytes: Uint8Array; readonly eTag: string }>
  single: Uint8Array | undefined
  finalized: boolean
}

const json = (request: HttpClientRequest.HttpClientRequest, status: number, body: unknown, headers = {}) =>
  HttpClientResponse.fromWeb(
    request,
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } })
  )

const bodyBytes = (request: HttpClientRequest.HttpClientRequest): Uint8Array =>
  request.body._tag === "Uint8Array" ? request.body.body : new Uint8Array(0)

const toResponse = (request: HttpClientRequest.HttpClientRequest, reply: Reply) =>
  Effect.gen(function*() {
    if ("reset" in reply) {
      const cause = Object.assign(new TypeError("fetch failed"), {
        cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })
      })
      return yield* new HttpClientError.RequestError({ request, reason: "Transport", cause })
    }
    if ("hang" in reply) return yield* Effect.never
    return HttpClientResponse.fromWeb(
      request,
      new Response(reply.body ?? null, { status: reply.status, headers: reply.headers ?? {} })
    )
  })

export const makeFake = (options: FakeOptions = {}) => {
  const partSize = options.partSize ?? 1024
  const sessions = new Map<string, Session>()
  const storage: Array<StorageRequest> = []
  const api: Array<{ readonly path: string; readonly body: unknown; readonly headers: Record<string, string> }> = []
  const attempts = new Map<string, number>()
  const counts = { create: 0, mint: 0, finalize: 0 }
  let inFlight = 0
  let maxInFlight = 0
  let aborted = 0
  let nextId = 1

  const client = HttpClient.make((request, url, signal) =>
    Effect.gen(function*() {
      if (url.origin === STORAGE) {
        const [, id, kind, n] = url.pathname.split("/")
        const partNumber = kind === "part" ? Number(n) : undefined
        const key = `${id}/${partNumber ?? "single"}`
        const attempt = (attempts.get(key) ?? 0) + 1
        attempts.set(key, attempt)
        const bytes = bodyBytes(request)
        const seen: StorageRequest = {
          method: request.method,
          url: url.toString(),
          headers: { ...request.headers },
          bytes: bytes.byteLength,
          partNumber,
          attempt,
          at: yield* Clock.currentTimeMillis
        }
        storage.push(seen)
        inFlight++
        maxInFlight = Math.max(maxInFlight, inFlight)
        signal.addEventListener("abort", () => aborted++, { once: true })
        return yield* Effect.gen(function*() {
          // Let sibling PUTs start, so concurrency can be observed.
          yield* Effect.yieldNow()
          const fault = options.onPut?.(partNumber, attempt, seen)
          if (fault !== undefined) return yield* toResponse(request, fault)
          const session = sessions.get(id!)
          if (session === undefined) {
            return yield* toResponse(request, { status: 404, body: "<Code>NoSuchUpload</Code>" })
          }
          const copy = bytes.slice()
          const eTag = options.eTag ? options.eTag(partNumber, copy) : `"etag-${partNumber ?? 0}-${copy.byteLength}"`
          if (partNumber === undefined) session.single = copy
          else session.parts.set(partNumber, { bytes: copy, eTag: eTag ?? "" })
          return HttpClientResponse.fromWeb(
            request,
            new Response(null, { status: 200, headers: eTag === undefined ? {} : { etag: eTag } })
          )
        }).pipe(Effect.ensuring(Effect.sync(() => inFlight--)))
      }

      const text = new TextDecoder().decode(bodyBytes(request))
      const body = text === "" ? undefined : JSON.parse(text)
      api.push({ path: url.pathname, body, headers: { ...request.headers } })
      const path = url.pathname
      if (path === "/v1/uploads") {
        counts.create++
        const fault = options.onCreate?.(body)
        if (fault !== undefined) return yield* toResponse(request, fault)
        const id = `upl_${nextId++}`
        const declared = body.declared_size_bytes as number | undefined
        const hint = body.part_size as number | undefined
        if (declared !== undefined && (hint === undefined || declared <= hint)) {
          sessions.set(id, { id, mode: "single", declared, parts: new Map(), single: undefined, finalized: false })
          return json(request, 201, {
            upload_id: id,
            finalize_token: `tok_${id}`,
            mode: "single",
            headers: {},
            url: `${STORAGE}/${id}/single?X-Amz-Signature=secret`
          })
        }
        sessions.set(id, { id, mode: "multipart", declared, parts: new Map(), single: undefined, finalized: false })
        const size = declared !== undefined ? Math.min(partSize, hint ?? partSize) : partSize
        return json(request, 201, {
          upload_id: id,
          finalize_token: `tok_${id}`,
          mode: "multipart",
          headers: {},
          part_size: size,
          ...(declared !== undefined
            ? {
              part_urls: Array.from(
                { length: Math.max(Math.ceil(declared / size), 1) },
                (_, i) => `${STORAGE}/${id}/part/${i + 1}?X-Amz-Signature=eager`
              )
            }
            : {})
        })
      }
      const match = /^\/v1\/uploads\/([^/]+)\/(parts|finalize)$/.exec(path)
      if (match) {
        const session = sessions.get(match[1]!)
        if (session === undefined) return json(request, 404, { error: { code: "NOT_FOUND", message: "no upload" } })
        if (request.headers["x-upload-finalize-token"] !== `tok_${session.id}`) {
          return json(request, 400, { error: { code: "INVALID_TOKEN", message: "invalid finalize token" } })
        }
        if (match[2] === "parts") {
          counts.mint++
          const numbers = body.part_numbers as Array<number>
          const fault = options.onMint?.(numbers, counts.mint)
          if (fault !== undefined) return yield* toResponse(request, fault)
          return json(request, 200, {
            parts: numbers.map((n) => ({
              part_number: n,
              url: `${STORAGE}/${session.id}/part/${n}?X-Amz-Signature=minted${counts.mint}`
            }))
          })
        }
        counts.finalize++
        const fault = options.onFinalize?.()
        if (fault !== undefined) {
          if ("resetAfter" in fault) {
            session.finalized = true
            return yield* toResponse(request, { reset: true })
          }
          return yield* toResponse(request, fault)
        }
        if (session.finalized) return json(request, 400, { error: { message: "upload not finalizable" } })
        let size = 0
        if (session.mode === "single") {
          size = session.single?.byteLength ?? -1
          if (size < 0) return json(request, 400, { error: { message: "missing file" } })
        } else {
          const parts = (body?.parts ?? []) as Array<{ part_number: number; e_tag: string }>
          for (let i = 0; i < parts.length; i++) {
            const stored = session.parts.get(parts[i]!.part_number)
            if (parts[i]!.part_number !== i + 1 || stored === undefined || stored.eTag !== parts[i]!.e_tag) {
              return json(request, 400, { error: { message: `bad part list at ${i}` } })
            }
            size += stored.bytes.byteLength
          }
        }
        if (session.declared !== undefined && session.declared !== size) {
          return json(request, 400, { error: { message: "size mismatch" } })
        }
        session.finalized = true
        return json(request, 200, {
          upload_id: session.id,
          status: "ready",
          size_bytes: size,
          created_at: "2026-01-01T00:00:00Z",
          content_type: null
        })
      }
      return json(request, 404, { error: { message: `no route ${path}` } })
    })
  )

  /** The bytes an upload assembled, in part order. */
  const assembled = (id: string): Uint8Array => {
    const session = sessions.get(id)!
    if (session.mode === "single") return session.single ?? new Uint8Array(0)
    const numbers = [...session.parts.keys()].sort((a, b) => a - b)
    const total = numbers.reduce((n, k) => n + session.parts.get(k)!.bytes.byteLength, 0)
    const out = new Uint8Array(total)
    let offset = 0
    for (const k of numbers) {
      out.set(session.parts.get(k)!.bytes, offset)
      offset += session.parts.get(k)!.bytes.byteLength
    }
    return out
  }

  const httpLayer = Layer.succeed(HttpClient.HttpClient, client)
  const layer = Layer.provideMerge(
    HotdataClient.layer({
      apiKey: Redacted.make("hd_secret_key"),
      workspaceId: "ws_test",
      baseUrl: API
    }),
    httpLayer
  )
  return {
    layer,
    client,
    storage,
    api,
    counts,
    assembled,
    sessions,
    get maxInFlight() {
      return maxInFlight
    },
    get inFlight() {
      return inFlight
    },
    get aborted() {
      return aborted
    }
  }
}

/** Deterministic bytes. */
export const bytesOf = (size: number, seed = 1): Uint8Array => {
  const out = new Uint8Array(size)
  let x = seed
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0
    out[i] = x >>> 24
  }
  return out
}

export const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.byteLength !== b.byteLength) return false
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false
  return true
}
