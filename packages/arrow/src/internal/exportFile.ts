import type * as PlatformError from "@effect/platform/Error"
import type * as FileSystem from "@effect/platform/FileSystem"
import type { HotdataClient } from "@hotdata-effect/core/HotdataClient"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type * as ArrowResults from "../ArrowResults.js"
import type { ToFileOptions, Written } from "../Export.js"
import * as BufferedWriter from "./bufferedWriter.js"
import * as internal from "./results.js"

/** The size of each write to the file (two buffers of it are in use). */
export const WRITE_SIZE = 1024 * 1024

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
 * The body is pulled chunk by chunk from the response (under the client's idle timeout)
 * and handed to a {@link BufferedWriter.BufferedWriter}: the file sees few large writes,
 * and the next chunks are read while the last write is in progress. Progress is a count
 * reported by a ticker, never work per chunk.
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
        const file = yield* files.open(partial)
        const writer = yield* BufferedWriter.make(file.write, WRITE_SIZE)
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

        const pull = yield* Stream.toPull(response.stream)
        const take = (bytes: Uint8Array): Effect.Effect<void, ArrowResults.Error | E> => {
          const problem = check.push(bytes)
          if (problem !== undefined) return Effect.fail(problem)
          received += bytes.length
          return writer.write(bytes)
        }
        const copy: Effect.Effect<void, ArrowResults.Error | E> = Effect.matchEffect(pull, {
          onFailure: (error): Effect.Effect<void, ArrowResults.Error | E> => {
            if (Option.isSome(error)) return Effect.fail(internal.brokenOff(resultId, received, error.value))
            const problem = check.end()
            return problem === undefined ? writer.flush : Effect.fail(problem)
          },
          onSuccess: (chunk) =>
            Effect.zipRight(
              chunk.length === 1 ? take(Chunk.unsafeHead(chunk)) : Effect.forEach(chunk, take, { discard: true }),
              copy
            )
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
