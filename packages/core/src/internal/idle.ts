import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Chunk from "effect/Chunk"
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
import { type IdleLimit, limitsOwnReads } from "./lean.js"
import * as RawBody from "./rawBody.js"

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

const concat = (chunks: Chunk.Chunk<Uint8Array>): Uint8Array => {
  let size = 0
  for (const chunk of chunks) size += chunk.length
  return RawBody.concat(Chunk.toReadonlyArray(chunks), size)
}

/** The clock of a fiber that no one replaced: its time is the system's, its timers are `setTimeout`. */
export const liveClock = Context.get(DefaultServices.liveServices, Clock.Clock)

/** The limit {@link withIdleTimeout} put on a response's body, in milliseconds, with its failure. */
export interface BodyLimit {
  readonly millis: number
  readonly onIdle: () => HttpClientError.ResponseError
}

const bodyLimits = new WeakMap<HttpClientResponse.HttpClientResponse, BodyLimit>()

/** The idle limit on the body of `response`, when {@link withIdleTimeout} put one on it. */
export const bodyLimitOf = (response: HttpClientResponse.HttpClientResponse): BodyLimit | undefined =>
  bodyLimits.get(response)

/**
 * Whether HTTP says the response has no body (a HEAD request, 204, 205, 304, or
 * `content-length: 0`): nothing can stall, and some transports refuse to stream it.
 */
const hasNoBody = (response: HttpClientResponse.HttpClientResponse): boolean =>
  response.request.method === "HEAD" || response.status === 204 || response.status === 205 ||
  response.status === 304 || RawBody.headerOf(response, "content-length") === "0"

/** The idle limit of the reads of the SDK's own transports, `undefined` when `idle` is infinite. */
export const ownLimit = (operation: string, idle: Duration.Duration): IdleLimit | undefined =>
  Duration.isFinite(idle)
    ? {
      millis: Duration.toMillis(idle),
      onIdle: (self) => idleError(operation, self, idle),
      limitStream: (self, stream) => idleLimited(stream, idle, () => idleError(operation, self, idle))
    }
    : undefined

/**
 * The response with every read of its body (`stream`, `text`, `json`, `arrayBuffer`,
 * `urlParamsBody`) failing once the body has not moved for `idle`. The status and
 * headers are those of `response`.
 */
export const withIdleTimeout = (
  operation: string,
  response: HttpClientResponse.HttpClientResponse,
  idle: Duration.Duration
): HttpClientResponse.HttpClientResponse => {
  if (!Duration.isFinite(idle) || hasNoBody(response)) return response
  if (limitsOwnReads(response)) {
    // The SDK's own transports limit their own reads: one timer per read, no stream.
    const limited = response.withIdleLimit(ownLimit(operation, idle)!)
    bodyLimits.set(limited, { millis: Duration.toMillis(idle), onIdle: () => idleError(operation, limited, idle) })
    return limited
  }
  // Built when first asked for: a body read whole, or with `bodyReader`, never needs it.
  let stream: Stream.Stream<Uint8Array, HttpClientError.ResponseError> | undefined
  const idleMillis = Duration.toMillis(idle)
  const decodeFailure = (cause: unknown) =>
    new HttpClientError.ResponseError({ request: response.request, response, reason: "Decode", cause })
  // A response of a transport the SDK knows is read from the body it holds underneath,
  // with one timer (see `RawBody`), when the fiber's clock is the system's.
  const source = RawBody.sourceOf(response)
  let whole: Promise<Uint8Array> | undefined
  const direct = <A>(read: (bytes: Uint8Array) => A) =>
    Effect.async<A, HttpClientError.ResponseError>((resume) => {
      whole ??= RawBody.read(source!, { millis: idleMillis, onIdle: () => idleError(operation, response, idle) })
      whole.then(
        (bytes) => resume(Effect.succeed(read(bytes))),
        (cause) => resume(Effect.fail(cause instanceof HttpClientError.ResponseError ? cause : decodeFailure(cause)))
      )
      return Effect.sync(() => source!.abort())
    })
  // Otherwise, the whole body under the idle limit through `stream`: one watchdog for the
  // whole read, woken at the latest moment the body could stall, rather than a timer per
  // chunk. Should the platform refuse to stream a body it holds none of, the plain read
  // says what it holds.
  const streamed = <A>(plain: Effect.Effect<A, HttpClientError.ResponseError>, read: (bytes: Uint8Array) => A) =>
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
      const collect = Stream.runCollect(
        Stream.tap(response.stream, () =>
          Effect.map(Clock.currentTimeMillis, (now) => {
            moved = true
            last = now
          }))
      )
      return Effect.raceFirst(collect, watchdog).pipe(
        Effect.map((chunks) => read(concat(chunks))),
        Effect.catchAll((error) =>
          moved || idleTimeoutOf(error) !== undefined
            ? Effect.fail(error)
            : Effect.orElse(plain, () => Effect.fail(error))
        )
      )
    })
  const bytes = <A>(plain: Effect.Effect<A, HttpClientError.ResponseError>, read: (bytes: Uint8Array) => A) =>
    source === undefined
      ? streamed(plain, read)
      : Effect.clockWith((clock) => clock === liveClock ? direct(read) : streamed(plain, read))
  let text: Effect.Effect<string, HttpClientError.ResponseError> | undefined
  const readText = () =>
    text ??= source === undefined
      ? Effect.runSync(Effect.cached(streamed(response.text, (body) => utf8.decode(body))))
      : Effect.clockWith((clock) =>
        clock === liveClock
          ? direct((body) => utf8.decode(body))
          : (slowText ??= Effect.runSync(Effect.cached(streamed(response.text, (body) => utf8.decode(body)))))
      )
  let slowText: Effect.Effect<string, HttpClientError.ResponseError> | undefined
  const limited: HttpClientResponse.HttpClientResponse = Object.create(response, {
    stream: {
      get: () => stream ??= idleLimited(response.stream, idle, () => idleError(operation, response, idle)),
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
  bodyLimits.set(limited, { millis: idleMillis, onIdle: () => idleError(operation, response, idle) })
  return limited
}
