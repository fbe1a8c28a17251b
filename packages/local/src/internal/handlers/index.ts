import { type HandlerMap, notImplemented } from "../context.js"
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
import { handlers as results } from "./results.js"
import { handlers as savedQueries } from "./savedQueries.js"
import { handlers as secrets } from "./secrets.js"
import { handlers as uploads } from "./uploads.js"
import { handlers as usage } from "./usage.js"
import { handlers as workspaces } from "./workspaces.js"

/**
 * Every operation of the contract, by operation id: its handler, one file per group of the
 * contract, or `notImplemented` (answered with 501 NOT_IMPLEMENTED_LOCALLY). An operation
 * added to the contract, or a misnamed one, fails to compile here.
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
  ...results,
  ...savedQueries,
  ...secrets,
  ...uploads,
  ...usage,
  ...workspaces,

  create_connection: notImplemented,
  delete_connection: notImplemented,
  purge_connection_cache: notImplemented,
  purge_table_cache: notImplemented,
  get_table_profile: notImplemented,

  refresh: notImplemented
}
