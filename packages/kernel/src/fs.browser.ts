/**
 * `@hotdata-effect/kernel/fs` outside Node (browsers, workers): there is no file system,
 * so whatever needs one (a path source of an upload, the checkpoint file store, the
 * Promise client's export to a file) fails with an error naming what to provide instead.
 */
import type * as fsp from "node:fs/promises"

/** The promise API of `node:fs`, or `undefined` where there is none. */
export const nodeFs: typeof fsp | undefined = undefined
