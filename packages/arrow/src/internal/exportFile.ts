import type * as PlatformError from "@effect/platform/Error"
import type * as FileSystem from "@effect/platform/FileSystem"
import type { HotdataClient } from "@hotdata-effect/core/HotdataClient"
import * as Results from "@hotdata-effect/core/Results"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import type * as ArrowResults from "../ArrowResults.js"
import type { ToFileOptions, Written } from "../Export.js"
import * as BufferedWriter from "./bufferedWriter.js"
import * as internal from "./results.js"

/**
 * The size of each write to the file (one buffer of it is in use). Measured on Node over
 * a local server: half a MiB costs less CPU than 1 MiB (the buffer and the chunks being
 * copied stay in a core's cache), and less than 256 KiB (fewer writes, each a few effects).
 */
export const WRITE_SIZE = 512 * 1024

/** An open file: `write` writes all of the bytes it is given, at the end of the file. */
export interface OpenFile<E> {
  readonly write: (bytes: Uint8Array) => Effect.Effect<void, E>
}

/** The three file operations of an export. */
export interface Files<E> {
  /** Creates (or empties) the file at `path`; the scope closes it. */
  readonly open: (path: string) => Effect.Effect<OpenFile<E>, E, Scope.Scope>
  readonly rename: (from: string, to: string) => Effect.Effect<void, E>
  /** Removes the file at `path`, if there is one. */
  readonly remove: (path: string) => Effect.Effect<void, E>
}

/** The file operations of an export over the platform's `FileSystem`. */
export const fileSystemFiles = (fs: FileSystem.FileSystem): Files<PlatformError.PlatformError> => ({
  open: (path) => Effect.map(fs.open(path, { flag: "w" }), (file) => ({ write: (bytes) => file.writeAll(bytes) })),
  rename: fs.rename,
  remove: (path) => fs.remove(path, { force: true })
})

/**
 * Streams a result to `path` through `<path>.partial`, renamed into place once the body
 * is complete and checked; on failure or interruption the partial file is removed.
 *
 * The body is read with the core's `Results.bodyReader` (under the client's idle
 * timeout), whose chunks are checked and handed to a {@link BufferedWriter.BufferedWriter}
 * as they arrive, synchronously: an effect runs only when the buffer is full and must be
 * written, so a write costs a few effects, not a few per chunk. The file sees few large
 * writes, one at a time; the body keeps arriving meanwhile into the reader's read ahead
 * and the transport's buffers. Progress is a count reported by a ticker, never work per
 * chunk.
 */
export const toFile = <E>(
  resultId: string,
  path: string,
  options: ToFileOptions,
  files: Files<E>
): Effect.Effect<Written, ArrowResults.Error | E, HotdataClient> =>
  Effect.gen(function*() {
    const partial = `${path}.partial`
    let received = 0
    const totalRowCount = yield* Effect.scoped(
      Effect.gen(function*() {
        const { info, response } = yield* internal.requestReady(resultId, options.format, options, false)
        // The reader starts reading ahead at once, while the file is being opened.
        const reader = yield* Results.bodyReader(response)
        const file = yield* files.open(partial)
        const writer = BufferedWriter.make(file.write, WRITE_SIZE)
        const check = internal.bodyCheck(resultId, options.format)

        const onProgress = options.onProgress
        const length = Number(response.headers["content-length"])
        const totalBytes = Number.isSafeInteger(length) && length >= 0 ? length : undefined
        const startedAt = yield* Clock.currentTimeMillis
        let reported = -1
        const report = (done: boolean) =>
          Effect.flatMap(Clock.currentTimeMillis, (now) => {
            const written = writer.written()
            if (onProgress === undefined || (!done && written === reported)) return Effect.void
            reported = written
            const seconds = (now - startedAt) / 1000
            const result = onProgress({
              bytesWritten: written,
              totalBytes,
              percent: totalBytes === undefined ? undefined : totalBytes === 0 ? 100 : (written / totalBytes) * 100,
              totalRowCount: info.totalRowCount,
              bytesPerSecond: seconds > 0 ? written / seconds : 0,
              done
            })
            return Effect.isEffect(result) ? result : Effect.void
          })
        const ticker = onProgress === undefined ? undefined : yield* Effect.forkScoped(
          Effect.repeat(
            Effect.zipRight(
              Effect.sleep(options.progressInterval ?? "250 millis"),
              Effect.suspend(() => report(false))
            ),
            Schedule.forever
          )
        )

        // Chunks are checked and copied as they arrive, with no effect per chunk: a read
        // ends only to start a write (or at the end, or on a malformed body).
        let problem: ArrowResults.Error | undefined
        let started: Effect.Effect<void, E> | undefined
        const take = (bytes: Uint8Array): boolean => {
          problem = check.push(bytes)
          if (problem !== undefined) return false
          received += bytes.length
          started = writer.write(bytes)
          return started === undefined
        }
        const copy: Effect.Effect<void, ArrowResults.Error | E> = Effect.matchEffect(reader.read(take), {
          onFailure: (error) => Effect.fail(internal.brokenOff(resultId, received, error)),
          onSuccess: (more): Effect.Effect<void, ArrowResults.Error | E> => {
            if (problem !== undefined) return Effect.fail(problem)
            if (started !== undefined) {
              const write = started
              started = undefined
              return Effect.zipRight(write, copy)
            }
            if (more) return copy
            const short = check.end()
            return short === undefined ? writer.flush : Effect.fail(short)
          }
        })
        yield* copy

        if (ticker !== undefined) {
          yield* Fiber.interrupt(ticker)
          yield* report(true)
        }
        return info.totalRowCount
      })
    ).pipe(
      Effect.onExit((exit) => Exit.isFailure(exit) ? Effect.ignore(files.remove(partial)) : Effect.void)
    )
    yield* files.rename(partial, path).pipe(Effect.tapError(() => Effect.ignore(files.remove(partial))))
    return { path, format: options.format, bytes: received, totalRowCount } satisfies Written
  }).pipe(
    Effect.withSpan("Hotdata.Export.toFile", {
      attributes: { "hotdata.result_id": resultId, "hotdata.format": options.format }
    })
  )
