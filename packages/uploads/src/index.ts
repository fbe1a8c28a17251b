/**
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as Uploads from "./Uploads.js"

/**
 * @since 0.1.0
 */
export * as UploadEvent from "./UploadEvent.js"

/**
 * @since 0.1.0
 */
export * as UploadError from "./UploadError.js"

/**
 * @since 0.1.0
 */
export * as StorageClient from "./StorageClient.js"

/**
 * @since 0.1.0
 */
export * as Tables from "./Tables.js"

/**
 * @since 0.1.0
 */
export * as Checkpoint from "./Checkpoint.js"
