/**
 * GENERATED FILE, DO NOT EDIT. Produced by scripts/codegen.mjs from spec/openapi.json.
 *
 * @since 0.1.0
 */
import type { CallOptions } from "../CallOptions.js"
import type * as Schemas from "./Schemas.js"

/**
 * Query and header parameters of `bulk_create_databases`.
 *
 * @since 0.1.0
 * @category options
 */
export interface BulkCreateDatabasesOptions {
  /** The idempotency key of this call (`idempotency_key`); one is generated when absent. */
  readonly idempotencyKey?: string | undefined
}

/**
 * Query and header parameters of `count_databases`.
 *
 * @since 0.1.0
 * @category options
 */
export interface CountDatabasesOptions {
  readonly search?: string | undefined
  readonly batch?: string | undefined
}

/**
 * Query and header parameters of `execute_saved_query`.
 *
 * @since 0.1.0
 * @category options
 */
export interface ExecuteSavedQueryOptions {
  readonly database_id: string
}

/**
 * Query and header parameters of `finalize_upload_handler`.
 *
 * @since 0.1.0
 * @category options
 */
export interface FinalizeUploadHandlerOptions {
  readonly finalize_token: string
}

/**
 * Query and header parameters of `get_query_run`.
 *
 * @since 0.1.0
 * @category options
 */
export interface GetQueryRunOptions {
  readonly database_id: string
}

/**
 * Query and header parameters of `get_result`.
 *
 * @since 0.1.0
 * @category options
 */
export interface GetResultOptions {
  readonly offset?: number | undefined
  readonly limit?: number | undefined
  readonly format?: Schemas.ResultsFormatQuery | undefined
  readonly database_id: string
}

/**
 * Query and header parameters of `get_usage`.
 *
 * @since 0.1.0
 * @category options
 */
export interface GetUsageOptions {
  readonly since?: string | undefined
}

/**
 * Query and header parameters of `information_schema`.
 *
 * @since 0.1.0
 * @category options
 */
export interface InformationSchemaOptions {
  readonly connection_id?: string | undefined
  readonly schema?: string | undefined
  readonly table?: string | undefined
  readonly include_columns?: boolean | undefined
  readonly limit?: number | undefined
  readonly cursor?: string | undefined
}

/**
 * Query and header parameters of `list_databases`.
 *
 * @since 0.1.0
 * @category options
 */
export interface ListDatabasesOptions {
  readonly limit?: number | undefined
  readonly cursor?: string | undefined
  readonly search?: string | undefined
  readonly batch?: string | undefined
}

/**
 * Query and header parameters of `list_indexes_collection`.
 *
 * @since 0.1.0
 * @category options
 */
export interface ListIndexesCollectionOptions {
  readonly connection_id?: string | undefined
  readonly schema?: string | undefined
  readonly table?: string | undefined
  readonly index_type?: string | undefined
  readonly limit?: number | undefined
  readonly cursor?: string | undefined
  readonly database_id: string
}

/**
 * Query and header parameters of `list_jobs`.
 *
 * @since 0.1.0
 * @category options
 */
export interface ListJobsOptions {
  readonly job_type?: Schemas.JobType | undefined
  readonly status?: string | undefined
  readonly limit?: number | undefined
  readonly offset?: number | undefined
}

/**
 * Query and header parameters of `list_query_runs`.
 *
 * @since 0.1.0
 * @category options
 */
export interface ListQueryRunsOptions {
  readonly limit?: number | undefined
  readonly cursor?: string | undefined
  readonly status?: string | undefined
  readonly saved_query_id?: string | undefined
  readonly database_id: string
}

/**
 * Query and header parameters of `list_results`.
 *
 * @since 0.1.0
 * @category options
 */
export interface ListResultsOptions {
  readonly limit?: number | undefined
  readonly offset?: number | undefined
  readonly database_id: string
}

/**
 * Query and header parameters of `list_saved_queries`.
 *
 * @since 0.1.0
 * @category options
 */
export interface ListSavedQueriesOptions {
  readonly limit?: number | undefined
  readonly offset?: number | undefined
}

/**
 * Query and header parameters of `list_saved_query_versions`.
 *
 * @since 0.1.0
 * @category options
 */
export interface ListSavedQueryVersionsOptions {
  readonly limit?: number | undefined
  readonly offset?: number | undefined
}

/**
 * Query and header parameters of `list_workspaces`.
 *
 * @since 0.1.0
 * @category options
 */
export interface ListWorkspacesOptions {
  readonly organization_public_id?: string | undefined
}

/**
 * Query and header parameters of `load_database_table`.
 *
 * @since 0.1.0
 * @category options
 */
export interface LoadDatabaseTableOptions {
  /** The idempotency key of this call (`idempotency_key`); one is generated when absent. */
  readonly idempotencyKey?: string | undefined
}

/**
 * Query and header parameters of `load_managed_table`.
 *
 * @since 0.1.0
 * @category options
 */
export interface LoadManagedTableOptions {
  /** The idempotency key of this call (`idempotency_key`); one is generated when absent. */
  readonly idempotencyKey?: string | undefined
}

/**
 * Query and header parameters of `mint_upload_parts_handler`.
 *
 * @since 0.1.0
 * @category options
 */
export interface MintUploadPartsHandlerOptions {
  readonly finalize_token: string
}

/**
 * Query and header parameters of `query`.
 *
 * @since 0.1.0
 * @category options
 */
export interface QueryOptions {
  readonly database_id?: string | undefined
}

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
  readonly addSchema: (databaseId: string, payload: Schemas.AddManagedSchemaRequest, callOptions?: CallOptions | undefined) => Promise<Schemas.ManagedSchemaResponse>
  /**
   * `POST /v1/databases/{database_id}/schemas/{schema}/tables` (`add_database_table`).
   */
  readonly addTable: (databaseId: string, schema: string, payload: Schemas.AddManagedTableRequest, callOptions?: CallOptions | undefined) => Promise<Schemas.ManagedTableResponse>
  /**
   * `POST /v1/databases/{database_id}/catalogs` (`attach_database_catalog`).
   */
  readonly attachCatalog: (databaseId: string, payload: Schemas.AttachDatabaseCatalogRequest, callOptions?: CallOptions | undefined) => Promise<void>
  /**
   * `POST /v1/databases/bulk` (`bulk_create_databases`).
   */
  readonly bulkCreate: (payload: Schemas.BulkCreateDatabasesRequest, options?: BulkCreateDatabasesOptions | undefined, callOptions?: CallOptions | undefined) => Promise<Schemas.DatabaseBatchResponse>
  /**
   * `GET /v1/databases/count` (`count_databases`).
   */
  readonly count: (options?: CountDatabasesOptions | undefined, callOptions?: CallOptions | undefined) => Promise<Schemas.DatabaseCountResponse>
  /**
   * `POST /v1/databases` (`create_database`).
   */
  readonly create: (payload: Schemas.CreateDatabaseRequest, callOptions?: CallOptions | undefined) => Promise<Schemas.CreateDatabaseResponse>
  /**
   * `DELETE /v1/databases/{database_id}` (`delete_database`).
   */
  readonly delete: (databaseId: string, callOptions?: CallOptions | undefined) => Promise<void>
  /**
   * `DELETE /v1/databases/bulk/{batch_id}` (`delete_database_batch`).
   */
  readonly deleteBatch: (batchId: string, callOptions?: CallOptions | undefined) => Promise<Schemas.DeleteDatabaseBatchResponse>
  /**
   * `DELETE /v1/databases/{database_id}/catalogs/{connection_id}` (`detach_database_catalog`).
   */
  readonly detachCatalog: (databaseId: string, connectionId: string, callOptions?: CallOptions | undefined) => Promise<void>
  /**
   * `POST /v1/databases/{database_id}/fork` (`fork_database`).
   */
  readonly fork: (databaseId: string, payload: Schemas.ForkDatabaseRequest, callOptions?: CallOptions | undefined) => Promise<Schemas.CreateDatabaseResponse>
  /**
   * `GET /v1/databases/{database_id}` (`get_database`).
   */
  readonly get: (databaseId: string, callOptions?: CallOptions | undefined) => Promise<Schemas.DatabaseDetailResponse>
  /**
   * `GET /v1/databases/bulk/{batch_id}` (`get_database_batch`).
   */
  readonly getBatch: (batchId: string, callOptions?: CallOptions | undefined) => Promise<Schemas.DatabaseBatchResponse>
  /**
   * `GET /v1/databases` (`list_databases`).
   */
  readonly list: (options?: ListDatabasesOptions | undefined, callOptions?: CallOptions | undefined) => Promise<Schemas.ListDatabasesResponse>
  /**
   * Every item of `list_databases`, following cursor pagination page by page.
   */
  readonly listStream: (options?: Omit<ListDatabasesOptions, "cursor"> | undefined, callOptions?: CallOptions | undefined) => AsyncIterable<Schemas.ListDatabasesResponse["databases"][number]>
  /**
   * `POST /v1/databases/{database_id}/schemas/{schema}/tables/{table}/loads` (`load_database_table`).
   */
  readonly loadTable: (databaseId: string, schema: string, table: string, payload: Schemas.LoadManagedTableRequest, options?: LoadDatabaseTableOptions | undefined, callOptions?: CallOptions | undefined) => Promise<{ readonly status: 200; readonly body: Schemas.LoadManagedTableResponse } | { readonly status: 202; readonly body: Schemas.SubmitJobResponse }>
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
  readonly addSchema: (connectionId: string, payload: Schemas.AddManagedSchemaRequest, callOptions?: CallOptions | undefined) => Promise<Schemas.ManagedSchemaResponse>
  /**
   * `POST /v1/connections/{connection_id}/schemas/{schema}/tables` (`add_managed_table`).
   */
  readonly addTable: (connectionId: string, schema: string, payload: Schemas.AddManagedTableRequest, callOptions?: CallOptions | undefined) => Promise<Schemas.ManagedTableResponse>
  /**
   * `GET /v1/connections/{connection_id}/health` (`check_connection_health`).
   */
  readonly checkHealth: (connectionId: string, callOptions?: CallOptions | undefined) => Promise<Schemas.ConnectionHealthResponse>
  /**
   * `POST /v1/connections` (`create_connection`).
   */
  readonly create: (payload: Schemas.CreateConnectionRequest, callOptions?: CallOptions | undefined) => Promise<Schemas.CreateConnectionResponse>
  /**
   * `DELETE /v1/connections/{connection_id}` (`delete_connection`).
   */
  readonly delete: (connectionId: string, callOptions?: CallOptions | undefined) => Promise<void>
  /**
   * `DELETE /v1/connections/{connection_id}/schemas/{schema}/tables/{table}` (`delete_managed_table`).
   */
  readonly deleteTable: (connectionId: string, schema: string, table: string, callOptions?: CallOptions | undefined) => Promise<void>
  /**
   * `GET /v1/connections/{connection_id}` (`get_connection`).
   */
  readonly get: (connectionId: string, callOptions?: CallOptions | undefined) => Promise<Schemas.GetConnectionResponse>
  /**
   * `GET /v1/connections/{connection_id}/tables/{schema}/{table}/profile` (`get_table_profile`).
   */
  readonly getTableProfile: (connectionId: string, schema: string, table: string, callOptions?: CallOptions | undefined) => Promise<Schemas.TableProfileResponse>
  /**
   * `GET /v1/connections` (`list_connections`).
   */
  readonly list: (callOptions?: CallOptions | undefined) => Promise<Schemas.ListConnectionsResponse>
  /**
   * `POST /v1/connections/{connection_id}/schemas/{schema}/tables/{table}/loads` (`load_managed_table`).
   */
  readonly loadTable: (connectionId: string, schema: string, table: string, payload: Schemas.LoadManagedTableRequest, options?: LoadManagedTableOptions | undefined, callOptions?: CallOptions | undefined) => Promise<{ readonly status: 200; readonly body: Schemas.LoadManagedTableResponse } | { readonly status: 202; readonly body: Schemas.SubmitJobResponse }>
  /**
   * `DELETE /v1/connections/{connection_id}/cache` (`purge_connection_cache`).
   */
  readonly purgeCache: (connectionId: string, callOptions?: CallOptions | undefined) => Promise<void>
  /**
   * `DELETE /v1/connections/{connection_id}/tables/{schema}/{table}/cache` (`purge_table_cache`).
   */
  readonly purgeTableCache: (connectionId: string, schema: string, table: string, callOptions?: CallOptions | undefined) => Promise<void>
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
  readonly create: (payload: Schemas.CreateEmbeddingProviderRequest, callOptions?: CallOptions | undefined) => Promise<Schemas.CreateEmbeddingProviderResponse>
  /**
   * `DELETE /v1/embedding-providers/{id}` (`delete_embedding_provider`).
   */
  readonly delete: (id: string, callOptions?: CallOptions | undefined) => Promise<void>
  /**
   * `GET /v1/embedding-providers/{id}` (`get_embedding_provider`).
   */
  readonly get: (id: string, callOptions?: CallOptions | undefined) => Promise<Schemas.EmbeddingProviderResponse>
  /**
   * `GET /v1/embedding-providers` (`list_embedding_providers`).
   */
  readonly list: (callOptions?: CallOptions | undefined) => Promise<Schemas.ListEmbeddingProvidersResponse>
  /**
   * `PUT /v1/embedding-providers/{id}` (`update_embedding_provider`).
   */
  readonly update: (id: string, payload: Schemas.UpdateEmbeddingProviderRequest, callOptions?: CallOptions | undefined) => Promise<Schemas.UpdateEmbeddingProviderResponse>
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
  readonly create: (connectionId: string, schema: string, table: string, payload: Schemas.CreateIndexRequest, callOptions?: CallOptions | undefined) => Promise<{ readonly status: 201; readonly body: Schemas.IndexInfoResponse } | { readonly status: 202; readonly body: Schemas.SubmitJobResponse }>
  /**
   * `DELETE /v1/connections/{connection_id}/tables/{schema}/{table}/indexes/{index_name}` (`delete_index`).
   */
  readonly delete: (connectionId: string, schema: string, table: string, indexName: string, callOptions?: CallOptions | undefined) => Promise<void>
  /**
   * `GET /v1/connections/{connection_id}/tables/{schema}/{table}/indexes` (`list_indexes`).
   */
  readonly list: (connectionId: string, schema: string, table: string, callOptions?: CallOptions | undefined) => Promise<Schemas.ListIndexesResponse>
  /**
   * `GET /v1/indexes` (`list_indexes_collection`).
   */
  readonly listForDatabase: (options: ListIndexesCollectionOptions, callOptions?: CallOptions | undefined) => Promise<Schemas.ListIndexesPageResponse>
  /**
   * Every item of `list_indexes_collection`, following cursor pagination page by page.
   */
  readonly listForDatabaseStream: (options: Omit<ListIndexesCollectionOptions, "cursor">, callOptions?: CallOptions | undefined) => AsyncIterable<Schemas.ListIndexesPageResponse["indexes"][number]>
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
  readonly create: (payload: Schemas.CreateSavedQueryRequest, callOptions?: CallOptions | undefined) => Promise<Schemas.SavedQueryDetail>
  /**
   * `DELETE /v1/queries/{id}` (`delete_saved_query`).
   */
  readonly delete: (id: string, callOptions?: CallOptions | undefined) => Promise<void>
  /**
   * `POST /v1/queries/{id}/execute` (`execute_saved_query`).
   */
  readonly execute: (id: string, payload: Schemas.ExecuteSavedQueryRequest | undefined, options: ExecuteSavedQueryOptions, callOptions?: CallOptions | undefined) => Promise<Schemas.QueryResponse>
  /**
   * `GET /v1/queries/{id}` (`get_saved_query`).
   */
  readonly get: (id: string, callOptions?: CallOptions | undefined) => Promise<Schemas.SavedQueryDetail>
  /**
   * `GET /v1/queries` (`list_saved_queries`).
   */
  readonly list: (options?: ListSavedQueriesOptions | undefined, callOptions?: CallOptions | undefined) => Promise<Schemas.ListSavedQueriesResponse>
  /**
   * Every item of `list_saved_queries`, following offset pagination page by page.
   */
  readonly listStream: (options?: Omit<ListSavedQueriesOptions, "offset"> | undefined, callOptions?: CallOptions | undefined) => AsyncIterable<Schemas.ListSavedQueriesResponse["queries"][number]>
  /**
   * `GET /v1/queries/{id}/versions` (`list_saved_query_versions`).
   */
  readonly listVersions: (id: string, options?: ListSavedQueryVersionsOptions | undefined, callOptions?: CallOptions | undefined) => Promise<Schemas.ListSavedQueryVersionsResponse>
  /**
   * Every item of `list_saved_query_versions`, following offset pagination page by page.
   */
  readonly listVersionsStream: (id: string, options?: Omit<ListSavedQueryVersionsOptions, "offset"> | undefined, callOptions?: CallOptions | undefined) => AsyncIterable<Schemas.ListSavedQueryVersionsResponse["versions"][number]>
  /**
   * `PUT /v1/queries/{id}` (`update_saved_query`).
   */
  readonly update: (id: string, payload: Schemas.UpdateSavedQueryRequest, callOptions?: CallOptions | undefined) => Promise<Schemas.SavedQueryDetail>
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
  readonly create: (payload: Schemas.CreateSecretRequest, callOptions?: CallOptions | undefined) => Promise<Schemas.CreateSecretResponse>
  /**
   * `DELETE /v1/secrets/{name}` (`delete_secret`).
   */
  readonly delete: (name: string, callOptions?: CallOptions | undefined) => Promise<void>
  /**
   * `GET /v1/secrets/{name}` (`get_secret`).
   */
  readonly get: (name: string, callOptions?: CallOptions | undefined) => Promise<Schemas.GetSecretResponse>
  /**
   * `GET /v1/secrets` (`list_secrets`).
   */
  readonly list: (callOptions?: CallOptions | undefined) => Promise<Schemas.ListSecretsResponse>
  /**
   * `PUT /v1/secrets/{name}` (`update_secret`).
   */
  readonly update: (name: string, payload: Schemas.UpdateSecretRequest, callOptions?: CallOptions | undefined) => Promise<Schemas.UpdateSecretResponse>
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
  readonly create: (payload: Schemas.CreateUploadRequest, callOptions?: CallOptions | undefined) => Promise<Schemas.UploadSessionResponse>
  /**
   * `POST /v1/uploads/batch` (`create_upload_sessions_batch_handler`).
   */
  readonly createBatch: (payload: Schemas.BatchCreateUploadRequest, callOptions?: CallOptions | undefined) => Promise<Schemas.BatchCreateUploadResponse>
  /**
   * `POST /v1/uploads/{upload_id}/finalize` (`finalize_upload_handler`).
   */
  readonly finalize: (uploadId: string, payload: Schemas.FinalizeUploadRequest | undefined, options: FinalizeUploadHandlerOptions, callOptions?: CallOptions | undefined) => Promise<Schemas.FinalizeUploadResponse>
  /**
   * `POST /v1/uploads/{upload_id}/parts` (`mint_upload_parts_handler`).
   */
  readonly mintParts: (uploadId: string, payload: Schemas.MintUploadPartsRequest, options: MintUploadPartsHandlerOptions, callOptions?: CallOptions | undefined) => Promise<Schemas.MintUploadPartsResponse>
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
  readonly create: (payload: Schemas.CreateWorkspaceRequest, callOptions?: CallOptions | undefined) => Promise<Schemas.CreateWorkspaceResponse>
  /**
   * `DELETE /v1/workspaces/{public_id}` (`delete_workspace`).
   */
  readonly delete: (publicId: string, callOptions?: CallOptions | undefined) => Promise<void>
  /**
   * `GET /v1/workspaces` (`list_workspaces`).
   */
  readonly list: (options?: ListWorkspacesOptions | undefined, callOptions?: CallOptions | undefined) => Promise<Schemas.ListWorkspacesResponse>
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
  readonly delete: (databaseId: string, name: string, callOptions?: CallOptions | undefined) => Promise<void>
  /**
   * `GET /v1/databases/{database_id}/context/{name}` (`get_database_context`).
   */
  readonly get: (databaseId: string, name: string, callOptions?: CallOptions | undefined) => Promise<Schemas.GetDatabaseContextResponse>
  /**
   * `GET /v1/databases/{database_id}/context` (`list_database_contexts`).
   */
  readonly list: (databaseId: string, callOptions?: CallOptions | undefined) => Promise<Schemas.ListDatabaseContextsResponse>
  /**
   * `POST /v1/databases/{database_id}/context` (`upsert_database_context`).
   */
  readonly upsert: (databaseId: string, payload: Schemas.UpsertDatabaseContextRequest, callOptions?: CallOptions | undefined) => Promise<Schemas.UpsertDatabaseContextResponse>
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
  readonly get: (name: string, callOptions?: CallOptions | undefined) => Promise<Schemas.ConnectionTypeDetail>
  /**
   * `GET /v1/connection-types` (`list_connection_types`).
   */
  readonly list: (callOptions?: CallOptions | undefined) => Promise<Schemas.ListConnectionTypesResponse>
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
  readonly get: (id: string, callOptions?: CallOptions | undefined) => Promise<Schemas.JobStatusResponse>
  /**
   * `GET /v1/jobs` (`list_jobs`).
   */
  readonly list: (options?: ListJobsOptions | undefined, callOptions?: CallOptions | undefined) => Promise<Schemas.ListJobsResponse>
  /**
   * Every item of `list_jobs`, following offset pagination page by page.
   */
  readonly listStream: (options?: Omit<ListJobsOptions, "offset"> | undefined, callOptions?: CallOptions | undefined) => AsyncIterable<Schemas.ListJobsResponse["jobs"][number]>
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
  readonly get: (id: string, options: GetQueryRunOptions, callOptions?: CallOptions | undefined) => Promise<Schemas.QueryRunInfo>
  /**
   * `GET /v1/query-runs` (`list_query_runs`).
   */
  readonly list: (options: ListQueryRunsOptions, callOptions?: CallOptions | undefined) => Promise<Schemas.ListQueryRunsResponse>
  /**
   * Every item of `list_query_runs`, following cursor pagination page by page.
   */
  readonly listStream: (options: Omit<ListQueryRunsOptions, "cursor">, callOptions?: CallOptions | undefined) => AsyncIterable<Schemas.ListQueryRunsResponse["query_runs"][number]>
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
  readonly get: (id: string, options: GetResultOptions, callOptions?: CallOptions | undefined) => Promise<{ readonly status: 200; readonly body: Schemas.GetResultResponse } | { readonly status: 202; readonly body: Schemas.GetResultResponse }>
  /**
   * `GET /v1/results` (`list_results`).
   */
  readonly list: (options: ListResultsOptions, callOptions?: CallOptions | undefined) => Promise<Schemas.ListResultsResponse>
  /**
   * Every item of `list_results`, following offset pagination page by page.
   */
  readonly listStream: (options: Omit<ListResultsOptions, "offset">, callOptions?: CallOptions | undefined) => AsyncIterable<Schemas.ListResultsResponse["results"][number]>
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
  readonly get: (options?: GetUsageOptions | undefined, callOptions?: CallOptions | undefined) => Promise<Schemas.WorkspaceUsageResponse>
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
  readonly list: (options?: InformationSchemaOptions | undefined, callOptions?: CallOptions | undefined) => Promise<Schemas.InformationSchemaResponse>
  /**
   * Every item of `information_schema`, following cursor pagination page by page.
   */
  readonly listStream: (options?: Omit<InformationSchemaOptions, "cursor"> | undefined, callOptions?: CallOptions | undefined) => AsyncIterable<Schemas.InformationSchemaResponse["tables"][number]>
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
  readonly execute: (payload: Schemas.QueryRequest, options?: QueryOptions | undefined, callOptions?: CallOptions | undefined) => Promise<{ readonly status: 200; readonly body: Schemas.QueryResponse } | { readonly status: 202; readonly body: Schemas.AsyncQueryResponse }>
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
  readonly execute: (payload: Schemas.RefreshRequest, callOptions?: CallOptions | undefined) => Promise<{ readonly status: 200; readonly body: Schemas.RefreshResponse } | { readonly status: 202; readonly body: Schemas.SubmitJobResponse }>
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
