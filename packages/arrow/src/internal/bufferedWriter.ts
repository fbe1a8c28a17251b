import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import type * as Scope from "effect/Scope"

/**
 * Gathers small chunks into large writes, and lets the next buffer fill while the last
 * one is being written.
 *
 * Two buffers of `size` bytes take turns: while one is written (in a fiber of its own),
 * chunks are copied into the other; when that one is full too, the writer waits for the
 * write before it, so at most one write is in flight and memory stays at two buffers. A
 * chunk of `size` bytes or more that arrives with the buffer empty is written as it is.
 */
export interface BufferedWriter<E> {
  /**
   * Takes `bytes` (copied, or written as they are when large). Answers `undefined` when
   * the bytes were only copied, which is the case of most chunks: no effect to run. The
   * effect it answers otherwise starts a write, waiting first for the write before it
   * when there is one; it fails with that write's error.
   */
  readonly write: (bytes: Uint8Array) => Effect.Effect<void, E> | undefined
  /** Writes what is buffered and waits for every write to finish. */
  readonly flush: Effect.Effect<void, E>
  /** The bytes whose writes have finished. */
  readonly written: () => number
}

/**
 * A writer over `write`, which must write all of the bytes it is given; the buffers are
 * only reused once it has finished. Closing the scope interrupts a write in flight.
 */
export const make = <E>(
  write: (bytes: Uint8Array) => Effect.Effect<void, E>,
  size: number
): Effect.Effect<BufferedWriter<E>, never, Scope.Scope> =>
  Effect.gen(function*() {
    // Invariant: buffers[index] is never the one being written.
    const buffers: [Uint8Array, Uint8Array | undefined] = [new Uint8Array(size), undefined]
    let index: 0 | 1 = 0
    let filled = 0
    let inFlight: Fiber.RuntimeFiber<void, E> | undefined
    let written = 0
    yield* Effect.addFinalizer(() => inFlight === undefined ? Effect.void : Fiber.interrupt(inFlight))

    /** Waits for the write in flight, then starts writing `bytes`; `swap` turns to the other buffer. */
    const dispatch = (bytes: Uint8Array, swap: boolean): Effect.Effect<void, E> => {
      const start = Effect.map(
        Effect.fork(Effect.map(write(bytes), () => {
          written += bytes.length
        })),
        (fiber) => {
          inFlight = fiber
          if (swap) {
            index = index === 0 ? 1 : 0
            buffers[index] ??= new Uint8Array(size)
            filled = 0
          }
        }
      )
      const previous = inFlight
      return previous === undefined ? start : Effect.zipRight(Fiber.join(previous), start)
    }

    /** Copies from `offset` on; an effect only when a write must be started first. */
    const take = (bytes: Uint8Array, offset: number): Effect.Effect<void, E> | undefined => {
      while (offset < bytes.length) {
        if (filled === 0 && bytes.length - offset >= size) {
          return dispatch(offset === 0 ? bytes : bytes.subarray(offset), false)
        }
        const n = Math.min(size - filled, bytes.length - offset)
        buffers[index]!.set(n === bytes.length ? bytes : bytes.subarray(offset, offset + n), filled)
        filled += n
        offset += n
        if (filled === size) {
          const rest = offset
          return Effect.zipRight(
            dispatch(buffers[index]!, true),
            Effect.suspend(() => take(bytes, rest) ?? Effect.void)
          )
        }
      }
      return undefined
    }

    return {
      write: (bytes) => take(bytes, 0),
      flush: Effect.suspend(() => {
        const last = filled > 0 ? dispatch(buffers[index]!.subarray(0, filled), true) : Effect.void
        return Effect.zipRight(
          last,
          Effect.suspend(() => {
            const fiber = inFlight
            inFlight = undefined
            return fiber === undefined ? Effect.void : Fiber.join(fiber)
          })
        )
      }),
      written: () => written
    }
  })
