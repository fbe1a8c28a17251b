import type { DuckDBValue } from "@duckdb/node-api"
import * as Schemas from "@hotdata-effect/core/generated/Schemas"
import * as Arrow from "apache-arrow"
import * as Schema from "effect/Schema"
import * as fs from "node:fs"
import type { ServerResponse } from "node:http"
import { pipeline } from "node:stream/promises"
import type { Handler, RequestContext } from "../context.js"
import { badRequest, notFound } from "../errors.js"
import type { ResultColumn, ResultRecord } from "../state.js"
import { csvCell, mdCell, toJsonValue } from "../values.js"
import { getDatabase } from "./common.js"
import { resultFile } from "./query.js"

type Format = "json" | "arrow" | "csv" | "md" | "parquet"

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

const chooseFormat = (ctx: RequestContext): Format => {
  const requested = ctx.query.format as string | undefined
  if (requested !== undefined) {
    const normalized = requested.toLowerCase() === "markdown" ? "md" : requested.toLowerCase()
    if (!["json", "arrow", "csv", "md", "parquet"].includes(normalized)) {
      throw badRequest(`invalid format "${requested}": expected arrow, json, csv, md or parquet`)
    }
    return normalized as Format
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

const arrowField = (column: ResultColumn): { type: Arrow.DataType; convert: (value: DuckDBValue) => unknown } => {
  const t = column.type.toUpperCase()
  if (t === "BOOLEAN") return { type: new Arrow.Bool(), convert: (v) => v }
  if (["TINYINT", "SMALLINT", "INTEGER", "UTINYINT", "USMALLINT"].includes(t)) {
    return { type: new Arrow.Int32(), convert: (v) => v === null ? null : Number(v) }
  }
  if (["BIGINT", "UINTEGER"].includes(t)) {
    return { type: new Arrow.Int64(), convert: (v) => v === null ? null : BigInt(v as bigint | number) }
  }
  if (t === "FLOAT" || t === "DOUBLE") {
    return {
      type: new Arrow.Float64(),
      convert: (v) => v === null ? null : Number(v)
    }
  }
  if (t.startsWith("DECIMAL")) return { type: new Arrow.Float64(), convert: (v) => toJsonValue(v) }
  return {
    type: new Arrow.Utf8(),
    convert: (v) => {
      const json = toJsonValue(v)
      return json === null ? null : typeof json === "string" ? json : JSON.stringify(json)
    }
  }
}

const notReady = (result: ResultRecord) => ({
  status: 202,
  body: { result_id: result.id, status: result.status },
  headers: { "Retry-After": "1" }
})

/** @internal */
export const handlers: Record<string, Handler> = {
  get_result: async (ctx) => {
    const db = getDatabase(ctx, ctx.headers.database_id)
    const result = ctx.server.state.data.results[ctx.params.id!]
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
      case "arrow": {
        const fields = columns.map(arrowField)
        const schema = new Arrow.Schema(columns.map((c, i) => new Arrow.Field(c.name, fields[i]!.type, true)))
        const batchOf = (rows: ReadonlyArray<ReadonlyArray<DuckDBValue>>) => {
          const children = fields.map((field, i) =>
            Arrow.vectorFromArray(rows.map((row) => field.convert(row[i]!)) as Array<any>, field.type).data[0]!
          )
          const data = Arrow.makeData({
            type: new Arrow.Struct(schema.fields),
            length: rows.length,
            nullCount: 0,
            children
          })
          return new Arrow.RecordBatch(schema, data)
        }
        return {
          status: 200,
          headers: { ...headers, "Content-Type": "application/vnd.apache.arrow.stream" },
          stream: async (res) => {
            const writer = new Arrow.RecordBatchStreamWriter()
            // The writer's bytes go out as they are produced, with back-pressure. A client
            // that hangs up ends this early: stop reading rows, and keep the failure from
            // surfacing as an unhandled rejection.
            let closed = false
            const piping = (async () => {
              for await (const chunk of writer) await write(res, chunk)
            })().catch(() => {
              closed = true
            })
            let wrote = false
            try {
              if (rowLimit !== 0) {
                for await (const rows of engine.readResultRaw(file, offset, rowLimit)) {
                  if (closed || res.destroyed) break
                  writer.write(batchOf(rows))
                  wrote = true
                }
              }
              if (!wrote && !closed) writer.write(batchOf([]))
            } finally {
              writer.finish()
            }
            await piping
            if (!closed) await end(res)
          }
        }
      }
    }
  }
}
