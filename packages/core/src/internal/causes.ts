import * as Predicate from "effect/Predicate"

/**
 * An error and the causes under it (`cause` after `cause`), outermost first, six at most:
 * where a transport's failure keeps its code and its words.
 */
export const chainOf = (u: unknown): Array<object> => {
  const chain: Array<object> = []
  let current: unknown = u
  for (let depth = 0; depth < 6 && Predicate.isObject(current); depth++) {
    chain.push(current)
    current = "cause" in current ? current.cause : undefined
  }
  return chain
}
