import type { HandlerSet } from "../context.js"
import { notFound } from "../errors.js"

const managedType = {
  name: "managed",
  label: "Managed catalog",
  config_schema: { type: "object", properties: {}, additionalProperties: false },
  auth: null
}

/** @internal */
export const handlers = {
  list_connection_types: async () => ({
    status: 200,
    body: { connection_types: [{ name: managedType.name, label: managedType.label }] }
  }),

  get_connection_type: async (ctx) => {
    if (ctx.params.name !== managedType.name) throw notFound(`connection type ${ctx.params.name} not found`)
    return { status: 200, body: managedType }
  }
} satisfies HandlerSet
