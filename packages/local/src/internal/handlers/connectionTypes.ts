import type { HandlerSet } from "../context.js"
import { notFound } from "../errors.js"

const fileConfig = (what: string, withTable: boolean) => ({
  type: "object",
  required: ["path"],
  properties: {
    path: {
      type: "string",
      description: `${what}: a path relative to, or inside, the server's sources directory (<data dir>/sources)`
    },
    ...(withTable ? { table: { type: "string", description: "the table it becomes in schema main" } } : {})
  },
  additionalProperties: false
})

/**
 * The connection types the local server can serve: managed catalogs (created with their
 * database) and file sources read by DuckDB. Types needing a remote engine are not listed.
 */
const connectionTypes = [
  {
    name: "managed",
    label: "Managed catalog",
    config_schema: { type: "object", properties: {}, additionalProperties: false },
    auth: null
  },
  {
    name: "duckdb",
    label: "DuckDB database file",
    config_schema: fileConfig("a DuckDB database file", false),
    auth: null
  },
  { name: "csv", label: "CSV file", config_schema: fileConfig("a CSV file with a header row", true), auth: null },
  { name: "parquet", label: "Parquet file", config_schema: fileConfig("a Parquet file", true), auth: null },
  {
    name: "json",
    label: "Newline-delimited JSON file",
    config_schema: fileConfig("a newline-delimited JSON file", true),
    auth: null
  }
]

/** @internal */
export const handlers = {
  list_connection_types: async () => ({
    status: 200,
    body: { connection_types: connectionTypes.map((t) => ({ name: t.name, label: t.label })) }
  }),

  get_connection_type: async (ctx) => {
    const type = connectionTypes.find((t) => t.name === ctx.params.name)
    if (type === undefined) throw notFound(`connection type ${ctx.params.name} not found`)
    return { status: 200, body: type }
  }
} satisfies HandlerSet
