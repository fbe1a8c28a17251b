import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import type { HotdataClient } from "@hotdata-effect/core/HotdataClient"
import * as Polling from "@hotdata-effect/core/Polling"
import * as Results from "@hotdata-effect/core/Results"
import { IpcFraming } from "@hotdata-effect/kernel/ipcFraming"
import type { RecordBatch, Schema as ArrowSchema } from "apache-arrow"
import { RecordBatchReader } from "apache-arrow"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as ExecutionStrategy from "effect/ExecutionStrategy"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as ArrowError from "../ArrowError.js"
import type * as ArrowResults from "../ArrowResults.js"

/** The formats a result can be read in, with the media type asked for. */
export const mediaTypes = {
  arrow: Results.mediaTypes.arrow,
  csv: Results.mediaTypes.csv,
  parquet: Results.mediaTypes.parquet
} as const

export type Format = keyof typeof mediaTypes

type WaitOptions = ArrowResults.WaitOptions
type FetchOptions = ArrowResults.Options

/** What the response headers say about a ready result. */
export type ResultInfo = Results.Info

/**
 * Sends `GET /v1/results/{id}` for one format through the core's reader and returns the
 * ready response with its body unread. A JSON body where data was asked for is an
 * `ArrowDecodeError`.
 */
export const request = (
  resultId: string,
  format: Format,
  options: Pick<FetchOptions, "databaseId" | "offset" | "limit">
): Effect.Effect<
  { readonly response: HttpClientResponse.HttpClientResponse; readonly info: ResultInfo },
  ArrowError.ResultError,
  HotdataClient | Scope.Scope
> =>
  Effect.flatMap(
    Results.request(resultId, {
      databaseId: options.databaseId,
      format,
      offset: options.offset,
      limit: options.limit
    }),
    ({ info, response }) =>
      Results.isJson(info.contentType)
        ? new ArrowError.ArrowDecodeError({
          resultId,
          reason: "malformed",
          bytesRead: 0,
          message: `result ${resultId}: expected ${mediaTypes[format]} but the server sent ${info.contentType}`
        })
        : Effect.succeed({ response, info })
  )

const describe = (u: unknown): string => {
  const messages: Array<string> = []
  let current: unknown = u
  for (let depth = 0; depth < 5 && Predicate.isObject(current); depth++) {
    if ("message" in current && Predicate.isString(current.message) && current.message !== "") {
      if (!messages.includes(current.message)) messages.push(current.message)
    }
    current = "cause" in current ? current.cause : undefined
  }
  return messages.length > 0 ? messages.join(": ") : String(u)
}

/** A read of the body that failed after `bytesRead` bytes, as a `truncated` decode error. */
export const brokenOff = (resultId: string, bytesRead: number, error: { readonly cause?: unknown }) =>
  new ArrowError.ArrowDecodeError({
    resultId,
    reason: "truncated",
    bytesRead,
    message: `result ${resultId}: the body broke off after ${bytesRead} bytes: ${describe(error.cause ?? error)}`
  })

/** The body as a byte stream, a broken-off read becoming a `truncated` decode error. */
const body = (
  resultId: string,
  response: HttpClientResponse.HttpClientResponse
): Stream.Stream<Uint8Array, ArrowError.ArrowDecodeError> =>
  Stream.suspend(() => {
    let bytes = 0
    return response.stream.pipe(
      Stream.mapChunks((chunk) => {
        for (const piece of chunk) bytes += piece.length
        return chunk
      }),
      Stream.mapError((error) => brokenOff(resultId, bytes, error))
    )
  })

/**
 * Follows a body in one format as its chunks pass by: `push` answers the failure of
 * bytes that cannot be that format, `end` the failure of a body that stopped short (an
 * Arrow stream without its end-of-stream marker, a Parquet file without its `PAR1`
 * footer). CSV has no end to check.
 */
export interface BodyCheck {
  readonly push: (bytes: Uint8Array) => ArrowError.ArrowDecodeError | undefined
  readonly end: () => ArrowError.ArrowDecodeError | undefined
}

const PAR1 = [0x50, 0x41, 0x52, 0x31] as const

/** A fresh {@link BodyCheck} for one body. */
export const bodyCheck = (resultId: string, format: Format): BodyCheck => {
  if (format === "csv") return { push: () => undefined, end: () => undefined }
  if (format === "arrow") {
    const framing = new IpcFraming()
    return {
      push: (bytes) => {
        const problem = framing.push(bytes)
        return problem === undefined ? undefined : new ArrowError.ArrowDecodeError({
          resultId,
          reason: "malformed",
          bytesRead: framing.bytes,
          message: `result ${resultId} is not a valid Arrow IPC stream: ${problem}`
        })
      },
      end: () =>
        framing.complete ? undefined : new ArrowError.ArrowDecodeError({
          resultId,
          reason: "truncated",
          bytesRead: framing.bytes,
          message: `result ${resultId}: the Arrow stream ended ${framing.position}, after ${framing.bytes} bytes`
        })
    }
  }
  // Parquet: the last four bytes seen, oldest first.
  let bytesRead = 0
  const tail = new Uint8Array(4)
  return {
    push: (bytes) => {
      bytesRead += bytes.length
      if (bytes.length >= 4) {
        tail.set(bytes.subarray(bytes.length - 4))
      } else {
        tail.copyWithin(0, bytes.length)
        tail.set(bytes, 4 - bytes.length)
      }
      return undefined
    },
    end: () =>
      bytesRead >= 4 && tail.every((byte, i) => byte === PAR1[i]) ? undefined : new ArrowError.ArrowDecodeError({
        resultId,
        reason: "truncated",
        bytesRead,
        message: `result ${resultId}: the Parquet file ended after ${bytesRead} bytes without its footer`
      })
  }
}

/**
 * The raw bytes of a body in `format`, checked on the way through with a
 * {@link BodyCheck}: the stream fails with `ArrowDecodeError` when the bytes cannot be
 * that format or end short.
 */
export const checkedBytes = (
  resultId: string,
  format: Format,
  response: HttpClientResponse.HttpClientResponse
): Stream.Stream<Uint8Array, ArrowError.ArrowDecodeError> =>
  Stream.suspend(() => {
    const check = bodyCheck(resultId, format)
    return body(resultId, response).pipe(
      Stream.mapChunksEffect((chunk) => {
        for (const bytes of chunk) {
          const problem = check.push(bytes)
          if (problem !== undefined) return Effect.fail(problem)
        }
        return Effect.succeed(chunk)
      }),
      Stream.concat(Stream.suspend(() => {
        const problem = check.end()
        return problem === undefined ? Stream.empty : Stream.fail(problem)
      }))
    )
  })

/** An open Arrow result: its schema is read, its batches are not. */
export interface OpenResult {
  readonly schema: ArrowSchema
  readonly batches: Stream.Stream<RecordBatch, ArrowError.ArrowDecodeError>
}

/**
 * Decodes an IPC body incrementally, as an ordinary Effect stream.
 *
 * The framing of the stream is followed as chunks arrive, so it is known when a whole
 * message has been received. apache-arrow's synchronous reader is only asked for the
 * next batch once that batch's message is complete, which means its reads are always
 * served from the chunks already queued: no async bridge, no buffering of the body
 * beyond the message being assembled. Its source answers "nothing yet" (an empty chunk),
 * never "done", when the queue runs dry before the body has ended: the reader pulls once
 * more whenever a read takes exactly the bytes it holds, and a `done` would end its
 * stream for good. The request lives in the current scope; closing it aborts the request.
 */
export const decode = (
  info: ResultInfo,
  response: HttpClientResponse.HttpClientResponse,
  window: Pick<FetchOptions, "offset" | "limit">
): Effect.Effect<OpenResult, ArrowError.ArrowDecodeError, Scope.Scope> =>
  Effect.gen(function*() {
    const { resultId } = info
    const framing = new IpcFraming()
    const decodeError = (reason: "malformed" | "truncated", message: string) =>
      new ArrowError.ArrowDecodeError({ resultId, reason, bytesRead: framing.bytes, message })
    const toDecodeError = (error: unknown): ArrowError.ArrowDecodeError =>
      error instanceof ArrowError.ArrowDecodeError
        ? error
        : decodeError("malformed", `result ${resultId} is not a valid Arrow IPC stream: ${describe(error)}`)

    // Chunks received but not yet read by the reader: at most the message being assembled.
    const queue: Array<Uint8Array> = []
    let head = 0
    /** Whether the body has ended: only then may the reader be told that no bytes follow. */
    let ended = false
    /** Whether the last answer to the reader was "nothing yet". */
    let starved = false
    const source: Iterable<Uint8Array> = {
      [Symbol.iterator]: () => ({
        next: (): IteratorResult<Uint8Array> => {
          if (head === queue.length) {
            if (ended) return { done: true, value: undefined }
            // apache-arrow's byte source pulls once more whenever a read takes exactly the
            // bytes it holds, so an empty queue at a message boundary is routine: the
            // message just read ended where the received bytes end. Answering `done` there
            // would end its stream for good (it never asks again), so the answer is an
            // empty chunk, which it skips. The reader is only run over complete messages,
            // so it never needs bytes that have not arrived; if it asks again all the same
            // (our framing and its parser disagree), fail instead of letting it spin.
            if (starved) throw new Error(`the decoder needed bytes past the ${framing.messages} complete message(s)`)
            starved = true
            return { done: false, value: EMPTY }
          }
          starved = false
          const value = queue[head]!
          queue[head++] = EMPTY
          if (head === queue.length) {
            queue.length = head = 0
          } else if (head >= 1024) {
            queue.splice(0, head)
            head = 0
          }
          return { done: false, value }
        }
      })
    }

    // No read-ahead fiber: a queue between the socket and the decoder keeps chunks alive
    // long enough to reach the old generation, and the garbage collector then costs more
    // than the decoding.
    const pull = yield* Stream.toPull(body(resultId, response))
    /** Receives the next chunk; `false` once the body has ended. */
    const receive: Effect.Effect<boolean, ArrowError.ArrowDecodeError> = Effect.matchEffect(pull, {
      onFailure: (error) => {
        if (Option.isSome(error)) return Effect.fail(error.value)
        ended = true
        return Effect.succeed(false)
      },
      onSuccess: (chunk) => {
        for (const bytes of chunk) {
          const problem = framing.push(bytes)
          if (problem !== undefined) {
            return Effect.fail(
              decodeError("malformed", `result ${resultId} is not a valid Arrow IPC stream: ${problem}`)
            )
          }
          if (bytes.length > 0) queue.push(bytes)
        }
        return Effect.succeed(true)
      }
    })

    // The schema is the first message.
    while (framing.messages === 0) {
      if (!(yield* receive)) {
        return yield* decodeError(
          "truncated",
          `result ${resultId}: the Arrow stream ended ${framing.position}, before its schema, after ${framing.bytes} bytes`
        )
      }
    }
    const reader = yield* Effect.try({
      try: () => {
        const reader = RecordBatchReader.from(source)
        if (!reader.isSync() || !reader.isStream()) throw new Error("not an Arrow IPC stream")
        reader.open()
        return reader
      },
      catch: toDecodeError
    })
    if (reader.schema === undefined || reader.schema === null) {
      return yield* decodeError("malformed", `result ${resultId}: the first Arrow message is not a schema`)
    }

    const expected = info.totalRowCount === undefined
      ? undefined
      : Math.max(0, Math.min(window.limit ?? Infinity, info.totalRowCount - (window.offset ?? 0)))
    let consumed = 0
    let rows = 0

    /** The batches whose messages are complete. */
    const ready = Effect.try({
      try: () => {
        const out: Array<RecordBatch> = []
        while (consumed < framing.batches) {
          const next = reader.next()
          if (next.done === true) throw new Error(`the reader stopped after ${consumed} of ${framing.batches} batches`)
          consumed++
          rows += next.value.numRows
          out.push(next.value)
        }
        return Chunk.unsafeFromArray(out)
      },
      catch: toDecodeError
    })

    /** At the end of the body: the end-of-stream marker must have come, with every row announced. */
    const finish = Effect.suspend((): Effect.Effect<void, ArrowError.ArrowDecodeError> => {
      if (!framing.complete) {
        return decodeError(
          "truncated",
          `result ${resultId}: the Arrow stream ended ${framing.position}, after ${framing.bytes} bytes`
        )
      }
      if (expected !== undefined && rows !== expected) {
        return decodeError(
          "truncated",
          `result ${resultId}: the Arrow stream held ${rows} rows, the server announced ${expected}`
        )
      }
      return Effect.void
    })

    const step: Effect.Effect<Chunk.Chunk<RecordBatch>, Option.Option<ArrowError.ArrowDecodeError>> = Effect.gen(
      function*() {
        while (true) {
          const batches = yield* ready
          if (batches.length > 0) return batches
          if (ended) {
            yield* finish
            return yield* Effect.fail(Option.none())
          }
          yield* receive
        }
      }
    ).pipe(Effect.mapError((error) => Option.isOption(error) ? error : Option.some(error)))

    return { schema: reader.schema, batches: Stream.repeatEffectChunkOption(step) }
  })

const EMPTY = new Uint8Array(0)

/** Whether to wait, and how, from the `wait` option. */
export const waitOptions = (wait: boolean | WaitOptions | undefined, byDefault: boolean): WaitOptions | undefined => {
  if (wait === undefined) return byDefault ? {} : undefined
  if (wait === false) return undefined
  return wait === true ? {} : wait
}

/**
 * Runs `attempt` until it stops failing with `NotReady`: waits the schedule's next
 * delay, or the server's `Retry-After` when it is longer, and fails with the core's
 * `PollTimeout` rather than sleep past the deadline. The wait is on the data request
 * itself, so a result is never downloaded twice.
 */
export const retryNotReady = <A, E, R>(
  resultId: string,
  attempt: Effect.Effect<A, E | ArrowError.NotReady, R>,
  wait: WaitOptions | undefined
): Effect.Effect<A, E | ArrowError.NotReady | Polling.PollTimeout, R> => {
  if (wait === undefined) return attempt
  return Polling.poll(
    "result",
    resultId,
    Effect.catchIf(
      Effect.map(attempt, (value): Polling.Step<A> => ({ _tag: "Done", value })),
      (error): error is ArrowError.NotReady => error instanceof ArrowError.NotReady,
      (notReady): Effect.Effect<Polling.Step<A>> =>
        Effect.succeed({ _tag: "Pending", status: notReady.status, retryAfter: notReady.retryAfter })
    ),
    wait
  )
}

/**
 * Requests a result in `format`, waiting for it first when `wait` says so. Each
 * not-ready attempt is closed at once; the ready response lives in the caller's scope.
 */
export const requestReady = (
  resultId: string,
  format: Format,
  options: FetchOptions,
  waitByDefault: boolean
): Effect.Effect<
  { readonly response: HttpClientResponse.HttpClientResponse; readonly info: ResultInfo },
  ArrowError.ResultError | Polling.PollTimeout,
  HotdataClient | Scope.Scope
> => {
  const attempt = Effect.gen(function*() {
    const child = yield* Scope.fork(yield* Effect.scope, ExecutionStrategy.sequential)
    return yield* request(resultId, format, options).pipe(
      Scope.extend(child),
      Effect.onExit((exit) => Exit.isFailure(exit) ? Scope.close(child, exit) : Effect.void)
    )
  })
  return retryNotReady(resultId, attempt, waitOptions(options.wait, waitByDefault))
}
