import * as Option from "effect/Option"
import type * as AST from "effect/SchemaAST"

/**
 * Plain decoders compiled from a schema's AST, for the kinds of schema the contract's
 * answers are made of: strings, numbers, booleans, literals, unknown values, structs
 * (with optional and nullable-optional fields), records, arrays and unions.
 *
 * A compiled decoder gives what `Schema.decodeUnknownEither` gives on a valid answer (the
 * same value, fields in the same order, unknown fields left out), without the general
 * interpreter's work per value; on anything else it answers {@link MISMATCH}, and the
 * caller asks the schema itself, which names what is wrong. A schema with any other kind
 * in it (refinements, declarations, other transformations) compiles to `undefined`.
 * `test/fastDecode.test.ts` holds both against each other over every schema of the contract.
 */

/** What a compiled decoder answers for a value it does not decode. */
export const MISMATCH: unique symbol = Symbol.for("@hotdata-effect/core/fastDecode/MISMATCH")

/** A compiled decoder: the decoded value, or {@link MISMATCH}. */
export type Decoder = (u: unknown) => unknown

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

const hasOwn = Object.prototype.hasOwnProperty

/** Compiles `ast`, or answers `undefined` when it holds a kind this module does not handle. */
export const compile = (ast: AST.AST): Decoder | undefined => {
  switch (ast._tag) {
    case "StringKeyword":
      return (u) => typeof u === "string" ? u : MISMATCH
    case "NumberKeyword":
      return (u) => typeof u === "number" ? u : MISMATCH
    case "BooleanKeyword":
      return (u) => typeof u === "boolean" ? u : MISMATCH
    case "UndefinedKeyword":
      return (u) => u === undefined ? u : MISMATCH
    case "UnknownKeyword":
    case "AnyKeyword":
      return (u) => u
    case "Literal": {
      const literal = ast.literal
      return (u) => u === literal ? u : MISMATCH
    }
    case "TupleType":
      return compileArray(ast)
    case "TypeLiteral":
      return compileStruct(ast)
    case "Union":
      return compileUnion(ast)
    case "Transformation":
      return compileTransformation(ast)
    default:
      return undefined
  }
}

/** An array of one element type (no fixed elements). */
const compileArray = (ast: AST.TupleType): Decoder | undefined => {
  if (ast.elements.length !== 0 || ast.rest.length !== 1) return undefined
  const element = compile(ast.rest[0]!.type)
  if (element === undefined) return undefined
  return (u) => {
    if (!Array.isArray(u)) return MISMATCH
    const out = new Array(u.length)
    for (let i = 0; i < u.length; i++) {
      const value = element(u[i])
      if (value === MISMATCH) return MISMATCH
      out[i] = value
    }
    return out
  }
}

/**
 * A struct: its fields in the order of the schema (a missing optional one is left out,
 * a missing required one is decoded as `undefined`), then, for a record, every other key
 * of the value whose own value decodes.
 */
const compileStruct = (ast: AST.TypeLiteral): Decoder | undefined => {
  const fields: Array<{ readonly name: string; readonly optional: boolean; readonly decode: Decoder }> = []
  for (const ps of ast.propertySignatures) {
    if (typeof ps.name !== "string") return undefined
    const decode = compile(ps.type)
    if (decode === undefined) return undefined
    fields.push({ name: ps.name, optional: ps.isOptional, decode })
  }
  if (ast.indexSignatures.length > 1) return undefined
  const index = ast.indexSignatures[0]
  let values: Decoder | undefined
  if (index !== undefined) {
    if (index.parameter._tag !== "StringKeyword") return undefined
    values = compile(index.type)
    if (values === undefined) return undefined
  }
  // `Schema.Struct({})` accepts any value but null and undefined.
  if (fields.length === 0 && values === undefined) return (u) => u === null || u === undefined ? MISMATCH : u
  const named = new Set(fields.map((field) => field.name))
  return (u) => {
    if (!isRecord(u)) return MISMATCH
    const out: Record<string, unknown> = {}
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!
      const present = hasOwn.call(u, field.name)
      if (!present && field.optional) continue
      const value = field.decode(u[field.name])
      if (value === MISMATCH) return MISMATCH
      out[field.name] = value
    }
    if (values !== undefined) {
      for (const key of Object.keys(u)) {
        const value = values(u[key])
        if (value === MISMATCH) return MISMATCH
        if (!named.has(key)) out[key] = value
      }
    }
    return out
  }
}

/**
 * A union: the value of the one member that decodes it, or of several when they all give
 * the very same value (members of primitive kinds give the value itself). When members
 * disagree, the schema decides which one wins: {@link MISMATCH}.
 */
const compileUnion = (ast: AST.Union): Decoder | undefined => {
  const members: Array<Decoder> = []
  for (const type of ast.types) {
    const decode = compile(type)
    if (decode === undefined) return undefined
    members.push(decode)
  }
  return (u) => {
    let found: unknown = MISMATCH
    for (let i = 0; i < members.length; i++) {
      const value = members[i]!(u)
      if (value === MISMATCH) continue
      if (found !== MISMATCH && found !== value) return MISMATCH
      found = value
    }
    return found
  }
}

/**
 * A struct whose fields are renamed or dropped on the way (`Schema.optionalWith(...,
 * { nullable: true })`): the encoded struct, then the schema's own field transformations,
 * then the decoded struct.
 */
const compileTransformation = (ast: AST.Transformation): Decoder | undefined => {
  if (ast.transformation._tag !== "TypeLiteralTransformation") return undefined
  const from = compile(ast.from)
  const to = compile(ast.to)
  if (from === undefined || to === undefined) return undefined
  const steps = ast.transformation.propertySignatureTransformations
  return (u) => {
    const encoded = from(u)
    if (encoded === MISMATCH) return MISMATCH
    const value = encoded as Record<PropertyKey, unknown>
    for (const step of steps) {
      const result = step.decode(hasOwn.call(value, step.from) ? Option.some(value[step.from]) : Option.none())
      delete value[step.from]
      if (Option.isSome(result)) value[step.to] = result.value
    }
    return to(value)
  }
}
