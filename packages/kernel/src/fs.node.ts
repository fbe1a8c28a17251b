/**
 * The Node file system, for the parts of the SDK that read or write files by path (an
 * upload's path source, checkpoint files, the Promise client's export to a file).
 *
 * Reached only as `@hotdata-effect/kernel/fs`, whose `node` condition resolves here and
 * whose `default` condition resolves to `fs.browser.ts`: a bundle for a browser never
 * contains a `node:` import.
 */
import * as fsp from "node:fs/promises"

/** The promise API of `node:fs`, or `undefined` where there is none. */
export const nodeFs: typeof fsp | undefined = fsp
