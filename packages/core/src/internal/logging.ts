import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as FiberRuntime from "effect/Fiber"
import * as FiberRef from "effect/FiberRef"
import * as LogLevel from "effect/LogLevel"

/**
 * The names a client's `logLevel` option and the `HOTDATA_LOG` variable accept.
 */
export type Level = "debug" | "info" | "warning" | "error" | "off"

const levels: Record<string, LogLevel.LogLevel> = {
  debug: LogLevel.Debug,
  info: LogLevel.Info,
  warn: LogLevel.Warning,
  warning: LogLevel.Warning,
  error: LogLevel.Error,
  off: LogLevel.None,
  none: LogLevel.None
}

/** Reads a level name (any case, surrounding spaces ignored), or names what is accepted. */
export const parseLevel = (value: string): Either.Either<LogLevel.LogLevel, string> => {
  const level = levels[value.trim().toLowerCase()]
  return level === undefined
    ? Either.left(`expected one of debug, info, warning, error, off, got ${JSON.stringify(value.slice(0, 20))}`)
    : Either.right(level)
}

/** Every line of a call is logged at this level. */
const LINE_LEVEL = LogLevel.Debug

/** What every line of one call carries. */
export interface CallLog {
  readonly operation: string
  readonly method: string
  readonly route: string
  /** The rendered path: ids, never the query string. */
  readonly path: string
  /** The level forced by the client's settings, when it has one. */
  readonly forced: LogLevel.LogLevel | undefined
}

/**
 * Whether the lines of a call would be printed: decided once per call, from the client's
 * `logLevel` when set, else from the fiber's minimum log level (Info by default, so the
 * SDK prints nothing unless asked).
 */
export const enabled = (
  fiber: FiberRuntime.RuntimeFiber<unknown, unknown>,
  forced: LogLevel.LogLevel | undefined
): boolean => {
  const minimum = forced ?? fiber.getFiberRef(FiberRef.currentMinimumLogLevel)
  return LogLevel.lessThanEqual(minimum, LINE_LEVEL)
}

const emit = (
  log: CallLog,
  message: string,
  annotations: Record<string, unknown>
): Effect.Effect<void> => {
  const line = Effect.logWithLevel(LINE_LEVEL, message).pipe(
    Effect.annotateLogs({
      "hotdata.operation": log.operation,
      "http.request.method": log.method,
      "http.route": log.route,
      "url.path": log.path,
      ...annotations
    })
  )
  // The client's own switch wins over the application's minimum level for these lines.
  return log.forced === undefined ? line : Effect.locally(line, FiberRef.currentMinimumLogLevel, log.forced)
}

/** The line of one attempt being sent. */
export const request = (log: CallLog, attempt: number): Effect.Effect<void> =>
  emit(log, `${log.method} ${log.path} (attempt ${attempt})`, { "hotdata.attempt": attempt })

/** The line of an answer: status, duration and the server's trace id. */
export const answer = (
  log: CallLog,
  attempt: number,
  status: number,
  durationMs: number,
  traceId: string | undefined
): Effect.Effect<void> =>
  emit(log, `${log.method} ${log.path} -> ${status} in ${durationMs} ms (attempt ${attempt})`, {
    "hotdata.attempt": attempt,
    "http.response.status_code": status,
    "hotdata.duration_ms": durationMs,
    ...(traceId !== undefined ? { "hotdata.trace_id": traceId } : {})
  })

/** The line of an attempt that got no answer (transport failure, timeout). */
export const failure = (log: CallLog, attempt: number, tag: string, durationMs: number): Effect.Effect<void> =>
  emit(log, `${log.method} ${log.path} failed with ${tag} after ${durationMs} ms (attempt ${attempt})`, {
    "hotdata.attempt": attempt,
    "hotdata.error": tag,
    "hotdata.duration_ms": durationMs
  })

/** The line of a retry about to be made. */
export const retry = (log: CallLog, next: number, tag: string, status: number | undefined): Effect.Effect<void> =>
  emit(
    log,
    `${log.method} ${log.path}: retrying after ${tag}${
      status !== undefined ? ` (HTTP ${status})` : ""
    }, attempt ${next}`,
    {
      "hotdata.attempt": next,
      "hotdata.error": tag,
      ...(status !== undefined ? { "http.response.status_code": status } : {})
    }
  )
