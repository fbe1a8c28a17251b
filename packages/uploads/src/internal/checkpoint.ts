/**
 * Resumable uploads: the fingerprint that ties a checkpoint to its source, the store
 * in use, and the writer that keeps the checkpoint up to date as parts finish.
 */
import { crc32 } from "@hotdata-effect/kernel/crc32"
import * as Plan from "@hotdata-effect/kernel/uploads/plan"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import { Checkpoint, type CheckpointPart, CheckpointStore, CURRENT_VERSION, fileStore } from "../Checkpoint.js"
import { CheckpointError, type SourceError } from "../UploadError.js"
import type { PartRecord, Tracker } from "./shared.js"
import type { Sized } from "./source.js"

const SAMPLE = 64 * 1024

const hex = (buffer: ArrayBuffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("")

/**
 * A SHA-256 of the source's size, identity (a file's modification time) and three
 * samples of 64 KiB (head, middle, tail): cheap for any size, and it tells a
 * replaced or rewritten file from the one a checkpoint was written for.
 */
export const fingerprint = (source: Sized): Effect.Effect<string, SourceError> =>
  Effect.gen(function*() {
    const size = source.size
    const length = Math.min(SAMPLE, size)
    const offsets = [...new Set([0, Math.max(0, Math.floor(size / 2) - Math.floor(length / 2)), size - length])]
    const header = new TextEncoder().encode(`${size}|${source.identity}|`)
    const samples: Array<Uint8Array> = [header]
    for (const offset of offsets) samples.push(new Uint8Array(yield* source.read(offset, length)))
    const all = new Uint8Array(samples.reduce((n, s) => n + s.byteLength, 0))
    let at = 0
    for (const sample of samples) {
      all.set(sample, at)
      at += sample.byteLength
    }
    return hex(yield* Effect.promise(() => globalThis.crypto.subtle.digest("SHA-256", all)))
  })

/**
 * The parts of a resumed checkpoint as confirmed parts, once the source's bytes of each
 * were read again and found to have the CRC-32 the checkpoint recorded for it: a part
 * whose bytes differ (the source was edited in place, or the checkpoint's part size or
 * parts were changed) fails the resume with `sourceChanged` rather than finalize an
 * object that is neither the old source nor the new one. The parts are read one after
 * the other into one buffer. A checkpoint of version 1 records no CRC-32: none of its
 * parts is trusted, and all of them are sent again (to the same session).
 */
export const verifiedParts = (
  key: string,
  checkpoint: Checkpoint,
  source: Sized
): Effect.Effect<ReadonlyArray<PartRecord>, CheckpointError | SourceError> =>
  Effect.gen(function*() {
    if (checkpoint.version < 2) return []
    const plan = Plan.planParts(source.size, checkpoint.partSize)
    const buffer = source.readInto === undefined || checkpoint.parts.length === 0
      ? undefined
      : new Uint8Array(Math.min(checkpoint.partSize, source.size))
    const records: Array<PartRecord> = []
    for (const part of checkpoint.parts) {
      const { length, offset } = plan[part.partNumber - 1]!
      const bytes = buffer === undefined
        ? yield* source.read(offset, length)
        : yield* source.readInto!(offset, buffer.subarray(0, length))
      if (crc32(bytes) !== part.crc32) {
        return yield* new CheckpointError({
          reason: "sourceChanged",
          key,
          uploadId: checkpoint.uploadId,
          message: `part ${part.partNumber} of the checkpoint ${key} (bytes ${offset} to ${offset + length - 1}) ` +
            `does not hold what the source holds there now: the source was changed since it was sent, or the ` +
            `checkpoint's part size or parts were edited. Start a new upload`
        })
      }
      records.push({ partNumber: part.partNumber, offset, length, eTag: part.eTag, crc32: part.crc32 })
    }
    return records
  })

/** The store provided, or the file store. */
export const store: Effect.Effect<CheckpointStore.Service> = Effect.map(
  Effect.serviceOption(CheckpointStore),
  Option.getOrElse(() => fileStore)
)

export interface Fixed {
  readonly uploadId: string
  readonly finalizeToken: Redacted.Redacted<string>
  readonly partSize: number
  readonly size: number
  readonly fingerprint: string
  readonly headers: Readonly<Record<string, string>>
  readonly createdAt: number
}

/** Keeps the checkpoint of an upload up to date. */
export interface Writer {
  /** Saves the checkpoint whole, with every part `tracker` holds (before any part goes). */
  readonly save: Effect.Effect<void, CheckpointError>
  /** Records a part storage confirmed; done before the part is reported finished. */
  readonly part: (part: PartRecord) => Effect.Effect<void, CheckpointError>
}

/** A confirmed part as the checkpoint records it. */
const checkpointPart = (part: PartRecord): CheckpointPart => ({
  partNumber: part.partNumber,
  eTag: part.eTag,
  ...(part.crc32 !== undefined ? { crc32: part.crc32 } : {})
})

/**
 * The writer of the checkpoint of `tracker`'s parts under `key`. Writes never overlap.
 * A store that can `append` gets the parts that finished while its last append ran in
 * one append (a group commit: each part still waits for its own line to be written).
 * A failed append breaks the writer: later parts fail with the same error rather than
 * write after a line that may be cut short. A store that cannot append saves the
 * checkpoint whole for each part, coalesced: a save that waited behind another finds
 * its part already written and writes nothing, so at most one write runs and one
 * waits, whatever the parts in flight.
 */
export const writer = (
  checkpoints: CheckpointStore.Service,
  key: string,
  fixed: Fixed,
  tracker: Tracker
): Effect.Effect<Writer> =>
  Effect.map(Effect.makeSemaphore(1), (lock) => {
    let written = -1
    const whole = Effect.suspend(() => {
      const count = tracker.parts.size
      if (count === written) return Effect.void
      const parts = [...tracker.parts.values()].sort((a, b) => a.partNumber - b.partNumber).map(checkpointPart)
      return Effect.tap(
        checkpoints.save(key, new Checkpoint({ version: CURRENT_VERSION, ...fixed, parts })),
        () =>
          Effect.sync(() => {
            written = count
          })
      )
    })
    const save = lock.withPermits(1)(whole)
    const append = checkpoints.append
    if (append === undefined) return { save, part: () => save }
    let pending: Array<CheckpointPart> = []
    const appended = new Set<number>()
    let broken: CheckpointError | undefined
    const flush = (partNumber: number) =>
      Effect.suspend((): Effect.Effect<void, CheckpointError> => {
        if (appended.has(partNumber)) return Effect.void
        if (broken !== undefined) return Effect.fail(broken)
        const batch = pending
        pending = []
        return append(key, batch).pipe(
          Effect.tapError((error) => Effect.sync(() => void (broken = error))),
          Effect.tap(() => Effect.sync(() => batch.forEach((part) => appended.add(part.partNumber))))
        )
      })
    return {
      save,
      part: (part) =>
        Effect.suspend(() => {
          pending.push(checkpointPart(part))
          return lock.withPermits(1)(flush(part.partNumber))
        })
    }
  })
