import * as Schemas from "@hotdata-effect/core/generated/Schemas"
import type { Operation } from "@hotdata-effect/core/Operation"
import * as Routes from "@hotdata-effect/core/Routes"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { randomBytes } from "node:crypto"
import type { IncomingMessage, ServerResponse } from "node:http"
import { PassThrough } from "node:stream"
import { type HandlerMap, notImplemented, type Server } from "./context.js"
import { applyCors } from "./cors.js"
import { ApiError, errorMessage } from "./errors.js"
import { applyFault, type Fault, faultFromJson } from "./faults.js"
import { makeHostCheck } from "./hostCheck.js"

/** Finds the operation for a method and path; literal segments win over parameters. @internal */
export const matchRoute = Routes.match

/** All operations of the contract. @internal */
export const operations = (): ReadonlyArray<Operation> => Routes.operations

/** An answer as the router sends it, whatever the operation. */
interface AnyReply {
  readonly status: number
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
  readonly stream?: (res: ServerResponse) => Promise<void>
}

/** A request as the router decodes it, whatever the operation. */
interface DecodedRequest {
  readonly server: Server
  readonly operation: Operation
  readonly params: Readonly<Record<string, string>>
  readonly query: Readonly<Record<string, unknown>>
  readonly headers: Readonly<Record<string, string>>
  readonly body: unknown
  readonly workspace: string
  readonly traceId: string
  readonly req: IncomingMessage
}

type AnyHandler = (ctx: DecodedRequest) => Promise<AnyReply>

/**
 * The handler of an operation. The context the router builds is decoded with the
 * operation's own schemas, so it has the types the handler is declared with: this is the
 * one place the statically typed map meets the dynamically matched operation.
 */
const handlerOf = (handlers: HandlerMap, id: string): AnyHandler | undefined => {
  if (!Routes.isOperationId(id)) return undefined
  const handler = handlers[id]
  return handler === notImplemented ? undefined : (handler as unknown as AnyHandler)
}

const orBadRequest = <A>(decoded: Either.Either<A, string>): A => {
  if (Either.isLeft(decoded)) throw new ApiError(400, "BAD_REQUEST", decoded.left)
  return decoded.right
}

const traceId = (): string => randomBytes(16).toString("hex")

const MAX_BODY_BYTES = 64 * 1024 * 1024

/** How deep a JSON body may nest: far beyond any body of the contract, far below what decoding it recursively could take. */
const MAX_JSON_DEPTH = 128

/**
 * Whether JSON text nests arrays and objects deeper than `limit`, read without parsing it
 * (brackets inside strings do not count), so a hostile body is refused before anything
 * recursive touches it.
 */
const nestsDeeperThan = (text: string, limit: number): boolean => {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) {
      inString = true
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true
    } else if (c === 0x5d || c === 0x7d) {
      depth--
    }
  }
  return false
}

const readBody = async (req: IncomingMessage, limit: number): Promise<Buffer> => {
  const chunks: Array<Buffer> = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) {
      throw new ApiError(413, "PAYLOAD_TOO_LARGE", `request body exceeds ${limit} bytes`)
    }
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

const errorBody = (error: ApiError): string =>
  JSON.stringify(Schema.encodeSync(Schemas.ApiErrorResponse)({ error: { code: error.code, message: error.message } }))

const bearer = (req: IncomingMessage): string | undefined => {
  const header = req.headers.authorization
  if (header === undefined) return undefined
  const m = /^Bearer\s+(.+)$/i.exec(header.trim())
  return m?.[1]?.trim()
}

const headerValue = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}

/**
 * The HTTP front of the local server: authentication, routing by the generated operation
 * descriptors, decoding of parameters and bodies with the contract's schemas, fault
 * injection, and encoding of every answer with the schema the contract gives its status.
 *
 * @internal
 */
export const makeRequestListener = (server: Server, handlers: HandlerMap) => {
  const adminHandler = makeAdmin(server)
  const checkHost = makeHostCheck(server.config)

  return (req: IncomingMessage, res: ServerResponse): void => {
    const trace = traceId()
    res.setHeader("X-Trace-Id", trace)
    const refusal = checkHost(req)
    if (refusal !== undefined) {
      req.resume()
      sendError(
        res,
        new ApiError(refusal.status, refusal.status === 421 ? "MISDIRECTED_REQUEST" : "ACCESS_DENIED", refusal.message)
      )
      return
    }
    if (applyCors(server.config.cors, req, res)) return
    handle(req, res, trace).catch(async (cause) => {
      const error = cause instanceof ApiError
        ? cause
        : new ApiError(500, "INTERNAL_SERVER_ERROR", `unexpected error: ${errorMessage(cause)}`)
      // What the request changed before failing is on disk before the failure is reported.
      await server.state.durable().catch(() => undefined)
      sendError(res, error)
    })
  }

  function sendError(res: ServerResponse, error: ApiError): void {
    if (res.headersSent) {
      res.destroy()
      return
    }
    const body = errorBody(error)
    res.writeHead(error.status, {
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(body),
      ...error.headers
    })
    res.end(body)
  }

  async function handle(req: IncomingMessage, res: ServerResponse, trace: string): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost")
    const method = (req.method ?? "GET").toUpperCase()

    if (url.pathname.startsWith("/__admin/")) {
      if (bearer(req) !== server.config.apiKey) {
        throw new ApiError(401, "invalid_api_key", "the admin API needs the server's API key as a Bearer token")
      }
      return adminHandler(req, res, url, method)
    }
    if (url.pathname === "/health" || url.pathname === "/__health") {
      const body = JSON.stringify({ ok: true })
      res.writeHead(200, { "Content-Type": "application/json" })
      res.end(body)
      return
    }

    const matched = matchRoute(method, url.pathname)
    if (matched === undefined) throw new ApiError(404, "NOT_FOUND", `no route for ${method} ${url.pathname}`)
    if (matched === "method") {
      throw new ApiError(405, "METHOD_NOT_ALLOWED", `${method} is not allowed on ${url.pathname}`)
    }
    const { operation, params } = matched
    server.faults.countCall(operation.id)

    // Authentication comes first, as on the hosted service.
    const key = bearer(req)
    if (key === undefined) {
      throw new ApiError(401, "invalid_api_key", "missing API key: send Authorization: Bearer <api key>")
    }
    if (key !== server.config.apiKey) throw new ApiError(401, "invalid_api_key", "the API key is invalid")
    let workspace = ""
    if (operation.workspaceScoped) {
      const ws = headerValue(req, "X-Workspace-Id")
      if (ws === undefined || ws.trim() === "") {
        throw new ApiError(400, "BAD_REQUEST", "missing X-Workspace-Id header")
      }
      if (server.state.data.workspaces[ws] === undefined) {
        throw new ApiError(404, "workspace_not_found", `workspace ${ws} not found`)
      }
      workspace = ws
    }

    const action = await applyFault(
      server.faults.take(operation.id, (f) => f._tag !== "ExpireUrl" && f._tag !== "OmitETag"),
      req
    )
    if (action._tag === "Stop") return
    if (action._tag === "Refuse") {
      throw new ApiError(
        action.status,
        action.code ??
          (action.status === 429 ? "OVERLOADED" : action.status === 503 ? "SERVICE_UNAVAILABLE" : "INJECTED_FAULT"),
        action.message ?? `injected ${action.status} for ${operation.id}`,
        action.headers
      )
    }
    const cut = action.cut

    const handler = handlerOf(handlers, operation.id)
    if (handler === undefined) {
      req.resume()
      throw new ApiError(
        501,
        "NOT_IMPLEMENTED_LOCALLY",
        `${operation.id} (${operation.method} ${operation.path}) is not implemented by the local Hotdata server`
      )
    }

    const query = orBadRequest(Routes.decodeQuery(operation, url.searchParams))
    const headers = orBadRequest(Routes.decodeHeaders(operation, (name) => headerValue(req, name)))
    let body: unknown = undefined
    if (operation.payload !== undefined) {
      const text = (await readBody(req, MAX_BODY_BYTES)).toString("utf8")
      if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
        throw new ApiError(400, "BAD_REQUEST", `the JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`)
      }
      body = orBadRequest(Routes.decodePayload(operation, text))
    } else {
      req.resume()
    }

    const ctx = {
      server,
      operation,
      params,
      query,
      headers,
      body,
      workspace,
      traceId: trace,
      req
    } satisfies DecodedRequest
    const reply = await handler(ctx)
    // A change is acknowledged only once it is on disk.
    await (method === "GET" ? server.state.durable() : server.state.commit()).catch((cause) => {
      throw new ApiError(500, "STATE_NOT_WRITTEN", `the change could not be saved: ${errorMessage(cause)}`)
    })
    await send(res, operation, reply, cut)
  }

  async function send(
    res: ServerResponse,
    operation: Operation,
    reply: AnyReply,
    cut: Extract<Fault, { _tag: "CutBody" }> | undefined
  ): Promise<void> {
    const headers: Record<string, string> = { ...reply.headers }
    if (reply.stream !== undefined) {
      if (cut === undefined) {
        res.writeHead(reply.status, headers)
        await reply.stream(res)
        return
      }
      // Collect the body so it can be cut at a known point.
      const sink = new PassThrough()
      const chunks: Array<Buffer> = []
      sink.on("data", (chunk: Buffer) => chunks.push(chunk))
      await reply.stream(sink as unknown as ServerResponse)
      return cutBody(res, reply.status, headers, Buffer.concat(chunks), cut)
    }
    if (reply.body === undefined) {
      res.writeHead(reply.status, headers)
      res.end()
      return
    }
    const encoded = Routes.encodeAnswer(operation, reply.status, reply.body)
    if (Either.isLeft(encoded)) throw new ApiError(500, "INTERNAL_SERVER_ERROR", encoded.left)
    const payload = Buffer.from(JSON.stringify(encoded.right))
    headers["Content-Type"] = "application/json"
    if (cut !== undefined) return cutBody(res, reply.status, headers, payload, cut)
    headers["Content-Length"] = String(payload.length)
    res.writeHead(reply.status, headers)
    res.end(payload)
  }
}

const cutBody = (
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  payload: Buffer,
  cut: Extract<Fault, { _tag: "CutBody" }>
): void => {
  const at = Math.max(0, Math.min(payload.length - 1, cut.afterBytes ?? Math.floor(payload.length / 2)))
  res.writeHead(status, { ...headers, "Content-Length": String(payload.length) })
  res.write(payload.subarray(0, at), () => {
    res.destroy()
  })
}

const makeAdmin =
  (server: Server) => async (req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> => {
    const json = (status: number, value: unknown) => {
      const body = JSON.stringify(value)
      res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) })
      res.end(body)
    }
    const path = url.pathname.replace(/\/+$/, "")
    if (path === "/__admin/faults" && method === "POST") {
      const raw = (await readBody(req, 1024 * 1024)).toString("utf8")
      let input: Record<string, unknown>
      try {
        input = JSON.parse(raw) as Record<string, unknown>
      } catch (cause) {
        throw new ApiError(400, "BAD_REQUEST", `malformed JSON body: ${errorMessage(cause)}`)
      }
      const route = typeof input.route === "string" ? input.route : undefined
      const fault = faultFromJson(input.fault)
      const times = typeof input.times === "number" ? input.times : 1
      if (route === undefined || fault === undefined) {
        throw new ApiError(
          400,
          "BAD_REQUEST",
          "expected {\"route\": operation id or \"storage\", \"fault\": {\"kind\": ...}, \"times\": n}"
        )
      }
      const rule = server.faults.inject(route, fault, times)
      return json(201, { id: rule.id, route, fault, times: rule.remaining })
    }
    if (path === "/__admin/faults" && method === "GET") return json(200, { faults: server.faults.rules })
    if (path === "/__admin/faults" && method === "DELETE") {
      server.faults.clear()
      res.writeHead(204).end()
      return
    }
    if (path === "/__admin/storage-requests" && method === "GET") {
      return json(200, { requests: server.faults.storageRequests })
    }
    if (path === "/__admin/storage-requests" && method === "DELETE") {
      server.faults.storageRequests.length = 0
      res.writeHead(204).end()
      return
    }
    if (path === "/__admin/calls" && method === "GET") {
      return json(200, { calls: Object.fromEntries(server.faults.calls) })
    }
    if (path === "/__admin/reset" && method === "POST") {
      server.faults.reset()
      res.writeHead(204).end()
      return
    }
    req.resume()
    throw new ApiError(404, "NOT_FOUND", `no admin route ${method} ${path}`)
  }
