/**
 * The call path of a client, one job a module: building a request (`request.ts`),
 * running its attempts under the fiber's policies (`attempt.ts`), sending and answering
 * (`executor.ts`), reading and decoding answers (`decode.ts`), mapping transport failures
 * (`transportError.ts`), the per-call fiber settings (`fiberRefs.ts`), the credentials
 * redacted out of server texts (`credentials.ts`) and the generated methods bound to an
 * executor (`method.ts`). This module gathers what the rest of the package uses.
 */
export type { ClientConfig } from "./attempt.js"
export { redactFor, registerCredentials } from "./credentials.js"
export { type Executor, makeExecutor } from "./executor.js"
export { currentCapture, currentHeaders, currentRetryPolicy, currentTimeout } from "./fiberRefs.js"
export { arity, method, paginate } from "./method.js"
export { fromHttpClientError } from "./transportError.js"
