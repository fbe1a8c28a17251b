/**
 * The types of Arrow results and exports, as plain types (the kernel's).
 *
 * @since 0.1.0
 */
import type * as ArrowTypes from "@hotdata-effect/kernel/types/arrow"

/**
 * The options of reading a stored result as Arrow.
 *
 * @since 0.1.0
 * @category models
 */
export interface ResultOptions extends ArrowTypes.ResultOptions {}

/**
 * The options of running SQL for Arrow batches.
 *
 * @since 0.1.0
 * @category models
 */
export interface ArrowQueryOptions extends ArrowTypes.QueryOptions {}

/**
 * A file format of an export.
 *
 * @since 0.1.0
 * @category models
 */
export type ExportFormat = ArrowTypes.ExportFormat

/**
 * The options of `exportToFile`.
 *
 * @since 0.1.0
 * @category models
 */
export interface ExportOptions extends ArrowTypes.ExportOptions {}

/**
 * The file an export wrote.
 *
 * @since 0.1.0
 * @category models
 */
export interface Written extends ArrowTypes.Written {}
