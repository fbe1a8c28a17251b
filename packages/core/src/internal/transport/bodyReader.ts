import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as SizeLimit from "@hotdata-effect/kernel/sizeLimit"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type { BodyReader } from "../../Results.js"
import * as Idle from "../idle.js"
import * as Lean from "./lean.js"
import * as RawBody from "./rawBody.js"

type Take = (chunk: Uint8Array) => boolean
type Read = Effect.Effect<boolean, HttpClientError.ResponseError>

const MORE: Read = Effect.succeed(true)
const ENDED: Read = Effect.succeed(false)

/**
 * The body of a response, read from a reader of its chunks (a web `ReadableStream`'s, or
 * one over a Node `IncomingMessage`, see `Lean.ChunkReader`): one read ahead of the
 * consumer (so the socket keeps moving while the consumer works), chunks handed over as
 * their reads finish, with no effect per chunk, and, when the body has an idle limit, one
 * timer for the whole read; a compressed body of known size is held to its ratio bound. The timer checks, when it fires, how long the consumer has
 * been waiting for a chunk and sleeps again for the rest: a chunk costs a clock read, not
 * a timer. Closing the scope before the body has ended cancels it and aborts the request.
 */
const fromReader = (
  response: HttpClientResponse.HttpClientResponse,
  open: () => Lean.ChunkReader,
  abort: () => void,
  limit: Idle.BodyLimit | undefined
): Effect.Effect<BodyReader, never, Scope.Scope> =>
  Effect.map(
    Effect.acquireRelease(
      Effect.sync(() => {
        const reader = open()
        /** A chunk whose read finished while no one was taking. */
        let ahead: Uint8Array | undefined
        /** The end of the body (or its failure), once known: every later read answers it. */
        let ended: Read | undefined
        let reading = false
        /** The consumer taking chunks, and since when it has waited for one. */
        let take: Take | undefined
        let resume: ((read: Read) => void) | undefined
        let askedAt = 0
        let timer: ReturnType<typeof setTimeout> | undefined

        const stop = () => {
          if (timer !== undefined) clearTimeout(timer)
          timer = undefined
        }
        const answer = (read: Read) => {
          const consumer = resume
          take = resume = undefined
          consumer?.(read)
        }
        const finish = (read: Read) => {
          stop()
          ended = read
          answer(read)
        }
        /** Hands `chunk` to the consumer; whether it takes more. */
        const offer = (chunk: Uint8Array): boolean => {
          try {
            return take!(chunk)
          } catch (defect) {
            finish(Effect.die(defect))
            return false
          }
        }
        /** The ratio bound of a compressed body of known size (see `SizeLimit`): the decoded bytes so far. */
        const ratio = limit !== undefined && limit.encoded !== undefined && Number.isFinite(limit.maxRatio)
          ? { encoded: limit.encoded, maxRatio: limit.maxRatio, onTooLarge: limit.onTooLarge }
          : undefined
        let decoded = 0
        const onRead = (result: ReadableStreamReadResult<Uint8Array>) => {
          reading = false
          if (ended !== undefined) return
          if (result.done) return finish(ENDED)
          if (ratio !== undefined) {
            decoded += result.value.length
            const excess = SizeLimit.ratioExcess(decoded, ratio.encoded, ratio.maxRatio)
            if (excess !== undefined) {
              finish(Effect.fail(ratio.onTooLarge(excess)))
              reader.cancel().catch(() => undefined)
              return abort()
            }
          }
          if (take === undefined) {
            ahead = result.value
            return
          }
          const more = offer(result.value)
          if (ended !== undefined) return
          read()
          if (more) askedAt = Date.now()
          else answer(MORE)
        }
        const onError = (cause: unknown) => {
          reading = false
          if (ended !== undefined) return
          finish(Effect.fail(
            cause instanceof SizeLimit.TooLarge && limit !== undefined
              ? limit.onTooLarge(cause.excess)
              : new HttpClientError.ResponseError({ request: response.request, response, reason: "Decode", cause })
          ))
        }
        const read = () => {
          reading = true
          reader.read().then(onRead, onError)
        }
        const check = () => {
          timer = undefined
          if (ended !== undefined || limit === undefined || !Number.isFinite(limit.millis)) return
          const quiet = take === undefined ? 0 : Date.now() - askedAt
          if (quiet < limit.millis) {
            timer = setTimeout(check, limit.millis - quiet)
            return
          }
          finish(Effect.fail(limit.onIdle()))
          reader.cancel().catch(() => undefined)
          abort()
        }
        if (limit !== undefined && Number.isFinite(limit.millis)) timer = setTimeout(check, limit.millis)
        read()

        const readChunks = (consumer: Take): Read =>
          Effect.suspend(() => {
            const chunk = ahead
            if (chunk !== undefined) {
              ahead = undefined
              take = consumer
              const more = offer(chunk)
              take = undefined
              if (ended === undefined && !reading) read()
              if (!more) return ended ?? MORE
            }
            if (ended !== undefined) return ended
            return Effect.async<boolean, HttpClientError.ResponseError>((resume_) => {
              take = consumer
              resume = resume_
              askedAt = Date.now()
              return Effect.sync(() => {
                if (resume === resume_) take = resume = undefined
              })
            })
          })
        const close = Effect.sync(() => {
          stop()
          if (ended === ENDED) return
          ended ??= ENDED
          reader.cancel().catch(() => undefined)
          abort()
        })
        return { read: readChunks, close }
      }),
      ({ close }) => close
    ),
    ({ read }) => ({ read })
  )

/** Any body, through `response.stream` (which carries the idle limit of the response). */
const fromStream = (
  response: HttpClientResponse.HttpClientResponse
): Effect.Effect<BodyReader, never, Scope.Scope> =>
  Effect.map(Stream.toPull(response.stream), (pull) => {
    let chunk: Chunk.Chunk<Uint8Array> = Chunk.empty()
    let index = 0
    let ended = false
    const read = (take: Take): Read =>
      Effect.suspend(() => {
        while (index < chunk.length) {
          if (!take(Chunk.unsafeGet(chunk, index++))) return MORE
        }
        if (ended) return ENDED
        return Effect.matchEffect(pull, {
          onFailure: (error) => {
            if (Option.isSome(error)) return Effect.fail(error.value)
            ended = true
            return ENDED
          },
          onSuccess: (pulled) => {
            chunk = pulled
            index = 0
            return read(take)
          }
        })
      })
    return { read }
  })

/**
 * A reader of the body of `response` (a response of the client, its idle limit on),
 * living in the current scope. The body of a fetch transport is read from its web reader
 * directly when the fiber's clock is the system's; any other body (or a fiber under a
 * test clock) through `response.stream`.
 */
export const make = (response: HttpClientResponse.HttpClientResponse): Effect.Effect<BodyReader, never, Scope.Scope> =>
  Effect.clockWith((clock) => {
    if (clock !== Idle.liveClock) return fromStream(response)
    const own = Lean.limitsOwnReads(response) ? response.chunkReader?.() : undefined
    if (own !== undefined) return fromReader(response, () => own.reader, own.abort, Idle.bodyLimitOf(response))
    const source = RawBody.sourceOf(response)
    if (source === undefined || source._tag !== "Web" || source.body === null || source.body.locked) {
      return fromStream(response)
    }
    const body = source.body
    return fromReader(response, () => body.getReader(), source.abort, Idle.bodyLimitOf(response))
  })
