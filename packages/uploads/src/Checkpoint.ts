/**
 * Checkpoints of resumable uploads, and where they are kept.
 *
 * A checkpoint holds what a later process needs to finish an upload: the upload id,
 * the finalize token (a secret: `Redacted` in memory, never logged, in a file only
 * readable by its owner), the part size, the parts storage confirmed with their
 * ETags and the CRC-32 of the bytes each was sent with, and a fingerprint of the
 * source so that a changed source is refused.
 *
 * The store is a service: provide {@link CheckpointStore} to keep checkpoints
 * elsewhere (a database, a key-value store). Without one, {@link fileStore} is used,
 * which takes the key as a file path.
 *
 * @since 0.1.0
 */
import { nodeFs } from "@hotdata-effect/kernel/fs"
import * as CheckpointFormat from "@hotdata-effect/kernel/uploads/checkpointFormat"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { CheckpointError } from "./UploadError.js"

/**
 * A part storage confirmed: its number, its ETag, and the CRC-32 of the bytes it was
 * sent with (absent in checkpoints of version 1), which a resume checks the source's
 * bytes against before trusting the part.
 *
 * @since 0.1.0
 * @category models
 */
export const CheckpointPart = Schema.Struct({
  partNumber: Schema.Number,
  eTag: Schema.String,
  crc32: Schema.optional(Schema.Number)
})

/**
 * @since 0.1.0
 * @category models
 */
export type CheckpointPart = typeof CheckpointPart.Type

/**
 * The version of the checkpoints this package writes. Version 2 records a CRC-32 per
 * part; a checkpoint of version 1 (without them) still resumes its session, but its
 * parts are sent again, since nothing shows they hold the source's bytes.
 *
 * @since 0.1.0
 * @category models
 */
export const CURRENT_VERSION = CheckpointFormat.CURRENT_VERSION

/**
 * The state of a resumable upload: saved whole when the upload starts (or resumes),
 * with each part storage confirms added before the part is reported finished.
 *
 * @since 0.1.0
 * @category models
 */
export class Checkpoint extends Schema.Class<Checkpoint>("@hotdata-effect/uploads/Checkpoint")({
  version: Schema.Literal(...CheckpointFormat.VERSIONS),
  uploadId: Schema.String,
  /** Encoded as the plain token: keep the stored form where only its owner can read it. */
  finalizeToken: Schema.Redacted(Schema.String),
  partSize: Schema.Number,
  /** The size of the source in bytes. */
  size: Schema.Number,
  /** A digest of the source's size, modification time and sampled content. */
  fingerprint: Schema.String,
  /** Headers the session asks every PUT to carry. */
  headers: Schema.Record({ key: Schema.String, value: Schema.String }),
  /** When the session was opened, in milliseconds since the epoch. */
  createdAt: Schema.Number,
  parts: Schema.Array(CheckpointPart)
}) {}

/**
 * Where checkpoints are kept, by key.
 *
 * @since 0.1.0
 * @category tags
 */
export class CheckpointStore extends Context.Tag("@hotdata-effect/uploads/CheckpointStore")<
  CheckpointStore,
  CheckpointStore.Service
>() {}

/**
 * @since 0.1.0
 */
export declare namespace CheckpointStore {
  /**
   * @since 0.1.0
   * @category models
   */
  export interface Service {
    /** The checkpoint stored under `key`, if any. */
    readonly load: (key: string) => Effect.Effect<Option.Option<Checkpoint>, CheckpointError>
    /** Replaces the checkpoint under `key`; the old one stays whole if this fails. */
    readonly save: (key: string, checkpoint: Checkpoint) => Effect.Effect<void, CheckpointError>
    /**
     * Adds confirmed parts (one or more: those that finished while the last append
     * ran) to the checkpoint saved under `key`: once it succeeds, `load` answers the
     * checkpoint with those parts. Appends never overlap. Optional: without it, the
     * whole checkpoint is saved again after each part (saves never overlap, and one
     * that waited behind another that already wrote its part is skipped). Worth having
     * where a save costs the size of the checkpoint, for uploads of thousands of parts.
     */
    readonly append?:
      | ((key: string, parts: ReadonlyArray<CheckpointPart>) => Effect.Effect<void, CheckpointError>)
      | undefined
    /** Forgets the checkpoint under `key` (nothing happens when there is none). */
    readonly remove: (key: string) => Effect.Effect<void, CheckpointError>
  }
}

const encodeCheckpoint = Schema.encodeEither(Checkpoint)
const decodeCheckpoint = Schema.decodeUnknownEither(Checkpoint)
const decodePart = Schema.decodeUnknownEither(CheckpointPart)

const describe = (cause: unknown): string =>
  typeof cause === "object" && cause !== null && "message" in cause && typeof cause.message === "string"
    ? cause.message
    : String(cause)

/** A store's failure to write or read the checkpoint under `key`. */
const storeFailure = (reason: "unwritable" | "unreadable", verb: string) => (key: string, cause: unknown) =>
  new CheckpointError({ reason, key, message: `the checkpoint ${key} could not be ${verb}: ${describe(cause)}`, cause })

const unwritable = storeFailure("unwritable", "written")
const unreadable = storeFailure("unreadable", "read")

/**
 * What a stored text is not, as an error that names where it is wrong and never what
 * it holds: a parser's own message quotes the text (and a checkpoint holds the finalize
 * token), so neither that message nor the parser's error is kept.
 */
const malformed = (key: string, message: string, field?: string) =>
  new CheckpointError({
    reason: "unreadable",
    key,
    message: `the checkpoint ${key} is not a checkpoint: ${message}`,
    ...(field !== undefined ? { field } : {})
  })

/** Decodes the JSON text of `what` (the checkpoint, or a part line of a file checkpoint). */
const decodeText = <A>(
  key: string,
  text: string,
  what: string,
  decode: (u: unknown) => Either.Either<A, ParseResult.ParseError>
): Either.Either<A, CheckpointError> => {
  const parsed = CheckpointFormat.parseObject(text, what)
  if (parsed.problem !== undefined) return Either.left(malformed(key, parsed.problem))
  return Either.mapLeft(decode(parsed.object), (error) => {
    const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
    const field = issue === undefined ? "" : CheckpointFormat.fieldOf(issue.path)
    const wrong = issue?._tag === "Missing" ? "is missing" : "does not have the expected type or value"
    return field === ""
      ? malformed(key, `${what} does not have the shape of one`)
      : malformed(key, `${what}: \`${field}\` ${wrong}`, field)
  })
}

/** Checkpoints as JSON text, so a store of strings is enough to keep one. */
const encode = (key: string, checkpoint: Checkpoint) =>
  Either.match(encodeCheckpoint(checkpoint), {
    onLeft: () =>
      Effect.fail(
        new CheckpointError({ reason: "unwritable", key, message: `the checkpoint ${key} could not be encoded` })
      ),
    onRight: (encoded) => Effect.succeed(JSON.stringify(encoded))
  })

const decode = (key: string, text: string) => decodeText(key, text, "its JSON", decodeCheckpoint)

/** `node:fs`, or a `CheckpointError` saying where there is none to keep files with. */
const files = (key: string, fail: (key: string, cause: unknown) => CheckpointError) =>
  nodeFs === undefined
    ? Effect.fail(
      fail(
        key,
        new Error("checkpoint files need Node; provide a CheckpointStore (e.g. Checkpoint.layerMemory)")
      )
    )
    : Effect.succeed(nodeFs)

/** The text of a file checkpoint (see the kernel's `CheckpointFormat.fileLines`). */
const decodeFile = (key: string, text: string) =>
  Effect.gen(function*() {
    const { appended, head } = CheckpointFormat.fileLines(text)
    const checkpoint = yield* decode(key, head)
    if (appended.length === 0) return checkpoint
    const parts: Array<CheckpointPart> = []
    for (let i = 0; i < appended.length; i++) {
      parts.push(yield* decodeText(key, appended[i]!, `its appended line ${i + 1}`, decodePart))
    }
    return new Checkpoint({ ...checkpoint, parts: CheckpointFormat.mergeParts(checkpoint.parts, parts) })
  })

/**
 * A store of files: the key is the checkpoint's path. A checkpoint is written to a
 * temporary file of mode 0600 beside it and renamed over it, so a crash in the
 * middle of a write leaves the previous checkpoint whole. Each part confirmed later
 * is appended as one line (a few dozen bytes, whatever the number of parts; parts that
 * finish together go in one write), and a last line a crash cut short is ignored when
 * the checkpoint is read; the next save
 * (a resume saves before sending anything) folds the lines back into one. Needs
 * `node:fs` (Node, Bun, Deno), reached through `@hotdata-effect/kernel/fs`; where
 * there is none (a browser) every call fails with a `CheckpointError` asking for
 * another store.
 *
 * @since 0.1.0
 * @category stores
 */
export const fileStore: CheckpointStore.Service = CheckpointStore.of({
  load: (key) =>
    Effect.gen(function*() {
      const fsp = yield* files(key, unreadable)
      const text = yield* Effect.tryPromise({
        try: () =>
          fsp.readFile(key, "utf8").catch((error) => (error?.code === "ENOENT" ? undefined : Promise.reject(error))),
        catch: (e) => unreadable(key, e)
      })
      if (text === undefined) return Option.none()
      return Option.some(yield* decodeFile(key, text))
    }),
  save: (key, checkpoint) =>
    Effect.gen(function*() {
      const text = (yield* encode(key, checkpoint)) + "\n"
      const fsp = yield* files(key, unwritable)
      yield* Effect.tryPromise({
        try: async () => {
          const temporary = `${key}.${Math.random().toString(36).slice(2)}.tmp`
          try {
            await fsp.writeFile(temporary, text, { mode: 0o600, flag: "wx" })
            await fsp.rename(temporary, key)
          } catch (error) {
            await fsp.rm(temporary, { force: true }).catch(() => undefined)
            throw error
          }
        },
        catch: (e) => unwritable(key, e)
      })
    }),
  append: (key, parts) =>
    Effect.gen(function*() {
      const fsp = yield* files(key, unwritable)
      const lines = parts.map(CheckpointFormat.partLine).join("")
      yield* Effect.tryPromise({
        try: async () => {
          // Without O_CREAT: a part is only ever added to a checkpoint that was saved.
          const handle = await fsp.open(key, fsp.constants.O_WRONLY | fsp.constants.O_APPEND)
          try {
            await handle.writeFile(lines)
          } finally {
            await handle.close()
          }
        },
        catch: (e) => unwritable(key, e)
      })
    }),
  remove: (key) =>
    Effect.flatMap(files(key, unwritable), (fsp) =>
      Effect.tryPromise({
        try: () => fsp.rm(key, { force: true }),
        catch: (e) => unwritable(key, e)
      }))
})

/**
 * {@link fileStore} as a layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFile: Layer.Layer<CheckpointStore> = Layer.succeed(CheckpointStore, fileStore)

/**
 * A store in memory, for one process (tests, or a caller that persists checkpoints
 * itself through `onEvent`). Checkpoints are kept encoded, as a file store would.
 *
 * @since 0.1.0
 * @category stores
 */
export const makeMemory: Effect.Effect<CheckpointStore.Service> = Effect.sync(() => {
  const entries = new Map<string, string>()
  return CheckpointStore.of({
    load: (key) => {
      const text = entries.get(key)
      return text === undefined ? Effect.succeedNone : Effect.asSome(decode(key, text))
    },
    save: (key, checkpoint) => Effect.map(encode(key, checkpoint), (text) => void entries.set(key, text)),
    remove: (key) => Effect.sync(() => void entries.delete(key))
  })
})

/**
 * {@link makeMemory} as a layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMemory: Layer.Layer<CheckpointStore> = Layer.effect(CheckpointStore, makeMemory)
