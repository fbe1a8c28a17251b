import type { HandlerMap } from "../context.js"
import { handlers as connections } from "./connections.js"
import { handlers as connectionTypes } from "./connectionTypes.js"
import { handlers as databaseContexts } from "./databaseContexts.js"
import { handlers as databases } from "./databases.js"
import { handlers as embeddingProviders } from "./embeddingProviders.js"
import { handlers as indexes } from "./indexes.js"
import { handlers as informationSchema } from "./informationSchema.js"
import { handlers as jobs } from "./jobs.js"
import { handlers as query } from "./query.js"
import { handlers as queryRuns } from "./queryRuns.js"
import { handlers as refresh } from "./refresh.js"
import { handlers as results } from "./results.js"
import { handlers as savedQueries } from "./savedQueries.js"
import { handlers as secrets } from "./secrets.js"
import { handlers as uploads } from "./uploads.js"
import { handlers as usage } from "./usage.js"
import { handlers as workspaces } from "./workspaces.js"

/**
 * Every operation of the contract, by operation id: its handler, one file per group of the
 * contract. An operation added to the contract without a handler (or `notImplemented`, which
 * answers 501 NOT_IMPLEMENTED_LOCALLY), or a misnamed one, fails to compile here.
 *
 * @internal
 */
export const handlers: HandlerMap = {
  ...connections,
  ...connectionTypes,
  ...databaseContexts,
  ...databases,
  ...embeddingProviders,
  ...indexes,
  ...informationSchema,
  ...jobs,
  ...query,
  ...queryRuns,
  ...refresh,
  ...results,
  ...savedQueries,
  ...secrets,
  ...uploads,
  ...usage,
  ...workspaces
}
