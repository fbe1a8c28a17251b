/**
 * Direct-to-storage uploads: the bytes go straight to the storage behind presigned
 * URLs, never through the API.
 *
 * Up to 8 MiB an upload is one PUT, held in memory so it can be retried. Above that it
 * opens a streaming session and sends parts cut by the server's part size, minting
 * each part's URL just before its PUT (and again for every retry, so no URL is old
 * enough to expire), with a bounded number of parts in flight that also fits a memory
 * budget. Failures are retried on two tiers of `Schedule`s:
 *
 * - within a part: a 429 (honouring `Retry-After`), a dropped connection, an expired
 *   URL (403, re-minted at once);
 * - in rounds over the whole upload: parts that failed with a 5xx, a timeout, a stall
 *   or a missing ETag are sent again, and only those, with half the concurrency each
 *   round.
 *
 * Statuses no retry can cure (400, 404, 501, a bad token) fail at once, and any such
 * error stops every other PUT in flight. The upload is finalized exactly once, never
 * retried; interrupting it aborts every PUT in flight and never finalizes.
 *
 * @since 0.1.0
 */
import type { HotdataClient, Schemas } from "@hotdata-effect/core"
import type * as UploadTypes from "@hotdata-effect/kernel/types/uploads"
import * as Plan from "@hotdata-effect/kernel/uploads/plan"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Mailbox from "effect/Mailbox"
import type * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import * as internal from "./internal/multipart.js"
import * as Retry from "./internal/retry.js"
import type { UploadSource } from "./internal/source.js"
import { type RetryableError, UploadCancelled, type UploadError } from "./UploadError.js"
import type { Progress, UploadEvent } from "./UploadEvent.js"

export type {
  /**
   * Anything an upload can read from: a file path (a string or a `file:` URL, read
   * through the platform `FileSystem` service when one is provided, else with
   * `node:fs`), a `Uint8Array`, a `Blob` (or `File`), or a `Stream` of bytes of
   * unknown length.
   *
   * @since 0.1.0
   * @category models
   */
  UploadSource
} from "./internal/source.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Options extends UploadTypes.UploadSettings<Duration.DurationInput> {
  /** Retries of one part within a round (429, dropped connections). Default {@link partRetry}`()`. */
  readonly partRetry?: Schedule.Schedule<unknown, RetryableError> | undefined
  /** Rounds after the first pass over the parts that failed. Default {@link rounds}`()`. */
  readonly rounds?: Schedule.Schedule<unknown, RetryableError> | undefined
  /** Aborting it fails the upload with `UploadCancelled` (interrupting the fiber does the same silently). */
  readonly signal?: AbortSignal | undefined
}

/**
 * The part-size hint for a file of `size` bytes: 8 MiB until the file needs more than
 * 9,000 parts, then the smallest whole number of MiB that keeps it under that, within
 * 5 MiB and 5 GiB.
 *
 * @since 0.1.0
 * @category sizing
 */
export const autoPartSizeHint: (size: number) => number = Plan.autoPartSizeHint

/**
 * The default time limit of one attempt of a part: 60 s plus the time the part takes
 * at 64 KiB/s, at most 30 minutes. Only a PUT that stopped is cut, never a slow one.
 *
 * @since 0.1.0
 * @category sizing
 */
export const partPutTimeout = (bytes: number): Duration.Duration => Duration.millis(Plan.partPutTimeoutMillis(bytes))

/**
 * How many parts of `partSize` bytes may be in flight for a concurrency and a memory
 * budget.
 *
 * @since 0.1.0
 * @category sizing
 */
export const effectiveInFlight = (
  partSize: number,
  options: { readonly concurrency?: number | undefined; readonly memoryBudget?: number | undefined } = {}
): number =>
  Plan.effectiveInFlight(
    options.concurrency ?? Plan.DEFAULT_CONCURRENCY,
    partSize,
    options.memoryBudget ?? Plan.DEFAULT_MEMORY_BUDGET
  )

/**
 * @since 0.1.0
 * @category constants
 */
export const STREAMING_THRESHOLD: number = Plan.STREAMING_THRESHOLD

/**
 * The retries of one part within a round: 3 more attempts after 0.2 s, 0.4 s, 0.8 s
 * (plus up to half again at random), or after storage's `Retry-After` when it sent
 * one, capped at 120 s so one part cannot hold a round up for long.
 *
 * @since 0.1.0
 * @category retries
 */
export const partRetry: (options?: {
  readonly maxRetries?: number | undefined
  readonly baseDelay?: Duration.DurationInput | undefined
  readonly maxDelay?: Duration.DurationInput | undefined
  readonly maxRetryAfter?: Duration.DurationInput | undefined
  readonly jitter?: number | undefined
}) => Schedule.Schedule<number, RetryableError> = Retry.partRetry

/**
 * The rounds over failed parts after the first pass: 3 more, after 2 s, 4 s and 8 s.
 * Each round runs with half the concurrency of the one before.
 *
 * @since 0.1.0
 * @category retries
 */
export const rounds: (options?: {
  readonly extraRounds?: number | undefined
  readonly baseDelay?: Duration.DurationInput | undefined
}) => Schedule.Schedule<unknown, unknown> = Retry.rounds

const defaultPartRetry = Retry.partRetry()
const defaultRounds = Retry.rounds()

const configOf = (options: Options): internal.Config => ({
  contentType: options.contentType,
  contentEncoding: options.contentEncoding,
  filename: options.filename,
  partSize: options.partSize,
  concurrency: options.concurrency ?? Plan.DEFAULT_CONCURRENCY,
  memoryBudget: options.memoryBudget ?? Plan.DEFAULT_MEMORY_BUDGET,
  partRetry: options.partRetry ?? defaultPartRetry,
  rounds: options.rounds ?? defaultRounds,
  partTimeout: options.partTimeout
    ? (bytes) => Duration.decode(options.partTimeout!(bytes))
    : partPutTimeout,
  stallTimeout: Duration.decode(options.stallTimeout ?? "30 seconds"),
  mintTimeout: Duration.decode(options.mintTimeout ?? "30 seconds"),
  maxRemints: 2,
  giveUpAfter: Duration.decode(options.giveUpAfter ?? "2 minutes"),
  progressInterval: Duration.decode(options.progressInterval ?? "250 millis"),
  checkpoint: options.checkpoint === undefined ? undefined : { key: options.checkpoint, require: false }
})

const cancelled = (signal: AbortSignal) =>
  new UploadCancelled({ message: `the upload was cancelled${signal.reason ? `: ${String(signal.reason)}` : ""}` })

/** Fails with `UploadCancelled` when the signal fires, interrupting `effect`. */
const withSignal = <A, R>(
  effect: Effect.Effect<A, UploadError, R>,
  signal: AbortSignal | undefined
): Effect.Effect<A, UploadError, R> => {
  if (signal === undefined) return effect
  return Effect.suspend(() => {
    if (signal.aborted) return Effect.fail(cancelled(signal))
    return Effect.raceFirst(
      effect,
      Effect.async<never, UploadCancelled>((resume) => {
        const onAbort = () => resume(Effect.fail(cancelled(signal)))
        signal.addEventListener("abort", onAbort, { once: true })
        return Effect.sync(() => signal.removeEventListener("abort", onAbort))
      })
    )
  })
}

const traced = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.withSpan(effect, "Hotdata.Uploads.upload", { kind: "client", captureStackTrace: false })

/**
 * Uploads a source and streams what happens: `SessionOpened`, then `PartStarted`,
 * `PartRetried`, `PartFinished` and `Progress` as parts go, and `Finished` with the
 * finalized upload last. The stream fails with an {@link UploadError}.
 *
 * The upload runs while the stream is consumed; stopping early (or interrupting the
 * consumer) aborts every PUT in flight and the upload is not finalized.
 *
 * @example
 * ```ts
 * import { Uploads } from "@hotdata-effect/uploads"
 * import { Effect, Stream } from "effect"
 *
 * const program = Uploads.upload("./events.parquet", { contentType: "application/parquet" }).pipe(
 *   Stream.tap((event) =>
 *     event._tag === "Progress" ? Effect.log(`${event.bytesDone} / ${event.totalBytes}`) : Effect.void
 *   ),
 *   Stream.runLast
 * )
 * ```
 *
 * @since 0.1.0
 * @category uploads
 */
export const upload = <E = never, R = never>(
  source: UploadSource<E, R>,
  options: Options = {}
): Stream.Stream<UploadEvent, UploadError, HotdataClient.HotdataClient | R> =>
  Stream.unwrapScoped(Effect.gen(function*() {
    const mailbox = yield* Mailbox.make<UploadEvent, UploadError>()
    const run = internal.run(source, configOf(options), (event) => Effect.asVoid(mailbox.offer(event)))
    yield* Effect.forkScoped(Mailbox.into(traced(withSignal(run, options.signal)), mailbox))
    return Mailbox.toStream(mailbox)
  }))

/**
 * Uploads a source and returns the finalized upload, whose `upload_id` a load takes.
 * `onProgress` hears cumulative progress; if it throws (or fails), the upload stops
 * and is not finalized. `onEvent` hears every {@link UploadEvent}.
 *
 * @example
 * ```ts
 * import { Uploads } from "@hotdata-effect/uploads"
 *
 * const program = Uploads.uploadFile("./events.csv", {
 *   contentType: "text/csv",
 *   onProgress: (p) => console.log(`${p.bytesDone} of ${p.totalBytes} bytes`)
 * })
 * ```
 *
 * @since 0.1.0
 * @category uploads
 */
export const uploadFile = <E = never, R = never>(
  source: UploadSource<E, R>,
  options: Options & {
    readonly onProgress?: ((progress: Progress) => void | Effect.Effect<void>) | undefined
    readonly onEvent?: ((event: UploadEvent) => void | Effect.Effect<void>) | undefined
  } = {}
): Effect.Effect<Schemas.FinalizeUploadResponse, UploadError, HotdataClient.HotdataClient | R> =>
  runWith(source, options, options.checkpoint === undefined ? undefined : { key: options.checkpoint, require: false })

const runWith = <E, R>(
  source: UploadSource<E, R>,
  options: Options & {
    readonly onProgress?: ((progress: Progress) => void | Effect.Effect<void>) | undefined
    readonly onEvent?: ((event: UploadEvent) => void | Effect.Effect<void>) | undefined
  },
  checkpoint: internal.Config["checkpoint"]
): Effect.Effect<Schemas.FinalizeUploadResponse, UploadError, HotdataClient.HotdataClient | R> => {
  const { onEvent, onProgress } = options
  const call = (f: (event: any) => void | Effect.Effect<void>, event: UploadEvent) =>
    Effect.suspend(() => {
      const result = f(event)
      return Effect.isEffect(result) ? result : Effect.void
    })
  const emit = (event: UploadEvent): Effect.Effect<void> =>
    Effect.zipRight(
      onEvent ? call(onEvent, event) : Effect.void,
      onProgress && event._tag === "Progress" ? call(onProgress, event) : Effect.void
    )
  return traced(withSignal(internal.run(source, { ...configOf(options), checkpoint }, emit), options.signal))
}

/**
 * Finishes an upload from the checkpoint stored under `options.checkpoint`, reading
 * the same source again: every field of the checkpoint is checked, the source is checked
 * against the checkpoint's fingerprint (its size, modification time and sampled
 * content), and the bytes of every part the checkpoint lists are read again and must
 * have the CRC-32 it recorded; only the parts the checkpoint lacks are sent, and the
 * upload is finalized once. A checkpoint of version 1 (without CRC-32s) resumes its
 * session with all its parts sent again.
 *
 * Fails with a `CheckpointError`: `missing` when no checkpoint is stored, `invalid`
 * (naming the `field`) when a field is out of range, `sourceChanged` for another source
 * or a part whose bytes differ, `sessionGone` when the session was finalized or has
 * expired. A stream cannot be resumed (it is read once and its bytes are not kept):
 * upload it from a file to make it resumable.
 *
 * @example
 * ```ts
 * import { Uploads } from "@hotdata-effect/uploads"
 * import { Effect } from "effect"
 *
 * // First run (may crash part-way):
 * const first = Uploads.uploadFile("./big.csv", { checkpoint: "./big.csv.upload" })
 * // Later, in another process:
 * const again = Uploads.resume("./big.csv", { checkpoint: "./big.csv.upload" })
 * ```
 *
 * @since 0.1.0
 * @category uploads
 */
export const resume = <E = never, R = never>(
  source: UploadSource<E, R>,
  options: Options & {
    readonly checkpoint: string
    readonly onProgress?: ((progress: Progress) => void | Effect.Effect<void>) | undefined
    readonly onEvent?: ((event: UploadEvent) => void | Effect.Effect<void>) | undefined
  }
): Effect.Effect<Schemas.FinalizeUploadResponse, UploadError, HotdataClient.HotdataClient | R> =>
  runWith(source, options, { key: options.checkpoint, require: true })
