import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { HotdataClient } from "../src/index.js"

export const API_KEY = "hd_test_key_5ecr3t_DO_NOT_LEAK"
export const WORKSPACE = "ws_test"

/** A request as the fake transport saw it. */
export interface Seen {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | undefined
  readonly at: number
}

export type Reply =
  | { readonly status: number; readonly body?: unknown; readonly headers?: Record<string, string> }
  | { readonly reset: true }
  | { readonly fail: unknown }
  | { readonly hang: true }

/**
 * An HttpClient that answers from `handler` and records every request, for swapping in
 * place of a real transport.
 */
export const fakeHttp = (handler: (request: Seen, index: number) => Reply) => {
  const seen: Array<Seen> = []
  const client = HttpClient.make((request: HttpClientRequest.HttpClientRequest, url) =>
    Effect.gen(function*() {
      const body = request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : undefined
      const entry: Seen = {
        method: request.method,
        url,
        headers: { ...request.headers },
        body,
        at: yield* Clock.currentTimeMillis
      }
      seen.push(entry)
      const reply = handler(entry, seen.length - 1)
      if ("reset" in reply) {
        const cause = Object.assign(new TypeError("fetch failed"), {
          cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" })
        })
        return yield* new HttpClientError.RequestError({ request, reason: "Transport", cause })
      }
      if ("hang" in reply) return yield* Effect.never
      if ("fail" in reply) {
        return yield* new HttpClientError.RequestError({ request, reason: "Transport", cause: reply.fail })
      }
      const text = reply.body === undefined
        ? null
        : typeof reply.body === "string"
        ? reply.body
        : JSON.stringify(reply.body)
      return HttpClientResponse.fromWeb(
        request,
        new Response(reply.status === 204 ? null : text, {
          status: reply.status,
          headers: { "content-type": "application/json", ...reply.headers }
        })
      )
    })
  )
  return { client, seen, layer: Layer.succeed(HttpClient.HttpClient, client) }
}

/** A client layer over a fake transport. */
export const clientLayer = (
  handler: (request: Seen, index: number) => Reply,
  options: Partial<HotdataClient.Options> = {}
) => {
  const fake = fakeHttp(handler)
  return {
    seen: fake.seen,
    layer: HotdataClient.layer({
      apiKey: Redacted.make(API_KEY),
      workspaceId: WORKSPACE,
      baseUrl: "https://api.test",
      ...options
    }).pipe(Layer.provide(fake.layer))
  }
}
