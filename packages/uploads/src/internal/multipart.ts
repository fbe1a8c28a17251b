/**
 * The upload engine: open a session, send the bytes to storage (one PUT, or parts in
 * rounds of bounded concurrency), finalize exactly once.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { HotdataClient, HotdataError, type Schemas } from "@hotdata-effect/core"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FiberSet from "effect/FiberSet"
import * as Option from "effect/Option"
import type * as Schedule from "effect/Schedule"
import * as StorageClient from "../StorageClient.js"
import {
  apiDetails,
  FinalizeError,
  MalformedSession,
  MintError,
  MissingETag,
  type RetryableError,
  SessionCreateError,
  SizeLimitError,
  type SourceError,
  StorageError,
  StorageTransportError,
  type UploadError
} from "../UploadError.js"
import { UploadEvent } from "../UploadEvent.js"
import * as Plan from "./plan.js"
import * as Retry from "./retry.js"
import * as Source from "./source.js"

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
}

export type Emit = (event: UploadEvent) => Effect.Effect<void>

/** What can fail a part: the errors rounds cure, and the ones that end the upload. */
type PartError = RetryableError | MalformedSession | SourceError

interface Context {
  readonly client: HotdataClient.HotdataClient.Service
  readonly storage: StorageClient.StorageClient.Service
  readonly session: Schemas.UploadSessionResponse
  readonly config: Config
  readonly emit: Emit
  readonly tracker: Tracker
}

/** Counts confirmed parts once each and reports progress. */
class Tracker {
  readonly eTags = new Map<number, string>()
  bytesDone = 0
  constructor(
    readonly emit: Emit,
    readonly startedAt: number,
    public totalBytes: number | undefined,
    public partsTotal: number | undefined
  ) {}

  progress(): Effect.Effect<void> {
    return Effect.flatMap(Clock.currentTimeMillis, (now) => {
      const seconds = (now - this.startedAt) / 1000
      return this.emit(UploadEvent.Progress({
        bytesDone: this.bytesDone,
        totalBytes: this.totalBytes,
        partsDone: this.eTags.size,
        partsTotal: this.partsTotal,
        bytesPerSecond: seconds > 0 ? this.bytesDone / seconds : 0
      }))
    })
  }

  complete(partNumber: number, bytes: number, eTag: string): Effect.Effect<void> {
    return Effect.suspend(() => {
      if (this.eTags.has(partNumber)) return Effect.void
      this.eTags.set(partNumber, eTag)
      this.bytesDone += bytes
      return Effect.zipRight(this.emit(UploadEvent.PartFinished({ partNumber, bytes, eTag })), this.progress())
    })
  }
}

// ---------------------------------------------------------------------------
// Classification

/** Storage statuses no retry can cure. A 403 gets here only once re-minting failed to help. */
const TERMINAL_STORAGE = new Set([400, 401, 403, 404, 405, 411, 413, 501])
/** API statuses of a mint that no retry can cure (bad token, unknown upload, not multipart). */
const TERMINAL_MINT = new Set([400, 401, 403, 404, 501])

/** Retried within the part's own attempts: the server refused for now, or no answer came at all. */
const isPartRetryable = (error: PartError): boolean =>
  (error._tag === "StorageError" && error.status === 429) ||
  (error._tag === "StorageTransportError" && error.reason === "transport")

/** Retried by the next round (on this part only). */
const isRoundRetryable = (error: PartError): error is RetryableError => {
  switch (error._tag) {
    case "StorageError":
      return !TERMINAL_STORAGE.has(error.status)
    case "StorageTransportError":
    case "MissingETag":
      return true
    case "MintError":
      return error.status === undefined
        ? error.cause?._tag !== "InvalidRequest" && error.cause?._tag !== "DecodeError"
        : !TERMINAL_MINT.has(error.status)
    default:
      return false
  }
}

const exhausted = (error: RetryableError, roundsAttempted: number): RetryableError => {
  const marks = { exhausted: true, roundsAttempted }
  switch (error._tag) {
    case "StorageError":
      return new StorageError({
        message: error.message,
        status: error.status,
        ...(error.partNumber !== undefined ? { partNumber: error.partNumber } : {}),
        ...(error.body !== undefined ? { body: error.body } : {}),
        ...(error.retryAfter !== undefined ? { retryAfter: error.retryAfter } : {}),
        ...marks
      })
    case "StorageTransportError":
      return new StorageTransportError({
        message: error.message,
        reason: error.reason,
        ...(error.partNumber !== undefined ? { partNumber: error.partNumber } : {}),
        ...marks
      })
    case "MissingETag":
      return new MissingETag({
        message: error.message,
        ...(error.partNumber !== undefined ? { partNumber: error.partNumber } : {}),
        ...marks
      })
    case "MintError":
      return new MintError({
        message: error.message,
        partNumber: error.partNumber,
        ...(error.status !== undefined ? { status: error.status } : {}),
        ...(error.code !== undefined ? { code: error.code } : {}),
        ...(error.traceId !== undefined ? { traceId: error.traceId } : {}),
        ...(error.cause !== undefined ? { cause: error.cause } : {}),
        ...marks
      })
  }
}

// ---------------------------------------------------------------------------
// One PUT

const s3Code = (body: string): string | undefined => /<Code>([^<]{1,100})<\/Code>/.exec(body)?.[1]

const describe = (u: unknown): string => {
  const messages: Array<string> = []
  let current: unknown = u
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const message = (current as { message?: unknown }).message
    if (typeof message === "string" && message !== "") messages.push(message)
    current = (current as { cause?: unknown }).cause
  }
  return messages.length > 0 ? messages.join(": ") : String(u)
}

const labelOf = (partNumber: number | undefined) => (partNumber === undefined ? "the upload" : `part ${partNumber}`)

const partNumberField = (partNumber: number | undefined) => (partNumber === undefined ? {} : { partNumber })

/** Fails once the body has stopped moving for `stallTimeout` before it was all handed over. */
const stallWatch = (
  sent: () => number,
  total: number,
  stallTimeout: Duration.Duration,
  partNumber: number | undefined
): Effect.Effect<never, StorageTransportError> =>
  Effect.gen(function*() {
    const limit = Duration.toMillis(stallTimeout)
    const tick = Duration.millis(Math.max(Math.floor(limit / 4), 10))
    let last = sent()
    let lastMove = yield* Clock.currentTimeMillis
    while (true) {
      yield* Effect.sleep(tick)
      const now = yield* Clock.currentTimeMillis
      const current = sent()
      if (current !== last) {
        last = current
        lastMove = now
      } else if (current >= total) {
        // Everything was handed over: the attempt's time limit bounds the wait for the answer.
        return yield* Effect.never
      } else if (now - lastMove >= limit) {
        return yield* new StorageTransportError({
          reason: "stall",
          message: `${labelOf(partNumber)} stopped moving: no progress for ${Duration.format(stallTimeout)} ` +
            `(${current} of ${total} bytes sent)`,
          ...partNumberField(partNumber)
        })
      }
    }
  })

/** One PUT of `bytes` to `url`, answered with the part's ETag. */
const put = (
  ctx: Context,
  partNumber: number | undefined,
  url: string,
  bytes: Uint8Array
): Effect.Effect<string, StorageError | StorageTransportError | MissingETag> =>
  Effect.suspend(() => {
    let sent = 0
    const label = labelOf(partNumber)
    const request = HttpClientRequest.put(url).pipe(
      HttpClientRequest.setBody(ctx.storage.body(bytes, (n) => {
        sent = n
      })),
      HttpClientRequest.setHeaders(ctx.session.headers)
    )
    const exchange = Effect.gen(function*() {
      const response = yield* Effect.mapError(ctx.storage.client.execute(request), (error) =>
        new StorageTransportError({
          reason: "transport",
          message: `${label}: the PUT to storage failed: ${describe(error.cause ?? error)}`,
          ...partNumberField(partNumber)
        }))
      if (response.status >= 200 && response.status < 300) {
        const eTag = response.headers["etag"]
        // Read the (empty) body so the connection goes back to the pool.
        yield* Effect.ignore(response.arrayBuffer)
        if (eTag === undefined || eTag.trim() === "") {
          return yield* new MissingETag({
            message: `storage accepted ${label} but sent no ETag (in a browser, the bucket's CORS rules ` +
              `must expose the ETag header)`,
            ...partNumberField(partNumber)
          })
        }
        return eTag
      }
      const text = yield* Effect.orElseSucceed(response.text, () => "")
      const now = yield* Clock.currentTimeMillis
      const retryAfter = HotdataError.parseRetryAfter(response.headers["retry-after"], now)
      const code = s3Code(text)
      return yield* new StorageError({
        status: response.status,
        message: `storage answered ${label} with HTTP ${response.status}${code ? ` (${code})` : ""}`,
        ...partNumberField(partNumber),
        ...(text !== "" ? { body: HotdataError.snippet(text) } : {}),
        ...(Option.isSome(retryAfter) ? { retryAfter: retryAfter.value } : {})
      })
    })
    const timeout = ctx.config.partTimeout(bytes.byteLength)
    const timed = Effect.timeoutFail(exchange, {
      duration: timeout,
      onTimeout: () =>
        new StorageTransportError({
          reason: "timeout",
          message: `${label}: no answer from storage within ${Duration.format(timeout)}`,
          ...partNumberField(partNumber)
        })
    })
    return ctx.storage.observesProgress
      ? Effect.raceFirst(timed, stallWatch(() => sent, bytes.byteLength, ctx.config.stallTimeout, partNumber))
      : timed
  })

// ---------------------------------------------------------------------------
// Parts

/** Where a part goes: a fixed URL, or one minted on demand. */
interface Target {
  readonly partNumber: number
  /** The part number errors report (none for a single PUT). */
  readonly errorPartNumber: number | undefined
  readonly fixedUrl: string | undefined
  readonly canMint: boolean
}

const mint = (ctx: Context, partNumber: number): Effect.Effect<string, MintError | MalformedSession> =>
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
      const result = yield* Effect.either(put(ctx, target.errorPartNumber, url, bytes))
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
      if (Option.isNone(delay)) return yield* Effect.fail(error)
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
interface Job {
  readonly partNumber: number
  readonly run: (round: number) => Effect.Effect<void, PartError>
}

/**
 * Sends every job, then re-sends only the ones that failed with a retryable error,
 * round after round on the round schedule, with half the concurrency each time.
 * Completed parts keep their ETags. A terminal error stops the round at once:
 * the other parts in flight are interrupted, which aborts their PUTs.
 */
const runRounds = (ctx: Context, jobs: ReadonlyArray<Job>, base: number): Effect.Effect<void, PartError> =>
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

const makeJob = (
  ctx: Context,
  target: Target,
  length: number,
  read: Effect.Effect<Uint8Array, SourceError>
): Job => ({
  partNumber: target.partNumber,
  run: (round) =>
    Effect.gen(function*() {
      yield* ctx.emit(UploadEvent.PartStarted({ partNumber: target.partNumber, bytes: length, round }))
      const bytes = yield* read
      const eTag = yield* attemptPart(ctx, target, bytes, round)
      yield* ctx.tracker.complete(target.partNumber, length, eTag)
    }).pipe(
      Effect.withSpan("Hotdata.Uploads.part", {
        kind: "client",
        captureStackTrace: false,
        attributes: { "hotdata.upload_id": ctx.session.upload_id, "hotdata.part_number": target.partNumber, round }
      })
    )
})

// ---------------------------------------------------------------------------
// Session shapes

const partSizeOf = (session: Schemas.UploadSessionResponse) =>
  Effect.suspend(() => {
    const partSize = session.part_size
    if (partSize === undefined || partSize === null || !Number.isSafeInteger(partSize) || partSize <= 0) {
      return new MalformedSession({
        uploadId: session.upload_id,
        message: `the multipart session has no valid part size (${String(partSize)})`
      })
    }
    return Effect.succeed(partSize)
  })

const sendSingle = (ctx: Context, source: Source.Sized) =>
  Effect.gen(function*() {
    const url = ctx.session.url
    if (url === undefined || url === null || url.trim() === "") {
      return yield* new MalformedSession({ uploadId: ctx.session.upload_id, message: "a single session without a URL" })
    }
    // At most 8 MiB: read it once and keep it, so the PUT can be retried.
    const bytes = yield* source.read(0, source.size)
    const target: Target = { partNumber: 1, errorPartNumber: undefined, fixedUrl: url, canMint: false }
    yield* runRounds(ctx, [makeJob(ctx, target, source.size, Effect.succeed(bytes))], 1)
  })

const sendSized = (ctx: Context, source: Source.Sized) =>
  Effect.gen(function*() {
    const partSize = yield* partSizeOf(ctx.session)
    const plan = Plan.planParts(source.size, partSize)
    const urls = ctx.session.part_urls
    if (urls !== undefined && urls !== null && urls.length !== plan.length) {
      return yield* new MalformedSession({
        uploadId: ctx.session.upload_id,
        message: `the session has ${urls.length} part URLs for ${plan.length} parts of ${partSize} bytes`
      })
    }
    ctx.tracker.partsTotal = plan.length
    // Part buffers are reused from part to part: as many exist as parts are ever in
    // flight, so memory stays flat instead of waiting on the garbage collector.
    const pool: Array<Uint8Array> = []
    const readInto = source.readInto
    const jobs = plan.map((part) => {
      const target: Target = {
        partNumber: part.partNumber,
        errorPartNumber: part.partNumber,
        fixedUrl: urls?.[part.partNumber - 1],
        canMint: true
      }
      if (readInto === undefined) return makeJob(ctx, target, part.length, source.read(part.offset, part.length))
      const job = makeJob(
        ctx,
        target,
        part.length,
        Effect.suspend(() => {
          const buffer = pool.pop() ?? new Uint8Array(partSize)
          held.set(part.partNumber, buffer)
          return readInto(part.offset, buffer.subarray(0, part.length))
        })
      )
      return {
        partNumber: job.partNumber,
        run: (round: number) =>
          Effect.ensuring(
            job.run(round),
            Effect.sync(() => {
              const buffer = held.get(part.partNumber)
              if (buffer === undefined) return
              held.delete(part.partNumber)
              pool.push(buffer)
            })
          )
      } satisfies Job
    })
    const held = new Map<number, Uint8Array>()
    yield* runRounds(ctx, jobs, Plan.effectiveInFlight(ctx.config.concurrency, partSize, ctx.config.memoryBudget))
  })

/**
 * A stream of unknown length: parts are read in order, one at a time, each only when a
 * slot is free, so no more than the parts in flight are ever held. A part that fails
 * keeps its bytes and is retried in rounds of its own (the stream cannot be read
 * again).
 */
const sendSequential = (ctx: Context, source: Source.Sequential) =>
  Effect.gen(function*() {
    const partSize = yield* partSizeOf(ctx.session)
    const inFlight = Plan.effectiveInFlight(ctx.config.concurrency, partSize, ctx.config.memoryBudget)
    const slots = yield* Effect.makeSemaphore(inFlight)
    const set = yield* FiberSet.make<void, never>()
    const failed = yield* Deferred.make<void, PartError>()
    const producer = Effect.gen(function*() {
      let partNumber = 1
      while (true) {
        yield* slots.take(1)
        const bytes = yield* source.read(partSize)
        if (bytes.byteLength === 0 && partNumber > 1) {
          yield* slots.release(1)
          break
        }
        const target: Target = { partNumber, errorPartNumber: partNumber, fixedUrl: undefined, canMint: true }
        const job = makeJob(ctx, target, bytes.byteLength, Effect.succeed(bytes))
        yield* FiberSet.run(
          set,
          runRounds(ctx, [job], 1).pipe(
            Effect.catchAll((error) => Deferred.fail(failed, error)),
            Effect.ensuring(slots.release(1))
          )
        )
        if (bytes.byteLength < partSize) break
        partNumber++
      }
      return partNumber
    })
    const count = yield* Effect.raceFirst(
      Effect.zipLeft(producer, FiberSet.awaitEmpty(set)),
      Effect.zipRight(Deferred.await(failed), Effect.never)
    )
    // A part may have failed just as the last one finished.
    if (yield* Deferred.isDone(failed)) yield* Deferred.await(failed)
    ctx.tracker.partsTotal = count
    ctx.tracker.totalBytes = ctx.tracker.bytesDone
  })

// ---------------------------------------------------------------------------
// The whole upload

const finalize = (ctx: Context, partsTotal: number) =>
  Effect.gen(function*() {
    const parts: Array<Schemas.FinalizeUploadPart> = []
    for (let partNumber = 1; partNumber <= partsTotal; partNumber++) {
      const eTag = ctx.tracker.eTags.get(partNumber)
      if (eTag === undefined) {
        return yield* new MalformedSession({
          uploadId: ctx.session.upload_id,
          message: `part ${partNumber} was never uploaded`
        })
      }
      parts.push({ part_number: partNumber, e_tag: eTag })
    }
    const uploadId = ctx.session.upload_id
    return yield* ctx.client.uploads.finalize(
      uploadId,
      ctx.session.mode === "single" ? undefined : { parts },
      { finalize_token: ctx.session.finalize_token }
    ).pipe(
      // Exactly once: a replay of a finalize that landed would be refused as a duplicate.
      HotdataClient.withoutRetries,
      Effect.mapError((error) => {
        // With fetch a reset after the request went out looks like one before it: either may have landed.
        const mayBeFinalized = error._tag === "TransportError" ||
          error._tag === "TimeoutError" ||
          (error._tag === "ServerError" && (error.status === 502 || error.status === 504))
        return new FinalizeError({
          ...apiDetails(error),
          uploadId,
          mayBeFinalized,
          message: mayBeFinalized
            ? `finalizing upload ${uploadId} got no answer (${error.message}); it may already be finalized`
            : `finalizing upload ${uploadId} failed: ${error.message}`
        })
      })
    )
  })

const resolveStorage: Effect.Effect<StorageClient.StorageClient.Service> = Effect.flatMap(
  Effect.serviceOption(StorageClient.StorageClient),
  Option.match({
    onSome: Effect.succeed,
    onNone: () =>
      Effect.flatMap(
        Effect.serviceOption(HttpClient.HttpClient),
        Option.match({
          onSome: (client) => Effect.succeed(StorageClient.fromHttpClient(client)),
          onNone: () => StorageClient.makeFetch
        })
      )
  })
)

/** Runs one upload to the end: session, bytes, finalize. */
export const run = <E, R>(
  input: Source.UploadSource<E, R>,
  config: Config,
  emit: Emit
): Effect.Effect<Schemas.FinalizeUploadResponse, UploadError, HotdataClient.HotdataClient | R> =>
  Effect.scoped(
    Effect.gen(function*() {
      const client = yield* HotdataClient.HotdataClient
      const storage = yield* resolveStorage
      let source: Source.Opened = yield* Source.open(input)

      // A stream that ends within the single-PUT threshold is sent like bytes.
      if (source._tag === "Sequential") {
        const head = yield* source.read(Plan.STREAMING_THRESHOLD + 1)
        if (head.byteLength <= Plan.STREAMING_THRESHOLD) source = Source.fromBytes(head)
        else source.unread(head)
      }
      const size = source._tag === "Sized" ? source.size : undefined
      const hint = config.partSize ?? Plan.autoPartSizeHint(size ?? 0)
      if (!Number.isSafeInteger(hint) || hint <= 0) {
        return yield* new SizeLimitError({
          what: "part_size",
          value: hint,
          limit: Number.MAX_SAFE_INTEGER,
          message: `the part size must be a positive whole number of bytes, got ${hint}`
        })
      }
      const filename = config.filename ?? source.filename
      const request: Schemas.CreateUploadRequest = {
        part_size: hint,
        // Only a declared size opens a known-size session; above the threshold it stays absent.
        ...(size !== undefined && size <= Plan.STREAMING_THRESHOLD ? { declared_size_bytes: size } : {}),
        ...(config.contentType !== undefined ? { content_type: config.contentType } : {}),
        ...(config.contentEncoding !== undefined ? { content_encoding: config.contentEncoding } : {}),
        ...(filename !== undefined ? { filename } : {})
      }
      const session = yield* client.uploads.create(request).pipe(
        Effect.mapError((error) =>
          new SessionCreateError({
            ...apiDetails(error),
            message: error._tag === "NotImplemented"
              ? `this deployment cannot issue upload URLs (${error.code ?? "HTTP 501"}): ${error.message}`
              : `opening the upload session failed: ${error.message}`
          })
        )
      )
      const startedAt = yield* Clock.currentTimeMillis
      const single = session.mode === "single"
      const tracker = new Tracker(emit, startedAt, size, single ? 1 : undefined)
      const ctx: Context = { client, storage, session, config, emit, tracker }
      const partSize = session.part_size ?? undefined
      yield* emit(UploadEvent.SessionOpened({
        uploadId: session.upload_id,
        mode: session.mode,
        partSize,
        totalBytes: size,
        partsTotal: single
          ? 1
          : size !== undefined && partSize !== undefined && partSize > 0
          ? Plan.partCount(size, partSize)
          : undefined
      }))
      yield* tracker.progress()

      if (session.mode === "single") {
        if (source._tag !== "Sized") {
          return yield* new MalformedSession({
            uploadId: session.upload_id,
            message: "the server opened a single-PUT session for an upload of unknown size"
          })
        }
        yield* sendSingle(ctx, source)
      } else if (session.mode === "multipart") {
        if (source._tag === "Sized") yield* sendSized(ctx, source)
        else yield* sendSequential(ctx, source)
      } else {
        return yield* new MalformedSession({
          uploadId: session.upload_id,
          message: `unknown upload mode \`${session.mode}\``
        })
      }
      if (source._tag === "Sized") yield* source.verify
      const upload = yield* finalize(ctx, tracker.partsTotal ?? tracker.eTags.size)
      yield* emit(UploadEvent.Finished({ upload }))
      return upload
    })
  )
