/**
 * The upload endpoints stubbed with `HotdataTest` handlers (typed by the contract, through
 * the real client), over the shared test kit's object store for the presigned PUTs, with
 * hooks to fail session creation, mints, finalize or any PUT.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import { HotdataClient, HotdataTest } from "@hotdata-effect/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { objectStore, type ObjectStoreOptions, STORAGE, type StorageReply } from "../../../test/kit.js"

export { bytesOf, sameBytes, STORAGE } from "../../../test/kit.js"

export const API = "https://api.test"

export interface StubOptions extends ObjectStoreOptions {
  /** The part size answered for multipart sessions. */
  readonly partSize?: number
  /** Replaces the answer to session creation. */
  readonly onCreate?: (body: Record<string, unknown>) => StorageReply | undefined
  /** Replaces the answer to a mint. */
  readonly onMint?: (partNumbers: ReadonlyArray<number>, call: number) => StorageReply | undefined
  /** Replaces the answer to finalize; `resetAfter` finalizes, then drops the connection. */
  readonly onFinalize?: () => StorageReply | { readonly resetAfter: true } | undefined
}

interface Session {
  readonly id: string
  readonly mode: "single" | "multipart"
  readonly declared: number | undefined
  finalized: boolean
}

/** A reply of a hook as a stub answer. */
const answer = (reply: StorageReply) =>
  "reset" in reply
    ? HotdataTest.disconnect()
    : "hang" in reply
    ? Effect.never
    : "untrustedCertificate" in reply
    ? HotdataTest.disconnect({
      phase: "connect",
      cause: Object.assign(new Error("self-signed certificate"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" })
    })
    : HotdataTest.raw(reply.status, reply.body ?? null, reply.headers ?? {})

const refuse = (status: number, message: string, code?: string) => HotdataTest.error(status, { code, message })

export const stubUploads = (options: StubOptions = {}) => {
  const partSize = options.partSize ?? 1024
  const store = objectStore(options)
  const sessions = new Map<string, Session>()
  const api: Array<{ readonly path: string; readonly body: unknown; readonly headers: Record<string, string> }> = []
  const counts = { create: 0, mint: 0, finalize: 0 }
  let nextId = 1

  const record = (call: HotdataTest.Call) => {
    api.push({
      path: call.http.url.pathname,
      body: call.http.body === "" ? undefined : JSON.parse(call.http.body),
      headers: { ...call.http.headers }
    })
  }
  const authorized = (call: HotdataTest.Call<"mint_upload_parts_handler" | "finalize_upload_handler">) => {
    const session = sessions.get(call.path.upload_id)
    if (session === undefined) return refuse(404, "no upload", "NOT_FOUND")
    if (call.headers.finalize_token !== `tok_${session.id}`) {
      return refuse(400, "invalid finalize token", "INVALID_TOKEN")
    }
    return session
  }

  const handlers: HotdataTest.Handlers = {
    uploads: {
      create: (call) => {
        record(call)
        counts.create++
        const fault = options.onCreate?.(api.at(-1)!.body as Record<string, unknown>)
        if (fault !== undefined) return answer(fault)
        const id = `upl_${nextId++}`
        const declared = call.payload.declared_size_bytes ?? undefined
        const hint = call.payload.part_size ?? undefined
        store.open(id)
        if (declared !== undefined && (hint === undefined || declared <= hint)) {
          sessions.set(id, { id, mode: "single", declared, finalized: false })
          return {
            upload_id: id,
            finalize_token: `tok_${id}`,
            mode: "single",
            headers: {},
            url: `${STORAGE}/${id}/single?X-Amz-Signature=secret`
          }
        }
        sessions.set(id, { id, mode: "multipart", declared, finalized: false })
        const size = declared !== undefined ? Math.min(partSize, hint ?? partSize) : partSize
        return {
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
        }
      },
      mintParts: (call) => {
        record(call)
        const session = authorized(call)
        if (!("mode" in session)) return session
        counts.mint++
        const numbers = call.payload.part_numbers
        const fault = options.onMint?.(numbers, counts.mint)
        if (fault !== undefined) return answer(fault)
        return {
          parts: numbers.map((n) => ({
            part_number: n,
            url: `${STORAGE}/${session.id}/part/${n}?X-Amz-Signature=minted${counts.mint}`
          }))
        }
      },
      finalize: (call) => {
        record(call)
        const session = authorized(call)
        if (!("mode" in session)) return session
        counts.finalize++
        const fault = options.onFinalize?.()
        if (fault !== undefined) {
          if ("resetAfter" in fault) {
            session.finalized = true
            return HotdataTest.disconnect()
          }
          return answer(fault)
        }
        if (session.finalized) return refuse(400, "upload not finalizable")
        let size = 0
        if (session.mode === "single") {
          const single = store.single(session.id)
          if (single === undefined) return refuse(400, "missing file")
          size = single.byteLength
        } else {
          const parts = call.payload?.parts ?? []
          for (let i = 0; i < parts.length; i++) {
            const stored = store.part(session.id, parts[i]!.part_number)
            if (parts[i]!.part_number !== i + 1 || stored === undefined || stored.eTag !== parts[i]!.e_tag) {
              return refuse(400, `bad part list at ${i}`)
            }
            size += stored.bytes.byteLength
          }
        }
        if (session.declared !== undefined && session.declared !== size) return refuse(400, "size mismatch")
        session.finalized = true
        return {
          upload_id: session.id,
          status: "ready",
          size_bytes: size,
          created_at: "2026-01-01T00:00:00Z",
          content_type: null
        }
      }
    }
  }

  const stub = HotdataTest.makeHttpClient(handlers, API, { fallback: store.httpClient })
  const layer = Layer.provideMerge(
    HotdataClient.layer({ apiKey: Redacted.make("hd_secret_key"), workspaceId: "ws_test", baseUrl: API }),
    Layer.succeed(HttpClient.HttpClient, stub.httpClient)
  )
  return {
    layer,
    storage: store.requests,
    api,
    counts,
    assembled: store.assembled,
    get maxInFlight() {
      return store.stats.maxInFlight
    },
    get inFlight() {
      return store.stats.inFlight
    },
    get aborted() {
      return store.stats.aborted
    }
  }
}
