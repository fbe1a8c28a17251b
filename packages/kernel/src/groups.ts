/**
 * How a client lays out its operations: one object per group (`databases`, `query`, ...)
 * holding one method per operation, plus a `<name>Stream` method for each paginated
 * operation. Every client (Effect or Promise) builds its groups here from the contract's
 * descriptors and a binder of its own, so the layout cannot differ between them.
 *
 * @since 0.1.0
 */

/**
 * What the layout needs of an operation's descriptor.
 *
 * @since 0.1.0
 * @category models
 */
export interface Descriptor {
  /** The group the operation belongs to (`databases`). */
  readonly group: string
  /** The method's name in its group (`list`). */
  readonly name: string
  /** Present when the operation is paginated: it then has a `<name>Stream` method too. */
  readonly pagination?: unknown
}

/**
 * The methods of one operation: `method`, and `stream` for a paginated operation (a
 * binder may leave it out, and the operation then has no `<name>Stream` method).
 *
 * @since 0.1.0
 * @category models
 */
export interface Bound<M> {
  readonly method: M
  readonly stream?: M | undefined
}

/**
 * The operation groups, built by `bind` from each descriptor.
 *
 * @since 0.1.0
 * @category constructors
 */
export const groupsOf = <O extends Descriptor, M>(
  operations: Iterable<O>,
  bind: (operation: O) => Bound<M>
): Record<string, Record<string, M>> => {
  const groups: Record<string, Record<string, M>> = {}
  for (const operation of operations) {
    const group = (groups[operation.group] ??= {})
    const bound = bind(operation)
    group[operation.name] = bound.method
    if (operation.pagination !== undefined && bound.stream !== undefined) {
      group[`${operation.name}Stream`] = bound.stream
    }
  }
  return groups
}
