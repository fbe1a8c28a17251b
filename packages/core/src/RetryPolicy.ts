/**
 * Retry policies for Hotdata calls, as `Schedule`s fed with the error of the failed
 * attempt.
 *
 * Which failures are retried at all is decided by {@link isRetryable}, whatever the
 * schedule: a call that is neither idempotent nor carries an idempotency key is replayed
 * only when the failure proves the server never acted on it (a 429, or a connection that
 * failed before any response), a keyed write also when its original is still running
 * (a 409 the server marks so), and an upload finalize is never replayed. The schedule
 * decides how long to wait and when to give up.
 *
 * @since 0.1.0
 */
import * as Retry from "@hotdata-effect/kernel/retry"
import type * as RetryTypes from "@hotdata-effect/kernel/types/retry"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"
import * as Schedule from "effect/Schedule"
import * as ScheduleDecision from "effect/ScheduleDecision"
import * as Interval from "effect/ScheduleInterval"
import type * as HotdataError from "./HotdataError.js"
import type * as Operation from "./Operation.js"

/**
 * A retry policy: a schedule whose input is the error of the attempt that just failed.
 *
 * @since 0.1.0
 * @category models
 */
export type RetryPolicy = Schedule.Schedule<unknown, HotdataError.HotdataError>

/**
 * @since 0.1.0
 * @category models
 */
export interface Options extends RetryTypes.RetryPolicyOptions<Duration.DurationInput> {}

/**
 * The settings of {@link backoff}: those of {@link Options}, and how a server's
 * `Retry-After` is treated.
 *
 * @since 0.1.0
 * @category models
 */
export interface BackoffOptions extends Options {
  /** Cap of a server's `Retry-After`. */
  readonly maxRetryAfter?: Duration.DurationInput | undefined
  /** Whether a server's `Retry-After` gets the random extra delay too. */
  readonly jitterRetryAfter?: boolean | undefined
}

const millisOf = (input: Duration.DurationInput | undefined): number | undefined =>
  input === undefined ? undefined : Duration.toMillis(input)

/** The `Retry-After` an error carries, in milliseconds. */
const retryAfterOf = (error: unknown): number | undefined =>
  typeof error === "object" && error !== null && "retryAfter" in error && Duration.isDuration(error.retryAfter)
    ? Duration.toMillis(error.retryAfter)
    : undefined

/**
 * The schedule of a backoff (see the kernel's `Retry` module for the arithmetic) fed with
 * the errors of failed attempts, whose `retryAfter` (a `Duration`, where an error has
 * one) it honours. Settings left out come from `defaults` (the API calls' backoff unless
 * given). Its output is the number of the retry.
 *
 * @since 0.1.0
 * @category constructors
 */
export const backoff = <E>(
  options: BackoffOptions = {},
  defaults: Retry.Backoff = Retry.callBackoff
): Schedule.Schedule<number, E> => {
  const settings = Retry.backoff({
    maxRetries: options.maxRetries,
    baseDelay: millisOf(options.baseDelay),
    maxDelay: millisOf(options.maxDelay),
    deadline: millisOf(options.deadline),
    jitter: options.jitter,
    maxRetryAfter: millisOf(options.maxRetryAfter),
    jitterRetryAfter: options.jitterRetryAfter
  }, defaults)
  return Schedule.makeWithState<{ readonly attempt: number; readonly start: number | undefined }, E, number>(
    { attempt: 0, start: undefined },
    (now, error, state) => {
      const start = state.start ?? now
      const attempt = state.attempt + 1
      const retryAfter = attempt > settings.maxRetries ? undefined : retryAfterOf(error)
      const decide = (random: number) => {
        const delay = Retry.delay(settings, attempt, retryAfter, random, now - start)
        return delay === undefined
          ? [state, attempt, ScheduleDecision.done] as const
          : [{ attempt, start }, attempt, ScheduleDecision.continueWith(Interval.after(now + delay))] as const
      }
      return Retry.drawsRandom(settings, attempt, retryAfter)
        ? Effect.map(Random.next, decide)
        : Effect.sync(() => decide(0))
    }
  )
}

/**
 * The delays of a policy: attempt `n` (1-based) waits `min(base * 2^(n-1), max)`, or
 * the server's `Retry-After` when it sent one (never less, and not capped), plus up to
 * `jitter` of that again at random.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options = {}): RetryPolicy => backoff(options)

/**
 * The default policy: 5 retries, 0.5 s doubling to 30 s, half of that again as jitter,
 * within 120 s, `Retry-After` honoured.
 *
 * @since 0.1.0
 * @category constructors
 */
export const defaultPolicy: RetryPolicy = make()

/**
 * A policy that never retries.
 *
 * @since 0.1.0
 * @category constructors
 */
export const none: RetryPolicy = Schedule.stop

/**
 * Whether a failed attempt of `operation` may be sent again.
 *
 * - 429 is retried for every operation: the server refused the work.
 * - A 409 whose code says the write first sent with the same idempotency key is still
 *   running ({@link HotdataError.idempotencyKeyInProgress}) is retried for keyed writes:
 *   the retry carries the same key and answers with the original's result. Any other 409
 *   (other data under a used key) is final.
 * - A connection that failed before any response is retried for every operation.
 * - 502, 503, 504, timeouts and other transport failures are retried only for
 *   operations that are safe to replay (see {@link isReplaySafe}), since the server
 *   may have acted on the request.
 * - Nothing is retried for an operation that must be sent exactly once (finalize).
 *
 * @since 0.1.0
 * @category predicates
 */
export const isRetryable = (error: HotdataError.HotdataError, operation: Operation.Operation): boolean =>
  Retry.isCallRetryable(error, operation)

/**
 * Whether sending `operation` again after it may have run cannot change the outcome:
 * it is idempotent, or it is a write the client always sends with an idempotency key
 * (the key is generated once per call and replayed by every retry, so the server runs
 * the write at most once).
 *
 * @since 0.1.0
 * @category predicates
 */
export const isReplaySafe = (operation: Operation.Operation): boolean => Retry.isReplaySafe(operation)
