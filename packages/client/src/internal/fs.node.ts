/**
 * The `#fs` import of the bundle on Node: the file system the uploads (paths,
 * checkpoints) and exports of the bundled packages read and write.
 */
import * as fsp from "node:fs/promises"

/** The promise API of `node:fs`, or `undefined` where there is none. */
export const nodeFs: typeof fsp | undefined = fsp
