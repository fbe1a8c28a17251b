/**
 * Running effects and streams as Promises and async iterables, for the Promise client
 * and the Promise facades built on it: one fiber per call, interrupted when the call's
 * signal aborts or the client is disposed, and rejecting with the SDK's typed error.
 *
 * @internal
 */
import * as Cause from "effect/Cause"
import type * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FiberId from "effect/FiberId"
import * as Runtime from "effect/Runtime"
import * as Stream from "effect/Stream"
import * as HotdataClient from "../../HotdataClient.js"
import type { CallOptions, Runner } from "../../PromiseClient.js"
import * as RetryPolicy from "../../RetryPolicy.js"

const sdkErrors = new WeakSet<object>()

/** Whether `u` is a tagged error the Promise client (or a facade) threw. @internal */
export const isSdkError = (u: unknown): boolean => typeof u === "object" && u !== null && sdkErrors.has(u)

/** Marks a tagged error as thrown by the SDK, for `instanceof HotdataPromiseError`. @internal */
export const mark = <A>(error: A): A => {
  if (typeof error === "object" && error !== null && "_tag" in error) sdkErrors.add(error)
  return error
}

/** The error a failed call rejects with: the SDK's typed error where there is one. @internal */
export const errorOf = (cause: Cause.Cause<unknown>): unknown => {
  const failure = Cause.failureOption(cause)
  return failure._tag === "Some" ? mark(failure.value) : Cause.squash(cause)
}

/** The effect with the call options applied as the client's combinators. */
const applyOptions = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  options: CallOptions | undefined
): Effect.Effect<A, E, R> => {
  if (options === undefined) return effect
  let out = effect
  if (options.timeout !== undefined) out = HotdataClient.withTimeout(out, options.timeout)
  if (options.maxRetries !== undefined) {
    out = HotdataClient.withRetryPolicy(
      out,
      options.maxRetries <= 0 ? RetryPolicy.none : RetryPolicy.make({ maxRetries: options.maxRetries })
    )
  }
  if (options.headers !== undefined) out = HotdataClient.withHeaders(out, options.headers)
  return out
}

/** A runner with `dispose`, which ends every call and iteration in flight. @internal */
export interface OwnedRunner extends Runner {
  readonly dispose: () => Promise<void>
}

/** The runner of a client whose calls run on `runtime`. @internal */
export const make = (runtime: Runtime.Runtime<HotdataClient.HotdataClient>): OwnedRunner => {
  const fork = Runtime.runFork(runtime)

  // What ends the calls and iterations in flight, so that dispose() can cancel them.
  const inFlight = new Set<(reason: unknown) => void>()
  let disposed = false
  const disposedError = () => new DOMException("The Hotdata client was disposed", "AbortError")
  const abortedError = (signal: AbortSignal): unknown =>
    signal.reason ?? new DOMException("The call was aborted", "AbortError")

  /** A controller aborted by the caller's signal and by dispose(); `release` detaches it. */
  const track = (signal: AbortSignal | undefined) => {
    if (disposed) throw disposedError()
    if (signal?.aborted) throw abortedError(signal)
    const controller = new AbortController()
    const forward = () => controller.abort(abortedError(signal!))
    const end = (reason: unknown) => controller.abort(reason)
    signal?.addEventListener("abort", forward, { once: true })
    inFlight.add(end)
    const release = () => {
      inFlight.delete(end)
      signal?.removeEventListener("abort", forward)
    }
    return { controller, release }
  }

  const rethrow = (controller: AbortController, cause: Cause.Cause<unknown>): never => {
    if (controller.signal.aborted) throw controller.signal.reason
    throw errorOf(cause)
  }

  // One fiber per call, observed: no controller unless the caller gave a signal. An abort
  // (the caller's signal or dispose()) interrupts the fiber, and the call rejects with its reason.
  const run: Runner["run"] = <A, E>(
    effect: Effect.Effect<A, E, HotdataClient.HotdataClient>,
    callOptions?: CallOptions
  ): Promise<A> =>
    new Promise<A>((resolve, reject) => {
      const signal = callOptions?.signal
      if (disposed) return reject(disposedError())
      if (signal?.aborted) return reject(abortedError(signal))
      const fiber = fork(applyOptions(effect, callOptions))
      let aborted: { readonly reason: unknown } | undefined
      const end = (reason: unknown) => {
        aborted ??= { reason }
        fiber.unsafeInterruptAsFork(FiberId.none)
      }
      const onAbort = () => end(abortedError(signal!))
      inFlight.add(end)
      signal?.addEventListener("abort", onAbort, { once: true })
      fiber.addObserver((exit) => {
        inFlight.delete(end)
        signal?.removeEventListener("abort", onAbort)
        if (aborted !== undefined) reject(aborted.reason)
        else if (Exit.isSuccess(exit)) resolve(exit.value)
        else reject(errorOf(exit.cause))
      })
    })

  const iterate: Runner["iterate"] = <A, E>(
    stream: Stream.Stream<A, E, HotdataClient.HotdataClient>,
    callOptions?: CallOptions
  ): AsyncIterable<A> => ({
    [Symbol.asyncIterator]: () => {
      const { controller, release } = track(callOptions?.signal)
      let inner: AsyncIterator<A> | undefined
      const stop = () => {
        release()
        return inner?.return?.()
      }
      // An abort (signal or dispose) interrupts the stream; the pending next() rejects with the reason.
      const aborted = new Promise<never>((_, reject) =>
        controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true })
      )
      aborted.catch(() => {})
      const get = async () => inner ??= Stream.toAsyncIterableRuntime(stream, runtime)[Symbol.asyncIterator]()
      const unwrap = (error: unknown): never => {
        if (controller.signal.aborted) throw controller.signal.reason
        if (Runtime.isFiberFailure(error)) return rethrow(controller, error[Runtime.FiberFailureCauseId])
        throw error
      }
      return {
        next: async () => {
          if (controller.signal.aborted) {
            await stop()
            throw controller.signal.reason
          }
          try {
            const result = await Promise.race([
              get().then((it) => it.next()),
              aborted
            ])
            if (result.done) release()
            return result
          } catch (error) {
            await Promise.resolve(stop()).catch(() => {})
            return unwrap(error)
          }
        },
        return: async () => {
          await stop()
          return { done: true, value: undefined }
        }
      }
    }
  })

  const dispose = async () => {
    if (disposed) return
    disposed = true
    for (const end of inFlight) end(disposedError())
  }

  return { run, iterate, dispose }
}
