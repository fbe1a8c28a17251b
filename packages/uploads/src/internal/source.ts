/**
 * What an upload reads from. A source of known size (a file, a `Uint8Array`, a
 * `Blob`) is read part by part with positioned reads, so any part can be read again
 * for a retry and only the parts in flight are held in memory. A `Stream` of unknown
 * length is read once, in order, one part at a time.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import { nodeFs } from "@hotdata-effect/kernel/fs"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { SourceError } from "../UploadError.js"

/**
 * Anything an upload can read from. A string or `URL` is a file path. A web
 * `ReadableStream`, a `Response` (its body), and any `AsyncIterable` of bytes (a Node
 * `Readable` among them) are read once, in order, like a `Stream`.
 */
export type UploadSource<E = never, R = never> =
  | string
  | URL
  | Uint8Array
  | Blob
  | Stream.Stream<Uint8Array, E, R>
  | ReadableStream<Uint8Array>
  | Response
  | AsyncIterable<Uint8Array>

/** A source whose size is known and whose bytes can be read at any offset, again and again. */
export interface Sized {
  readonly _tag: "Sized"
  readonly size: number
  readonly filename: string | undefined
  /** Reads exactly `length` bytes at `offset`; a short read is a `SourceError`. */
  readonly read: (offset: number, length: number) => Effect.Effect<Uint8Array, SourceError>
  /** Whether `readInto` fills a caller's buffer (so part buffers can be reused). */
  readonly readInto?: ((offset: number, buffer: Uint8Array) => Effect.Effect<Uint8Array, SourceError>) | undefined
  /** Fails when the source changed since it was opened (checked before finalizing). */
  readonly verify: Effect.Effect<void, SourceError>
  /** What, besides its size and content, tells this source from another (a file's modification time). */
  readonly identity: string
}

/** A source read once, in order. */
export interface Sequential {
  readonly _tag: "Sequential"
  readonly filename: string | undefined
  /** Reads up to `length` bytes; fewer only at the end of the source. */
  readonly read: (length: number) => Effect.Effect<Uint8Array, SourceError>
  /** Puts bytes back in front of what `read` returns next. */
  readonly unread: (bytes: Uint8Array) => void
}

export type Opened = Sized | Sequential

const basename = (path: string): string | undefined => {
  const name = path.split(/[\\/]/).pop()
  return name === undefined || name === "" ? undefined : name
}

const describe = (cause: unknown): string =>
  Predicate.isObject(cause) && "message" in cause && Predicate.isString(cause.message) ? cause.message : String(cause)

/** A `Uint8Array`: parts are views of it, never copies. */
export const fromBytes = (bytes: Uint8Array, filename?: string): Sized => ({
  _tag: "Sized",
  size: bytes.byteLength,
  filename,
  read: (offset, length) => Effect.succeed(bytes.subarray(offset, offset + length)),
  verify: Effect.void,
  identity: "bytes"
})

const fromBlob = (blob: Blob): Sized => {
  const size = blob.size
  const filename = "name" in blob && Predicate.isString(blob.name) && blob.name !== "" ? blob.name : undefined
  return {
    _tag: "Sized",
    size,
    filename,
    read: (offset, length) =>
      Effect.tryPromise({
        try: () => blob.slice(offset, offset + length).arrayBuffer(),
        catch: (cause) =>
          new SourceError({ reason: "unreadable", message: `the Blob could not be read: ${describe(cause)}`, cause })
      }).pipe(
        Effect.flatMap((buffer) =>
          buffer.byteLength === length
            ? Effect.succeed(new Uint8Array(buffer))
            : new SourceError({
              reason: "changed",
              message: `the Blob gave ${buffer.byteLength} bytes at offset ${offset}, expected ${length}`
            })
        )
      ),
    verify: Effect.void,
    identity: `blob:${"lastModified" in blob && typeof blob.lastModified === "number" ? blob.lastModified : ""}`
  }
}

const changed = (path: string, message: string) => new SourceError({ reason: "changed", path, message })
const unreadable = (path: string, cause: unknown) =>
  new SourceError({ reason: "unreadable", path, message: `${path} could not be read: ${describe(cause)}`, cause })

/** A file through the platform `FileSystem` service; each read opens its own handle. */
const fromFileSystem = (fs: FileSystem.FileSystem, path: string): Effect.Effect<Sized, SourceError> =>
  Effect.gen(function*() {
    const info = yield* Effect.mapError(fs.stat(path), (cause) => unreadable(path, cause))
    const size = Number(info.size)
    const mtime = Option.map(info.mtime, (date) => date.getTime())
    const read = (offset: number, length: number) =>
      Effect.scoped(Effect.gen(function*() {
        const file = yield* fs.open(path, { flag: "r" })
        yield* file.seek(offset, "start")
        const buffer = new Uint8Array(length)
        let done = 0
        while (done < length) {
          const n = Number(yield* file.read(buffer.subarray(done)))
          if (n === 0) return yield* changed(path, `${path} ended at ${offset + done} bytes, expected ${size}`)
          done += n
        }
        return buffer
      })).pipe(Effect.catchTag("SystemError", "BadArgument", (cause) => unreadable(path, cause)))
    const verify = Effect.flatMap(
      Effect.mapError(fs.stat(path), (cause) => unreadable(path, cause)),
      (now) =>
        Number(now.size) !== size || !Option.getEquivalence<number>((a, b) => a === b)(
            Option.map(now.mtime, (date) => date.getTime()),
            mtime
          )
          ? changed(path, `${path} changed while it was uploaded (${size} bytes, now ${Number(now.size)})`)
          : Effect.void
    )
    const identity = `file:${Option.getOrElse(mtime, () => "")}`
    return { _tag: "Sized", size, filename: basename(path), read, verify, identity } satisfies Sized
  })

/**
 * A file through `node:fs` positioned reads on one handle held for the upload.
 *
 * This is what runs when no `FileSystem` service is provided: it keeps the package
 * free of `@effect/platform-node` (whose peer dependencies pull in the cluster, RPC
 * and SQL packages) for the common case of uploading a file from Node. `node:fs` comes
 * through `@hotdata-effect/kernel/fs`, which outside Node resolves to a module without it: there a
 * path fails with a `SourceError` of reason `"unsupported"`.
 */
const fromNodeFs = (path: string): Effect.Effect<Sized, SourceError, Scope.Scope> =>
  Effect.gen(function*() {
    const fsp = nodeFs
    if (fsp === undefined) {
      return yield* new SourceError({
        reason: "unsupported",
        path,
        message: `${path}: file paths need Node (or a FileSystem service); pass a Blob or File instead`
      })
    }
    const handle = yield* Effect.acquireRelease(
      Effect.tryPromise({ try: () => fsp.open(path, "r"), catch: (cause) => unreadable(path, cause) }),
      (handle) => Effect.promise(() => handle.close().catch(() => undefined))
    )
    const info = yield* Effect.tryPromise({ try: () => handle.stat(), catch: (cause) => unreadable(path, cause) })
    if (!info.isFile()) return yield* unreadable(path, new Error("not a regular file"))
    const size = info.size
    const readInto = (offset: number, buffer: Uint8Array) =>
      Effect.tryPromise({
        try: async () => {
          const length = buffer.byteLength
          let done = 0
          while (done < length) {
            const { bytesRead } = await handle.read(buffer, done, length - done, offset + done)
            if (bytesRead === 0) return done
            done += bytesRead
          }
          return buffer
        },
        catch: (cause) => unreadable(path, cause)
      }).pipe(
        Effect.flatMap((result) =>
          typeof result === "number"
            ? changed(path, `${path} ended at ${offset + result} bytes, expected ${size}`)
            : Effect.succeed(result)
        )
      )
    const read = (offset: number, length: number) => readInto(offset, new Uint8Array(length))
    const verify = Effect.flatMap(
      Effect.tryPromise({ try: () => fsp.stat(path), catch: (cause) => unreadable(path, cause) }),
      (now) =>
        now.size !== size || now.mtimeMs !== info.mtimeMs
          ? changed(path, `${path} changed while it was uploaded (${size} bytes, now ${now.size})`)
          : Effect.void
    )
    const identity = `file:${Math.floor(info.mtimeMs)}`
    return { _tag: "Sized", size, filename: basename(path), read, readInto, verify, identity } satisfies Sized
  })

/** Reads a stream in pieces of a requested length. */
const fromStream = <E, R>(stream: Stream.Stream<Uint8Array, E, R>): Effect.Effect<Sequential, never, R | Scope.Scope> =>
  Effect.map(Effect.zip(Stream.toPull(stream), Effect.context<R>()), ([pullIn, context]) => {
    const pull = Effect.provide(pullIn, context)
    const pending: Array<Uint8Array> = []
    let pendingBytes = 0
    let ended = false
    const fill = Effect.flatMap(
      Effect.catchAll(pull, (error) =>
        Option.match(error, {
          onNone: () => {
            ended = true
            return Effect.succeed(Chunk.empty<Uint8Array>())
          },
          onSome: (cause) =>
            new SourceError({
              reason: "unreadable",
              message: `the source stream failed: ${describe(cause)}`,
              cause
            })
        })),
      (chunk) =>
        Effect.sync(() => {
          for (const bytes of chunk) {
            if (bytes.byteLength > 0) {
              pending.push(bytes)
              pendingBytes += bytes.byteLength
            }
          }
        })
    )
    const take = (length: number): Uint8Array => {
      const size = Math.min(length, pendingBytes)
      const first = pending[0]
      if (first !== undefined && first.byteLength >= size) {
        // The next piece covers the request: hand out a view instead of a copy.
        const out = first.subarray(0, size)
        if (first.byteLength === size) pending.shift()
        else pending[0] = first.subarray(size)
        pendingBytes -= size
        return out
      }
      const out = new Uint8Array(size)
      let done = 0
      while (done < size) {
        const piece = pending[0]!
        const n = Math.min(piece.byteLength, size - done)
        out.set(piece.subarray(0, n), done)
        done += n
        if (n === piece.byteLength) pending.shift()
        else pending[0] = piece.subarray(n)
      }
      pendingBytes -= size
      return out
    }
    const read = (length: number): Effect.Effect<Uint8Array, SourceError> =>
      Effect.suspend(() =>
        pendingBytes >= length || ended ? Effect.sync(() => take(length)) : Effect.zipRight(fill, read(length))
      )
    return {
      _tag: "Sequential",
      filename: undefined,
      read,
      unread: (bytes) => {
        if (bytes.byteLength === 0) return
        pending.unshift(bytes)
        pendingBytes += bytes.byteLength
      }
    } satisfies Sequential
  })

/** A piece of a byte source: a `Uint8Array` (a Node `Buffer` is one); anything else fails the read. */
const toBytes = (piece: unknown): Effect.Effect<Uint8Array, TypeError> =>
  piece instanceof Uint8Array
    ? Effect.succeed(piece)
    : Effect.fail(
      new TypeError(`the source gave a ${typeof piece} where bytes were expected (a Node stream with an encoding set?)`)
    )

const fromWebStream = (stream: ReadableStream<Uint8Array>): Stream.Stream<Uint8Array, unknown> =>
  Stream.fromReadableStream({ evaluate: () => stream, onError: (cause) => cause }).pipe(Stream.mapEffect(toBytes))

const isStream = <E, R>(u: UploadSource<E, R>): u is Stream.Stream<Uint8Array, E, R> =>
  Predicate.hasProperty(u, Stream.StreamTypeId)

/** Opens a source for reading for the life of the scope. */
export const open = <E, R>(
  source: UploadSource<E, R>
): Effect.Effect<Opened, SourceError, R | Scope.Scope> => {
  if (isStream(source)) return fromStream(source)
  if (source instanceof Uint8Array) return Effect.succeed(fromBytes(source))
  if (typeof Response !== "undefined" && source instanceof Response) {
    const body = source.body
    return body === null ? Effect.succeed(fromBytes(new Uint8Array(0))) : fromStream(fromWebStream(body))
  }
  if (typeof ReadableStream !== "undefined" && source instanceof ReadableStream) {
    return fromStream(fromWebStream(source as ReadableStream<Uint8Array>))
  }
  if (Predicate.hasProperty(source, Symbol.asyncIterator)) {
    return fromStream(
      Stream.fromAsyncIterable(source as AsyncIterable<Uint8Array>, (cause) => cause).pipe(
        Stream.mapEffect(toBytes)
      )
    )
  }
  if (typeof source === "string" || source instanceof URL) {
    const path = source instanceof URL ? decodeURIComponent(source.pathname) : source
    return Effect.flatMap(
      Effect.serviceOption(FileSystem.FileSystem),
      Option.match({ onNone: () => fromNodeFs(path), onSome: (fs) => fromFileSystem(fs, path) })
    )
  }
  return Effect.succeed(fromBlob(source as Blob))
}
