import { HotdataClient } from "@hotdata-effect/core/HotdataClient"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { assert } from "vitest"
import { type Handle, LocalHotdata } from "../src/LocalHotdata.js"

export interface Reply {
  readonly status: number
  readonly headers: Headers
  readonly bytes: Uint8Array
  readonly text: string
  readonly json: any
}

export interface CallOptions {
  readonly body?: unknown
  readonly headers?: Record<string, string>
  /** `false` sends no credentials; a string replaces the API key. */
  readonly auth?: boolean | string
  readonly workspace?: string | false
  readonly database?: string
  readonly raw?: string | Uint8Array<ArrayBuffer>
}

export const toReply = async (response: Response): Promise<Reply> => {
  const bytes = new Uint8Array(await response.arrayBuffer())
  const text = new TextDecoder().decode(bytes)
  let json: any = undefined
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, headers: response.headers, bytes, text, json }
}

/** Sends one API request to the local server with its credentials. */
export const request = (server: LocalHotdata.Service, method: string, path: string, options: CallOptions = {}) =>
  Effect.promise(async () => {
    const headers: Record<string, string> = { ...options.headers }
    if (options.auth !== false) {
      headers.authorization = `Bearer ${
        typeof options.auth === "string" ? options.auth : Redacted.value(server.apiKey)
      }`
    }
    if (options.workspace !== false) headers["x-workspace-id"] = options.workspace ?? server.workspaceId
    if (options.database !== undefined) headers["x-database-id"] = options.database
    let body: BodyInit | undefined = options.raw
    if (options.body !== undefined) {
      headers["content-type"] = "application/json"
      body = JSON.stringify(options.body)
    }
    return toReply(
      await fetch(`${server.baseUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body }) })
    )
  })

/** Sends one API request, with the server's credentials, to a server started with `startLocalHotdata`. */
export const handleCall =
  (server: Handle) => async (method: string, p: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.baseUrl}${p}`, {
      method,
      headers: {
        authorization: `Bearer ${server.apiKey}`,
        "x-workspace-id": server.workspaceId,
        "content-type": "application/json",
        ...headers
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    return { status: response.status, json: await response.json() as any }
  }

export const api = Effect.map(LocalHotdata, (server) => ({
  server,
  call: (method: string, path: string, options?: CallOptions) => request(server, method, path, options)
}))

/** Polls until `check` accepts the reply (bounded: 400 tries, 25 ms apart). */
export const poll = <A>(effect: Effect.Effect<A>, check: (a: A) => boolean) =>
  Effect.gen(function*() {
    for (let i = 0; i < 400; i++) {
      const value = yield* effect
      if (check(value)) return value
      yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 25)))
    }
    return yield* Effect.dieMessage("condition never met")
  })

export const put = (url: string, body: Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
  Effect.promise(async () => toReply(await fetch(url, { method: "PUT", body, headers })))

export const bytesOf = (size: number, seed = 1): Uint8Array<ArrayBuffer> => {
  const out = new Uint8Array(size)
  for (let i = 0; i < size; i++) out[i] = (i * 31 + seed) & 0xff
  return out
}

/** The rows a query answers inline, through the core client; the query must answer 200. */
export const rowsOf = (databaseId: string, sql: string) =>
  Effect.gen(function*() {
    const client = yield* HotdataClient
    const answer = yield* client.query.execute({ sql }, { database_id: databaseId })
    assert.strictEqual(answer.status, 200)
    return answer.status === 200 ? answer.body.rows : []
  })
