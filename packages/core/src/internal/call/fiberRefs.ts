/**
 * The per-call settings a calling fiber holds (`HotdataClient.withRetryPolicy`,
 * `withTimeout`, `withHeaders`, `withResponse`), read by the executor once per call.
 */
import type * as Duration from "effect/Duration"
import * as FiberRef from "effect/FiberRef"
import { globalValue } from "effect/GlobalValue"
import * as Option from "effect/Option"
import type * as Ref from "effect/Ref"
import type { ResponseInfo } from "../../HotdataClient.js"
import type * as RetryPolicy from "../../RetryPolicy.js"

/** @internal */
export const currentRetryPolicy = globalValue(
  "@hotdata-effect/core/HotdataClient/currentRetryPolicy",
  () => FiberRef.unsafeMake<Option.Option<RetryPolicy.RetryPolicy>>(Option.none())
)

/** @internal */
export const currentTimeout = globalValue(
  "@hotdata-effect/core/HotdataClient/currentTimeout",
  () => FiberRef.unsafeMake<Option.Option<Duration.Duration>>(Option.none())
)

/** @internal The extra request headers of `HotdataClient.withHeaders`. */
export const currentHeaders = globalValue(
  "@hotdata-effect/core/HotdataClient/currentHeaders",
  () => FiberRef.unsafeMake<Readonly<Record<string, string>>>({})
)

/** @internal Where `HotdataClient.withResponse` records the responses of the calls inside it. */
export const currentCapture = globalValue(
  "@hotdata-effect/core/HotdataClient/currentCapture",
  () => FiberRef.unsafeMake<Option.Option<Ref.Ref<Option.Option<ResponseInfo>>>>(Option.none())
)
