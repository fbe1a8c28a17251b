/**
 * The retries of an upload's parts: which failures each tier cures, the attempts of
 * one part within a round (minting fresh URLs as needed), and the rounds that send
 * again only the parts that failed.
 */
import { HotdataClient } from "@hotdata-effect/core"
import { crc32 } from "@hotdata-effect/kernel/crc32"
import { TERMINAL_MINT_STATUSES, TERMINAL_STORAGE_STATUSES } from "@hotdata-effect/kernel/retry"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import {
  apiDetails,
  MalformedSession,
  MintError,
  MissingETag,
  type RetryableError,
  type SourceError,
  StorageError,
  StorageTransportError
} from "../UploadError.js"
import { UploadEvent } from "../UploadEvent.js"
import { put } from "./put.js"
import * as Retry from "./retry.js"
import type { Context, PartError } from "./shared.js"

// Classification

/** Retried within the part's own attempts: the server refused for now, or no answer came at all. */
const isPartRetryable = (error: PartError): boolean =>
  (error._tag === "StorageError" && error.status === 429) ||
  (error._tag === "StorageTransportError" && error.reason === "transport")

/** Retried by the next round (on this part only). */
const isRoundRetryable = (error: PartError): error is RetryableError => {
  switch (error._tag) {
    case "StorageError":
      return !TERMINAL_STORAGE_STATUSES.has(error.status)
    case "StorageTransportError":
      return error.reason !== "tls"
    case "MissingETag":
      return true
    case "MintError":
      return error.status === undefined
        ? error.cause?._tag !== "InvalidRequest" && error.cause?._tag !== "DecodeError"
        : !TERMINAL_MINT_STATUSES.has(error.status)
    default:
      return false
  }
}

/**
 * Whether retrying after `delay` would go past the give-up bound: no part confirmed
 * for `giveUpAfter` by the time the retry would start.
 */
const hopeless = (ctx: Context, delay: Duration.Duration) =>
  Effect.map(
    Clock.currentTimeMillis,
    (now) => now + Duration.toMillis(delay) - ctx.tracker.lastConfirmedAt > Duration.toMillis(ctx.config.giveUpAfter)
  )

/**
 * `error` again, marked as the one the rounds gave up on. An error's fields are its own
 * enumerable properties, but for `message` and `cause`, which are given explicitly.
 */
const exhausted = (error: RetryableError, roundsAttempted: number, note = ""): RetryableError => {
  const marks = { message: error.message + note, exhausted: true, roundsAttempted }
  switch (error._tag) {
    case "StorageError":
      return new StorageError({ ...error, ...marks })
    case "StorageTransportError":
      return new StorageTransportError({ ...error, ...marks })
    case "MissingETag":
      return new MissingETag({ ...error, ...marks })
    case "MintError":
      return new MintError({ ...error, ...(error.cause !== undefined ? { cause: error.cause } : {}), ...marks })
  }
}

// Parts

/** Where a part goes: a fixed URL, or one minted on demand. */
export interface Target {
  readonly partNumber: number
  /** The part number errors report (none for a single PUT). */
  readonly errorPartNumber: number | undefined
  readonly fixedUrl: string | undefined
  readonly canMint: boolean
}

export const mint = (ctx: Context, partNumber: number): Effect.Effect<string, MintError | MalformedSession> =>
  ctx.client.uploads.mintParts(ctx.session.upload_id, { part_numbers: [partNumber] }, {
    finalize_token: ctx.session.finalize_token
  }).pipe(
    HotdataClient.withTimeout(ctx.config.mintTimeout),
    Effect.mapError((error) =>
      new MintError({
        ...apiDetails(error),
        message: `minting the URL of part ${partNumber} failed: ${error.message}`,
        partNumber
      })
    ),
    Effect.flatMap((response) => {
      const entries = response.parts.filter((entry) => entry.part_number === partNumber)
      if (response.parts.length !== 1 || entries.length !== 1) {
        return new MalformedSession({
          uploadId: ctx.session.upload_id,
          message: `asked for the URL of part ${partNumber}, the server answered for parts ` +
            `[${response.parts.map((entry) => entry.part_number).join(", ")}]`
        })
      }
      const url = entries[0]!.url
      if (url.trim() === "") {
        return new MalformedSession({
          uploadId: ctx.session.upload_id,
          message: `the server minted an empty URL for part ${partNumber}`
        })
      }
      return Effect.succeed(url)
    })
  )

/**
 * The attempts of one part within a round: a fresh URL when the session has none
 * (or after an expired one), a 403 re-minted at once, 429 and dropped connections
 * retried on the part schedule. Anything else goes back to the round.
 */
const attemptPart = (ctx: Context, target: Target, bytes: Uint8Array, round: number) =>
  Effect.gen(function*() {
    const retries = yield* Retry.driver(ctx.config.partRetry)
    let attempt = 0
    let remints = 0
    // A retried round asks for a fresh URL: the first one may have expired meanwhile.
    let fresh = target.fixedUrl === undefined || round > 0
    while (true) {
      attempt++
      const url = fresh && target.canMint ? yield* mint(ctx, target.partNumber) : target.fixedUrl!
      const result = yield* Effect.either(
        put(ctx, target.errorPartNumber, url, bytes, (sent) => ctx.tracker.sent(target.partNumber, sent)).pipe(
          // A failed or interrupted attempt's bytes no longer count as sent.
          Effect.onExit((exit) =>
            Exit.isSuccess(exit) ? Effect.void : Effect.sync(() => ctx.tracker.sent(target.partNumber, 0))
          )
        )
      )
      if (Either.isRight(result)) return result.right
      const error = result.left
      if (error._tag === "StorageError" && error.status === 403 && target.canMint && remints < ctx.config.maxRemints) {
        // An expired or rejected URL: mint a new one and try again straight away.
        remints++
        fresh = true
        yield* ctx.emit(UploadEvent.PartRetried({
          partNumber: target.partNumber,
          tier: "part",
          attempt,
          round,
          delay: Duration.zero,
          error
        }))
        continue
      }
      if (!isPartRetryable(error)) return yield* Effect.fail(error)
      const delay = yield* retries.next(error)
      // Past the give-up bound the round decides, with this error as the last one.
      if (Option.isNone(delay) || (yield* hopeless(ctx, delay.value))) return yield* Effect.fail(error)
      yield* ctx.emit(UploadEvent.PartRetried({
        partNumber: target.partNumber,
        tier: "part",
        attempt,
        round,
        delay: delay.value,
        error
      }))
      yield* Effect.sleep(delay.value)
      if (target.fixedUrl === undefined) fresh = true
    }
  })

/** A part to send; `run` sends it once (with its own retries) in the given round. */
export interface Job {
  readonly partNumber: number
  readonly run: (round: number) => Effect.Effect<void, PartError>
}

/**
 * Sends every job, then re-sends only the ones that failed with a retryable error,
 * round after round on the round schedule, with half the concurrency each time.
 * Completed parts keep their ETags. A terminal error stops the round at once:
 * the other parts in flight are interrupted, which aborts their PUTs.
 */
export const runRounds = (ctx: Context, jobs: ReadonlyArray<Job>, base: number): Effect.Effect<void, PartError> =>
  Effect.gen(function*() {
    const schedule = yield* Retry.driver(ctx.config.rounds)
    let pending = jobs
    let round = 0
    while (true) {
      const failures = new Map<number, RetryableError>()
      let last: RetryableError | undefined
      const concurrency = Math.max(base >> Math.min(round, 16), 1)
      // A part never fails the pass itself: retryable errors are noted for the next round,
      // anything else ends the race below, which interrupts the whole pass at once. (Left
      // to itself, `forEach` would wait for siblings inside `Effect.timeout` to time out.)
      const terminal = yield* Deferred.make<never, PartError>()
      const pass = Effect.forEach(
        pending,
        (job) =>
          Effect.catchAllCause(job.run(round), (cause) => {
            if (Cause.isInterruptedOnly(cause)) return Effect.failCause(cause)
            const error = Cause.failureOption(cause)
            if (Option.isSome(error) && isRoundRetryable(error.value)) {
              return Effect.sync(() => {
                failures.set(job.partNumber, error.value as RetryableError)
                last = error.value as RetryableError
              })
            }
            // Wait here to be interrupted, so the pass cannot end before the race sees this.
            return Effect.zipRight(Deferred.failCause(terminal, cause), Effect.never)
          }),
        { concurrency, discard: true }
      )
      yield* Effect.raceFirst(pass, Deferred.await(terminal))
      if (last === undefined) return
      const delay = yield* schedule.next(last)
      if (Option.isNone(delay)) return yield* Effect.fail(exhausted(last, round + 1))
      if (yield* hopeless(ctx, delay.value)) {
        const bound = Duration.format(ctx.config.giveUpAfter)
        return yield* Effect.fail(exhausted(last, round + 1, ` (no part confirmed for ${bound}: gave up)`))
      }
      for (const [partNumber, error] of failures) {
        yield* ctx.emit(UploadEvent.PartRetried({
          partNumber,
          tier: "round",
          attempt: 1,
          round,
          delay: delay.value,
          error
        }))
      }
      yield* Effect.sleep(delay.value)
      round++
      pending = pending.filter((job) => failures.has(job.partNumber))
    }
  })

/**
 * The job of the part `target` holding the `length` bytes at `offset` of the source, read
 * by `read`. Their CRC-32 is taken before the PUT when the upload keeps a checkpoint.
 */
export const makeJob = (
  ctx: Context,
  target: Target,
  offset: number,
  length: number,
  read: Effect.Effect<Uint8Array, SourceError>
): Job => ({
  partNumber: target.partNumber,
  run: (round) =>
    Effect.gen(function*() {
      yield* ctx.emit(UploadEvent.PartStarted({ partNumber: target.partNumber, bytes: length, round }))
      const bytes = yield* read
      const checksum = ctx.checksums ? crc32(bytes) : undefined
      const eTag = yield* attemptPart(ctx, target, bytes, round)
      yield* ctx.tracker.complete({ partNumber: target.partNumber, offset, length, eTag, crc32: checksum })
    }).pipe(
      Effect.withSpan("Hotdata.Uploads.part", {
        kind: "client",
        captureStackTrace: false,
        attributes: { "hotdata.upload_id": ctx.session.upload_id, "hotdata.part_number": target.partNumber, round }
      })
    )
})
