// Generates the Effect Schemas and operation descriptors of @hotdata-effect/core from
// the vendored contract in spec/openapi.json. Both the client and the local server
// are built on these files, so they cannot drift apart. It also writes the plain
// TypeScript models and operation groups of @hotdata-effect/client, and the type-level
// check that holds those models equal to the Schemas' types.
//
//   node scripts/codegen.mjs           write packages/core/src/generated/*,
//                                      packages/client/src/generated/* and
//                                      packages/client/test/generated/*
//   node scripts/codegen.mjs --check   fail when the generated files are stale
import * as fs from "node:fs"
import * as path from "node:path"
import { naming } from "./naming.mjs"

const root = path.resolve(import.meta.dirname, "..")
const spec = JSON.parse(fs.readFileSync(path.join(root, "spec/openapi.json"), "utf8"))
const outDir = path.join(root, "packages/core/src/generated")
const HEADER = `/**
 * GENERATED FILE, DO NOT EDIT. Produced by scripts/codegen.mjs from spec/openapi.json.
 *
 * @since 0.1.0
 */
`

const schemas = spec.components.schemas
const refName = (ref) => ref.replace("#/components/schemas/", "")
const camel = (s) => s.replace(/[_-]([a-z0-9])/g, (_, c) => c.toUpperCase())
const pascal = (s) => camel(s).replace(/^[a-z]/, (c) => c.toUpperCase())
const q = JSON.stringify

// ---------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------

/** Names referenced by a schema, for ordering declarations. */
const refsOf = (schema, acc = new Set()) => {
  if (Array.isArray(schema)) schema.forEach((s) => refsOf(s, acc))
  else if (schema && typeof schema === "object") {
    if (typeof schema.$ref === "string") acc.add(refName(schema.$ref))
    for (const v of Object.values(schema)) refsOf(v, acc)
  }
  return acc
}

const order = []
const state = new Map()
const cyclic = new Set()
const visit = (name) => {
  if (state.get(name) === "done") return
  if (state.get(name) === "visiting") {
    cyclic.add(name)
    return
  }
  state.set(name, "visiting")
  for (const dep of [...refsOf(schemas[name])].sort()) visit(dep)
  state.set(name, "done")
  order.push(name)
}
Object.keys(schemas).sort().forEach(visit)

const declared = new Set()
const refExpr = (name) => (declared.has(name) && !cyclic.has(name) ? name : `Schema.suspend((): Schema.Schema<${name}, any> => ${name})`)

const typeList = (schema) => (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [])
const isNullable = (schema) => {
  if (typeList(schema).includes("null") || schema.nullable === true) return true
  const alts = schema.anyOf ?? schema.oneOf
  return Array.isArray(alts) && alts.some((a) => a.type === "null")
}

/** The expression for a schema, ignoring its nullability (handled by the caller). */
const expr = (schema) => {
  if (schema === undefined || schema === true || Object.keys(schema).length === 0) return "Schema.Unknown"
  if (schema.$ref) return refExpr(refName(schema.$ref))
  const alts = schema.anyOf ?? schema.oneOf
  if (alts) {
    // Members are tried in order and the first that decodes wins: try the most specific
    // (most required fields) first so a richer member is never read as a poorer one.
    const specificity = (a) => (a.$ref ? schemas[refName(a.$ref)] : a).required?.length ?? 0
    const members = alts.filter((a) => a.type !== "null").sort((a, b) => specificity(b) - specificity(a)).map(expr)
    return members.length === 1 ? members[0] : `Schema.Union(${members.join(", ")})`
  }
  // A one-value enum is a discriminator: keep it closed so unions can tell members apart.
  if (schema.enum?.length === 1) return `Schema.Literal(${q(schema.enum[0])})`
  if (schema.enum) return `OpenEnum.make(${schema.enum.map(q).join(", ")})`
  if (schema.type && typeof schema.type === "object" && !Array.isArray(schema.type)) {
    // A handful of discriminator fields are written as `type: { type: "string", enum: [...] }`.
    return expr(schema.type)
  }
  const types = typeList(schema).filter((t) => t !== "null")
  if (types.length > 1) return `Schema.Union(${types.map((t) => expr({ ...schema, type: t })).join(", ")})`
  switch (types[0]) {
    case "string":
      return "Schema.String"
    case "integer":
    case "number":
      return "Schema.Number"
    case "boolean":
      return "Schema.Boolean"
    case "array":
      return `Schema.Array(${expr(schema.items)})`
    case "object":
      return objectExpr(schema)
    case undefined:
      return "Schema.Unknown"
    default:
      throw new Error(`unsupported type ${q(schema.type)}`)
  }
}

const objectExpr = (schema) => {
  const props = Object.entries(schema.properties ?? {})
  if (props.length === 0) {
    const value = schema.additionalProperties && schema.additionalProperties !== true
      ? expr(schema.additionalProperties)
      : "Schema.Unknown"
    return `Schema.Record({ key: Schema.String, value: ${value} })`
  }
  const required = new Set(schema.required ?? [])
  const fields = props.map(([key, prop]) => `  ${/^[a-z_][a-z0-9_]*$/i.test(key) ? key : q(key)}: ${fieldExpr(prop, required.has(key))}`)
  return `Schema.Struct({\n${fields.join(",\n")}\n})`
}

// Lenient decoding: a required nullable field that is absent reads as `null`; an optional
// field sent as `null` reads as absent. Encoding never writes an absent optional field.
const fieldExpr = (prop, required) => {
  const inner = expr(prop)
  const nullable = isNullable(prop)
  if (required && !nullable) return inner
  if (required) return `Schema.optionalWith(Schema.NullOr(${inner}), { default: () => null })`
  if (nullable) return `Schema.optional(Schema.NullOr(${inner}))`
  return `Schema.optionalWith(${inner}, { nullable: true })`
}

const schemaDecls = []
for (const name of order) {
  const schema = schemas[name]
  const e = expr(schema)
  declared.add(name)
  const isStruct = e.startsWith("Schema.Struct(")
  const comment = `/**\n * Wire model \`${name}\`.\n *\n * @since 0.1.0\n * @category schemas\n */`
  if (isStruct) {
    schemaDecls.push(`${comment}\nexport const ${name} = ${e}.annotations({ identifier: ${q(name)} })\n`)
    schemaDecls.push(`/**\n * @since 0.1.0\n * @category models\n */\nexport interface ${name} extends Schema.Schema.Type<typeof ${name}> {}\n`)
  } else {
    const annotated = e.startsWith("OpenEnum.make(") ? e : `${e}.annotations({ identifier: ${q(name)} })`
    schemaDecls.push(`${comment}\nexport const ${name} = ${annotated}\n`)
    schemaDecls.push(`/**\n * @since 0.1.0\n * @category models\n */\nexport type ${name} = Schema.Schema.Type<typeof ${name}>\n`)
  }
}

const schemasFile = `${HEADER}import * as Schema from "effect/Schema"
import * as OpenEnum from "../internal/openEnum.js"

${schemaDecls.join("\n")}`

// ---------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------

const operations = []
for (const [p, item] of Object.entries(spec.paths)) {
  for (const [method, op] of Object.entries(item)) {
    operations.push({ path: p, method: method.toUpperCase(), op })
  }
}
operations.sort((a, b) => a.op.operationId.localeCompare(b.op.operationId))

const missing = operations.filter(({ op }) => !naming[op.operationId])
if (missing.length > 0) throw new Error(`no naming entry for ${missing.map((m) => m.op.operationId).join(", ")}`)
const extra = Object.keys(naming).filter((id) => !operations.some(({ op }) => op.operationId === id))
if (extra.length > 0) throw new Error(`naming entries for unknown operations: ${extra.join(", ")}`)

// Query parameters travel as strings: each gets a string-encoded schema that both the client
// (encode) and the local server (decode) use.
const queryParamExpr = (schema) => {
  if (schema.$ref) return `Schemas.${refName(schema.$ref)}`
  const checks = []
  if (schema.type === "integer") checks.push("Schema.int()")
  if (typeof schema.minimum === "number") checks.push(`Schema.greaterThanOrEqualTo(${schema.minimum})`)
  if (typeof schema.maximum === "number") checks.push(`Schema.lessThanOrEqualTo(${schema.maximum})`)
  switch (schema.type) {
    case "integer":
    case "number":
      return `Schema.NumberFromString.pipe(${checks.join(", ")})`.replace(".pipe()", "")
    case "boolean":
      return "Schema.BooleanFromString"
    default:
      return "Schema.String"
  }
}
const paramTsType = (schema) => {
  if (schema.$ref) return `Schemas.${refName(schema.$ref)}`
  if (schema.type === "integer" || schema.type === "number") return "number"
  if (schema.type === "boolean") return "boolean"
  return "string"
}
/** Option key for a header parameter: `X-Database-Id` → `database_id`. */
const headerKey = (name) => name.replace(/^x-/i, "").toLowerCase().replace(/-/g, "_").replace(/^upload_/, "")

const SAFE_POSTS = new Set(["mint_upload_parts_handler"])
const NEVER_RETRIED = new Set(["finalize_upload_handler"])

// Where a write carries its idempotency key: a body field or a header of that name.
const IDEMPOTENCY = /^(x-)?idempotency[-_]key$/i
const idempotencyKeyOf = (bodyRef, headerParams) => {
  const header = headerParams.find((x) => IDEMPOTENCY.test(x.name))
  if (header) return { in: "header", name: header.name }
  const field = Object.keys(bodyRef ? schemas[bodyRef].properties ?? {} : {}).find((k) => IDEMPOTENCY.test(k))
  return field ? { in: "body", name: field } : undefined
}

// A path parameter whose value equals a literal segment that another template holds at the
// same place would address that other route: the client encodes such values whole.
const segmentsOf = (p) => p.split("/").filter((x) => x.length > 0)
const isParam = (segment) => segment.startsWith("{")
const reservedPathValuesOf = (p) => {
  const own = segmentsOf(p)
  const reserved = {}
  for (const { path: other } of operations) {
    const theirs = segmentsOf(other)
    if (other === p || theirs.length !== own.length) continue
    const compatible = own.every((s, i) => s === theirs[i] || isParam(s) || isParam(theirs[i]))
    if (!compatible) continue
    own.forEach((s, i) => {
      if (!isParam(s) || isParam(theirs[i])) return
      const name = s.slice(1, -1)
      reserved[name] = [...new Set([...(reserved[name] ?? []), theirs[i]])].sort()
    })
  }
  return Object.keys(reserved).length > 0 ? reserved : undefined
}

const opDecls = []
const groups = new Map()
for (const { path: p, method, op } of operations) {
  const id = op.operationId
  const name = naming[id]
  const params = op.parameters ?? []
  const pathParams = params.filter((x) => x.in === "path")
  const pathOrder = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1])
  if (pathOrder.join() !== pathParams.map((x) => x.name).sort((a, b) => pathOrder.indexOf(a) - pathOrder.indexOf(b)).join()) {
    throw new Error(`${id}: path parameters do not match the template`)
  }
  const queryParams = params.filter((x) => x.in === "query")
  const headerParams = params.filter((x) => x.in === "header")
  const body = op.requestBody?.content?.["application/json"]?.schema
  const bodyRef = body ? refName(body.$ref) : undefined
  const success = Object.entries(op.responses).filter(([s]) => Number(s) < 300)
  const errors = Object.entries(op.responses).filter(([s]) => Number(s) >= 300)
  const workspaceScoped = (op.security ?? []).some((s) => "WorkspaceId" in s)
  const idempotent = method !== "POST" || SAFE_POSTS.has(id)
  const idempotencyKey = idempotencyKeyOf(bodyRef, headerParams)
  const reservedPathValues = reservedPathValuesOf(p)
  const constName = pascal(id)

  const responseEntry = ([status, r]) => {
    const content = Object.entries(r.content ?? {})
    const json = content.find(([ct]) => ct === "application/json")
    const schemaRef = json?.[1].schema.$ref
    const others = content.filter(([ct]) => ct !== "application/json").map(([ct]) => ct)
    return `{ status: ${status}, schema: ${schemaRef ? `Schemas.${refName(schemaRef)}` : "undefined"}${
      others.length ? `, otherContentTypes: ${q(others)}` : ""
    } }`
  }

  const optionsFields = [
    ...queryParams.map((x) => `  readonly ${x.name}${x.required ? "" : "?"}: ${paramTsType(x.schema)}${x.required ? "" : " | undefined"}`),
    ...headerParams.filter((x) => !IDEMPOTENCY.test(x.name))
      .map((x) => `  readonly ${headerKey(x.name)}${x.required ? "" : "?"}: string${x.required ? "" : " | undefined"}`),
    ...(idempotencyKey
      ? [`  /** The idempotency key of this call (\`${idempotencyKey.name}\`); one is generated when absent. */\n  readonly idempotencyKey?: string | undefined`]
      : [])
  ]
  const optionsRequired = [...queryParams, ...headerParams].some((x) => x.required)
  const optionsType = optionsFields.length ? `${constName}Options` : undefined

  opDecls.push(`/**
 * \`${method} ${p}\`
 *
 * @since 0.1.0
 * @category operations
 */
export const ${constName} = Operation.make({
  id: ${q(id)},
  group: ${q(name[0])},
  name: ${q(name[1])},
  method: ${q(method)},
  path: ${q(p)},
  pathParams: ${q(pathOrder)},
  query: [${queryParams.map((x) => `{ name: ${q(x.name)}, required: ${!!x.required}, schema: ${queryParamExpr(x.schema)} }`).join(", ")}],
  headers: [${headerParams.map((x) => `{ name: ${q(x.name)}, key: ${q(headerKey(x.name))}, required: ${!!x.required} }`).join(", ")}],
  payload: ${bodyRef ? `Schemas.${bodyRef}` : "undefined"},
  payloadRequired: ${!!op.requestBody?.required},
  success: [${success.map(responseEntry).join(", ")}],
  errors: [${errors.map(responseEntry).join(", ")}],
  workspaceScoped: ${workspaceScoped},
  idempotent: ${idempotent},
  retryable: ${!NEVER_RETRIED.has(id)}${name[2] ? `,\n  pagination: ${q(name[2])}` : ""}${
    idempotencyKey ? `,\n  idempotencyKey: { in: ${q(idempotencyKey.in)}, name: ${q(idempotencyKey.name)} }` : ""
  }${reservedPathValues ? `,\n  reservedPathValues: { ${
    Object.entries(reservedPathValues).map(([k, v]) => `${k}: [${v.map(q).join(", ")}]`).join(", ")
  } }` : ""}
})
`)
  if (optionsType) {
    opDecls.push(`/**
 * Query and header parameters of \`${id}\`.
 *
 * @since 0.1.0
 * @category options
 */
export interface ${optionsType} {
${optionsFields.join("\n")}
}
`)
  }

  // The method signature on the client: path parameters positional, then the body, then options.
  const args = pathOrder.map((n) => `${camel(n)}: string`)
  if (bodyRef) {
    // An optional body before required options stays positional and accepts `undefined`.
    const optional = !op.requestBody.required
    args.push(`payload${optional && !optionsRequired ? "?" : ""}: Schemas.${bodyRef}${optional ? " | undefined" : ""}`)
  }
  if (optionsType) args.push(`options${optionsRequired ? "" : "?"}: Operations.${optionsType}${optionsRequired ? "" : " | undefined"}`)
  let result
  if (success.length === 1) {
    const ref = success[0][1].content?.["application/json"]?.schema.$ref
    result = ref ? `Schemas.${refName(ref)}` : "void"
  } else {
    result = success.map(([s, r]) => `{ readonly status: ${s}; readonly body: Schemas.${refName(r.content["application/json"].schema.$ref)} }`).join(" | ")
  }
  if (!groups.has(name[0])) groups.set(name[0], [])
  groups.get(name[0]).push({ id, method: name[1], constName, args, result, verb: method, path: p, pagination: name[2] })
}

const operationsFile = `${HEADER}import * as Schema from "effect/Schema"
import * as Operation from "../Operation.js"
import * as Schemas from "./Schemas.js"

${opDecls.join("\n")}
/**
 * Every operation of the contract, keyed by operation id.
 *
 * @since 0.1.0
 * @category operations
 */
export const all = {
${operations.map(({ op }) => `  ${op.operationId}: ${pascal(op.operationId)}`).join(",\n")}
} as const
`

// ---------------------------------------------------------------------------
// Client groups
// ---------------------------------------------------------------------------

const groupDecls = []
for (const [group, methods] of groups) {
  const lines = []
  for (const m of methods) {
    lines.push(`  /**
   * \`${m.verb} ${m.path}\` (\`${m.id}\`).
   */
  readonly ${m.method}: (${m.args.join(", ")}) => Effect.Effect<${m.result}, HotdataError.HotdataError>`)
    if (m.pagination) {
      const argsNoOpts = m.args.filter((a) => !a.startsWith("options"))
      const optsArg = m.args.find((a) => a.startsWith("options"))
      const itemsField = m.pagination.items
      const pageType = m.result
      lines.push(`  /**
   * Every item of \`${m.id}\` as a stream, following ${m.pagination.style} pagination page by page.
   */
  readonly ${m.method}Stream: (${[...argsNoOpts, optsArg.replace(/: Operations\.(\w+)/, `: Omit<Operations.$1, ${m.pagination.style === "cursor" ? '"cursor"' : '"offset"'}>`)].join(", ")}) => Stream.Stream<${pageType}[${q(itemsField)}][number], HotdataError.HotdataError>`)
    }
  }
  groupDecls.push(`/**
 * Operations of the \`${group}\` group.
 *
 * @since 0.1.0
 * @category groups
 */
export interface ${pascal(group)} {
${lines.join("\n")}
}
`)
}

const groupsFile = `${HEADER}import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type * as HotdataError from "../HotdataError.js"
import type * as Operations from "./Operations.js"
import type * as Schemas from "./Schemas.js"

${groupDecls.join("\n")}
/**
 * Every operation group of the client.
 *
 * @since 0.1.0
 * @category groups
 */
export interface Groups {
${[...groups.keys()].map((g) => `  readonly ${g}: ${pascal(g)}`).join("\n")}
}
`

// ---------------------------------------------------------------------------
// Operation types: what each operation takes and answers, for typing handlers
// (the local server, the client's test layer) by the contract.
// ---------------------------------------------------------------------------

const objectType = (fields) => (fields.length ? `{\n${fields.map((f) => `    ${f}`).join("\n")}\n  }` : "{}")
const answerType = (responses) => {
  const members = responses.map(([status, r]) => {
    const ref = r.content?.["application/json"]?.schema.$ref
    return `{ readonly status: ${status}; readonly body${ref ? `: Schemas.${refName(ref)}` : "?: undefined"} }`
  })
  return members.length ? members.join("\n    | ") : "never"
}

const typeDecls = []
for (const { path: p, method, op } of operations) {
  const id = op.operationId
  const name = naming[id]
  const params = op.parameters ?? []
  const pathOrder = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1])
  const queryParams = params.filter((x) => x.in === "query")
  const headerParams = params.filter((x) => x.in === "header")
  const body = op.requestBody?.content?.["application/json"]?.schema
  const responses = Object.entries(op.responses)
  const streamed = responses.filter(([, r]) => Object.keys(r.content ?? {}).some((ct) => ct !== "application/json"))
  const optional = (x) => (x.required ? "" : "?")
  const orUndefined = (x) => (x.required ? "" : " | undefined")
  typeDecls.push(`/**
 * What \`${id}\` (\`${method} ${p}\`, \`client.${name[0]}.${name[1]}\`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface ${pascal(id)} {
  readonly id: ${q(id)}
  readonly group: ${q(name[0])}
  readonly method: ${q(name[1])}
  /** Path parameters by name. */
  readonly path: ${objectType(pathOrder.map((n) => `readonly ${n}: string`))}
  /** Query parameters, decoded. */
  readonly query: ${objectType(queryParams.map((x) => `readonly ${x.name}${optional(x)}: ${paramTsType(x.schema)}${orUndefined(x)}`))}
  /** Header parameters by their option key (\`X-Database-Id\` is \`database_id\`). */
  readonly headers: ${objectType(headerParams.map((x) => `readonly ${headerKey(x.name)}${optional(x)}: string${orUndefined(x)}`))}
  /** The request body. */
  readonly payload: ${body ? `Schemas.${refName(body.$ref)}${op.requestBody.required ? "" : " | undefined"}` : "undefined"}
  /** Each documented success answer. */
  readonly success:
    | ${answerType(responses.filter(([s]) => Number(s) < 300))}
  /** Each documented error answer. */
  readonly error:
    | ${answerType(responses.filter(([s]) => Number(s) >= 300))}
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: ${streamed.length ? streamed.map(([s]) => s).join(" | ") : "never"}
}
`)
}

const groupMethods = new Map()
for (const { op } of operations) {
  const [group, method] = naming[op.operationId]
  if (!groupMethods.has(group)) groupMethods.set(group, [])
  groupMethods.get(group).push([method, op.operationId])
}

const typesFile = `${HEADER}import type * as Schemas from "./Schemas.js"

${typeDecls.join("\n")}
/**
 * The types of every operation of the contract, keyed by operation id.
 *
 * @since 0.1.0
 * @category operations
 */
export interface ById {
${operations.map(({ op }) => `  readonly ${op.operationId}: ${pascal(op.operationId)}`).join("\n")}
}

/**
 * An operation id of the contract.
 *
 * @since 0.1.0
 * @category operations
 */
export type Id = keyof ById

/**
 * The operation id of each client method, by group.
 *
 * @since 0.1.0
 * @category operations
 */
export interface ByGroup {
${[...groupMethods].map(([g, ms]) => `  readonly ${g}: {\n${ms.map(([m, id]) => `    readonly ${m}: ${q(id)}`).join("\n")}\n  }`).join("\n")}
}
`

// ---------------------------------------------------------------------------
// Plain types for @hotdata-effect/client: the same models as the Schemas above, written
// as TypeScript interfaces that import nothing (what a decoded value is: an optional
// field sent as null reads as absent, a required nullable one reads as null), and the
// operation groups of the Promise client with them. packages/client/test checks that
// they equal what the Schemas and core's Promise client declare.
// ---------------------------------------------------------------------------

const plainRef = (name) => name
/** The TypeScript type of a schema as decoded, ignoring its nullability (as `expr` does). */
const plainExpr = (schema, indent) => {
  if (schema === undefined || schema === true || Object.keys(schema).length === 0) return "unknown"
  if (schema.$ref) return plainRef(refName(schema.$ref))
  const alts = schema.anyOf ?? schema.oneOf
  if (alts) {
    const members = alts.filter((a) => a.type !== "null").map((a) => plainExpr(a, indent))
    return members.join(" | ")
  }
  if (schema.enum?.length === 1) return q(schema.enum[0])
  if (schema.enum) return `${schema.enum.map(q).join(" | ")} | (string & {})`
  if (schema.type && typeof schema.type === "object" && !Array.isArray(schema.type)) return plainExpr(schema.type, indent)
  const types = typeList(schema).filter((t) => t !== "null")
  if (types.length > 1) return types.map((t) => plainExpr({ ...schema, type: t }, indent)).join(" | ")
  switch (types[0]) {
    case "string":
      return "string"
    case "integer":
    case "number":
      return "number"
    case "boolean":
      return "boolean"
    case "array": {
      const item = plainExpr(schema.items, indent)
      return `ReadonlyArray<${item}>`
    }
    case "object":
      return plainObject(schema, indent)
    case undefined:
      return "unknown"
    default:
      throw new Error(`unsupported type ${q(schema.type)}`)
  }
}

const plainObject = (schema, indent) => {
  const props = Object.entries(schema.properties ?? {})
  if (props.length === 0) {
    const value = schema.additionalProperties && schema.additionalProperties !== true
      ? plainExpr(schema.additionalProperties, indent)
      : "unknown"
    return `{ readonly [key: string]: ${value} }`
  }
  const required = new Set(schema.required ?? [])
  const pad = "  ".repeat(indent + 1)
  const fields = props.map(([key, prop]) => {
    const name = /^[a-z_][a-z0-9_]*$/i.test(key) ? key : q(key)
    const inner = plainExpr(prop, indent + 1)
    const nullable = isNullable(prop)
    const doc = typeof prop.description === "string" && prop.description.trim() !== ""
      ? `${pad}/** ${prop.description.trim().replace(/\*\//g, "* /").replace(/\s*\n\s*/g, " ")} */\n`
      : ""
    if (required.has(key)) return `${doc}${pad}readonly ${name}: ${inner}${nullable ? " | null" : ""}`
    return `${doc}${pad}readonly ${name}?: ${inner}${nullable ? " | null" : ""} | undefined`
  })
  return `{\n${fields.join("\n")}\n${"  ".repeat(indent)}}`
}

const plainSchemaDecls = Object.keys(schemas).sort().map((name) => {
  const schema = schemas[name]
  const isStruct = expr(schema).startsWith("Schema.Struct(")
  const comment = `/**\n * Wire model \`${name}\`: what the client sends and answers (decoded: an optional field sent as \`null\` reads as absent).\n *\n * @since 0.1.0\n * @category models\n */`
  return isStruct
    ? `${comment}\nexport interface ${name} ${plainObject(schema, 0)}\n`
    : `${comment}\nexport type ${name} = ${plainExpr(schema, 0)}\n`
})

const plainSchemasFile = `${HEADER}
${plainSchemaDecls.join("\n")}`

const plainOptionDecls = []
const plainGroupDecls = []
for (const [group, methods] of groups) {
  const lines = []
  for (const m of methods) {
    const args = [...m.args, "callOptions?: CallOptions | undefined"]
    lines.push(`  /**
   * \`${m.verb} ${m.path}\` (\`${m.id}\`).
   */
  readonly ${m.method}: (${args.join(", ").replace(/Operations\./g, "")}) => Promise<${m.result}>`)
    if (m.pagination) {
      const argsNoOpts = m.args.filter((a) => !a.startsWith("options"))
      const optsArg = m.args.find((a) => a.startsWith("options"))
      const omitted = m.pagination.style === "cursor" ? '"cursor"' : '"offset"'
      lines.push(`  /**
   * Every item of \`${m.id}\`, following ${m.pagination.style} pagination page by page.
   */
  readonly ${m.method}Stream: (${[...argsNoOpts, optsArg.replace(/: Operations\.(\w+)/, `: Omit<$1, ${omitted}>`), "callOptions?: CallOptions | undefined"].join(", ")}) => AsyncIterable<${m.result}[${q(m.pagination.items)}][number]>`)
    }
  }
  plainGroupDecls.push(`/**
 * Operations of the \`${group}\` group.
 *
 * @since 0.1.0
 * @category groups
 */
export interface ${pascal(group)} {
${lines.join("\n")}
}
`)
}
for (const decl of opDecls) {
  const match = decl.match(/^\/\*\*\n \* Query and header parameters of `(\w+)`\.[\s\S]*?export interface (\w+) \{\n([\s\S]*?)\n\}\n$/)
  if (match) plainOptionDecls.push(decl)
}

const plainGroupsFile = `${HEADER}import type { CallOptions } from "../CallOptions.js"
import type * as Schemas from "./Schemas.js"

${plainOptionDecls.join("\n")}
${plainGroupDecls.join("\n")}
/**
 * Every operation group of the client.
 *
 * @since 0.1.0
 * @category groups
 */
export interface Groups {
${[...groups.keys()].map((g) => `  readonly ${g}: ${pascal(g)}`).join("\n")}
}
`

// The contract check of the plain types: each equals the type of its Schema.
const plainCheckFile = `// GENERATED FILE, DO NOT EDIT. Produced by scripts/codegen.mjs from spec/openapi.json.
// Type-checked by \`npm run check\`: each plain model of @hotdata-effect/client is the
// type of its Schema in @hotdata-effect/core, so the two cannot drift apart.
import type { Schemas as Core } from "@hotdata-effect/core"
import type * as Plain from "../../src/generated/Schemas.js"
import type { Assert, Equals } from "../equals.js"

export type Checked = [
${Object.keys(schemas).sort().map((name) => `  Assert<Equals<Plain.${name}, Core.${name}>>`).join(",\n")}
]
`

// ---------------------------------------------------------------------------

const clientDir = path.join(root, "packages/client")
const files = {
  "Schemas.ts": schemasFile,
  "Operations.ts": operationsFile,
  "Groups.ts": groupsFile,
  "OperationTypes.ts": typesFile,
  [path.join(clientDir, "src/generated/Schemas.ts")]: plainSchemasFile,
  [path.join(clientDir, "src/generated/Groups.ts")]: plainGroupsFile,
  [path.join(clientDir, "test/generated/schemas.check.ts")]: plainCheckFile
}

const check = process.argv.includes("--check")
let stale = []
for (const [file, content] of Object.entries(files)) {
  const target = path.resolve(outDir, file)
  fs.mkdirSync(path.dirname(target), { recursive: true })
  const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : undefined
  if (current === content) continue
  if (check) stale.push(path.relative(root, target))
  else fs.writeFileSync(target, content)
}
if (check && stale.length > 0) {
  console.error(`generated files are stale: ${stale.join(", ")}. Run \`pnpm codegen\` and commit the result.`)
  process.exit(1)
}
console.log(
  `${check ? "checked" : "generated"} ${Object.keys(schemas).length} schemas and ${operations.length} operations in ${groups.size} groups`
)
