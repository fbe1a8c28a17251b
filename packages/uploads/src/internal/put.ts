/**
 * One PUT of a part (or of a whole small upload) to storage, with its time limit and
 * the watchdog that cuts a body which stopped moving.
 */
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { HotdataError } from "@hotdata-effect/core"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { MissingETag, StorageError, StorageTransportError } from "../UploadError.js"
import type { Context } from "./shared.js"

const s3Code = (body: string): string | undefined => /<Code>([^<]{1,100})<\/Code>/.exec(body)?.[1]

/** The query (and fragment) of a URL in a text, after its scheme, host and path. */
const urlQuery = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s?#)]*)[?#][^\s)]*/gi

const describe = (u: unknown): string => {
  const messages: Array<string> = []
  let current: unknown = u
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const message = (current as { message?: unknown }).message
    if (typeof message === "string" && message !== "") messages.push(message)
    current = (current as { cause?: unknown }).cause
  }
  // A transport may quote the presigned URL (Deno's `fetch` does): its query carries the
  // signature, a credential, so every URL keeps only what comes before its query.
  return (messages.length > 0 ? messages.join(": ") : String(u)).replace(urlQuery, "$1?…")
}

export const labelOf = (
  partNumber: number | undefined
) => (partNumber === undefined ? "the upload" : `part ${partNumber}`)

/**
 * The most of a storage answer's body that is read: a PUT's answer is empty when it
 * succeeds and a short XML error otherwise. The rest (an answer that never ends, or a
 * small compressed body that decompresses to gigabytes) is dropped with the request.
 */
export const ANSWER_BODY_BYTES = 64 * 1024

const utf8 = new TextDecoder()

/** At most {@link ANSWER_BODY_BYTES} of an answer's body, as text (empty when it cannot be read). */
const answerStart = (response: HttpClientResponse.HttpClientResponse): Effect.Effect<string> =>
  response.stream.pipe(
    Stream.runFoldWhile(
      { bytes: new Uint8Array(0) },
      (read) => read.bytes.byteLength < ANSWER_BODY_BYTES,
      (read, chunk) => {
        const take = chunk.subarray(0, ANSWER_BODY_BYTES - read.bytes.byteLength)
        const bytes = new Uint8Array(read.bytes.byteLength + take.byteLength)
        bytes.set(read.bytes)
        bytes.set(take, read.bytes.byteLength)
        return { bytes }
      }
    ),
    Effect.map((read) => utf8.decode(read.bytes)),
    Effect.orElseSucceed(() => "")
  )

const partNumberField = (partNumber: number | undefined) => (partNumber === undefined ? {} : { partNumber })

/** Bytes that may sit in socket and proxy buffers once the body is handed over. */
export const BUFFER_ALLOWANCE = 4 * 1024 * 1024

/** The slowest drain of those buffers the answer deadline allows for: 128 KiB/s. */
export const DRAIN_FLOOR = 128 * 1024

/**
 * How long after the whole body was handed over the answer may take: the stall limit,
 * plus the time the bytes that can sit in buffers (at most 4 MiB) take to drain at
 * 128 KiB/s. For 8 MiB parts and the 30 s default that is 62 s.
 */
export const answerDeadlineMillis = (total: number, stallTimeout: Duration.Duration): number =>
  Duration.toMillis(stallTimeout) + Math.ceil((Math.min(total, BUFFER_ALLOWANCE) / DRAIN_FLOOR) * 1000)

/**
 * Watches a PUT wherever it stalls: fails once the body has stopped moving for
 * `stallTimeout` before it was all handed over, and once no answer came within
 * {@link answerDeadlineMillis} after it was (a stall on the far side of the buffers).
 */
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
        const deadline = answerDeadlineMillis(total, stallTimeout)
        if (now - lastMove >= deadline) {
          return yield* new StorageTransportError({
            reason: "stall",
            message: `${labelOf(partNumber)}: all ${total} bytes were handed over but storage did not answer ` +
              `within ${Duration.format(Duration.millis(deadline))}`,
            ...partNumberField(partNumber)
          })
        }
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
export const put = (
  ctx: Context,
  partNumber: number | undefined,
  url: string,
  bytes: Uint8Array,
  onSent: (sent: number) => void = () => {}
): Effect.Effect<string, StorageError | StorageTransportError | MissingETag> =>
  Effect.suspend(() => {
    let sent = 0
    const label = labelOf(partNumber)
    const request = HttpClientRequest.put(url).pipe(
      HttpClientRequest.setBody(ctx.storage.body(bytes, (n) => {
        sent = n
        onSent(n)
      })),
      HttpClientRequest.setHeaders(ctx.session.headers)
    )
    // What storage or a transport says may quote the URL's signature or a token: redacted.
    const secrets = [...HotdataError.secretsOfUrl(url), ctx.session.finalize_token]
    const exchange = Effect.gen(function*() {
      const response = yield* Effect.mapError(ctx.storage.client.execute(request), (error) => {
        const refused = HotdataError.isCertificateRefusal(error.cause)
        return new StorageTransportError({
          reason: refused ? "tls" : "transport",
          message: `${label}: ${refused ? "storage's TLS certificate was refused" : "the PUT to storage failed"}: ` +
            HotdataError.redact(describe(error.cause ?? error), secrets),
          ...partNumberField(partNumber)
        })
      })
      if (response.status >= 200 && response.status < 300) {
        const eTag = response.headers["etag"]
        // Read the (empty) body so the connection goes back to the pool.
        yield* answerStart(response)
        if (eTag === undefined || eTag.trim() === "") {
          return yield* new MissingETag({
            message: `storage accepted ${label} but sent no ETag (in a browser, the bucket's CORS rules ` +
              `must expose the ETag header)`,
            ...partNumberField(partNumber)
          })
        }
        return eTag
      }
      const text = yield* answerStart(response)
      const now = yield* Clock.currentTimeMillis
      const retryAfter = HotdataError.parseRetryAfter(response.headers["retry-after"], now)
      const found = s3Code(text)
      const code = found === undefined ? undefined : HotdataError.redact(found, secrets)
      return yield* new StorageError({
        status: response.status,
        message: `storage answered ${label} with HTTP ${response.status}${code ? ` (${code})` : ""}`,
        ...partNumberField(partNumber),
        ...(text !== "" ? { body: HotdataError.redactedSnippet(text, secrets) } : {}),
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
