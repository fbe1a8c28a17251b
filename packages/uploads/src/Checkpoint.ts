/**
 * Checkpoints of resumable uploads, and where they are kept.
 *
 * A checkpoint holds what a later process needs to finish an upload: the upload id,
 * the finalize token (a secret: `Redacted` in memory, never logged, in a file only
 * readable by its owner), the part size, the parts storage confirmed with their
 * ETags, and a fingerprint of the source so that a changed source is refused.
 *
 * The store is a service: provide {@link CheckpointStore} to keep checkpoints
 * elsewhere (a database, a key-value store). Without one, {@link fileStore} is used,
 * which takes the key as a file path.
 *
 * @since 0.1.0
 */
import { nodeFs } from "#fs"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { CheckpointError } from "./UploadError.js"

/**
 * A part storage confirmed.
 *
 * @since 0.1.0
 * @category models
 */
export const CheckpointPart = Schema.Struct({ partNumber: Schema.Number, eTag: Schema.String })

/**
 * @since 0.1.0
 * @category models
 */
export type CheckpointPart = typeof CheckpointPart.Type

/**
 * The state of a resumable upload: saved whole when the upload starts (or resumes),
 * with each part storage confirms added before the part is reported finished.
 *
 * @since 0.1.0
 * @category models
 */
export class Checkpoint extends Schema.Class<Checkpoint>("@hotdata-effect/uploads/Checkpoint")({
  version: Schema.Literal(1),
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

const CheckpointJson = Schema.parseJson(Checkpoint)
const encodeJson = Schema.encode(CheckpointJson)
const decodeJson = Schema.decodeUnknown(CheckpointJson)
const decodePartJson = Schema.decodeUnknown(Schema.parseJson(CheckpointPart))

const describe = (cause: unknown): string =>
  typeof cause === "object" && cause !== null && "message" in cause && typeof cause.message === "string"
    ? cause.message
    : String(cause)

const unwritable = (key: string, cause: unknown) =>
  new CheckpointError({
    reason: "unwritable",
    key,
    message: `the checkpoint ${key} could not be written: ${describe(cause)}`,
    cause
  })

const unreadable = (key: string, cause: unknown) =>
  new CheckpointError({
    reason: "unreadable",
    key,
    message: `the checkpoint ${key} could not be read: ${describe(cause)}`,
    cause
  })

/** Checkpoints as JSON text, so a store of strings is enough to keep one. */
const encode = (key: string, checkpoint: Checkpoint) =>
  Effect.mapError(encodeJson(checkpoint), (error) => unwritable(key, error))

const decode = (key: string, text: string) => Effect.mapError(decodeJson(text), (error) => unreadable(key, error))

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

/**
 * The text of a file checkpoint: the checkpoint's JSON on its first line, then one
 * line of JSON per part appended since. Only lines ended by a newline count: the last
 * line a crash cut short is ignored (its part is sent again on resume).
 */
const decodeFile = (key: string, text: string) =>
  Effect.gen(function*() {
    const lines = text.split("\n")
    const checkpoint = yield* decode(key, lines[0]!)
    // What follows the last newline is empty, or a line a crash cut short.
    const appended = lines.slice(1, -1).filter((line) => line !== "")
    if (appended.length === 0) return checkpoint
    const parts = new Map(checkpoint.parts.map((part) => [part.partNumber, part]))
    for (const line of appended) {
      const part = yield* Effect.mapError(decodePartJson(line), (error) => unreadable(key, error))
      parts.set(part.partNumber, part)
    }
    return new Checkpoint({ ...checkpoint, parts: [...parts.values()].sort((a, b) => a.partNumber - b.partNumber) })
  })

/** A part as a line of a file checkpoint. */
const partLine = (part: CheckpointPart) => JSON.stringify({ partNumber: part.partNumber, eTag: part.eTag }) + "\n"

/**
 * A store of files: the key is the checkpoint's path. A checkpoint is written to a
 * temporary file of mode 0600 beside it and renamed over it, so a crash in the
 * middle of a write leaves the previous checkpoint whole. Each part confirmed later
 * is appended as one line (a few dozen bytes, whatever the number of parts; parts that
 * finish together go in one write), and a last line a crash cut short is ignored when
 * the checkpoint is read; the next save
 * (a resume saves before sending anything) folds the lines back into one. Needs
 * `node:fs` (Node, Bun, Deno), reached through the package's `#fs` import; where
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
      const lines = parts.map(partLine).join("")
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
