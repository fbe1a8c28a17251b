/**
 * The settings of a Promise client made into what its calls run on: the environment's
 * defaults read, the transport chosen (the caller's `fetch`, the caller's agents, else
 * `node:http` where the runtime has it, else `fetch`), `HotdataClient.make`'s checks run
 * synchronously so that a bad setting throws at construction, and a runtime holding the
 * built service.
 *
 * @internal
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as KernelSettings from "@hotdata-effect/kernel/settings"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Runtime from "effect/Runtime"
import * as FetchTransport from "../../FetchTransport.js"
import * as HotdataClient from "../../HotdataClient.js"
import * as HotdataError from "../../HotdataError.js"
import * as NodeTransport from "../../NodeTransport.js"
import type * as RetryPolicy from "../../RetryPolicy.js"
import * as NodeHttp from "../transport/nodeTransport.js"
import { errorOf, mark } from "./runner.js"

/** @internal */
export type Options = KernelSettings.PromiseSettings<Duration.DurationInput, RetryPolicy.RetryPolicy>

const invalidAgents = (message: string) => mark(new HotdataError.InvalidConfig({ setting: "agents", message }))

/**
 * The agents of `agents`, each checked to be one of this runtime's `node:http` agents; the
 * shared keep-alive agent for a protocol without one.
 */
const checkAgents = (agents: NonNullable<Options["agents"]>): NodeHttp.Agents => {
  if (!NodeHttp.available) throw invalidAgents("this runtime has no node:http, so `agents` cannot be used")
  for (const protocol of ["http", "https"] as const) {
    const agent = agents[protocol]
    if (agent !== undefined && !NodeHttp.isAgent(agent)) {
      throw invalidAgents(`\`agents.${protocol}\` is not a node:http Agent`)
    }
  }
  // Each one was just checked to be an agent of this runtime.
  return NodeHttp.withShared(agents as Partial<NodeHttp.Agents>)
}

/** A client's service, and the runtime its calls run on. @internal */
export interface Resolved {
  readonly service: HotdataClient.HotdataClient.Service
  readonly runtime: Runtime.Runtime<HotdataClient.HotdataClient>
}

/** Checks the settings and builds the service; throws `InvalidConfig` naming a bad setting. @internal */
export const resolve = (options: Options): Resolved => {
  const connection = KernelSettings.connectionOf(options)
  if (connection.apiKey === undefined) {
    throw mark(
      new HotdataError.InvalidConfig({
        setting: "apiKey",
        message: "no API key: pass `apiKey` to createHotdataClient or set HOTDATA_API_KEY"
      })
    )
  }
  if (options.fetch !== undefined && options.agents !== undefined) {
    throw invalidAgents("`agents` apply to node:http and `fetch` replaces it: pass one or the other")
  }
  // The caller's agents make one client, which the uploads' storage PUTs go through too.
  const agentsClient = options.agents !== undefined ? NodeHttp.make(checkAgents(options.agents)) : undefined
  const transport = options.fetch !== undefined
    ? FetchTransport.layer.pipe(Layer.provide(Layer.succeed(FetchHttpClient.Fetch, options.fetch)))
    : agentsClient !== undefined
    ? Layer.succeed(HttpClient.HttpClient, agentsClient)
    : NodeHttp.available
    ? NodeTransport.layer
    : FetchTransport.layer
  const settings: HotdataClient.Options = {
    apiKey: Redacted.make(connection.apiKey),
    workspaceId: connection.workspaceId,
    baseUrl: connection.baseUrl,
    userAgent: options.userAgent,
    timeout: options.timeout,
    idleTimeout: options.idleTimeout,
    maxResponseBytes: options.maxResponseBytes,
    maxCompressionRatio: options.maxCompressionRatio,
    logLevel: options.logLevel,
    retryPolicy: options.retryPolicy
  }
  // The settings checks of `HotdataClient.make`, run now so that a bad setting throws here.
  const checked = Effect.runSyncExit(Effect.provide(HotdataClient.make(settings), transport))
  if (Exit.isFailure(checked)) throw errorOf(checked.cause)
  const service = checked.value
  // Calls run on a runtime whose context holds the client (for the helpers that ask for it),
  // and the HTTP client of the caller's agents when there are some (for storage PUTs).
  const context = Context.make(HotdataClient.HotdataClient, service)
  const runtime = Runtime.make({
    context: agentsClient === undefined ? context : Context.add(context, HttpClient.HttpClient, agentsClient),
    runtimeFlags: Runtime.defaultRuntime.runtimeFlags,
    fiberRefs: Runtime.defaultRuntime.fiberRefs
  })
  return { service, runtime }
}
