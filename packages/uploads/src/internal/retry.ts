/**
 * The two retry tiers as schedules (the part tier is the SDK's one backoff, set for
 * storage parts), and a small driver that steps a schedule by hand
 * so the caller learns each delay (to report it) before sleeping it.
 */
import * as RetryPolicy from "@hotdata-effect/core/RetryPolicy"
import * as Retry from "@hotdata-effect/kernel/retry"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as ScheduleDecision from "effect/ScheduleDecision"
import * as Intervals from "effect/ScheduleIntervals"
import type { RetryableError } from "../UploadError.js"

export type PartRetryOptions = Pick<
  RetryPolicy.BackoffOptions,
  "maxRetries" | "baseDelay" | "maxDelay" | "maxRetryAfter" | "jitter"
>

/**
 * Retries of one part within a round: the SDK's backoff with the part settings
 * (`Retry.partBackoff`): `maxRetries` more attempts, waiting `base·2^(n-1)` (capped)
 * plus jitter, or storage's `Retry-After` when it sent one, waited exactly but capped so
 * that one part cannot hold up the whole round for long.
 */
export const partRetry = (options: PartRetryOptions = {}): Schedule.Schedule<number, RetryableError> =>
  RetryPolicy.backoff({
    maxRetries: options.maxRetries,
    baseDelay: options.baseDelay,
    maxDelay: options.maxDelay,
    maxRetryAfter: options.maxRetryAfter,
    jitter: options.jitter
  }, Retry.partBackoff)

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
