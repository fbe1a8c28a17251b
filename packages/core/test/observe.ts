/**
 * What the core tests watch for secrets and telemetry: the spans a call opens (with their
 * events and how they failed, as printed text), and every text an error shows.
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Inspectable from "effect/Inspectable"
import * as Tracer from "effect/Tracer"

/**
 * A tracer delegating to the current one that keeps every span it hands out, and prints
 * each span event (name and attributes) and each failed span's cause into `printed`.
 */
export const recordingTracer = Effect.map(Effect.tracer, (base) => {
  const spans: Array<Tracer.Span> = []
  const printed: Array<string> = []
  const tracer = Tracer.make({
    span(...args) {
      const span = base.span(...args)
      spans.push(span)
      const end = span.end.bind(span)
      const event = span.event.bind(span)
      span.end = (time, exit) => {
        if (Exit.isFailure(exit)) printed.push(Cause.pretty(exit.cause))
        end(time, exit)
      }
      span.event = (name, time, attributes) => {
        printed.push(name, JSON.stringify(attributes ?? {}))
        event(name, time, attributes)
      }
      return span
    },
    context: (f, fiber) => base.context(f, fiber)
  })
  return { tracer, spans, printed }
})

/** Every text a failure shows: message, toString, JSON, inspect and Cause.pretty. */
export const textsOf = (error: { readonly message: string }): Array<string> => [
  error.message,
  String(error),
  JSON.stringify(error),
  Inspectable.format(error),
  Cause.pretty(Cause.fail(error))
]
