/**
 * A transport's failure as the call's typed error: what it means is told by the kernel
 * (`TransportFailure`: could not build, could not send, certificate refused, could not
 * connect), and only the redacted text of the transport's error is kept.
 */
import type * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Redact from "@hotdata-effect/kernel/redact"
import * as TransportFailure from "@hotdata-effect/kernel/transportFailure"
import * as HotdataError from "../../HotdataError.js"
import * as Idle from "../idle.js"
import * as Secrets from "../secrets.js"

/**
 * The messages of an error and its causes, with every credential of `request` (see
 * `Secrets.secretsOf`) redacted: a transport may quote a header value or the URL.
 */
const describe = (u: unknown, request?: HttpClientRequest.HttpClientRequest): string =>
  Redact.redact(TransportFailure.messagesOf(u), Secrets.secretsOf(request))

/** @internal */
export const fromHttpClientError = (
  operation: string,
  error: HttpClientError.HttpClientError
):
  | HotdataError.TransportError
  | HotdataError.InvalidRequest
  | HotdataError.TimeoutError
  | HotdataError.ResponseTooLarge =>
{
  // Only the redacted text of the transport's error is kept, never the error itself: its
  // message, cause or request may quote a credential, and Cause.pretty or a span
  // exception would print them.
  if (error._tag === "RequestError") {
    if (error.reason !== "Transport") {
      const what = error.description ?? describe(error.cause ?? error.reason, error.request)
      return new HotdataError.InvalidRequest({
        operation,
        message: `${operation}: could not build the request: ${Redact.redact(what, Secrets.secretsOf(error.request))}`
      })
    }
    const kind = TransportFailure.classify(error.cause)
    if (kind === "unsendable") {
      // Refused by the transport before sending (an invalid header value, an unsupported
      // URL): no retry can cure it.
      return new HotdataError.InvalidRequest({
        operation,
        message: `${operation}: could not send the request: ${describe(error.cause, error.request)}`
      })
    }
    const what = describe(error.cause, error.request)
    if (kind === "tls") {
      return new HotdataError.TransportError({
        operation,
        phase: "tls",
        message: `${operation}: the server's TLS certificate was refused (${what}); ` +
          "trust its certificate authority (an https.Agent with `ca`, NODE_EXTRA_CA_CERTS) or check the URL"
      })
    }
    return new HotdataError.TransportError({ operation, phase: kind, message: `${operation}: ${what}` })
  }
  const idle = Idle.idleTimeoutOf(error)
  if (idle !== undefined) return idle
  const tooLarge = Idle.tooLargeOf(error)
  if (tooLarge !== undefined) return tooLarge
  return new HotdataError.TransportError({
    operation,
    phase: "response",
    message: `${operation}: reading the response failed: ${describe(error.cause ?? error.reason, error.request)}`
  })
}
