import * as Schemas from "@hotdata-effect/core/generated/Schemas"
import * as Arrow from "apache-arrow"
import * as Schema from "effect/Schema"
import * as Struct from "effect/Struct"
import * as fs from "node:fs"
import type { ServerResponse } from "node:http"
import { pipeline } from "node:stream/promises"
import { ArrowBatcher } from "../arrowColumns.js"
import type { HandlerSet, RequestContext } from "../context.js"
import { offsetPage, pageLimit } from "../domain/requests.js"
import type { Engine } from "../engine.js"
import { badRequest, notFound } from "../errors.js"
import { resultFile, scopedDatabase } from "../execution.js"
import type { ResultRecord } from "../state.js"
import { csvCell, mdCell } from "../values.js"

const FORMATS = ["json", "arrow", "csv", "md", "parquet"] as const
type Format = typeof FORMATS[number]
const isFormat = (format: string): format is Format => FORMATS.some((f) => f === format)

const fromAccept = (accept: string | undefined): Format | undefined => {
  if (accept === undefined) return undefined
  for (const raw of accept.split(",")) {
    const type = raw.split(";")[0]!.trim().toLowerCase()
    if (type === "application/vnd.apache.arrow.stream" || type === "application/vnd.apache.arrow.file") return "arrow"
    if (type === "text/csv") return "csv"
    if (type === "text/markdown") return "md"
    if (type === "application/vnd.apache.parquet" || type === "application/parquet") return "parquet"
    if (type === "application/json") return "json"
  }
  return undefined
}

const chooseFormat = (ctx: RequestContext<"get_result">): Format => {
  const requested = ctx.query.format
  if (requested !== undefined) {
    const normalized = requested.toLowerCase() === "markdown" ? "md" : requested.toLowerCase()
    if (!isFormat(normalized)) {
      throw badRequest(`invalid format "${requested}": expected arrow, json, csv, md or parquet`)
    }
    return normalized
  }
  const accept = ctx.req.headers.accept
  return fromAccept(Array.isArray(accept) ? accept.join(",") : accept) ?? "json"
}

const write = (res: ServerResponse, chunk: string | Uint8Array): Promise<void> =>
  new Promise((resolve, reject) => {
    if (res.destroyed) return reject(new Error("client went away"))
    if (res.write(chunk)) resolve()
    else {
      const onDrain = () => {
        res.off("close", onClose)
        resolve()
      }
      const onClose = () => {
        res.off("drain", onDrain)
        reject(new Error("client went away"))
      }
      res.once("drain", onDrain)
      res.once("close", onClose)
    }
  })

const end = (res: ServerResponse): Promise<void> => new Promise((resolve) => res.end(() => resolve()))

/** Encoded bytes allowed ahead of what the client has taken before reading more rows. */
const ARROW_HIGH_WATER = 8 * 1024 * 1024

/**
 * Streams a window of a result as an Arrow IPC stream: the schema, record batches built
 * column by column from DuckDB's chunks, and the end-of-stream marker (a result with no
 * rows still sends its schema and one empty batch).
 *
 * The writer's bytes go out as they are produced, with back-pressure: rows are read only
 * while the bytes not yet taken by the client stay under a high-water mark. A client that
 * hangs up ends this early: stop reading rows, and keep the failure from surfacing as an
 * unhandled rejection.
 */
const streamArrow = (
  res: ServerResponse,
  engine: Engine,
  file: string,
  offset: number,
  limit: number | undefined
): Promise<void> =>
  engine.withResultChunks(file, offset, limit, async ({ chunks, names, types }) => {
    const batcher = new ArrowBatcher(names, types)
    const writer = new Arrow.RecordBatchStreamWriter()
    let closed = false
    // `produced` counts the bytes of the batches' buffers, a lower bound of their encoding;
    // `written` the encoded bytes the response has taken.
    let produced = 0
    let written = 0
    let wake: (() => void) | undefined
    const piping = (async () => {
      for await (const chunk of writer) {
        await write(res, chunk)
        written += chunk.byteLength
        if (wake !== undefined && produced - written < ARROW_HIGH_WATER) wake()
      }
    })().catch(() => {
      closed = true
    }).finally(() => wake?.())
    const send = async (batch: Arrow.RecordBatch) => {
      writer.write(batch)
      produced += batch.data.children.reduce((n, child) => n + bufferBytes(child), 0)
      while (!closed && produced - written >= ARROW_HIGH_WATER) {
        await new Promise<void>((resolve) => wake = resolve)
        wake = undefined
      }
    }
    let wrote = false
    try {
      for await (const chunk of chunks) {
        if (closed || res.destroyed) break
        const batch = batcher.push(chunk)
        if (batch !== undefined) {
          await send(batch)
          wrote = true
        }
      }
      if (!closed && (batcher.pendingRows > 0 || !wrote)) await send(batcher.flush())
    } finally {
      writer.finish()
    }
    await piping
    if (!closed) await end(res)
  })

/** The bytes of a column's buffers (what its encoding holds at the least). */
const bufferBytes = (data: Arrow.Data): number => {
  let n = (data.values?.byteLength ?? 0) + (data.valueOffsets?.byteLength ?? 0)
  if (data.nullCount > 0) n += data.nullBitmap?.byteLength ?? 0
  for (const child of data.children) n += bufferBytes(child)
  return n
}

const notReady = (result: ResultRecord) => ({
  status: 202 as const,
  body: { result_id: result.id, status: result.status },
  headers: { "Retry-After": "1" }
})

/** @internal */
export const handlers = {
  list_results: async (ctx) => {
    const db = scopedDatabase(ctx)
    const limit = pageLimit(ctx.query.limit)
    const offset = ctx.query.offset ?? 0
    const all = Object.values(ctx.server.state.data.results)
      .filter((r) => r.database_id === db.id)
      .sort((a, b) => b.seq - a.seq)
    const { page, ...paging } = offsetPage(all, offset, limit)
    return {
      status: 200,
      body: {
        results: page.map((r) => Struct.pick(r, "id", "status", "error_message", "created_at")),
        ...paging
      }
    }
  },

  get_result: async (ctx) => {
    const db = scopedDatabase(ctx)
    const result = ctx.server.state.data.results[ctx.params.id]
    if (result === undefined || result.database_id !== db.id) throw notFound(`result ${ctx.params.id} not found`)
    const format = chooseFormat(ctx)
    if (result.status === "processing") return notReady(result)
    if (result.status === "failed") {
      return {
        status: 409,
        body: { result_id: result.id, status: "failed", error_message: result.error_message ?? "the result failed" }
      }
    }
    const file = resultFile(ctx.server, result)
    if (!fs.existsSync(file)) {
      result.status = "failed"
      result.error_message = "the result's data is no longer available"
      ctx.server.state.save()
      return { status: 409, body: { result_id: result.id, status: "failed", error_message: result.error_message } }
    }
    const total = result.row_count ?? 0
    const offset: number = ctx.query.offset ?? 0
    const limit: number | undefined = ctx.query.limit
    const columns = result.columns ?? []
    const headers: Record<string, string> = { "X-Total-Row-Count": String(total) }
    if (format !== "parquet" && limit !== undefined && offset + limit < total) {
      const next = new URL(`${ctx.server.baseUrl}/v1/results/${result.id}`)
      next.searchParams.set("offset", String(offset + limit))
      next.searchParams.set("limit", String(limit))
      if (ctx.query.format !== undefined) next.searchParams.set("format", String(ctx.query.format))
      headers.Link = `<${next.toString()}>; rel="next"`
    }
    const engine = ctx.server.engine
    const rowLimit = limit === undefined ? undefined : limit

    switch (format) {
      case "parquet":
        return {
          status: 200,
          headers: {
            ...headers,
            "Content-Type": "application/vnd.apache.parquet",
            "Content-Length": String(fs.statSync(file).size)
          },
          stream: (res) => pipeline(fs.createReadStream(file), res)
        }
      case "json": {
        const envelope = Schema.encodeSync(Schemas.GetResultResponse)({
          result_id: result.id,
          status: "ready",
          columns: columns.map((c) => c.name),
          nullable: columns.map((c) => c.nullable || /FLOAT|DOUBLE/i.test(c.type)),
          row_count: total,
          error_message: null
        })
        const head = JSON.stringify(envelope).slice(0, -1)
        return {
          status: 200,
          headers: { ...headers, "Content-Type": "application/json" },
          stream: async (res) => {
            await write(res, `${head},"rows":[`)
            let first = true
            if (rowLimit !== 0) {
              for await (const rows of engine.readResult(file, offset, rowLimit)) {
                let text = ""
                for (const row of rows) {
                  text += (first ? "" : ",") + JSON.stringify(row)
                  first = false
                }
                await write(res, text)
              }
            }
            await write(res, "]}")
            await end(res)
          }
        }
      }
      case "csv":
      case "md":
        return {
          status: 200,
          headers: {
            ...headers,
            "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "text/markdown; charset=utf-8"
          },
          stream: async (res) => {
            const names = columns.map((c) => c.name)
            if (format === "csv") await write(res, names.map(csvCell).join(",") + "\n")
            else await write(res, `| ${names.map(mdCell).join(" | ")} |\n|${names.map(() => " --- |").join("")}\n`)
            if (rowLimit !== 0) {
              for await (const rows of engine.readResult(file, offset, rowLimit)) {
                let text = ""
                for (const row of rows) {
                  text += format === "csv"
                    ? row.map(csvCell).join(",") + "\n"
                    : `| ${row.map(mdCell).join(" | ")} |\n`
                }
                await write(res, text)
              }
            }
            await end(res)
          }
        }
      case "arrow":
        return {
          status: 200,
          headers: { ...headers, "Content-Type": "application/vnd.apache.arrow.stream" },
          stream: (res) => streamArrow(res, engine, file, offset, rowLimit)
        }
    }
  }
} satisfies HandlerSet
