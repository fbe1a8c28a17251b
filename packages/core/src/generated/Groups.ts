/**
 * GENERATED FILE, DO NOT EDIT. Produced by scripts/codegen.mjs from spec/openapi.json.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type * as HotdataError from "../HotdataError.js"
import type * as Operations from "./Operations.js"
import type * as Schemas from "./Schemas.js"

/**
 * Operations of the `databases` group.
 *
 * @since 0.1.0
 * @category groups
 */
export interface Databases {
  /**
   * `POST /v1/databases/{database_id}/schemas` (`add_database_schema`).
   */
  readonly addSchema: (databaseId: string, payload: Schemas.AddManagedSchemaRequest) => Effect.Effect<Schemas.ManagedSchemaResponse, HotdataError.HotdataError>
  /**
   * `POST /v1/databases/{database_id}/schemas/{schema}/tables` (`add_database_table`).
   */
  readonly addTable: (databaseId: string, schema: string, payload: Schemas.AddManagedTableRequest) => Effect.Effect<Schemas.ManagedTableResponse, HotdataError.HotdataError>
  /**
   * `POST /v1/databases/{database_id}/catalogs` (`attach_database_catalog`).
   */
  readonly attachCatalog: (databaseId: string, payload: Schemas.AttachDatabaseCatalogRequest) => Effect.Effect<void, HotdataError.HotdataError>
  /**
   * `POST /v1/databases/bulk` (`bulk_create_databases`).
   */
  readonly bulkCreate: (payload: Schemas.BulkCreateDatabasesRequest, options?: Operations.BulkCreateDatabasesOptions | undefined) => Effect.Effect<Schemas.DatabaseBatchResponse, HotdataError.HotdataError>
  /**
   * `GET /v1/databases/count` (`count_databases`).
   */
  readonly count: (options?: Operations.CountDatabasesOptions | undefined) => Effect.Effect<Schemas.DatabaseCountResponse, HotdataError.HotdataError>
  /**
   * `POST /v1/databases` (`create_database`).
   */
  readonly create: (payload: Schemas.CreateDatabaseRequest) => Effect.Effect<Schemas.CreateDatabaseResponse, HotdataError.HotdataError>
  /**
   * `DELETE /v1/databases/{database_id}` (`delete_database`).
   */
  readonly delete: (databaseId: string) => Effect.Effect<void, HotdataError.HotdataError>
  /**
   * `DELETE /v1/databases/bulk/{batch_id}` (`delete_database_batch`).
   */
  readonly deleteBatch: (batchId: string) => Effect.Effect<Schemas.DeleteDatabaseBatchResponse, HotdataError.HotdataError>
  /**
   * `DELETE /v1/databases/{database_id}/catalogs/{connection_id}` (`detach_database_catalog`).
   */
  readonly detachCatalog: (databaseId: string, connectionId: string) => Effect.Effect<void, HotdataError.HotdataError>
  /**
   * `POST /v1/databases/{database_id}/fork` (`fork_database`).
   */
  readonly fork: (databaseId: string, payload: Schemas.ForkDatabaseRequest) => Effect.Effect<Schemas.CreateDatabaseResponse, HotdataError.HotdataError>
  /**
   * `GET /v1/databases/{database_id}` (`get_database`).
   */
  readonly get: (databaseId: string) => Effect.Effect<Schemas.DatabaseDetailResponse, HotdataError.HotdataError>
  /**
   * `GET /v1/databases/bulk/{batch_id}` (`get_database_batch`).
   */
  readonly getBatch: (batchId: string) => Effect.Effect<Schemas.DatabaseBatchResponse, HotdataError.HotdataError>
  /**
   * `GET /v1/databases` (`list_databases`).
   */
  readonly list: (options?: Operations.ListDatabasesOptions | undefined) => Effect.Effect<Schemas.ListDatabasesResponse, HotdataError.HotdataError>
  /**
   * Every item of `list_databases` as a stream, following cursor pagination page by page.
   */
  readonly listStream: (options?: Omit<Operations.ListDatabasesOptions, "cursor"> | undefined) => Stream.Stream<Schemas.ListDatabasesResponse["databases"][number], HotdataError.HotdataError>
  /**
   * `POST /v1/databases/{database_id}/schemas/{schema}/tables/{table}/loads` (`load_database_table`).
   */
  readonly loadTable: (databaseId: string, schema: string, table: string, payload: Schemas.LoadManagedTableRequest, options?: Operations.LoadDatabaseTableOptions | undefined) => Effect.Effect<{ readonly status: 200; readonly body: Schemas.LoadManagedTableResponse } | { readonly status: 202; readonly body: Schemas.SubmitJobResponse }, HotdataError.HotdataError>
}

/**
 * Operations of the `connections` group.
 *
 * @since 0.1.0
 * @category groups
 */
export interface Connections {
  /**
   * `POST /v1/connections/{connection_id}/schemas` (`add_managed_schema`).
   */
  readonly addSchema: (connectionId: string, payload: Schemas.AddManagedSchemaRequest) => Effect.Effect<Schemas.ManagedSchemaResponse, HotdataError.HotdataError>
  /**
   * `POST /v1/connections/{connection_id}/schemas/{schema}/tables` (`add_managed_table`).
   */
  readonly addTable: (connectionId: string, schema: string, payload: Schemas.AddManagedTableRequest) => Effect.Effect<Schemas.ManagedTableResponse, HotdataError.HotdataError>
  /**
   * `GET /v1/connections/{connection_id}/health` (`check_connection_health`).
   */
  readonly checkHealth: (connectionId: string) => Effect.Effect<Schemas.ConnectionHealthResponse, HotdataError.HotdataError>
  /**
   * `POST /v1/connections` (`create_connection`).
   */
  readonly create: (payload: Schemas.CreateConnectionRequest) => Effect.Effect<Schemas.CreateConnectionResponse, HotdataError.HotdataError>
  /**
   * `DELETE /v1/connections/{connection_id}` (`delete_connection`).
   */
  readonly delete: (connectionId: string) => Effect.Effect<void, HotdataError.HotdataError>
  /**
   * `DELETE /v1/connections/{connection_id}/schemas/{schema}/tables/{table}` (`delete_managed_table`).
   */
  readonly deleteTable: (connectionId: string, schema: string, table: string) => Effect.Effect<void, HotdataError.HotdataError>
  /**
   * `GET /v1/connections/{connection_id}` (`get_connection`).
   */
  readonly get: (connectionId: string) => Effect.Effect<Schemas.GetConnectionResponse, HotdataError.HotdataError>
  /**
   * `GET /v1/connections/{connection_id}/tables/{schema}/{table}/profile` (`get_table_profile`).
   */
  readonly getTableProfile: (connectionId: string, schema: string, table: string) => Effect.Effect<Schemas.TableProfileResponse, HotdataError.HotdataError>
  /**
   * `GET /v1/connections` (`list_connections`).
   */
  readonly list: () => Effect.Effect<Schemas.ListConnectionsResponse, HotdataError.HotdataError>
  /**
   * `POST /v1/connections/{connection_id}/schemas/{schema}/tables/{table}/loads` (`load_managed_table`).
   */
  readonly loadTable: (connectionId: string, schema: string, table: string, payload: Schemas.LoadManagedTableRequest, options?: Operations.LoadManagedTableOptions | undefined) => Effect.Effect<{ readonly status: 200; readonly body: Schemas.LoadManagedTableResponse } | { readonly status: 202; readonly body: Schemas.SubmitJobResponse }, HotdataError.HotdataError>
  /**
   * `DELETE /v1/connections/{connection_id}/cache` (`purge_connection_cache`).
   */
  readonly purgeCache: (connectionId: string) => Effect.Effect<void, HotdataError.HotdataError>
  /**
   * `DELETE /v1/connections/{connection_id}/tables/{schema}/{table}/cache` (`purge_table_cache`).
   */
  readonly purgeTableCache: (connectionId: string, schema: string, table: string) => Effect.Effect<void, HotdataError.HotdataError>
}

/**
 * Operations of the `embeddingProviders` group.
 *
 * @since 0.1.0
 * @category groups
 */
export interface EmbeddingProviders {
  /**
   * `POST /v1/embedding-providers` (`create_embedding_provider`).
   */
  readonly create: (payload: Schemas.CreateEmbeddingProviderRequest) => Effect.Effect<Schemas.CreateEmbeddingProviderResponse, HotdataError.HotdataError>
  /**
   * `DELETE /v1/embedding-providers/{id}` (`delete_embedding_provider`).
   */
  readonly delete: (id: string) => Effect.Effect<void, HotdataError.HotdataError>
  /**
   * `GET /v1/embedding-providers/{id}` (`get_embedding_provider`).
   */
  readonly get: (id: string) => Effect.Effect<Schemas.EmbeddingProviderResponse, HotdataError.HotdataError>
  /**
   * `GET /v1/embedding-providers` (`list_embedding_providers`).
   */
  readonly list: () => Effect.Effect<Schemas.ListEmbeddingProvidersResponse, HotdataError.HotdataError>
  /**
   * `PUT /v1/embedding-providers/{id}` (`update_embedding_provider`).
   */
  readonly update: (id: string, payload: Schemas.UpdateEmbeddingProviderRequest) => Effect.Effect<Schemas.UpdateEmbeddingProviderResponse, HotdataError.HotdataError>
}

/**
 * Operations of the `indexes` group.
 *
 * @since 0.1.0
 * @category groups
 */
export interface Indexes {
  /**
   * `POST /v1/connections/{connection_id}/tables/{schema}/{table}/indexes` (`create_index`).
   */
  readonly create: (connectionId: string, schema: string, table: string, payload: Schemas.CreateIndexRequest) => Effect.Effect<{ readonly status: 201; readonly body: Schemas.IndexInfoResponse } | { readonly status: 202; readonly body: Schemas.SubmitJobResponse }, HotdataError.HotdataError>
  /**
   * `DELETE /v1/connections/{connection_id}/tables/{schema}/{table}/indexes/{index_name}` (`delete_index`).
   */
  readonly delete: (connectionId: string, schema: string, table: string, indexName: string) => Effect.Effect<void, HotdataError.HotdataError>
  /**
   * `GET /v1/connections/{connection_id}/tables/{schema}/{table}/indexes` (`list_indexes`).
   */
  readonly list: (connectionId: string, schema: string, table: string) => Effect.Effect<Schemas.ListIndexesResponse, HotdataError.HotdataError>
  /**
   * `GET /v1/indexes` (`list_indexes_collection`).
   */
  readonly listForDatabase: (options: Operations.ListIndexesCollectionOptions) => Effect.Effect<Schemas.ListIndexesPageResponse, HotdataError.HotdataError>
  /**
   * Every item of `list_indexes_collection` as a stream, following cursor pagination page by page.
   */
  readonly listForDatabaseStream: (options: Omit<Operations.ListIndexesCollectionOptions, "cursor">) => Stream.Stream<Schemas.ListIndexesPageResponse["indexes"][number], HotdataError.HotdataError>
}

/**
 * Operations of the `savedQueries` group.
 *
 * @since 0.1.0
 * @category groups
 */
export interface SavedQueries {
  /**
   * `POST /v1/queries` (`create_saved_query`).
   */
  readonly create: (payload: Schemas.CreateSavedQueryRequest) => Effect.Effect<Schemas.SavedQueryDetail, HotdataError.HotdataError>
  /**
   * `DELETE /v1/queries/{id}` (`delete_saved_query`).
   */
  readonly delete: (id: string) => Effect.Effect<void, HotdataError.HotdataError>
  /**
   * `POST /v1/queries/{id}/execute` (`execute_saved_query`).
   */
  readonly execute: (id: string, payload: Schemas.ExecuteSavedQueryRequest | undefined, options: Operations.ExecuteSavedQueryOptions) => Effect.Effect<Schemas.QueryResponse, HotdataError.HotdataError>
  /**
   * `GET /v1/queries/{id}` (`get_saved_query`).
   */
  readonly get: (id: string) => Effect.Effect<Schemas.SavedQueryDetail, HotdataError.HotdataError>
  /**
   * `GET /v1/queries` (`list_saved_queries`).
   */
  readonly list: (options?: Operations.ListSavedQueriesOptions | undefined) => Effect.Effect<Schemas.ListSavedQueriesResponse, HotdataError.HotdataError>
  /**
   * Every item of `list_saved_queries` as a stream, following offset pagination page by page.
   */
  readonly listStream: (options?: Omit<Operations.ListSavedQueriesOptions, "offset"> | undefined) => Stream.Stream<Schemas.ListSavedQueriesResponse["queries"][number], HotdataError.HotdataError>
  /**
   * `GET /v1/queries/{id}/versions` (`list_saved_query_versions`).
   */
  readonly listVersions: (id: string, options?: Operations.ListSavedQueryVersionsOptions | undefined) => Effect.Effect<Schemas.ListSavedQueryVersionsResponse, HotdataError.HotdataError>
  /**
   * Every item of `list_saved_query_versions` as a stream, following offset pagination page by page.
   */
  readonly listVersionsStream: (id: string, options?: Omit<Operations.ListSavedQueryVersionsOptions, "offset"> | undefined) => Stream.Stream<Schemas.ListSavedQueryVersionsResponse["versions"][number], HotdataError.HotdataError>
  /**
   * `PUT /v1/queries/{id}` (`update_saved_query`).
   */
  readonly update: (id: string, payload: Schemas.UpdateSavedQueryRequest) => Effect.Effect<Schemas.SavedQueryDetail, HotdataError.HotdataError>
}

/**
 * Operations of the `secrets` group.
 *
 * @since 0.1.0
 * @category groups
 */
export interface Secrets {
  /**
   * `POST /v1/secrets` (`create_secret`).
   */
  readonly create: (payload: Schemas.CreateSecretRequest) => Effect.Effect<Schemas.CreateSecretResponse, HotdataError.HotdataError>
  /**
   * `DELETE /v1/secrets/{name}` (`delete_secret`).
   */
  readonly delete: (name: string) => Effect.Effect<void, HotdataError.HotdataError>
  /**
   * `GET /v1/secrets/{name}` (`get_secret`).
   */
  readonly get: (name: string) => Effect.Effect<Schemas.GetSecretResponse, HotdataError.HotdataError>
  /**
   * `GET /v1/secrets` (`list_secrets`).
   */
  readonly list: () => Effect.Effect<Schemas.ListSecretsResponse, HotdataError.HotdataError>
  /**
   * `PUT /v1/secrets/{name}` (`update_secret`).
   */
  readonly update: (name: string, payload: Schemas.UpdateSecretRequest) => Effect.Effect<Schemas.UpdateSecretResponse, HotdataError.HotdataError>
}

/**
 * Operations of the `uploads` group.
 *
 * @since 0.1.0
 * @category groups
 */
export interface Uploads {
  /**
   * `POST /v1/uploads` (`create_upload_session_handler`).
   */
  readonly create: (payload: Schemas.CreateUploadRequest) => Effect.Effect<Schemas.UploadSessionResponse, HotdataError.HotdataError>
  /**
   * `POST /v1/uploads/batch` (`create_upload_sessions_batch_handler`).
   */
  readonly createBatch: (payload: Schemas.BatchCreateUploadRequest) => Effect.Effect<Schemas.BatchCreateUploadResponse, HotdataError.HotdataError>
  /**
   * `POST /v1/uploads/{upload_id}/finalize` (`finalize_upload_handler`).
   */
  readonly finalize: (uploadId: string, payload: Schemas.FinalizeUploadRequest | undefined, options: Operations.FinalizeUploadHandlerOptions) => Effect.Effect<Schemas.FinalizeUploadResponse, HotdataError.HotdataError>
  /**
   * `POST /v1/uploads/{upload_id}/parts` (`mint_upload_parts_handler`).
   */
  readonly mintParts: (uploadId: string, payload: Schemas.MintUploadPartsRequest, options: Operations.MintUploadPartsHandlerOptions) => Effect.Effect<Schemas.MintUploadPartsResponse, HotdataError.HotdataError>
}

/**
 * Operations of the `workspaces` group.
 *
 * @since 0.1.0
 * @category groups
 */
export interface Workspaces {
  /**
   * `POST /v1/workspaces` (`create_workspace`).
   */
  readonly create: (payload: Schemas.CreateWorkspaceRequest) => Effect.Effect<Schemas.CreateWorkspaceResponse, HotdataError.HotdataError>
  /**
   * `DELETE /v1/workspaces/{public_id}` (`delete_workspace`).
   */
  readonly delete: (publicId: string) => Effect.Effect<void, HotdataError.HotdataError>
  /**
   * `GET /v1/workspaces` (`list_workspaces`).
   */
  readonly list: (options?: Operations.ListWorkspacesOptions | undefined) => Effect.Effect<Schemas.ListWorkspacesResponse, HotdataError.HotdataError>
}

/**
 * Operations of the `databaseContexts` group.
 *
 * @since 0.1.0
 * @category groups
 */
export interface DatabaseContexts {
  /**
   * `DELETE /v1/databases/{database_id}/context/{name}` (`delete_database_context`).
   */
  readonly delete: (databaseId: string, name: string) => Effect.Effect<void, HotdataError.HotdataError>
  /**
   * `GET /v1/databases/{database_id}/context/{name}` (`get_database_context`).
   */
  readonly get: (databaseId: string, name: string) => Effect.Effect<Schemas.GetDatabaseContextResponse, HotdataError.HotdataError>
  /**
   * `GET /v1/databases/{database_id}/context` (`list_database_contexts`).
   */
  readonly list: (databaseId: string) => Effect.Effect<Schemas.ListDatabaseContextsResponse, HotdataError.HotdataError>
  /**
   * `POST /v1/databases/{database_id}/context` (`upsert_database_context`).
   */
  readonly upsert: (databaseId: string, payload: Schemas.UpsertDatabaseContextRequest) => Effect.Effect<Schemas.UpsertDatabaseContextResponse, HotdataError.HotdataError>
}

/**
 * Operations of the `connectionTypes` group.
 *
 * @since 0.1.0
 * @category groups
 */
export interface ConnectionTypes {
  /**
   * `GET /v1/connection-types/{name}` (`get_connection_type`).
   */
  readonly get: (name: string) => Effect.Effect<Schemas.ConnectionTypeDetail, HotdataError.HotdataError>
  /**
   * `GET /v1/connection-types` (`list_connection_types`).
   */
  readonly list: () => Effect.Effect<Schemas.ListConnectionTypesResponse, HotdataError.HotdataError>
}

/**
 * Operations of the `jobs` group.
 *
 * @since 0.1.0
 * @category groups
 */
export interface Jobs {
  /**
   * `GET /v1/jobs/{id}` (`get_job`).
   */
  readonly get: (id: string) => Effect.Effect<Schemas.JobStatusResponse, HotdataError.HotdataError>
  /**
   * `GET /v1/jobs` (`list_jobs`).
   */
  readonly list: (options?: Operations.ListJobsOptions | undefined) => Effect.Effect<Schemas.ListJobsResponse, HotdataError.HotdataError>
  /**
   * Every item of `list_jobs` as a stream, following offset pagination page by page.
   */
  readonly listStream: (options?: Omit<Operations.ListJobsOptions, "offset"> | undefined) => Stream.Stream<Schemas.ListJobsResponse["jobs"][number], HotdataError.HotdataError>
}

/**
 * Operations of the `queryRuns` group.
 *
 * @since 0.1.0
 * @category groups
 */
export interface QueryRuns {
  /**
   * `GET /v1/query-runs/{id}` (`get_query_run`).
   */
  readonly get: (id: string, options: Operations.GetQueryRunOptions) => Effect.Effect<Schemas.QueryRunInfo, HotdataError.HotdataError>
  /**
   * `GET /v1/query-runs` (`list_query_runs`).
   */
  readonly list: (options: Operations.ListQueryRunsOptions) => Effect.Effect<Schemas.ListQueryRunsResponse, HotdataError.HotdataError>
  /**
   * Every item of `list_query_runs` as a stream, following cursor pagination page by page.
   */
  readonly listStream: (options: Omit<Operations.ListQueryRunsOptions, "cursor">) => Stream.Stream<Schemas.ListQueryRunsResponse["query_runs"][number], HotdataError.HotdataError>
}

/**
 * Operations of the `results` group.
 *
 * @since 0.1.0
 * @category groups
 */
export interface Results {
  /**
   * `GET /v1/results/{id}` (`get_result`).
   */
  readonly get: (id: string, options: Operations.GetResultOptions) => Effect.Effect<{ readonly status: 200; readonly body: Schemas.GetResultResponse } | { readonly status: 202; readonly body: Schemas.GetResultResponse }, HotdataError.HotdataError>
  /**
   * `GET /v1/results` (`list_results`).
   */
  readonly list: (options: Operations.ListResultsOptions) => Effect.Effect<Schemas.ListResultsResponse, HotdataError.HotdataError>
  /**
   * Every item of `list_results` as a stream, following offset pagination page by page.
   */
  readonly listStream: (options: Omit<Operations.ListResultsOptions, "offset">) => Stream.Stream<Schemas.ListResultsResponse["results"][number], HotdataError.HotdataError>
}

/**
 * Operations of the `usage` group.
 *
 * @since 0.1.0
 * @category groups
 */
export interface Usage {
  /**
   * `GET /v1/usage` (`get_usage`).
   */
  readonly get: (options?: Operations.GetUsageOptions | undefined) => Effect.Effect<Schemas.WorkspaceUsageResponse, HotdataError.HotdataError>
}

/**
 * Operations of the `informationSchema` group.
 *
 * @since 0.1.0
 * @category groups
 */
export interface InformationSchema {
  /**
   * `GET /v1/information_schema` (`information_schema`).
   */
  readonly list: (options?: Operations.InformationSchemaOptions | undefined) => Effect.Effect<Schemas.InformationSchemaResponse, HotdataError.HotdataError>
  /**
   * Every item of `information_schema` as a stream, following cursor pagination page by page.
   */
  readonly listStream: (options?: Omit<Operations.InformationSchemaOptions, "cursor"> | undefined) => Stream.Stream<Schemas.InformationSchemaResponse["tables"][number], HotdataError.HotdataError>
}

/**
 * Operations of the `query` group.
 *
 * @since 0.1.0
 * @category groups
 */
export interface Query {
  /**
   * `POST /v1/query` (`query`).
   */
  readonly execute: (payload: Schemas.QueryRequest, options?: Operations.QueryOptions | undefined) => Effect.Effect<{ readonly status: 200; readonly body: Schemas.QueryResponse } | { readonly status: 202; readonly body: Schemas.AsyncQueryResponse }, HotdataError.HotdataError>
}

/**
 * Operations of the `refresh` group.
 *
 * @since 0.1.0
 * @category groups
 */
export interface Refresh {
  /**
   * `POST /v1/refresh` (`refresh`).
   */
  readonly execute: (payload: Schemas.RefreshRequest) => Effect.Effect<{ readonly status: 200; readonly body: Schemas.RefreshResponse } | { readonly status: 202; readonly body: Schemas.SubmitJobResponse }, HotdataError.HotdataError>
}

/**
 * Every operation group of the client.
 *
 * @since 0.1.0
 * @category groups
 */
export interface Groups {
  readonly databases: Databases
  readonly connections: Connections
  readonly embeddingProviders: EmbeddingProviders
  readonly indexes: Indexes
  readonly savedQueries: SavedQueries
  readonly secrets: Secrets
  readonly uploads: Uploads
  readonly workspaces: Workspaces
  readonly databaseContexts: DatabaseContexts
  readonly connectionTypes: ConnectionTypes
  readonly jobs: Jobs
  readonly queryRuns: QueryRuns
  readonly results: Results
  readonly usage: Usage
  readonly informationSchema: InformationSchema
  readonly query: Query
  readonly refresh: Refresh
}
