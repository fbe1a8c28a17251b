/**
 * The test kit shared by the packages' unit tests, for what `HotdataClient.layerTest`
 * does not express: response bodies delivered in chosen pieces (or broken off, or
 * endless), deterministic bytes, and (for uploads) the object store behind presigned URLs.
 * API operations are stubbed with `HotdataClient.layerTest`, never here.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

/** Splits bytes into chunks of `size` for a streamed body, optionally failing after `failAfter` bytes. */
export const chunked = (
  bytes: Uint8Array,
  options: { readonly size?: number; readonly failAfter?: number; readonly onCancel?: () => void } = {}
): ReadableStream<Uint8Array> => {
  const size = options.size ?? 1024
  let at = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const end = Math.min(bytes.length, at + size, options.failAfter ?? Infinity)
      if (at >= end) {
        if (options.failAfter !== undefined && at < bytes.length) {
          controller.error(new Error("other side closed"))
        } else {
          controller.close()
        }
        return
      }
      controller.enqueue(bytes.slice(at, end))
      at = end
    },
    cancel() {
      options.onCancel?.()
    }
  })
}

/** A body delivered in exactly these chunks, one per read. */
export const pieces = (chunks: ReadonlyArray<Uint8Array>): ReadableStream<Uint8Array> => {
  let at = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at === chunks.length) controller.close()
      else controller.enqueue(chunks[at++]!.slice())
    }
  })
}

/** An endless body that records when it is cancelled. */
export const endless = (chunk: Uint8Array, onCancel: () => void): ReadableStream<Uint8Array> =>
  new ReadableStream<Uint8Array>({
    pull: (controller) =>
      new Promise((resolve) =>
        setTimeout(() => {
          try {
            controller.enqueue(chunk)
          } catch {
            // Cancelled meanwhile.
          }
          resolve()
        }, 1)
      ),
    cancel: onCancel
  })

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

/** The origin of the object store's presigned URLs. */
export const STORAGE = "https://storage.test"

/** A PUT as the object store received it. */
export interface StorageRequest {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly bytes: number
  readonly partNumber: number | undefined
  readonly attempt: number
  readonly at: number
}

/** An answer of the object store to a PUT: a status, a reset connection, or none. */
export type StorageReply =
  | {
    readonly status: number
    readonly body?: string | ReadableStream<Uint8Array>
    readonly headers?: Record<string, string>
  }
  | { readonly reset: true }
  | { readonly hang: true }
  /** The TLS handshake refuses storage's certificate (as Node reports a self-signed one). */
  | { readonly untrustedCertificate: true }

export interface ObjectStoreOptions {
  /** Fault for a PUT; `undefined` stores the bytes. */
  readonly onPut?: (
    partNumber: number | undefined,
    attempt: number,
    request: StorageRequest
  ) => StorageReply | undefined
  /** The body of the answer to a stored PUT; default none. */
  readonly answerBody?: () => string | ReadableStream<Uint8Array>
  /** An ETag for a stored part; default a quoted digest-like string. */
  readonly eTag?: (partNumber: number | undefined, bytes: Uint8Array) => string | undefined
}

interface StoredObject {
  readonly parts: Map<number, { readonly bytes: Uint8Array; readonly eTag: string }>
  single: Uint8Array | undefined
}

/**
 * An in-memory object store behind presigned URLs (`${STORAGE}/<upload>/single` and
 * `${STORAGE}/<upload>/part/<n>`), as an `HttpClient`: plug it in as the `fallback` of
 * `HotdataTest.makeHttpClient`. It records every PUT, counts the PUTs in flight and the
 * aborted ones, and fails any PUT on demand.
 */
export const objectStore = (options: ObjectStoreOptions = {}) => {
  const objects = new Map<string, StoredObject>()
  const requests: Array<StorageRequest> = []
  const attempts = new Map<string, number>()
  const stats = { inFlight: 0, maxInFlight: 0, aborted: 0 }

  const reply = (request: HttpClientRequest.HttpClientRequest, answer: StorageReply) =>
    Effect.gen(function*() {
      if ("reset" in answer) {
        const cause = Object.assign(new TypeError("fetch failed"), {
          cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })
        })
        return yield* new HttpClientError.RequestError({ request, reason: "Transport", cause })
      }
      if ("hang" in answer) return yield* Effect.never
      if ("untrustedCertificate" in answer) {
        // Worded as Deno's fetch words it: with the URL, whose query holds the signature.
        const cause = Object.assign(new TypeError("fetch failed"), {
          cause: Object.assign(
            new Error(
              `error sending request for url (${request.url}): client error (Connect): self-signed certificate`
            ),
            { code: "DEPTH_ZERO_SELF_SIGNED_CERT" }
          )
        })
        return yield* new HttpClientError.RequestError({ request, reason: "Transport", cause })
      }
      return HttpClientResponse.fromWeb(
        request,
        new Response(answer.body ?? null, { status: answer.status, headers: answer.headers ?? {} })
      )
    })

  /** The bytes of a PUT's body, whether given whole or as a stream (read to its end here). */
  const bodyBytes = (request: HttpClientRequest.HttpClientRequest) => {
    const body = request.body
    if (body._tag === "Uint8Array") return Effect.succeed(body.body)
    if (body._tag !== "Stream") return Effect.succeed(new Uint8Array(0))
    return Effect.map(Effect.orDie(Stream.runCollect(body.stream)), (chunks) => {
      const out = new Uint8Array(Chunk.reduce(chunks, 0, (n, piece) => n + piece.byteLength))
      let offset = 0
      for (const piece of chunks) {
        out.set(piece, offset)
        offset += piece.byteLength
      }
      return out
    })
  }

  const httpClient = HttpClient.make((request, url, signal) =>
    Effect.gen(function*() {
      // Another host than the store's cannot be reached (as a name that does not resolve).
      if (url.origin !== STORAGE) {
        return yield* new HttpClientError.RequestError({
          request,
          reason: "Transport",
          cause: Object.assign(new Error(`getaddrinfo ENOTFOUND ${url.host}`), { code: "ENOTFOUND" })
        })
      }
      const [, id, kind, n] = url.pathname.split("/")
      const partNumber = kind === "part" ? Number(n) : undefined
      const key = `${id}/${partNumber ?? "single"}`
      const attempt = (attempts.get(key) ?? 0) + 1
      attempts.set(key, attempt)
      const bytes = yield* bodyBytes(request)
      const seen: StorageRequest = {
        method: request.method,
        url: url.toString(),
        headers: { ...request.headers },
        bytes: bytes.byteLength,
        partNumber,
        attempt,
        at: yield* Clock.currentTimeMillis
      }
      requests.push(seen)
      stats.inFlight++
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight)
      // Aborted while in flight: before its answer came (a client may abort a request
      // after reading its answer, to end the body it did not read).
      let answered = false
      signal.addEventListener("abort", () => answered || stats.aborted++, { once: true })
      return yield* Effect.gen(function*() {
        // Let sibling PUTs start, so concurrency can be observed.
        yield* Effect.yieldNow()
        const fault = options.onPut?.(partNumber, attempt, seen)
        if (fault !== undefined) return yield* reply(request, fault)
        const object = objects.get(id!)
        if (object === undefined) return yield* reply(request, { status: 404, body: "<Code>NoSuchUpload</Code>" })
        const copy = bytes.slice()
        const eTag = options.eTag ? options.eTag(partNumber, copy) : `"etag-${partNumber ?? 0}-${copy.byteLength}"`
        if (partNumber === undefined) object.single = copy
        else object.parts.set(partNumber, { bytes: copy, eTag: eTag ?? "" })
        return yield* reply(request, {
          status: 200,
          headers: eTag === undefined ? {} : { etag: eTag },
          ...(options.answerBody === undefined ? {} : { body: options.answerBody() })
        })
      }).pipe(
        Effect.tap(() => {
          answered = true
        }),
        Effect.ensuring(Effect.sync(() => stats.inFlight--))
      )
    })
  )

  return {
    httpClient,
    requests,
    stats,
    /** Accepts PUTs for an upload from now on. */
    open: (id: string) => void objects.set(id, { parts: new Map(), single: undefined }),
    /** The bytes of a single PUT, if any. */
    single: (id: string) => objects.get(id)?.single,
    /** A stored part. */
    part: (id: string, partNumber: number) => objects.get(id)?.parts.get(partNumber),
    /** The bytes an upload assembled: the single PUT, or the parts in part order. */
    assembled: (id: string): Uint8Array => {
      const object = objects.get(id)
      if (object === undefined) return new Uint8Array(0)
      if (object.parts.size === 0) return object.single ?? new Uint8Array(0)
      const numbers = [...object.parts.keys()].sort((a, b) => a - b)
      const total = numbers.reduce((n, k) => n + object.parts.get(k)!.bytes.byteLength, 0)
      const out = new Uint8Array(total)
      let offset = 0
      for (const k of numbers) {
        out.set(object.parts.get(k)!.bytes, offset)
        offset += object.parts.get(k)!.bytes.byteLength
      }
      return out
    }
  }
}
