/**
 * The credentials each client service sends, kept to redact them out of the server's
 * texts that reach a caller inside a decoded answer (a job's or a query run's error
 * message, a warning) before an error is built from them.
 */
import * as Redact from "@hotdata-effect/kernel/redact"

/** The redactor of the credentials of each client service `HotdataClient.make` built. */
const redactors = new WeakMap<object, (text: string) => string>()

/** Records the credentials `service` sends, for {@link redactFor}. */
export const registerCredentials = (service: object, headers: Readonly<Record<string, string>>): void => {
  redactors.set(service, Redact.redactor(Redact.secretsOfHeaders(headers)))
}

/**
 * A text of the server's that reached the caller inside a decoded answer (a job's or a
 * query run's error message, a warning) with the credentials of `service` redacted, for
 * an error built from it.
 */
export const redactFor = (service: object, text: string): string =>
  (redactors.get(service) ?? Redact.redactor([]))(text)
