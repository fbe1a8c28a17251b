import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as SizeLimit from "@hotdata-effect/kernel/sizeLimit"
import * as Predicate from "effect/Predicate"

/**
 * What a response holds underneath, for the transports the SDK knows: the web `Response`
 * of a fetch transport (`FetchHttpClient`, `HttpClientResponse.fromWeb`) or the undici
 * answer of `NodeHttpClient.layerUndici` (a Node `Readable` body, plain headers). A read
 * through it needs no Effect stream: reading a small body through `response.stream`
 * costs several times the whole request.
 */

/** A Node `Readable`, as much of it as a whole-body read uses. */
interface NodeBody {
  on(event: string, listener: (...args: Array<any>) => void): unknown
  off(event: string, listener: (...args: Array<any>) => void): unknown
  destroy(error?: Error): unknown
}

/** The body a transport holds, with the way to end its request early. */
export type Source =
  | { readonly _tag: "Web"; readonly body: ReadableStream<Uint8Array> | null; readonly abort: () => void }
  | { readonly _tag: "Node"; readonly body: NodeBody; readonly abort: () => void }

const hasWebResponse = typeof globalThis.Response === "function"

const isNodeBody = (u: unknown): u is NodeBody =>
  Predicate.isObject(u) && Predicate.isFunction((u as Partial<NodeBody>).on) &&
  Predicate.isFunction((u as Partial<NodeBody>).off) && Predicate.isFunction((u as Partial<NodeBody>).destroy)

/** The response the platform's interrupt-aware wrapper holds, and that wrapper's controller. */
const unwrap = (response: HttpClientResponse.HttpClientResponse) => {
  const outer = response as unknown as { readonly original?: unknown; readonly controller?: unknown }
  const inner = Predicate.isObject(outer.original) ? outer.original : response
  const controller = outer.controller instanceof AbortController ? outer.controller : undefined
  return { inner: inner as { readonly source?: unknown }, controller }
}

/** The body `response` holds underneath, when its transport is one the SDK knows. */
export const sourceOf = (response: HttpClientResponse.HttpClientResponse): Source | undefined => {
  const { controller, inner } = unwrap(response)
  const source = inner.source
  const abort = () => controller?.abort()
  if (hasWebResponse && source instanceof globalThis.Response) return { _tag: "Web", body: source.body, abort }
  if (Predicate.isObject(source) && Predicate.isNumber((source as { statusCode?: unknown }).statusCode)) {
    const body = (source as { body?: unknown }).body
    if (isNodeBody(body)) return { _tag: "Node", body, abort }
  }
  return undefined
}

/**
 * One header of `response`, read from what its transport holds when it is one the SDK
 * knows (building the platform's `Headers` copies every header), else from `headers`.
 */
export const headerOf = (response: HttpClientResponse.HttpClientResponse, name: string): string | undefined => {
  const own = (response as { readonly header?: unknown }).header
  if (Predicate.isFunction(own)) return (own as (name: string) => string | undefined).call(response, name)
  const source = unwrap(response).inner.source
  if (hasWebResponse && source instanceof globalThis.Response) return source.headers.get(name) ?? undefined
  return response.headers[name] ?? undefined
}

/**
 * A chunk to keep until a whole body is read: a copy when it is a small view of a larger
 * buffer (Deno's `fetch` hands over 4 KiB views of 64 KiB buffers), which holding would
 * keep whole; else the chunk itself.
 */
export const keepable = (chunk: Uint8Array): Uint8Array =>
  chunk.buffer.byteLength > 2 * chunk.byteLength ? chunk.slice() : chunk

export const concat = (chunks: ReadonlyArray<Uint8Array>, size: number): Uint8Array => {
  if (chunks.length === 1) return chunks[0]!
  const out = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}

/**
 * The limits of a whole-body read: after `millis` without a chunk the read fails with
 * `onIdle()`; past `size.maxBytes` decoded bytes it fails with `onTooLarge` (or, with
 * `truncate`, ends there with what it has), as it does when a compressed body whose
 * encoded size is `encoded` expands past `size.maxRatio`. Either way the request is ended
 * with `abort`.
 */
export interface ReadLimits {
  readonly millis: number
  readonly onIdle: () => unknown
  readonly size: SizeLimit.SizeLimits
  readonly onTooLarge: (excess: SizeLimit.Excess) => unknown
  /** Ends the read at `size.maxBytes` with the bytes read so far, rather than failing. */
  readonly truncate?: boolean | undefined
  /** The encoded size of a compressed body, when known (see `SizeLimit.encodedLengthOf`). */
  readonly encoded?: number | undefined
}

/** No limit on a read: no timer is set, no bound checked. */
export const unlimited: ReadLimits = {
  millis: Number.POSITIVE_INFINITY,
  onIdle: () => undefined,
  size: SizeLimit.unbounded,
  onTooLarge: (excess) => new SizeLimit.TooLarge(excess)
}

/**
 * One timer for the whole read, which checks when it fires how long ago the last chunk
 * came and sleeps again for the rest: a chunk costs a clock read, not a timer. An
 * infinite `millis` watches nothing.
 */
const watch = (limit: ReadLimits, onIdle: () => void) => {
  // No limit: nothing to watch.
  if (!Number.isFinite(limit.millis)) return { moved: () => {}, stop: () => {} }
  let last = Date.now()
  let timer: ReturnType<typeof setTimeout> | undefined
  const check = () => {
    const quiet = Date.now() - last
    if (quiet < limit.millis) timer = setTimeout(check, limit.millis - quiet)
    else onIdle()
  }
  timer = setTimeout(check, limit.millis)
  return {
    moved: () => {
      last = Date.now()
    },
    stop: () => clearTimeout(timer)
  }
}

/**
 * What a chunk does to a whole-body read under `limit` that holds `size` bytes before
 * it: `undefined` to keep it and go on, the number of its bytes to keep before the read
 * ends (a truncating read at its bound), or the failure of a read past a bound.
 */
const judge = (
  limit: ReadLimits,
  size: number,
  length: number
): undefined | { readonly keep: number } | { readonly fail: unknown } => {
  const total = size + length
  if (total > limit.size.maxBytes) {
    if (limit.truncate === true) return { keep: limit.size.maxBytes - size }
    return { fail: limit.onTooLarge({ setting: "maxResponseBytes", limit: limit.size.maxBytes }) }
  }
  const excess = SizeLimit.ratioExcess(total, limit.encoded, limit.size.maxRatio)
  return excess === undefined ? undefined : { fail: limit.onTooLarge(excess) }
}

/**
 * Reads a web body whole under `limit`; `abort` ends the request when the body stalls
 * or goes past a bound. With `length` (a valid `content-length` of a body that is not
 * encoded), the read ends as soon as that many bytes have come, without waiting for the
 * stream to say it is done (for a small body that is a second read, and on some runtimes
 * a hop between threads).
 */
export const readWeb = (
  body: ReadableStream<Uint8Array> | null,
  limit: ReadLimits,
  abort: () => void,
  length?: number
): Promise<Uint8Array> =>
  new Promise<Uint8Array>((resolve, reject) => {
    if (body === null) return resolve(new Uint8Array(0))
    const reader = body.getReader()
    const chunks: Array<Uint8Array> = []
    let size = 0
    let settled = false
    const stop = () => {
      reader.cancel().catch(() => undefined)
      abort()
    }
    const watchdog = watch(limit, () => {
      settled = true
      reject(limit.onIdle())
      stop()
    })
    const pump = (): void => {
      reader.read().then(
        (next) => {
          if (settled) return
          if (next.done) {
            settled = true
            watchdog.stop()
            return resolve(concat(chunks, size))
          }
          const verdict = judge(limit, size, next.value.length)
          if (verdict !== undefined) {
            settled = true
            watchdog.stop()
            stop()
            if ("fail" in verdict) return reject(verdict.fail)
            chunks.push(next.value.subarray(0, verdict.keep))
            return resolve(concat(chunks, size + verdict.keep))
          }
          chunks.push(keepable(next.value))
          size += next.value.length
          if (size === length) {
            // All of it: the stream's own end is not waited for (the reader is left to
            // the garbage collector with the body).
            settled = true
            watchdog.stop()
            return resolve(concat(chunks, size))
          }
          watchdog.moved()
          pump()
        },
        (cause) => {
          if (settled) return
          settled = true
          watchdog.stop()
          reject(cause)
        }
      )
    }
    pump()
  })

/** Reads a Node `Readable` body whole under `limit`; `abort` ends the request when the body stalls or goes past a bound. */
export const readNode = (body: NodeBody, limit: ReadLimits, abort: () => void): Promise<Uint8Array> =>
  new Promise<Uint8Array>((resolve, reject) => {
    const chunks: Array<Uint8Array> = []
    let size = 0
    let settled = false
    const finish = () => {
      settled = true
      watchdog.stop()
      body.off("data", onData)
      body.off("end", onEnd)
      body.off("error", onError)
    }
    const onData = (chunk: Uint8Array) => {
      if (settled) return
      const verdict = judge(limit, size, chunk.length)
      if (verdict !== undefined) {
        finish()
        body.destroy()
        abort()
        if ("fail" in verdict) return reject(verdict.fail)
        chunks.push(chunk.subarray(0, verdict.keep))
        return resolve(concat(chunks, size + verdict.keep))
      }
      chunks.push(keepable(chunk))
      size += chunk.length
      watchdog.moved()
    }
    const onEnd = () => {
      if (settled) return
      finish()
      resolve(concat(chunks, size))
    }
    const onError = (cause: unknown) => {
      if (settled) return
      finish()
      reject(cause)
    }
    const watchdog = watch(limit, () => {
      const error = limit.onIdle()
      finish()
      reject(error)
      body.destroy()
      abort()
    })
    body.on("data", onData)
    body.on("end", onEnd)
    body.on("error", onError)
  })

/** Reads the body `source` holds, whole, under `limit`. */
export const read = (source: Source, limit: ReadLimits): Promise<Uint8Array> =>
  source._tag === "Web" ? readWeb(source.body, limit, source.abort) : readNode(source.body, limit, source.abort)
