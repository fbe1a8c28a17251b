/**
 * The two retry tiers as schedules, and a small driver that steps a schedule by hand
 * so the caller learns each delay (to report it) before sleeping it.
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as Schedule from "effect/Schedule"
import * as ScheduleDecision from "effect/ScheduleDecision"
import * as Interval from "effect/ScheduleInterval"
import * as Intervals from "effect/ScheduleIntervals"
import type { RetryableError } from "../UploadError.js"

export interface PartRetryOptions {
  readonly maxRetries?: number | undefined
  readonly baseDelay?: Duration.DurationInput | undefined
  readonly maxDelay?: Duration.DurationInput | undefined
  readonly maxRetryAfter?: Duration.DurationInput | undefined
  readonly jitter?: number | undefined
}

/**
 * Retries of one part within a round: `maxRetries` more attempts, waiting
 * `base·2^(n-1)` (capped) plus jitter, or storage's `Retry-After` when it sent one,
 * capped so that one part cannot hold up the whole round for long.
 */
export const partRetry = (options: PartRetryOptions = {}): Schedule.Schedule<number, RetryableError> => {
  const maxRetries = options.maxRetries ?? 3
  const base = Duration.toMillis(options.baseDelay ?? "200 millis")
  const cap = Duration.toMillis(options.maxDelay ?? "10 seconds")
  const maxRetryAfter = Duration.toMillis(options.maxRetryAfter ?? "120 seconds")
  const jitter = Math.min(Math.max(options.jitter ?? 0.5, 0), 1)
  return Schedule.makeWithState<number, RetryableError, number>(0, (now, error, attempt) =>
    Effect.gen(function*() {
      const next = attempt + 1
      if (next > maxRetries) return [attempt, next, ScheduleDecision.done] as const
      const retryAfter = error._tag === "StorageError" && error.retryAfter !== undefined
        ? Math.min(Duration.toMillis(error.retryAfter), maxRetryAfter)
        : undefined
      const delay = retryAfter ?? Math.min(base * 2 ** (next - 1), cap) * (1 + jitter * (yield* Random.next))
      return [next, next, ScheduleDecision.continueWith(Interval.after(now + Math.round(delay)))] as const
    }))
}

export interface RoundOptions {
  readonly extraRounds?: number | undefined
  readonly baseDelay?: Duration.DurationInput | undefined
}

/** Rounds after the first pass: `extraRounds` of them, after `base·2^(n-1)`. */
export const rounds = (options: RoundOptions = {}): Schedule.Schedule<unknown, unknown> =>
  Schedule.exponential(options.baseDelay ?? "2 seconds").pipe(
    Schedule.intersect(Schedule.recurs(options.extraRounds ?? 3))
  )

/** Steps a schedule by hand: `next` gives the delay before the next try, or none to stop. */
export interface Driver<I> {
  readonly next: (input: I) => Effect.Effect<Option.Option<Duration.Duration>>
}

export const driver = <I>(schedule: Schedule.Schedule<unknown, I>): Effect.Effect<Driver<I>> =>
  Effect.sync(() => {
    let state = schedule.initial
    return {
      next: (input: I) =>
        Effect.gen(function*() {
          const now = yield* Clock.currentTimeMillis
          const [next, , decision] = yield* schedule.step(now, input, state)
          state = next
          if (ScheduleDecision.isDone(decision)) return Option.none()
          return Option.some(Duration.millis(Math.max(0, Intervals.start(decision.intervals) - now)))
        })
    }
  })
