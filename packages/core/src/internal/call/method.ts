/**
 * The methods of a client bound to its executor: the positional arguments of a generated
 * method (path parameters, then the body, then the options) turned into a call, and the
 * stream of every item of a paginated list.
 */
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Stream from "effect/Stream"
import type { CallArgs } from "../../HotdataClient.js"
import type * as HotdataError from "../../HotdataError.js"
import type * as Operation from "../../Operation.js"
import type { Executor } from "./executor.js"

/** Whether a generated method takes an options argument (query, headers, idempotency key). */
const hasOptions = (operation: Operation.Operation): boolean =>
  operation.query.length + operation.headers.length > 0 || operation.idempotencyKey !== undefined

/**
 * The number of positional arguments of a generated method: the path parameters in
 * template order, then the body when it has one, then the options when it takes any.
 * The Promise client's per-call settings follow them.
 */
export const arity = (operation: Operation.Operation): number =>
  operation.pathParams.length + (operation.payload !== undefined ? 1 : 0) + (hasOptions(operation) ? 1 : 0)

/** Turns the positional arguments of a generated method into {@link CallArgs}. */
export const argsOf = (operation: Operation.Operation, values: ReadonlyArray<unknown>): CallArgs => {
  const count = operation.pathParams.length
  const payload = operation.payload !== undefined ? values[count] : undefined
  const options = hasOptions(operation) ? values[count + (operation.payload !== undefined ? 1 : 0)] : undefined
  return {
    path: values.slice(0, count) as ReadonlyArray<string>,
    payload,
    options: options as Record<string, unknown> | undefined
  }
}

/** The method of the client for one operation. */
export const method = (executor: Executor, operation: Operation.Operation) => {
  if (operation.success.length <= 1) {
    return (...values: ReadonlyArray<unknown>) => executor.call(operation, argsOf(operation, values))
  }
  // Several success statuses (200 or 202, ...): answer with the status next to the body.
  return (...values: ReadonlyArray<unknown>) => executor.callWithStatus(operation, argsOf(operation, values))
}

/** The stream of every item of a paginated list operation. */
export const paginate = (executor: Executor, operation: Operation.Operation) => {
  const pagination = operation.pagination!
  const list = method(executor, operation) as (...values: ReadonlyArray<unknown>) => Effect.Effect<
    Record<string, unknown>,
    HotdataError.HotdataError
  >
  return (...values: ReadonlyArray<unknown>): Stream.Stream<unknown, HotdataError.HotdataError> => {
    const args = argsOf(operation, values)
    const positional = values.slice(0, operation.pathParams.length + (operation.payload !== undefined ? 1 : 0))
    const baseOptions = args.options ?? {}
    type Cursor = { readonly cursor?: string; readonly offset: number }
    return Stream.paginateChunkEffect<Cursor, unknown, HotdataError.HotdataError, never>(
      { offset: Predicate.isNumber(baseOptions.offset) ? baseOptions.offset : 0 },
      (state) => {
        const options = pagination.style === "cursor"
          ? { ...baseOptions, ...(state.cursor !== undefined ? { cursor: state.cursor } : {}) }
          : { ...baseOptions, offset: state.offset }
        return Effect.map(list(...positional, options), (page) => {
          const items = Array.isArray(page[pagination.items]) ? (page[pagination.items] as Array<unknown>) : []
          let next: Option.Option<Cursor> = Option.none()
          if (pagination.style === "cursor") {
            const cursor = page.next_cursor
            if (page.has_more === true && Predicate.isString(cursor) && cursor !== state.cursor) {
              next = Option.some({ cursor, offset: 0 })
            }
          } else if (pagination.hasMore ? page.has_more === true && items.length > 0 : items.length > 0) {
            next = Option.some({ offset: state.offset + items.length })
          }
          return [Chunk.unsafeFromArray(items), next] as const
        })
      }
    )
  }
}
