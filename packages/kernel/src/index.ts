/**
 * The Effect-free kernel of the Hotdata SDK: every piece of logic that needs no Effect,
 * shared by the Effect clients and the Promise client so they cannot drift. Nothing here
 * imports `effect` or `@effect/*` (the lint enforces it).
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as Path from "./path.js"

/**
 * @since 0.1.0
 */
export * as Url from "./url.js"

/**
 * @since 0.1.0
 */
export * as Idempotency from "./idempotency.js"

/**
 * @since 0.1.0
 */
export * as Headers from "./headers.js"

/**
 * @since 0.1.0
 */
export * as Settings from "./settings.js"

/**
 * @since 0.1.0
 */
export * as SettingsChecks from "./settingsChecks.js"

/**
 * @since 0.1.0
 */
export * as Redact from "./redact.js"

/**
 * @since 0.1.0
 */
export * as SizeLimit from "./sizeLimit.js"

/**
 * @since 0.1.0
 */
export * as TransportFailure from "./transportFailure.js"

/**
 * @since 0.1.0
 */
export * as Retry from "./retry.js"

/**
 * @since 0.1.0
 */
export * as Results from "./results.js"

/**
 * @since 0.1.0
 */
export * as Groups from "./groups.js"

/**
 * @since 0.1.0
 */
export * as Crc32 from "./crc32.js"

/**
 * @since 0.1.0
 */
export * as IpcFraming from "./ipcFraming.js"

/**
 * @since 0.1.0
 */
export * as UploadPlan from "./uploads/plan.js"

/**
 * @since 0.1.0
 */
export * as UploadVerify from "./uploads/verify.js"

/**
 * @since 0.1.0
 */
export * as CheckpointFormat from "./uploads/checkpointFormat.js"

/**
 * @since 0.1.0
 */
export * as CallTypes from "./types/call.js"

/**
 * @since 0.1.0
 */
export * as DurationTypes from "./types/duration.js"

/**
 * @since 0.1.0
 */
export * as ClientTypes from "./types/client.js"

/**
 * @since 0.1.0
 */
export * as ErrorTypes from "./types/errors.js"

/**
 * @since 0.1.0
 */
export * as QueryTypes from "./types/query.js"

/**
 * @since 0.1.0
 */
export * as RetryTypes from "./types/retry.js"

/**
 * @since 0.1.0
 */
export * as ArrowTypes from "./types/arrow.js"

/**
 * @since 0.1.0
 */
export * as UploadTypes from "./types/uploads.js"
