import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { FetchTransport } from "../src/index.js"
import * as NodeTransport from "../src/NodeTransport.js"

/** Every HTTP client the suites hold the SDK's behaviour over: the platform's and the SDK's own. */
export const transports = [
  ["FetchHttpClient", FetchHttpClient.layer],
  ["FetchTransport", FetchTransport.layer],
  ["NodeTransport", NodeTransport.layer],
  ["NodeHttpClient.layerUndici", NodeHttpClient.layerUndici]
] as const
