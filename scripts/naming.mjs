// How each operation of the contract appears on the client: [group, method, pagination?].
// The generator fails when an operation has no entry here, so a new operation in the
// contract cannot go unnoticed.
const cursor = (items) => ({ style: "cursor", items, hasMore: true })
const offset = (items, hasMore = true) => ({ style: "offset", items, hasMore })

export const naming = {
  list_connection_types: ["connectionTypes", "list"],
  get_connection_type: ["connectionTypes", "get"],

  list_connections: ["connections", "list"],
  create_connection: ["connections", "create"],
  get_connection: ["connections", "get"],
  delete_connection: ["connections", "delete"],
  purge_connection_cache: ["connections", "purgeCache"],
  check_connection_health: ["connections", "checkHealth"],
  add_managed_schema: ["connections", "addSchema"],
  add_managed_table: ["connections", "addTable"],
  delete_managed_table: ["connections", "deleteTable"],
  load_managed_table: ["connections", "loadTable"],
  purge_table_cache: ["connections", "purgeTableCache"],
  get_table_profile: ["connections", "getTableProfile"],

  list_database_contexts: ["databaseContexts", "list"],
  upsert_database_context: ["databaseContexts", "upsert"],
  get_database_context: ["databaseContexts", "get"],
  delete_database_context: ["databaseContexts", "delete"],

  list_databases: ["databases", "list", cursor("databases")],
  create_database: ["databases", "create"],
  bulk_create_databases: ["databases", "bulkCreate"],
  get_database_batch: ["databases", "getBatch"],
  delete_database_batch: ["databases", "deleteBatch"],
  count_databases: ["databases", "count"],
  get_database: ["databases", "get"],
  delete_database: ["databases", "delete"],
  attach_database_catalog: ["databases", "attachCatalog"],
  detach_database_catalog: ["databases", "detachCatalog"],
  fork_database: ["databases", "fork"],
  add_database_schema: ["databases", "addSchema"],
  add_database_table: ["databases", "addTable"],
  load_database_table: ["databases", "loadTable"],

  list_embedding_providers: ["embeddingProviders", "list"],
  create_embedding_provider: ["embeddingProviders", "create"],
  get_embedding_provider: ["embeddingProviders", "get"],
  update_embedding_provider: ["embeddingProviders", "update"],
  delete_embedding_provider: ["embeddingProviders", "delete"],

  list_indexes: ["indexes", "list"],
  create_index: ["indexes", "create"],
  delete_index: ["indexes", "delete"],
  list_indexes_collection: ["indexes", "listForDatabase", cursor("indexes")],

  information_schema: ["informationSchema", "list", cursor("tables")],

  list_jobs: ["jobs", "list", offset("jobs", false)],
  get_job: ["jobs", "get"],

  query: ["query", "execute"],

  list_query_runs: ["queryRuns", "list", cursor("query_runs")],
  get_query_run: ["queryRuns", "get"],

  refresh: ["refresh", "execute"],

  list_results: ["results", "list", offset("results")],
  get_result: ["results", "get"],

  list_saved_queries: ["savedQueries", "list", offset("queries")],
  create_saved_query: ["savedQueries", "create"],
  get_saved_query: ["savedQueries", "get"],
  update_saved_query: ["savedQueries", "update"],
  delete_saved_query: ["savedQueries", "delete"],
  execute_saved_query: ["savedQueries", "execute"],
  list_saved_query_versions: ["savedQueries", "listVersions", offset("versions")],

  list_secrets: ["secrets", "list"],
  create_secret: ["secrets", "create"],
  get_secret: ["secrets", "get"],
  update_secret: ["secrets", "update"],
  delete_secret: ["secrets", "delete"],

  create_upload_session_handler: ["uploads", "create"],
  create_upload_sessions_batch_handler: ["uploads", "createBatch"],
  finalize_upload_handler: ["uploads", "finalize"],
  mint_upload_parts_handler: ["uploads", "mintParts"],

  get_usage: ["usage", "get"],

  list_workspaces: ["workspaces", "list"],
  create_workspace: ["workspaces", "create"],
  delete_workspace: ["workspaces", "delete"]
}
