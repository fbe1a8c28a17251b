import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"

/**
 * Runs `effect` to its end, as an `Either`, moving the test clock `steps` times by `step`
 * meanwhile: enough for every retry or poll the test lets it wait for.
 */
export const underTestClock = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  steps: number,
  step: Duration.DurationInput
): Effect.Effect<Either.Either<A, E>, never, R> =>
  Effect.gen(function*() {
    const fiber = yield* Effect.fork(Effect.either(effect))
    for (let i = 0; i < steps; i++) yield* TestClock.adjust(step)
    return yield* Fiber.join(fiber)
  })
