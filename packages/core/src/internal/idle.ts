import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Redact from "@hotdata-effect/kernel/redact"
import * as SizeLimit from "@hotdata-effect/kernel/sizeLimit"
import type * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import { globalValue } from "effect/GlobalValue"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as HotdataError from "../HotdataError.js"
import * as Secrets from "./secrets.js"
import { type BodyLimits, limitsOwnReads } from "./transport/lean.js"
import * as RawBody from "./transport/rawBody.js"

const utf8 = new TextDecoder()

/** The default limit on how long a response body may stop moving. */
export const DEFAULT_IDLE_TIMEOUT: Duration.Duration = Duration.seconds(60)

/** @internal */
export const currentIdleTimeout = globalValue(
  "@hotdata-effect/core/HotdataClient/currentIdleTimeout",
  () => FiberRef.unsafeMake<Option.Option<Duration.Duration>>(Option.none())
)

/**
 * The idle timeout of a read, as the failure the response's body fails with: a
 * `ResponseError` (the type every body read has) whose `cause` is the
 * {@link HotdataError.TimeoutError} the call path turns it into.
 */
const idleError = (
  operation: string,
  response: HttpClientResponse.HttpClientResponse,
  idle: Duration.Duration
) => {
  const message = `${operation}: the response body stopped moving for ${Duration.format(idle)}`
  return new HttpClientError.ResponseError({
    request: response.request,
    response,
    reason: "Decode",
    description: message,
    cause: new HotdataError.TimeoutError({ operation, timeout: idle, message })
  })
}

/** The timeout error an idle read carries, if `error` is one. */
export const idleTimeoutOf = (error: HttpClientError.HttpClientError): HotdataError.TimeoutError | undefined =>
  error._tag === "ResponseError" && error.cause instanceof HotdataError.TimeoutError ? error.cause : undefined

/**
 * Fails `stream` when no chunk arrives within `idle` of asking for one: a body that
 * stops moving. The total time is not limited.
 *
 * The cost per chunk is two hand-offs, not a race: one reader fiber pulls `stream` and
 * keeps at most one chunk ready ahead of the consumer (so a read of the body is pending
 * while the consumer works on the last chunk, as a piped stream would have it), and one
 * watchdog fiber sleeps until the moment the pending ask would be `idle` old, for the
 * life of the stream. When it finds an ask that old, it fails it; an interruption of the
 * consumer simply withdraws its ask.
 */
const idleLimited = <E>(
  stream: Stream.Stream<Uint8Array, E>,
  idle: Duration.Duration,
  onIdle: () => E
): Stream.Stream<Uint8Array, E> =>
  Stream.fromPull(Effect.gen(function*() {
    type Pulled = Effect.Effect<Chunk.Chunk<Uint8Array>, Option.Option<E>>
    const pull = yield* Stream.toPull(stream)
    const clock = yield* Effect.clock
    const millis = Duration.toMillis(idle)
    /** The consumer waiting for a chunk, and since when. */
    let waiting: ((answer: Pulled) => void) | undefined
    let askedAt = 0
    /** What the reader pulled before it was asked for, and the reader waiting for it to be taken. */
    let ready: Pulled | undefined
    let onTaken: (() => void) | undefined
    /** The end (or failure) of the stream, once handed over: every later ask gets it. */
    let ended: Pulled | undefined

    /** Hands `value` to the consumer if it waits, else keeps it until it asks. */
    const deliver = (value: Pulled): Effect.Effect<void> => {
      const consumer = waiting
      if (consumer !== undefined) {
        waiting = undefined
        consumer(value)
        return Effect.void
      }
      return Effect.async<void>((resume) => {
        ready = value
        onTaken = () => resume(Effect.void)
        return Effect.sync(() => onTaken = undefined)
      })
    }
    const reader: Effect.Effect<void> = Effect.matchCauseEffect(pull, {
      onFailure: (cause) => deliver(ended = Effect.failCause(cause)),
      onSuccess: (chunk) => Effect.zipRight(deliver(Effect.succeed(chunk)), reader)
    })
    yield* Effect.forkScoped(reader)

    const watchdog: Effect.Effect<void> = Effect.suspend(() => {
      const now = clock.unsafeCurrentTimeMillis()
      if (waiting !== undefined && now - askedAt >= millis) {
        const consumer = waiting
        waiting = undefined
        ended = Effect.fail(Option.some(onIdle()))
        consumer(ended)
        return Effect.void
      }
      const wait = waiting === undefined ? millis : askedAt + millis - now
      return Effect.zipRight(Effect.sleep(Duration.millis(wait)), watchdog)
    })
    yield* Effect.forkScoped(watchdog)

    return Effect.suspend((): Pulled => {
      if (ended !== undefined) return ended
      const value = ready
      if (value !== undefined) {
        ready = undefined
        const taken = onTaken
        onTaken = undefined
        taken?.()
        return value
      }
      return Effect.async<Chunk.Chunk<Uint8Array>, Option.Option<E>>((resume) => {
        waiting = resume
        askedAt = clock.unsafeCurrentTimeMillis()
        return Effect.sync(() => {
          if (waiting === resume) waiting = undefined
        })
      })
    })
  }))

/**
 * A body that went past a size bound (see `SizeLimit`), as the failure the response's
 * body fails with: a `ResponseError` whose `cause` is the
 * {@link HotdataError.ResponseTooLarge} the call path turns it into.
 */
const tooLargeError = (
  operation: string,
  response: HttpClientResponse.HttpClientResponse,
  excess: SizeLimit.Excess
) => {
  const message = `${operation}: ${SizeLimit.describe(excess)}`
  const traceId = RawBody.headerOf(response, "x-trace-id")
  return new HttpClientError.ResponseError({
    request: response.request,
    response,
    reason: "Decode",
    description: message,
    cause: new HotdataError.ResponseTooLarge({
      operation,
      message,
      setting: excess.setting,
      limit: excess.limit,
      status: response.status,
      ...(traceId !== undefined ? { traceId: Redact.redact(traceId, Secrets.secretsOf(response.request)) } : {})
    })
  })
}

/** The size error a read past a bound carries, if `error` is one. */
export const tooLargeOf = (error: HttpClientError.HttpClientError): HotdataError.ResponseTooLarge | undefined =>
  error._tag === "ResponseError" && error.cause instanceof HotdataError.ResponseTooLarge ? error.cause : undefined

/** The encoded size of the body of `response` when it came compressed and says it. */
const encodedLengthOf = (response: HttpClientResponse.HttpClientResponse): number | undefined =>
  SizeLimit.encodedLengthOf(
    RawBody.headerOf(response, "content-encoding"),
    RawBody.headerOf(response, "content-length")
  )

/**
 * Fails `stream` once a compressed body whose encoded size is `encoded` has expanded past
 * `maxRatio` (see `SizeLimit`); the stream's end then ends the request.
 */
const ratioLimited = <E>(
  stream: Stream.Stream<Uint8Array, E>,
  encoded: number,
  maxRatio: number,
  onTooLarge: (excess: SizeLimit.Excess) => E
): Stream.Stream<Uint8Array, E> =>
  Stream.suspend(() => {
    let decoded = 0
    return Stream.mapChunksEffect(stream, (chunk) => {
      for (const piece of chunk) decoded += piece.length
      const excess = SizeLimit.ratioExcess(decoded, encoded, maxRatio)
      return excess === undefined ? Effect.succeed(chunk) : Effect.fail(onTooLarge(excess))
    })
  })

/** The clock of a fiber that no one replaced: its time is the system's, its timers are `setTimeout`. */
export const liveClock = Context.get(DefaultServices.liveServices, Clock.Clock)

/**
 * The limits {@link withLimits} put on a response's body, for a consumer that reads it
 * itself (`Results.bodyReader`): the idle limit in milliseconds (infinite for none) with
 * its failure, and the ratio bound of a compressed body whose encoded size is known.
 */
export interface BodyLimit {
  readonly millis: number
  readonly onIdle: () => HttpClientError.ResponseError
  readonly maxRatio: number
  readonly encoded: number | undefined
  readonly onTooLarge: (excess: SizeLimit.Excess) => HttpClientError.ResponseError
}

const bodyLimits = new WeakMap<HttpClientResponse.HttpClientResponse, BodyLimit>()

/** The limits on the body of `response`, when {@link withLimits} put some on it. */
export const bodyLimitOf = (response: HttpClientResponse.HttpClientResponse): BodyLimit | undefined =>
  bodyLimits.get(response)

/** How {@link errorText} reads the start of a body of a response {@link withLimits} made. */
const snippets = new WeakMap<
  HttpClientResponse.HttpClientResponse,
  (max: number) => Effect.Effect<Uint8Array, HttpClientError.ResponseError>
>()

/**
 * Whether HTTP says the response has no body (a HEAD request, 204, 205, 304, or
 * `content-length: 0`): nothing can stall, and some transports refuse to stream it.
 */
const hasNoBody = (response: HttpClientResponse.HttpClientResponse): boolean =>
  response.request.method === "HEAD" || response.status === 204 || response.status === 205 ||
  response.status === 304 || RawBody.headerOf(response, "content-length") === "0"

/** What a call reads a response's body under: its idle timeout and size bounds. */
export interface Limits {
  readonly idle: Duration.Duration
  readonly size: SizeLimit.SizeLimits
}

/** Both limits on `stream`: the idle timeout (when finite), then the ratio bound (for a compressed body of known size). */
const limitStream = (
  operation: string,
  limits: Limits,
  response: HttpClientResponse.HttpClientResponse,
  stream: Stream.Stream<Uint8Array, HttpClientError.ResponseError>
): Stream.Stream<Uint8Array, HttpClientError.ResponseError> => {
  const idle = limits.idle
  const timed = Duration.isFinite(idle)
    ? idleLimited(stream, idle, () => idleError(operation, response, idle))
    : stream
  const encoded = encodedLengthOf(response)
  return encoded === undefined || !Number.isFinite(limits.size.maxRatio)
    ? timed
    : ratioLimited(timed, encoded, limits.size.maxRatio, (excess) => tooLargeError(operation, response, excess))
}

/** The limits of the reads of the SDK's own transports. */
export const ownLimits = (operation: string, limits: Limits): BodyLimits => ({
  millis: Duration.isFinite(limits.idle) ? Duration.toMillis(limits.idle) : Number.POSITIVE_INFINITY,
  onIdle: (self) => idleError(operation, self, limits.idle),
  size: limits.size,
  onTooLarge: (self, excess) => tooLargeError(operation, self, excess),
  limitStream: (self, stream) => limitStream(operation, limits, self, stream)
})

/**
 * The response with every read of its body under `limits`: `stream` fails once the body
 * has not moved for the idle timeout, or once a compressed body expands past the ratio
 * bound; the whole-body reads (`text`, `json`, `arrayBuffer`, `urlParamsBody`) fail on
 * those and past the whole-body bound, and stop reading there. The status and headers are
 * those of `response`.
 */
export const withLimits = (
  operation: string,
  response: HttpClientResponse.HttpClientResponse,
  limits: Limits
): HttpClientResponse.HttpClientResponse => {
  if (hasNoBody(response)) return response
  const idle = limits.idle
  const idleMillis = Duration.isFinite(idle) ? Duration.toMillis(idle) : Number.POSITIVE_INFINITY
  const encoded = encodedLengthOf(response)
  const bodyLimit = (self: HttpClientResponse.HttpClientResponse): BodyLimit => ({
    millis: idleMillis,
    onIdle: () => idleError(operation, self, idle),
    maxRatio: limits.size.maxRatio,
    encoded,
    onTooLarge: (excess) => tooLargeError(operation, self, excess)
  })
  if (limitsOwnReads(response)) {
    // The SDK's own transports limit their own reads: one timer per read, no stream.
    const limited = response.withLimits(ownLimits(operation, limits))
    bodyLimits.set(limited, bodyLimit(limited))
    return limited
  }
  // Built when first asked for: a body read whole, or with `bodyReader`, never needs it.
  let stream: Stream.Stream<Uint8Array, HttpClientError.ResponseError> | undefined
  const decodeFailure = (cause: unknown) =>
    cause instanceof SizeLimit.TooLarge
      ? tooLargeError(operation, response, cause.excess)
      : new HttpClientError.ResponseError({ request: response.request, response, reason: "Decode", cause })
  // A response of a transport the SDK knows is read from the body it holds underneath,
  // with one timer (see `RawBody`), when the fiber's clock is the system's.
  const source = RawBody.sourceOf(response)
  const readLimits = (size: SizeLimit.SizeLimits, truncate: boolean): RawBody.ReadLimits => ({
    millis: idleMillis,
    onIdle: () => idleError(operation, response, idle),
    size,
    onTooLarge: (excess) => tooLargeError(operation, response, excess),
    truncate,
    encoded
  })
  let whole: Promise<Uint8Array> | undefined
  const direct = <A>(read: (bytes: Uint8Array) => A, start: () => Promise<Uint8Array>) =>
    Effect.async<A, HttpClientError.ResponseError>((resume) => {
      start().then(
        (bytes) => resume(Effect.succeed(read(bytes))),
        (cause) => resume(Effect.fail(cause instanceof HttpClientError.ResponseError ? cause : decodeFailure(cause)))
      )
      return Effect.sync(() => source!.abort())
    })
  const directWhole = <A>(read: (bytes: Uint8Array) => A) =>
    direct(read, () => whole ??= RawBody.read(source!, readLimits(limits.size, false)))
  // Otherwise, the body under the limits through `stream`: one watchdog for the whole
  // read, woken at the latest moment the body could stall, rather than a timer per chunk,
  // and a count of the bytes against the bounds (`upTo` ends the read there, with what it
  // has, instead of failing). Should the platform refuse to stream a body it holds none
  // of, the plain read says what it holds.
  const streamed = <A>(
    plain: Effect.Effect<A, HttpClientError.ResponseError>,
    read: (bytes: Uint8Array) => A,
    upTo?: number
  ) =>
    Effect.flatMap(Clock.currentTimeMillis, (start) => {
      let moved = false
      let last = start
      const watchdog: Effect.Effect<never, HttpClientError.ResponseError> = Effect.flatMap(
        Clock.currentTimeMillis,
        (now) =>
          now - last >= idleMillis
            ? Effect.fail(idleError(operation, response, idle))
            : Effect.zipRight(Effect.sleep(Duration.millis(last + idleMillis - now)), Effect.suspend(() => watchdog))
      )
      const tapped = Stream.tap(response.stream, () =>
        Effect.map(Clock.currentTimeMillis, (now) => {
          moved = true
          last = now
        }))
      const held: { readonly chunks: Array<Uint8Array>; size: number } = { chunks: [], size: 0 }
      const keep = (piece: Uint8Array) => {
        held.chunks.push(RawBody.keepable(piece))
        held.size += piece.length
        return held
      }
      const count = SizeLimit.meter(limits.size, true, encoded)
      const collect = upTo === undefined
        ? Stream.runFoldEffect(tapped, held, (_, piece) => {
          const excess = count(piece.length)
          return excess === undefined
            ? Effect.succeed(keep(piece))
            : Effect.fail(tooLargeError(operation, response, excess))
        })
        : Stream.runFoldWhile(tapped, held, () => held.size < upTo, (_, piece) => keep(piece))
      return (Number.isFinite(idleMillis) ? Effect.raceFirst(collect, watchdog) : collect).pipe(
        Effect.map(() => {
          const bytes = RawBody.concat(held.chunks, held.size)
          return read(upTo !== undefined && bytes.length > upTo ? bytes.subarray(0, upTo) : bytes)
        }),
        Effect.catchAll((error) =>
          moved || idleTimeoutOf(error) !== undefined || tooLargeOf(error) !== undefined
            ? Effect.fail(error)
            : Effect.orElse(plain, () => Effect.fail(error))
        )
      )
    })
  const bytes = <A>(plain: Effect.Effect<A, HttpClientError.ResponseError>, read: (bytes: Uint8Array) => A) =>
    source === undefined
      ? streamed(plain, read)
      : Effect.clockWith((clock) => clock === liveClock ? directWhole(read) : streamed(plain, read))
  let text: Effect.Effect<string, HttpClientError.ResponseError> | undefined
  const readText = () =>
    text ??= source === undefined
      ? Effect.runSync(Effect.cached(streamed(response.text, (body) => utf8.decode(body))))
      : Effect.clockWith((clock) =>
        clock === liveClock
          ? directWhole((body) => utf8.decode(body))
          : (slowText ??= Effect.runSync(Effect.cached(streamed(response.text, (body) => utf8.decode(body)))))
      )
  let slowText: Effect.Effect<string, HttpClientError.ResponseError> | undefined
  const identity = (body: Uint8Array) => body
  const plainBytes = Effect.suspend(() => Effect.map(response.arrayBuffer, (buffer) => new Uint8Array(buffer)))
  const snippet = (max: number) =>
    source === undefined
      ? streamed(plainBytes, identity, max)
      : Effect.clockWith((clock) =>
        clock === liveClock
          ? direct(identity, () => RawBody.read(source, readLimits({ ...limits.size, maxBytes: max }, true)))
          : streamed(plainBytes, identity, max)
      )
  const limited: HttpClientResponse.HttpClientResponse = Object.create(response, {
    stream: {
      get: () => stream ??= limitStream(operation, limits, response, response.stream),
      enumerable: true
    },
    text: { get: readText, enumerable: true },
    json: {
      get: () =>
        Effect.flatMap(
          readText(),
          (body) => Effect.try({ try: () => (body === "" ? null : JSON.parse(body)) as unknown, catch: decodeFailure })
        ),
      enumerable: true
    },
    urlParamsBody: {
      get: () =>
        Effect.flatMap(
          readText(),
          (body) => Effect.try({ try: () => UrlParams.fromInput(new URLSearchParams(body)), catch: decodeFailure })
        ),
      enumerable: true
    },
    arrayBuffer: {
      get: () =>
        bytes(
          response.arrayBuffer,
          (body) => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer
        ),
      enumerable: true
    }
  })
  bodyLimits.set(limited, bodyLimit(response))
  snippets.set(limited, snippet)
  return limited
}

/**
 * The start of the body of an error status, at most `SizeLimit.ERROR_BODY_BYTES` of it,
 * as text (empty when it cannot be read), and whether it was cut there: the rest is
 * dropped with the request. Read from a response {@link withLimits} made.
 */
export const errorText = (
  response: HttpClientResponse.HttpClientResponse
): Effect.Effect<{ readonly text: string; readonly cut: boolean }> => {
  const max = SizeLimit.ERROR_BODY_BYTES
  const own = limitsOwnReads(response)
  const snippet = own ? undefined : snippets.get(response)
  const read: Effect.Effect<string, unknown> = own
    ? Effect.async((resume) => {
      response.readSnippet(max).then(
        (text) => resume(Effect.succeed(text)),
        (cause) => resume(Effect.fail(cause))
      )
    })
    : snippet !== undefined
    ? Effect.map(snippet(max), (bytes) => utf8.decode(bytes))
    : response.text
  return Effect.match(read, {
    onFailure: () => ({ text: "", cut: false }),
    // A text of `max` bytes or more was cut there (or ran to exactly that length).
    onSuccess: (text) => ({ text, cut: text.length * 3 >= max && utf8Length(text) >= max })
  })
}

const encoder = new TextEncoder()

const utf8Length = (text: string): number => encoder.encode(text).length
