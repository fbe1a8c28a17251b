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
export * as Crc32 from "./crc32.js"
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
export * as Retry from "./retry.js"
/**
 * @since 0.1.0
 */
export * as Headers from "./headers.js"
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
export * as IpcFraming from "./ipcFraming.js"
