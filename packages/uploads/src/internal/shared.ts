/**
 * What the parts of an upload share: its settings, the services and session it runs
 * with, and the tracker that counts confirmed parts once each.
 */
import type { HotdataClient, Schemas } from "@hotdata-effect/core"
import * as Clock from "effect/Clock"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Schedule from "effect/Schedule"
import type * as StorageClient from "../StorageClient.js"
import type { CheckpointError, MalformedSession, RetryableError, SourceError } from "../UploadError.js"
import { UploadEvent } from "../UploadEvent.js"

export interface Config {
  readonly contentType: string | undefined
  readonly contentEncoding: string | undefined
  readonly filename: string | undefined
  readonly partSize: number | undefined
  readonly concurrency: number
  readonly memoryBudget: number
  readonly partRetry: Schedule.Schedule<unknown, RetryableError>
  readonly rounds: Schedule.Schedule<unknown, RetryableError>
  readonly partTimeout: (bytes: number) => Duration.Duration
  readonly stallTimeout: Duration.Duration
  readonly mintTimeout: Duration.Duration
  readonly maxRemints: number
  /** No part confirmed for this long while retries fail: the upload gives up with the last error. */
  readonly giveUpAfter: Duration.Duration
  /** Progress events while bytes move come at most this often. */
  readonly progressInterval: Duration.Duration
  /** Where the upload keeps its checkpoint; `require` fails when there is none to resume from. */
  readonly checkpoint: { readonly key: string; readonly require: boolean } | undefined
}

export type Emit = (event: UploadEvent) => Effect.Effect<void>

/** What can fail a part: the errors rounds cure, and the ones that end the upload. */
export type PartError = RetryableError | MalformedSession | SourceError | CheckpointError

export interface Context {
  readonly client: HotdataClient.HotdataClient.Service
  readonly storage: StorageClient.StorageClient.Service
  readonly session: Schemas.UploadSessionResponse
  readonly config: Config
  readonly emit: Emit
  readonly tracker: Tracker
  /**
   * Parts in flight at most, for the concurrency, the memory budget and the session's
   * part size: computed once per upload, the same for files and streams.
   */
  readonly inFlight: number
  /** Whether each part's CRC-32 is computed (for the checkpoint, which records it). */
  readonly checksums: boolean
}

/** A part storage confirmed: where it lies in the source, its ETag and (for a checkpoint) its CRC-32. */
export interface PartRecord {
  readonly partNumber: number
  readonly offset: number
  readonly length: number
  readonly eTag: string
  readonly crc32: number | undefined
}

/**
 * Counts confirmed parts once each, follows the bytes the parts in flight have handed
 * to storage, and reports progress.
 */
export class Tracker {
  /** The confirmed parts, by part number. */
  readonly parts = new Map<number, PartRecord>()
  bytesDone = 0
  /** Bytes handed to storage by the attempts in flight, by part. */
  private readonly sending = new Map<number, number>()
  private sendingTotal = 0
  /** Bytes confirmed by an earlier process (left out of the rate). */
  private restoredBytes = 0
  /** `bytesSent` of the last Progress event, so an idle tick reports nothing. */
  private reportedSent = -1
  constructor(
    readonly emit: Emit,
    readonly startedAt: number,
    public totalBytes: number | undefined,
    public partsTotal: number | undefined
  ) {
    this.lastConfirmedAt = startedAt
  }

  /** When storage last confirmed a part (or the upload started). */
  lastConfirmedAt: number

  /** Bytes handed to storage: the confirmed parts, and what the attempts in flight have handed over. */
  get bytesSent(): number {
    return this.bytesDone + this.sendingTotal
  }

  /** Notes that the attempt of `partNumber` in flight has handed `sent` bytes over (0 when it starts or fails). */
  sent(partNumber: number, sent: number): void {
    this.sendingTotal += sent - (this.sending.get(partNumber) ?? 0)
    if (sent === 0) this.sending.delete(partNumber)
    else this.sending.set(partNumber, sent)
  }

  progress(): Effect.Effect<void> {
    return Effect.flatMap(Clock.currentTimeMillis, (now) => {
      const seconds = (now - this.startedAt) / 1000
      const bytesSent = this.bytesSent
      this.reportedSent = bytesSent
      const rate = seconds > 0 ? (bytesSent - this.restoredBytes) / seconds : 0
      const total = this.totalBytes
      return this.emit(UploadEvent.Progress({
        bytesDone: this.bytesDone,
        bytesSent,
        totalBytes: total,
        percent: total === undefined ? undefined : total === 0 ? 100 : (this.bytesDone / total) * 100,
        etaSeconds: total === undefined || rate <= 0 ? undefined : Math.max(0, total - bytesSent) / rate,
        partsDone: this.parts.size,
        partsTotal: this.partsTotal,
        bytesPerSecond: seconds > 0 ? (this.bytesDone - this.restoredBytes) / seconds : 0
      }))
    })
  }

  /** A Progress event when bytes moved since the last one (for the throttled ticker). */
  tick(): Effect.Effect<void> {
    return Effect.suspend(() => (this.bytesSent === this.reportedSent ? Effect.void : this.progress()))
  }

  /** Runs after each newly confirmed part, before it is reported (records it in the checkpoint). */
  onComplete: (part: PartRecord) => Effect.Effect<void, CheckpointError> = () => Effect.void

  /** Counts a part confirmed by an earlier process, without reporting it. */
  restore(part: PartRecord): void {
    if (this.parts.has(part.partNumber)) return
    this.parts.set(part.partNumber, part)
    this.bytesDone += part.length
    this.restoredBytes += part.length
  }

  complete(part: PartRecord): Effect.Effect<void, CheckpointError> {
    return Effect.flatMap(Clock.currentTimeMillis, (now) => {
      const { eTag, length: bytes, partNumber } = part
      if (this.parts.has(partNumber)) return Effect.void
      this.sent(partNumber, 0)
      this.parts.set(partNumber, part)
      this.bytesDone += bytes
      this.lastConfirmedAt = now
      return Effect.zipRight(
        this.onComplete(part),
        Effect.zipRight(this.emit(UploadEvent.PartFinished({ partNumber, bytes, eTag })), this.progress())
      )
    })
  }
}
