/**
 * The settings of a retry policy, as plain types: what `RetryPolicy.make` (and the
 * client package's `retryPolicy`) take. `D` is the type of a length of time.
 *
 * @since 0.1.0
 */
import type { DurationInput } from "./duration.js"

/**
 * The settings of a jittered exponential retry policy that honours `Retry-After`.
 *
 * @since 0.1.0
 * @category models
 */
export interface RetryPolicyOptions<D = DurationInput> {
  /** Retries after the first attempt. Default 5. */
  readonly maxRetries?: number | undefined
  /** Delay before the first retry; doubled for each further one. Default 500 ms. */
  readonly baseDelay?: D | undefined
  /** Cap of the exponential delay (not of a server's `Retry-After`). Default 30 s. */
  readonly maxDelay?: D | undefined
  /** Total time budget from the first failure: a retry that would start later is not made. Default 120 s. */
  readonly deadline?: D | undefined
  /** Random extra delay, as a fraction of the delay (0 to 1). Default 0.5. */
  readonly jitter?: number | undefined
}
