import { settlesWithin } from "../context.js"
import { ApiError, badRequest, errorMessage } from "../errors.js"

/** The fields of every request that may answer with a job (a load, a query, a data refresh, an index build). */
export interface AsyncRequest {
  readonly async?: boolean | null | undefined
  readonly async_after_ms?: number | null | undefined
}

/**
 * Work started in the background: the value it settles with, and what the caller polls
 * meanwhile (read once the caller stops waiting, so it shows the work's status then).
 *
 * @internal
 */
export interface Started<A, H> {
  readonly finished: Promise<A>
  readonly handle: () => H
}

/** How a request that may answer with a job is answered: with the work's value, or with the handle to poll. */
export type AsyncOutcome<A, H> =
  | { readonly done: true; readonly value: A }
  | { readonly done: false; readonly handle: H }

/**
 * Checks `async_after_ms`: it applies only with `async: true` and is a whole number of
 * milliseconds, at least 1000 (the contract's minimum). Anything else is a 400.
 *
 * @internal
 */
export const checkAsyncAfter = (body: AsyncRequest): void => {
  if (body.async_after_ms === undefined || body.async_after_ms === null) return
  if (body.async !== true) throw badRequest("async_after_ms requires async: true")
  if (!Number.isInteger(body.async_after_ms) || body.async_after_ms < 1000) {
    throw badRequest("async_after_ms must be an integer of at least 1000")
  }
}

/** A failure seen while the caller waited: an API error as it is, any other failure as a 400 naming it. */
const failedInTime = (cause: unknown): ApiError => cause instanceof ApiError ? cause : badRequest(errorMessage(cause))

/**
 * Answers now or hands back a job: the one rule of every request with `async` and
 * `async_after_ms` (`checkAsyncAfter` has checked them).
 *
 * - Without `async: true`, `run` runs and the request answers with its value, or fails as it fails.
 * - With `async: true`, `start` starts `run` in the background. Given `async_after_ms`, the request
 *   waits that long: work done by then answers with its value, work failed by then answers with
 *   its failure (an API error as it is, any other failure as a 400 naming it). Otherwise, and
 *   without `async_after_ms`, the request answers with the handle to poll (a job, a query run).
 *
 * @internal
 */
export const asyncOrJob = async <A, H>(
  body: AsyncRequest,
  run: () => Promise<A>,
  start: (run: () => Promise<A>) => Started<A, H>
): Promise<AsyncOutcome<A, H>> => {
  if (body.async !== true) return { done: true, value: await run() }
  const started = start(run)
  const wait = body.async_after_ms
  if (wait !== undefined && wait !== null && await settlesWithin(started.finished, wait)) {
    try {
      return { done: true, value: await started.finished }
    } catch (cause) {
      throw failedInTime(cause)
    }
  }
  return { done: false, handle: started.handle() }
}
