/**
 * The session driver: open a session, send the bytes to storage (one PUT, or parts in
 * rounds of bounded concurrency), finalize exactly once.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import { HotdataClient, type Schemas } from "@hotdata-effect/core"
import * as CheckpointFormat from "@hotdata-effect/kernel/uploads/checkpointFormat"
import * as Plan from "@hotdata-effect/kernel/uploads/plan"
import * as Verify from "@hotdata-effect/kernel/uploads/verify"
import * as Clock from "effect/Clock"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as FiberSet from "effect/FiberSet"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import type { Checkpoint as CheckpointModel, CheckpointStore } from "../Checkpoint.js"
import * as StorageClient from "../StorageClient.js"
import {
  apiDetails,
  CheckpointError,
  FinalizeError,
  IntegrityError,
  MalformedSession,
  type MintError,
  SessionCreateError,
  SizeLimitError,
  type UploadError
} from "../UploadError.js"
import { UploadEvent } from "../UploadEvent.js"
import * as Resume from "./checkpoint.js"
import { type Job, makeJob, mint, runRounds, type Target } from "./rounds.js"
import { type Config, type Context, type Emit, type PartError, Tracker } from "./shared.js"
import * as Source from "./source.js"

export type { Config, Emit } from "./shared.js"

// ---------------------------------------------------------------------------
// Session shapes

/**
 * The session's part size: a whole number of bytes up to 5 GiB that, for a source of
 * known `size`, cuts it into at most 10,000 parts (so a part plan always fits in memory).
 */
const partSizeOf = (session: Schemas.UploadSessionResponse, size: number | undefined) =>
  Effect.suspend(() => {
    const partSize = session.part_size
    if (
      partSize === undefined || partSize === null || !Number.isSafeInteger(partSize) || partSize <= 0 ||
      partSize > Plan.MAX_PART_SIZE
    ) {
      return new MalformedSession({
        uploadId: session.upload_id,
        message: `the multipart session has no valid part size (${String(partSize)})`
      })
    }
    if (size !== undefined && Plan.partCount(size, partSize) > Plan.MAX_PARTS) {
      return new MalformedSession({
        uploadId: session.upload_id,
        message: `the session's part size of ${partSize} bytes cuts ${size} bytes into ` +
          `${Plan.partCount(size, partSize)} parts, more than the ${Plan.MAX_PARTS} storage allows`
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
    yield* runRounds(ctx, [makeJob(ctx, target, 0, source.size, Effect.succeed(bytes))], 1)
  })

const sendSized = (ctx: Context, source: Source.Sized) =>
  Effect.gen(function*() {
    const partSize = yield* partSizeOf(ctx.session, source.size)
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
    // Parts an earlier process finished (from its checkpoint) are not sent again.
    const jobs = plan.filter((part) => !ctx.tracker.parts.has(part.partNumber)).map((part) => {
      const target: Target = {
        partNumber: part.partNumber,
        errorPartNumber: part.partNumber,
        fixedUrl: urls?.[part.partNumber - 1],
        canMint: true
      }
      if (readInto === undefined) {
        return makeJob(ctx, target, part.offset, part.length, source.read(part.offset, part.length))
      }
      const job = makeJob(
        ctx,
        target,
        part.offset,
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
    yield* runRounds(ctx, jobs, ctx.inFlight)
  })

/**
 * A stream of unknown length: parts are read in order, one at a time, each only when a
 * slot is free, so no more than the parts in flight are ever held. A part that fails
 * keeps its bytes and is retried in rounds of its own (the stream cannot be read
 * again).
 */
const sendSequential = (ctx: Context, source: Source.Sequential) =>
  Effect.gen(function*() {
    const partSize = yield* partSizeOf(ctx.session, undefined)
    const slots = yield* Effect.makeSemaphore(ctx.inFlight)
    const set = yield* FiberSet.make<void, never>()
    const failed = yield* Deferred.make<void, PartError>()
    const producer = Effect.gen(function*() {
      let partNumber = 1
      let offset = 0
      while (true) {
        yield* slots.take(1)
        const bytes = yield* source.read(partSize)
        if (bytes.byteLength === 0 && partNumber > 1) {
          // The stream ended with the part before: that one was the last.
          yield* slots.release(1)
          return partNumber - 1
        }
        const target: Target = { partNumber, errorPartNumber: partNumber, fixedUrl: undefined, canMint: true }
        const job = makeJob(ctx, target, offset, bytes.byteLength, Effect.succeed(bytes))
        offset += bytes.byteLength
        yield* FiberSet.run(
          set,
          runRounds(ctx, [job], 1).pipe(
            Effect.catchAll((error) => Deferred.fail(failed, error)),
            Effect.ensuring(slots.release(1))
          )
        )
        if (bytes.byteLength < partSize) return partNumber
        partNumber++
      }
    })
    const count = yield* Effect.raceFirst(
      Effect.zipLeft(producer, FiberSet.awaitEmpty(set)),
      Effect.zipRight(Deferred.await(failed), Effect.never)
    )
    // A part may have failed just as the last one finished.
    if (yield* Deferred.isDone(failed)) yield* Deferred.await(failed)
    ctx.tracker.partsTotal = count
    ctx.tracker.totalBytes = ctx.tracker.bytesDone
    return ctx.tracker.bytesDone
  })

// ---------------------------------------------------------------------------
// The whole upload

/**
 * Finalizes the upload of a source of `size` bytes in `partsTotal` parts, exactly once.
 * Before it, the confirmed parts must cover the source exactly (no gap, no overlap, no
 * other total); after it, the size the server reports must be the source's.
 */
const finalize = (ctx: Context, partsTotal: number, size: number) =>
  Effect.gen(function*() {
    const uploadId = ctx.session.upload_id
    const parts: Array<Schemas.FinalizeUploadPart> = []
    for (let partNumber = 1; partNumber <= partsTotal; partNumber++) {
      const part = ctx.tracker.parts.get(partNumber)
      if (part === undefined) {
        return yield* new MalformedSession({ uploadId, message: `part ${partNumber} was never uploaded` })
      }
      parts.push({ part_number: partNumber, e_tag: part.eTag })
    }
    const gap = Verify.coverageProblem([...ctx.tracker.parts.values()], size)
    if (gap !== undefined) {
      const covered = [...ctx.tracker.parts.values()].reduce((n, part) => n + part.length, 0)
      return yield* new IntegrityError({
        reason: "coverage",
        uploadId,
        expected: size,
        actual: covered,
        message: `upload ${uploadId} was not finalized: its parts do not cover the source exactly (${gap})`
      })
    }
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

/** Fails when the server finalized the upload with another size than the source's. */
const checkFinalizedSize = (upload: Schemas.FinalizeUploadResponse, size: number) =>
  upload.size_bytes === size ? Effect.void : new IntegrityError({
    reason: "size",
    uploadId: upload.upload_id,
    expected: size,
    actual: upload.size_bytes,
    message: `upload ${upload.upload_id} was finalized with ${upload.size_bytes} bytes, the source has ${size}: ` +
      `it does not hold the source; do not load it, start a new upload`
  })

const resolveStorage: Effect.Effect<StorageClient.StorageClient.Service> = Effect.flatMap(
  Effect.serviceOption(StorageClient.StorageClient),
  Option.match({
    onSome: Effect.succeed,
    onNone: () =>
      Effect.flatMap(
        Effect.serviceOption(HttpClient.HttpClient),
        Option.match({ onSome: StorageClient.forHttpClient, onNone: () => StorageClient.makeFetch })
      )
  })
)

/** Opens a new session for `source`. */
const createSession = (
  client: HotdataClient.HotdataClient.Service,
  config: Config,
  source: Source.Opened,
  size: number | undefined
) =>
  Effect.gen(function*() {
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
    return yield* client.uploads.create(request).pipe(
      Effect.mapError((error) =>
        new SessionCreateError({
          ...apiDetails(error),
          message: error._tag === "NotImplemented"
            ? `this deployment cannot issue upload URLs (${error.code ?? "HTTP 501"}): ${error.message}`
            : `opening the upload session failed: ${error.message}`
        })
      )
    )
  })

/**
 * The checkpoint to resume from, checked against the source: none when there is none
 * (or the source cannot be checkpointed), a `CheckpointError` when it cannot be used.
 */
const loadCheckpoint = (
  key: string,
  require: boolean,
  checkpoints: CheckpointStore.Service,
  source: Source.Opened
) =>
  Effect.gen(function*() {
    if (source._tag !== "Sized" || source.size <= Plan.STREAMING_THRESHOLD) {
      if (!require) return Option.none<{ checkpoint: CheckpointModel | undefined; fingerprint: string }>()
      return yield* new CheckpointError({
        reason: "missing",
        key,
        message: source._tag === "Sized"
          ? `nothing to resume under ${key}: an upload of at most ${Plan.STREAMING_THRESHOLD} bytes is one PUT and keeps no checkpoint`
          : `nothing to resume under ${key}: a stream is read once and keeps no checkpoint`
      })
    }
    const fingerprint = yield* Resume.fingerprint(source)
    const loaded = yield* checkpoints.load(key)
    if (Option.isNone(loaded)) {
      if (!require) return Option.some({ checkpoint: undefined, fingerprint })
      return yield* new CheckpointError({ reason: "missing", key, message: `no checkpoint is stored under ${key}` })
    }
    const checkpoint = loaded.value
    const now = yield* Clock.currentTimeMillis
    const problem = Verify.checkpointProblem({
      ...checkpoint,
      finalizeToken: Redacted.value(checkpoint.finalizeToken)
    }, now)
    if (problem !== undefined) {
      return yield* new CheckpointError({
        reason: "invalid",
        key,
        field: problem.field,
        // An upload id found wrong is not repeated.
        ...(problem.field !== "uploadId" ? { uploadId: checkpoint.uploadId } : {}),
        message: `the checkpoint ${key} cannot be resumed: its \`${problem.field}\` ${problem.message}`
      })
    }
    if (checkpoint.size !== source.size || checkpoint.fingerprint !== fingerprint) {
      return yield* new CheckpointError({
        reason: "sourceChanged",
        key,
        uploadId: checkpoint.uploadId,
        message: checkpoint.size !== source.size
          ? `the checkpoint ${key} is of a source of ${checkpoint.size} bytes, this one has ${source.size}`
          : `the source is not the one the checkpoint ${key} was written for (its modification time or content differ)`
      })
    }
    if (now - checkpoint.createdAt >= CheckpointFormat.SESSION_LIFETIME_MILLIS) {
      return yield* new CheckpointError({
        reason: "sessionGone",
        key,
        uploadId: checkpoint.uploadId,
        message:
          `upload ${checkpoint.uploadId} of the checkpoint ${key} has expired (sessions live 24 hours): start a new upload`
      })
    }
    return Option.some({ checkpoint, fingerprint })
  })

/**
 * Asks the server for a URL of a part of a resumed session, so that a session that was
 * finalized or expired fails here, with a clear error, before any byte is sent.
 */
const probeResumed = (
  ctx: Context,
  key: string,
  partNumber: number
): Effect.Effect<void, CheckpointError | MintError | MalformedSession> =>
  Effect.catchTag(
    Effect.asVoid(mint(ctx, partNumber)),
    "MintError",
    (error): Effect.Effect<never, CheckpointError | MintError> =>
      error.status === 400 || error.status === 404 || error.status === 410
        ? Effect.fail(
          new CheckpointError({
            reason: "sessionGone",
            key,
            uploadId: ctx.session.upload_id,
            message: `upload ${ctx.session.upload_id} of the checkpoint ${key} cannot be resumed: it was finalized ` +
              `or has expired (the server answered ${error.status}: ${error.message})`
          })
        )
        : Effect.fail(error)
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

      const checkpoints = config.checkpoint === undefined ? undefined : yield* Resume.store
      const resumable = config.checkpoint === undefined || checkpoints === undefined
        ? Option.none()
        : yield* loadCheckpoint(config.checkpoint.key, config.checkpoint.require, checkpoints, source)
      const resumed = Option.isSome(resumable) ? resumable.value.checkpoint : undefined

      const session: Schemas.UploadSessionResponse = resumed !== undefined
        ? {
          upload_id: resumed.uploadId,
          finalize_token: Redacted.value(resumed.finalizeToken),
          mode: "multipart",
          headers: { ...resumed.headers },
          part_size: resumed.partSize
        }
        : yield* createSession(client, config, source, size)
      // Headers no request can carry would fail every PUT the same way: refused here, once.
      const unsendable = Verify.headersProblem(session.headers)
      if (unsendable !== undefined) {
        return yield* new MalformedSession({
          uploadId: session.upload_id,
          message: `the session asks PUTs to carry headers that cannot be sent: ${unsendable}`
        })
      }
      const startedAt = yield* Clock.currentTimeMillis
      const single = session.mode === "single"
      const tracker = new Tracker(emit, startedAt, size, single ? 1 : undefined)
      const partSize = session.part_size ?? undefined
      const inFlight = single
        ? 1
        : Plan.effectiveInFlight(config.concurrency, partSize ?? Plan.DEFAULT_PART_SIZE, config.memoryBudget)
      const keepsCheckpoint = checkpoints !== undefined && Option.isSome(resumable) &&
        session.mode === "multipart" && partSize !== undefined && size !== undefined
      const ctx: Context = { client, storage, session, config, emit, tracker, inFlight, checksums: keepsCheckpoint }

      if (resumed !== undefined && source._tag === "Sized") {
        const key = config.checkpoint!.key
        const listed = new Set(resumed.parts.map((part) => part.partNumber))
        const missing = Plan.planParts(source.size, resumed.partSize).find((part) => !listed.has(part.partNumber))
        yield* probeResumed(ctx, key, missing?.partNumber ?? 1)
        // Only parts whose bytes the source still holds are kept; the others are sent again.
        for (const part of yield* Resume.verifiedParts(key, resumed, source)) tracker.restore(part)
      }
      if (keepsCheckpoint) {
        const save = yield* Resume.writer(checkpoints, config.checkpoint!.key, {
          uploadId: session.upload_id,
          finalizeToken: Redacted.make(session.finalize_token),
          partSize,
          size,
          fingerprint: resumable.value.fingerprint,
          headers: session.headers,
          createdAt: resumed?.createdAt ?? startedAt
        }, tracker)
        // Written whole before any part goes, so a crash from here on resumes this
        // session (and a resumed checkpoint is folded back into one piece).
        yield* save.save
        tracker.onComplete = save.part
      }

      yield* emit(UploadEvent.SessionOpened({
        uploadId: session.upload_id,
        mode: session.mode,
        partSize,
        totalBytes: size,
        partsTotal: single
          ? 1
          : size !== undefined && partSize !== undefined && partSize > 0
          ? Plan.partCount(size, partSize)
          : undefined,
        resumedParts: tracker.parts.size
      }))
      yield* tracker.progress()
      // Bytes moving inside parts are reported by a ticker, so a body's progress callback
      // only counts (nothing runs per chunk) and events stay throttled.
      const ticker = yield* Effect.forkScoped(
        Effect.repeat(Effect.zipRight(Effect.sleep(config.progressInterval), tracker.tick()), Schedule.forever)
      )

      let total: number
      if (session.mode === "single") {
        if (source._tag !== "Sized") {
          return yield* new MalformedSession({
            uploadId: session.upload_id,
            message: "the server opened a single-PUT session for an upload of unknown size"
          })
        }
        yield* sendSingle(ctx, source)
        total = source.size
      } else if (session.mode === "multipart") {
        if (source._tag === "Sized") {
          yield* sendSized(ctx, source)
          total = source.size
        } else {
          total = yield* sendSequential(ctx, source)
        }
      } else {
        return yield* new MalformedSession({
          uploadId: session.upload_id,
          message: `unknown upload mode \`${session.mode}\``
        })
      }
      yield* Fiber.interrupt(ticker)
      if (source._tag === "Sized") yield* source.verify
      const upload = yield* finalize(ctx, tracker.partsTotal ?? tracker.parts.size, total)
      // Finalized: the checkpoint has served, and a resume from it could only fail.
      if (checkpoints !== undefined && config.checkpoint !== undefined) {
        yield* Effect.ignore(checkpoints.remove(config.checkpoint.key))
      }
      yield* checkFinalizedSize(upload, total)
      yield* emit(UploadEvent.Finished({ upload }))
      return upload
    })
  )
