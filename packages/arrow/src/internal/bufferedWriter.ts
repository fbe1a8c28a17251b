import * as Effect from "effect/Effect"

/**
 * Gathers small chunks into large writes.
 *
 * Chunks are copied into one buffer of `size` bytes; when it is full, its write is the
 * effect `write` answers, and the caller runs it before handing over more bytes. A chunk
 * of `size` bytes or more that arrives with the buffer empty is written as it is. Writes
 * are made one at a time by the fiber that takes the chunks: the body keeps arriving
 * meanwhile underneath (the body reader's read ahead, the transport's and the socket's
 * buffers), which costs less than a fiber per write, and memory stays at one buffer.
 */
export interface BufferedWriter<E> {
  /**
   * Takes `bytes` (copied, or written as they are when large). Answers `undefined` when
   * the bytes were only copied, which is the case of most chunks: no effect to run.
   * Otherwise it answers the effect that writes the full buffer (and takes the rest of
   * `bytes`), which must complete before the next call; it fails with the write's error.
   */
  readonly write: (bytes: Uint8Array) => Effect.Effect<void, E> | undefined
  /** Writes what is buffered. */
  readonly flush: Effect.Effect<void, E>
  /** The bytes whose writes have finished. */
  readonly written: () => number
}

/** A writer over `write`, which must write all of the bytes it is given. */
export const make = <E>(write: (bytes: Uint8Array) => Effect.Effect<void, E>, size: number): BufferedWriter<E> => {
  const buffer = new Uint8Array(size)
  let filled = 0
  let written = 0

  const writeOut = (bytes: Uint8Array): Effect.Effect<void, E> =>
    Effect.map(write(bytes), () => {
      written += bytes.length
    })

  /** Copies from `offset` on; an effect only when a write must be made first. */
  const take = (bytes: Uint8Array, offset: number): Effect.Effect<void, E> | undefined => {
    while (offset < bytes.length) {
      if (filled === 0 && bytes.length - offset >= size) {
        return writeOut(offset === 0 ? bytes : bytes.subarray(offset))
      }
      const n = Math.min(size - filled, bytes.length - offset)
      buffer.set(n === bytes.length ? bytes : bytes.subarray(offset, offset + n), filled)
      filled += n
      offset += n
      if (filled === size) {
        const rest = offset
        return Effect.zipRight(
          writeOut(buffer),
          Effect.suspend(() => {
            filled = 0
            return take(bytes, rest) ?? Effect.void
          })
        )
      }
    }
    return undefined
  }

  return {
    write: (bytes) => take(bytes, 0),
    flush: Effect.suspend(() => {
      if (filled === 0) return Effect.void
      const last = buffer.subarray(0, filled)
      return Effect.map(writeOut(last), () => {
        filled = 0
      })
    }),
    written: () => written
  }
}
