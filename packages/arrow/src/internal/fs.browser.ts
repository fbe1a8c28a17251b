/**
 * The `#fs` import outside Node (browsers, workers): there is no file system, so the
 * Promise client's export to a file fails, naming the `FileSystem` service to provide.
 */
import type * as fsp from "node:fs/promises"

/** The promise API of `node:fs`, or `undefined` where there is none. */
export const nodeFs: typeof fsp | undefined = undefined
