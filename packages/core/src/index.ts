/**
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as HotdataClient from "./HotdataClient.js"

/**
 * @since 0.1.0
 */
export * as HotdataError from "./HotdataError.js"

/**
 * @since 0.1.0
 */
export * as FetchTransport from "./FetchTransport.js"

/**
 * @since 0.1.0
 */
export * as HotdataTest from "./HotdataTest.js"

/**
 * @since 0.1.0
 */
export * as RetryPolicy from "./RetryPolicy.js"

/**
 * @since 0.1.0
 */
export * as Operation from "./Operation.js"

/**
 * @since 0.1.0
 */
export * as Operations from "./generated/Operations.js"

/**
 * @since 0.1.0
 */
export * as Schemas from "./generated/Schemas.js"

/**
 * @since 0.1.0
 */
export * as Polling from "./Polling.js"

/**
 * @since 0.1.0
 */
export * as Query from "./Query.js"

/**
 * @since 0.1.0
 */
export * as PromiseClient from "./PromiseClient.js"

/**
 * @since 0.1.0
 */
export * as OperationTypes from "./generated/OperationTypes.js"

/**
 * @since 0.1.0
 */
export * as Routes from "./Routes.js"

/**
 * @since 0.1.0
 */
export * as Results from "./Results.js"
