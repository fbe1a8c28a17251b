/**
 * The `#fs` import outside Node (browsers, workers): there is no file system to read a
 * path from, so a file path source fails with a `SourceError` asking for a `Blob` or `File`.
 */
import type * as fsp from "node:fs/promises"

/** The promise API of `node:fs`, or `undefined` where there is none. */
export const nodeFs: typeof fsp | undefined = undefined
