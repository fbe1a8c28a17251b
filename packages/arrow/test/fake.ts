import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { HotdataClient, RetryPolicy } from "@hotdata-effect/core"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"

/** A request as the fake transport saw it. */
export interface Seen {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | undefined
  readonly at: number
  readonly signal: AbortSignal
}

export interface Reply {
  readonly status?: number
  readonly headers?: Record<string, string>
  /** JSON (objects), text, bytes, or a ReadableStream for full control. */
  readonly body?: unknown
}

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

/** A HotdataClient over a fake transport answering from `handler`. */
export const fakeClient = (handler: (request: Seen, index: number) => Reply) => {
  const seen: Array<Seen> = []
  const http = HttpClient.make((request, url, signal) =>
    Effect.gen(function*() {
      const entry: Seen = {
        method: request.method,
        url,
        headers: { ...request.headers },
        body: request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : undefined,
        at: yield* Clock.currentTimeMillis,
        signal
      }
      seen.push(entry)
      const reply = handler(entry, seen.length - 1)
      const body = reply.body
      const json = body !== undefined && !(body instanceof Uint8Array) && !(body instanceof ReadableStream) &&
        typeof body !== "string"
      return HttpClientResponse.fromWeb(
        request,
        new Response(
          json ? JSON.stringify(body) : (body as BodyInit | undefined) ?? null,
          {
            status: reply.status ?? 200,
            headers: { ...(json ? { "content-type": "application/json" } : {}), ...reply.headers }
          }
        )
      )
    })
  )
  const layer = HotdataClient.layer({
    apiKey: Redacted.make("hd_test_key"),
    workspaceId: "ws_test",
    baseUrl: "http://hotdata.test",
    retryPolicy: RetryPolicy.none
  }).pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, http)))
  return { seen, layer }
}
