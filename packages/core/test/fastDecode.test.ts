import { assert, describe, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import * as Operations from "../src/generated/Operations.js"
import * as Schemas from "../src/generated/Schemas.js"
import * as FastDecode from "../src/internal/fastDecode.js"
import type * as Operation from "../src/Operation.js"

/** Every schema of the contract: the models, and what each operation answers. */
const contract: Array<readonly [string, Schema.Schema<any, any>]> = [
  ...Object.entries(Schemas).filter((entry): entry is [string, Schema.Schema<any, any>] => Schema.isSchema(entry[1])),
  ...(Object.values(Operations.all) as ReadonlyArray<Operation.Operation>).flatMap((operation) =>
    operation.success.flatMap((answer) =>
      answer.schema === undefined ? [] : [[`${operation.id} ${answer.status}`, answer.schema] as const]
    )
  )
]

/** The value as nested entries: equal only when the values and the order of their keys are. */
const shape = (u: unknown): unknown =>
  Array.isArray(u)
    ? u.map(shape)
    : typeof u === "object" && u !== null
    ? Object.keys(u).map((key) => [key, shape((u as Record<string, unknown>)[key])])
    : Object.is(u, -0)
    ? "-0"
    : u

/** Values a clumsy or hostile server may put anywhere. */
const replacements: ReadonlyArray<unknown> = [null, 0, -1.5, "", "x", true, false, {}, [], [null], { a: 1 }]

/** `value` with the node at `path` replaced by `replacement` (or removed, for `undefined`). */
const mutate = (value: unknown, path: ReadonlyArray<string | number>, replacement: unknown): unknown => {
  if (path.length === 0) return replacement
  const [head, ...rest] = path
  if (Array.isArray(value)) {
    const copy = [...value]
    copy[head as number] = mutate(copy[head as number], rest, replacement)
    return copy
  }
  const copy = { ...(value as Record<string, unknown>) }
  if (rest.length === 0 && replacement === undefined) delete copy[head as string]
  else copy[head as string] = mutate(copy[head as string], rest, replacement)
  return copy
}

/** The path of every node of `value`. */
const paths = (value: unknown, prefix: ReadonlyArray<string | number> = []): Array<ReadonlyArray<string | number>> => {
  const here = [prefix]
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => paths(item, [...prefix, i]))]
  if (typeof value === "object" && value !== null) {
    return [
      ...here,
      ...Object.keys(value).flatMap((key) => paths((value as Record<string, unknown>)[key], [...prefix, key]))
    ]
  }
  return here
}

/**
 * Decodes `input` both ways and checks the compiled decoder against the schema: it never
 * accepts what the schema refuses, and what it accepts it decodes to the same value,
 * keys in the same order. Answers whether the compiled decoder decoded it.
 */
const agree = (name: string, schema: Schema.Schema<any, any>, decode: FastDecode.Decoder, input: unknown): boolean => {
  const slow = Schema.decodeUnknownEither(schema)(input)
  const fast = decode(structuredClone(input))
  if (slow._tag === "Left") {
    assert.strictEqual(fast, FastDecode.MISMATCH, `${name}: accepted what the schema refuses: ${JSON.stringify(input)}`)
    return false
  }
  if (fast === FastDecode.MISMATCH) return false
  assert.deepStrictEqual(shape(fast), shape(slow.right), `${name}: decoded differently: ${JSON.stringify(input)}`)
  return true
}

describe("compiled decoders", () => {
  it("compile every schema the contract answers with", () => {
    const missing = contract.filter(([, schema]) => FastDecode.compile(schema.ast) === undefined).map(([name]) => name)
    assert.deepStrictEqual(missing, [])
  })

  it("decode what the schemas decode, and refuse what they refuse, for every schema of the contract", () => {
    let valid = 0
    let decoded = 0
    let mutated = 0
    for (const [name, schema] of contract) {
      const decode = FastDecode.compile(schema.ast)!
      const samples = FastCheck.sample(Arbitrary.make(Schema.encodedSchema(schema)), { numRuns: 15, seed: 7 })
      for (const [i, sample] of samples.entries()) {
        valid++
        if (agree(name, schema, decode, sample)) decoded++
        // Every node of some samples, replaced by each odd value or removed.
        if (i % 5 !== 0) continue
        for (const path of paths(sample)) {
          for (const replacement of [...replacements, undefined]) {
            mutated++
            agree(name, schema, decode, mutate(sample, path, replacement))
          }
        }
      }
    }
    // A valid answer goes the compiled way, but where union members disagree.
    assert.isAbove(decoded / valid, 0.95, `${decoded} of ${valid} valid samples decoded by the compiled decoders`)
    assert.isAbove(mutated, 5_000)
  })

  it("answer what the schema gives for the hand-picked edges", () => {
    const struct = Schema.Struct({
      id: Schema.String,
      note: Schema.optional(Schema.NullOr(Schema.String)),
      tags: Schema.optionalWith(Schema.Array(Schema.String), { nullable: true }),
      extra: Schema.Record({ key: Schema.String, value: Schema.Number })
    })
    const decode = FastDecode.compile(struct.ast)!
    const inputs: ReadonlyArray<unknown> = [
      { id: "a", extra: {} },
      { id: "a", note: null, tags: null, extra: { x: 1 } },
      { extra: { x: 1 }, tags: ["t"], id: "a", unknown: true },
      { id: "a", tags: [1], extra: {} },
      { id: "a", extra: { x: "1" } },
      { id: "a" },
      [],
      null,
      "a"
    ]
    for (const input of inputs) agree("edges", struct, decode, input)
    assert.deepStrictEqual(decode({ id: "a", tags: null, extra: {}, more: 1 }), { id: "a", extra: {} })
  })
})
