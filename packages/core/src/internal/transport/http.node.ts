/**
 * The `#http` import where Node's built-in modules exist (Node, and the runtimes that
 * provide them under the package's `node` condition): the modules `NodeTransport` sends
 * with. Everything else in the package reaches them only through this import, so that a
 * browser bundle, whose `#http` is `http.browser.ts`, holds no `node:` import.
 */
import * as http from "node:http"
import * as https from "node:https"
import * as stream from "node:stream"
import * as zlib from "node:zlib"

/** The built-in modules `NodeTransport` sends with (and decodes compressed answers with). */
export interface NodeHttp {
  readonly http: typeof http
  readonly https: typeof https
  readonly stream: typeof stream
  readonly zlib: typeof zlib
}

/** Node's HTTP modules, or `undefined` where there are none. */
export const nodeHttp: NodeHttp | undefined = { http, https, stream, zlib }
