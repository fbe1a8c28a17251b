/**
 * The `#http` import outside Node (browsers, workers): there is no `node:http`, so the
 * Promise client sends over `fetch`, and `NodeTransport` fails its requests saying so.
 */
import type { NodeHttp } from "./http.node.js"

export type { NodeHttp }

/** Node's HTTP modules, or `undefined` where there are none. */
export const nodeHttp: NodeHttp | undefined = undefined
