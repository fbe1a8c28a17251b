import * as Schema from "effect/Schema"

/**
 * A string enum that stays open: the known values are offered by the type, and a value
 * the contract does not list yet (a new status, a new mode) is kept as it was sent
 * instead of failing the whole response. On the wire and when decoded it is a string
 * (the schema is `Schema.String`'s, with the known values as its title and first example).
 *
 * @internal
 */
export const make = <const Values extends ReadonlyArray<string>>(
  ...values: Values
): Schema.Schema<Values[number] | (string & {}), string> =>
  Schema.make<Values[number] | (string & {}), string, never>(
    Schema.String.annotations({
      title: values.join(" | "),
      examples: values.length > 0 ? [values[0]!] : undefined
    } as Schema.Annotations.Schema<string>).ast
  )
