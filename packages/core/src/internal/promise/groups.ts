/**
 * The operation groups of the Promise client, bound to a built service and a runner:
 * each method runs its Effect counterpart with the trailing call options, `...Stream`
 * methods iterate, and the `withResponse` groups answer the response with the body.
 *
 * @internal
 */
import * as KernelGroups from "@hotdata-effect/kernel/groups"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as Operations from "../../generated/Operations.js"
import * as HotdataClient from "../../HotdataClient.js"
import type * as Operation from "../../Operation.js"
import type { CallOptions, PromiseGroups, Runner, WithResponseGroups } from "../../PromiseClient.js"
import * as internal from "../call/index.js"

type Method = (...args: Array<unknown>) => unknown

/** An Effect method of the service, looked up by its descriptor's names. */
type ServiceMethod<Out> = (...args: Array<unknown>) => Out

/** The group of the service an operation belongs to. */
const groupOf = (service: HotdataClient.HotdataClient.Service, operation: Operation.Operation) =>
  // The service's groups are typed per operation, and here they are looked up by the
  // descriptor's names, which the compiler cannot relate to those types.
  (service as unknown as Record<string, Record<string, ServiceMethod<unknown>>>)[operation.group]

/**
 * The Promise groups and the `withResponse` groups of a service. They are built from the
 * contract's descriptors, whose names the compiler cannot relate to the generated group
 * types, so they are asserted to be those here.
 *
 * @internal
 */
export const make = (
  service: HotdataClient.HotdataClient.Service,
  runner: Runner
): { readonly groups: PromiseGroups; readonly withResponse: WithResponseGroups } => {
  const operations: ReadonlyArray<Operation.Operation> = Object.values(Operations.all)
  /** Builds an operation's effect from the method's arguments; the call options follow the positional ones. */
  const callOf = (operation: Operation.Operation) => {
    // The number of positional arguments of the Effect method; a CallOptions may follow.
    const arity = internal.arity(operation)
    const method = groupOf(service, operation)[operation.name] as ServiceMethod<Effect.Effect<unknown, unknown>>
    return (args: Array<unknown>) => {
      const callOptions = args[arity] as CallOptions | undefined
      // Built in the call's fiber: whatever the arguments are, the call rejects, never throws.
      const effect = Effect.suspend(() => {
        if (callOptions?.idempotencyKey === undefined || operation.idempotencyKey === undefined) {
          return method(...args.slice(0, arity))
        }
        // The key travels as the method's `idempotencyKey` option, its last argument.
        const positional = args.slice(0, arity)
        while (positional.length < arity) positional.push(undefined)
        const last = positional.pop() as Record<string, unknown> | undefined
        return method(...positional, { ...last, idempotencyKey: callOptions.idempotencyKey })
      })
      return { effect, callOptions }
    }
  }
  const groups = KernelGroups.groupsOf(operations, (operation): KernelGroups.Bound<Method> => {
    const call = callOf(operation)
    const pageArity = operation.pathParams.length + 1
    const stream = groupOf(service, operation)[`${operation.name}Stream`] as
      | ServiceMethod<Stream.Stream<unknown, unknown>>
      | undefined
    return {
      method: (...args) => {
        const { callOptions, effect } = call(args)
        return runner.run(effect, callOptions)
      },
      stream: stream === undefined ? undefined : (...args) =>
        runner.iterate(
          Stream.suspend(() => stream(...args.slice(0, pageArity))),
          args[pageArity] as CallOptions | undefined
        )
    }
  })
  const withResponse = KernelGroups.groupsOf(operations, (operation): KernelGroups.Bound<Method> => {
    const call = callOf(operation)
    return {
      method: (...args) => {
        const { callOptions, effect } = call(args)
        return runner.run(HotdataClient.withResponse(effect), callOptions)
      }
    }
  })
  return { groups: groups as unknown as PromiseGroups, withResponse: withResponse as unknown as WithResponseGroups }
}
