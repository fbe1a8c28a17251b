/**
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as ArrowError from "./ArrowError.js"

/**
 * @since 0.1.0
 */
export * as ArrowResults from "./ArrowResults.js"

/**
 * @since 0.1.0
 */
export * as ArrowQuery from "./ArrowQuery.js"

/**
 * @since 0.1.0
 */
export * as Export from "./Export.js"
