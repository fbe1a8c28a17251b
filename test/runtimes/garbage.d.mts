import type * as http from "node:http"

/** The decompression bombs of `garbage.mjs`. */
export interface Bombs {
  readonly gzip: Buffer
  readonly br: Buffer
}

export declare const makeBombs: () => Promise<Bombs>

export declare const echoForms: Readonly<Record<"raw" | "json" | "json-ascii" | "html" | "url", (text: string) => string>>

export declare const garbageHandler: (bombs: Bombs) => (req: http.IncomingMessage, res: http.ServerResponse) => void
