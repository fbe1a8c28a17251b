/**
 * The `#fs` import of the bundle outside Node: no file system, so a path source or an
 * export to a file fails with an error saying so.
 */
import type * as fsp from "node:fs/promises"

/** The promise API of `node:fs`, or `undefined` where there is none. */
export const nodeFs: typeof fsp | undefined = undefined
