/**
 * @since 0.1.0
 */

/**
 * The local server: Effect layers and a Promise API.
 *
 * @since 0.1.0
 */
export * as LocalHotdata from "./LocalHotdata.js"

/**
 * Fault constructors for the local server's fault injection.
 *
 * @since 0.1.0
 */
export * as Faults from "./Faults.js"

export {
  /**
   * @since 0.1.0
   */
  startLocalHotdata
} from "./LocalHotdata.js"
