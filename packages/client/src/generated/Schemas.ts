/**
 * GENERATED FILE, DO NOT EDIT. Produced by scripts/codegen.mjs from spec/openapi.json.
 *
 * @since 0.1.0
 */

/**
 * Wire model `AddManagedSchemaRequest`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface AddManagedSchemaRequest {
  readonly name: string
  readonly tables?: ReadonlyArray<AddManagedTableDecl> | undefined
}

/**
 * Wire model `AddManagedTableDecl`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface AddManagedTableDecl {
  readonly key?: ReadonlyArray<string> | undefined
  readonly name: string
  readonly partition_by?: ReadonlyArray<TablePartitionKey> | undefined
  readonly sorted_by?: ReadonlyArray<TableSortKey> | undefined
}

/**
 * Wire model `AddManagedTableRequest`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface AddManagedTableRequest {
  readonly key?: ReadonlyArray<string> | undefined
  readonly name: string
  readonly partition_by?: ReadonlyArray<TablePartitionKey> | undefined
  readonly sorted_by?: ReadonlyArray<TableSortKey> | undefined
}

/**
 * Wire model `ApiErrorDetail`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ApiErrorDetail {
  readonly code: string
  readonly message: string
}

/**
 * Wire model `ApiErrorResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ApiErrorResponse {
  readonly error: ApiErrorDetail
}

/**
 * Wire model `AsyncQueryResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface AsyncQueryResponse {
  readonly query_run_id: string
  readonly reason?: string | null | undefined
  readonly status: string
  readonly status_url: string
}

/**
 * Wire model `AttachDatabaseCatalogRequest`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface AttachDatabaseCatalogRequest {
  readonly alias?: string | null | undefined
  readonly connection_id: string
}

/**
 * Wire model `BatchCreateUploadRequest`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface BatchCreateUploadRequest {
  readonly uploads: ReadonlyArray<CreateUploadRequest>
}

/**
 * Wire model `BatchCreateUploadResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface BatchCreateUploadResponse {
  readonly uploads: ReadonlyArray<UploadSessionResponse>
}

/**
 * Wire model `BooleanProfileDetail`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface BooleanProfileDetail {
  readonly false_count: number
  readonly true_count: number
}

/**
 * Wire model `BulkCreateDatabasesRequest`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface BulkCreateDatabasesRequest {
  readonly count: number
  readonly default_catalog?: string | null | undefined
  readonly default_schema?: string | null | undefined
  readonly expires_at?: string | null | undefined
  readonly idempotency_key?: string | null | undefined
  readonly name_template?: string | null | undefined
  readonly schemas?: ReadonlyArray<DatabaseDefaultSchemaDecl> | undefined
}

/**
 * Wire model `BulkCreateDatabasesResult`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface BulkCreateDatabasesResult {
  readonly batch_id: string
  readonly cancelled: boolean
  readonly created: number
  readonly requested: number
}

/**
 * Wire model `CategoricalProfileDetail`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface CategoricalProfileDetail {
  readonly values: ReadonlyArray<CategoryValueInfo>
}

/**
 * Wire model `CategoryValueInfo`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface CategoryValueInfo {
  readonly count: number
  readonly value?: string | null | undefined
}

/**
 * Wire model `ColumnDefinition`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export type ColumnDefinition = string | ColumnTypeSpec

/**
 * Wire model `ColumnInfo`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ColumnInfo {
  readonly data_type: string
  readonly name: string
  readonly nullable: boolean
}

/**
 * Wire model `ColumnProfileDetail`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export type ColumnProfileDetail = ColumnProfileDetailOneOf | ColumnProfileDetailOneOf1 | ColumnProfileDetailOneOf2 | ColumnProfileDetailOneOf3 | ColumnProfileDetailOneOf4

/**
 * Wire model `ColumnProfileDetailOneOf`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ColumnProfileDetailOneOf {
  readonly values: ReadonlyArray<CategoryValueInfo>
  readonly type: "categorical"
}

/**
 * Wire model `ColumnProfileDetailOneOf1`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ColumnProfileDetailOneOf1 {
  readonly avg_length: number
  readonly max_length: number
  readonly min_length: number
  readonly type: "text"
}

/**
 * Wire model `ColumnProfileDetailOneOf2`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ColumnProfileDetailOneOf2 {
  readonly max: string
  readonly mean: number
  readonly min: string
  readonly type: "numeric"
}

/**
 * Wire model `ColumnProfileDetailOneOf3`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ColumnProfileDetailOneOf3 {
  readonly max: string
  readonly min: string
  readonly type: "temporal"
}

/**
 * Wire model `ColumnProfileDetailOneOf4`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ColumnProfileDetailOneOf4 {
  readonly false_count: number
  readonly true_count: number
  readonly type: "boolean"
}

/**
 * Wire model `ColumnProfileInfo`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ColumnProfileInfo {
  readonly cardinality: number
  readonly data_type: string
  readonly name: string
  readonly null_count: number
  readonly null_percentage: number
  readonly profile?: ColumnProfileDetail | null | undefined
}

/**
 * Wire model `ColumnTypeSpec`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ColumnTypeSpec {
  readonly precision?: number | null | undefined
  readonly scale?: number | null | undefined
  readonly type: string
}

/**
 * Wire model `ConnectionHealthResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ConnectionHealthResponse {
  readonly connection_id: string
  readonly error?: string | null | undefined
  readonly healthy: boolean
  readonly latency_ms: number
}

/**
 * Wire model `ConnectionInfo`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ConnectionInfo {
  readonly id: string
  readonly name: string
  readonly source_type: string
}

/**
 * Wire model `ConnectionRefreshResult`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ConnectionRefreshResult {
  readonly connection_id: string
  readonly duration_ms: number
  readonly errors?: ReadonlyArray<TableRefreshError> | undefined
  readonly tables_failed: number
  readonly tables_refreshed: number
  readonly total_rows: number
  readonly warnings?: ReadonlyArray<RefreshWarning> | undefined
}

/**
 * Wire model `ConnectionSchemaError`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ConnectionSchemaError {
  readonly connection_id: string
  readonly error: string
}

/**
 * Wire model `ConnectionTypeDetail`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ConnectionTypeDetail {
  readonly auth?: unknown | undefined
  readonly config_schema?: unknown | undefined
  readonly label: string
  readonly name: string
}

/**
 * Wire model `ConnectionTypeSummary`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ConnectionTypeSummary {
  readonly label: string
  readonly name: string
}

/**
 * Wire model `CreateConnectionRequest`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface CreateConnectionRequest {
  readonly config: { readonly [key: string]: unknown }
  readonly name: string
  readonly secret_id?: string | null | undefined
  readonly secret_name?: string | null | undefined
  readonly skip_discovery?: boolean | undefined
  readonly source_type: string
}

/**
 * Wire model `CreateConnectionResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface CreateConnectionResponse {
  readonly discovery_error?: string | null | undefined
  readonly discovery_status: DiscoveryStatus
  readonly id: string
  readonly name: string
  readonly source_type: string
  readonly tables_discovered: number
}

/**
 * Wire model `CreateDatabaseRequest`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface CreateDatabaseRequest {
  readonly default_catalog?: string | null | undefined
  readonly default_schema?: string | null | undefined
  readonly expires_at?: string | null | undefined
  readonly name?: string | null | undefined
  readonly schemas?: ReadonlyArray<DatabaseDefaultSchemaDecl> | undefined
}

/**
 * Wire model `CreateDatabaseResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface CreateDatabaseResponse {
  readonly default_catalog: string
  readonly default_connection_id: string
  readonly default_schema: string
  readonly expires_at?: string | null | undefined
  readonly id: string
  readonly name?: string | null | undefined
}

/**
 * Wire model `CreateEmbeddingProviderRequest`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface CreateEmbeddingProviderRequest {
  readonly api_key?: string | null | undefined
  readonly config?: { readonly [key: string]: unknown } | undefined
  readonly name: string
  readonly provider_type: string
  readonly secret_name?: string | null | undefined
}

/**
 * Wire model `CreateEmbeddingProviderResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface CreateEmbeddingProviderResponse {
  readonly config: unknown
  readonly created_at: string
  readonly id: string
  readonly name: string
  readonly provider_type: string
}

/**
 * Wire model `CreateIndexRequest`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface CreateIndexRequest {
  readonly async?: boolean | undefined
  readonly async_after_ms?: number | null | undefined
  readonly columns: ReadonlyArray<string>
  readonly description?: string | null | undefined
  readonly dimensions?: number | null | undefined
  readonly embedding_provider_id?: string | null | undefined
  readonly index_name: string
  readonly index_type?: "sorted" | "bm25" | "vector" | (string & {}) | undefined
  readonly metric?: string | null | undefined
  readonly output_column?: string | null | undefined
}

/**
 * Wire model `CreateSavedQueryRequest`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface CreateSavedQueryRequest {
  readonly description?: string | null | undefined
  readonly name: string
  readonly sql: string
  readonly tags?: ReadonlyArray<string> | null | undefined
}

/**
 * Wire model `CreateSecretRequest`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface CreateSecretRequest {
  readonly name: string
  readonly value: string
}

/**
 * Wire model `CreateSecretResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface CreateSecretResponse {
  readonly created_at: string
  readonly id: string
  readonly name: string
}

/**
 * Wire model `CreateUploadRequest`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface CreateUploadRequest {
  readonly checksum_algo?: string | null | undefined
  readonly checksum_value?: string | null | undefined
  readonly content_encoding?: string | null | undefined
  readonly content_type?: string | null | undefined
  readonly declared_size_bytes?: number | null | undefined
  readonly filename?: string | null | undefined
  readonly part_size?: number | null | undefined
}

/**
 * Wire model `CreateWorkspaceRequest`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface CreateWorkspaceRequest {
  readonly name: string
  readonly organization_public_id?: string | undefined
}

/**
 * Wire model `CreateWorkspaceResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface CreateWorkspaceResponse {
  readonly ok: boolean
  readonly workspace: WorkspaceDetail
}

/**
 * Wire model `DatabaseAttachmentInfo`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface DatabaseAttachmentInfo {
  readonly alias?: string | null | undefined
  readonly connection_id: string
}

/**
 * Wire model `DatabaseBatchResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface DatabaseBatchResponse {
  readonly batch_id: string
  readonly cancel_requested: boolean
  readonly count: number
  readonly created_count: number
  readonly expires_at?: string | null | undefined
  readonly job_id?: string | null | undefined
  readonly status_url?: string | null | undefined
}

/**
 * Wire model `DatabaseContextEntry`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface DatabaseContextEntry {
  readonly content: string
  readonly name: string
  readonly updated_at: string
}

/**
 * Wire model `DatabaseCountResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface DatabaseCountResponse {
  readonly total: number
}

/**
 * Wire model `DatabaseDefaultSchemaDecl`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface DatabaseDefaultSchemaDecl {
  readonly name: string
  readonly tables?: ReadonlyArray<DatabaseDefaultTableDecl> | undefined
}

/**
 * Wire model `DatabaseDefaultTableDecl`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface DatabaseDefaultTableDecl {
  readonly key?: ReadonlyArray<string> | undefined
  readonly name: string
  readonly partition_by?: ReadonlyArray<TablePartitionKey> | undefined
  readonly sorted_by?: ReadonlyArray<TableSortKey> | undefined
}

/**
 * Wire model `DatabaseDetailResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface DatabaseDetailResponse {
  readonly attachments: ReadonlyArray<DatabaseAttachmentInfo>
  readonly created_at?: string | null | undefined
  readonly default_catalog: string
  readonly default_connection_id: string
  readonly default_schema: string
  readonly expires_at?: string | null | undefined
  readonly id: string
  readonly name?: string | null | undefined
}

/**
 * Wire model `DatabaseSummary`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface DatabaseSummary {
  readonly created_at?: string | null | undefined
  readonly default_catalog: string
  readonly default_schema: string
  readonly expires_at?: string | null | undefined
  readonly id: string
  readonly name?: string | null | undefined
}

/**
 * Wire model `DeleteDatabaseBatchResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface DeleteDatabaseBatchResponse {
  readonly batch_id: string
  readonly deleted_count: number
}

/**
 * Wire model `DiscoveryStatus`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export type DiscoveryStatus = "success" | "skipped" | "failed" | (string & {})

/**
 * Wire model `EmbeddingProviderResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface EmbeddingProviderResponse {
  readonly config: unknown
  readonly created_at: string
  readonly has_secret: boolean
  readonly id: string
  readonly name: string
  readonly provider_type: string
  readonly source: string
  readonly updated_at: string
}

/**
 * Wire model `Error`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface Error {
  readonly error: string
}

/**
 * Wire model `ExecuteSavedQueryRequest`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ExecuteSavedQueryRequest {
  readonly version?: number | null | undefined
}

/**
 * Wire model `FinalizeUploadPart`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface FinalizeUploadPart {
  readonly e_tag: string
  readonly part_number: number
}

/**
 * Wire model `FinalizeUploadRequest`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface FinalizeUploadRequest {
  readonly parts?: ReadonlyArray<FinalizeUploadPart> | null | undefined
}

/**
 * Wire model `FinalizeUploadResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface FinalizeUploadResponse {
  readonly content_type?: string | null | undefined
  readonly created_at: string
  readonly size_bytes: number
  readonly status: string
  readonly upload_id: string
}

/**
 * Wire model `ForkDatabaseRequest`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ForkDatabaseRequest {
  readonly expires_at?: string | null | undefined
  readonly name?: string | null | undefined
}

/**
 * Wire model `GetConnectionResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface GetConnectionResponse {
  readonly id: string
  readonly name: string
  readonly source_type: string
  readonly synced_table_count: number
  readonly table_count: number
}

/**
 * Wire model `GetDatabaseContextResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface GetDatabaseContextResponse {
  readonly context: DatabaseContextEntry
}

/**
 * Wire model `GetResultResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface GetResultResponse {
  readonly columns?: ReadonlyArray<string> | null | undefined
  readonly error_message?: string | null | undefined
  readonly nullable?: ReadonlyArray<boolean> | null | undefined
  readonly result_id: string
  readonly row_count?: number | null | undefined
  readonly rows?: ReadonlyArray<ReadonlyArray<unknown>> | null | undefined
  readonly status: string
}

/**
 * Wire model `GetSecretResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface GetSecretResponse {
  readonly created_at: string
  readonly name: string
  readonly updated_at: string
}

/**
 * Wire model `IndexEntryResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface IndexEntryResponse {
  readonly columns: ReadonlyArray<string>
  readonly created_at: string
  readonly index_name: string
  readonly index_type: string
  readonly metric?: string | undefined
  readonly source_column?: string | undefined
  readonly status: IndexStatus
  readonly updated_at: string
  readonly connection_id?: string | null | undefined
  readonly schema_name: string
  readonly table_name: string
}

/**
 * Wire model `IndexInfoResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface IndexInfoResponse {
  readonly columns: ReadonlyArray<string>
  readonly created_at: string
  readonly index_name: string
  readonly index_type: string
  readonly metric?: string | null | undefined
  readonly source_column?: string | null | undefined
  readonly status: IndexStatus
  readonly updated_at: string
}

/**
 * Wire model `IndexStatus`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export type IndexStatus = "ready" | "pending" | (string & {})

/**
 * Wire model `InformationSchemaResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface InformationSchemaResponse {
  readonly count: number
  readonly has_more: boolean
  readonly limit: number
  readonly next_cursor?: string | null | undefined
  readonly tables: ReadonlyArray<TableInfo>
}

/**
 * Wire model `JobResult`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export type JobResult = TableRefreshResult | ConnectionRefreshResult | IndexInfoResponse | LoadManagedTableResponse | BulkCreateDatabasesResult

/**
 * Wire model `JobStatus`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export type JobStatus = "pending" | "running" | "succeeded" | "partially_succeeded" | "failed" | (string & {})

/**
 * Wire model `JobStatusResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface JobStatusResponse {
  readonly attempts: number
  readonly completed_at?: string | null | undefined
  readonly created_at: string
  readonly error_message?: string | null | undefined
  readonly id: string
  readonly job_type: JobType
  readonly result?: JobResult | null | undefined
  readonly status: JobStatus
}

/**
 * Wire model `JobType`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export type JobType = "noop" | "bulk_create_databases" | "data_refresh_table" | "data_refresh_connection" | "create_index" | "managed_load" | "ducklake_vacuum" | "ducklake_orphan_cleanup" | "result_deletion" | "stale_result_cleanup" | "result_retention" | "ducklake_compaction" | "ducklake_table_compaction" | (string & {})

/**
 * Wire model `ListConnectionTypesResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ListConnectionTypesResponse {
  readonly connection_types: ReadonlyArray<ConnectionTypeSummary>
}

/**
 * Wire model `ListConnectionsResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ListConnectionsResponse {
  readonly connections: ReadonlyArray<ConnectionInfo>
}

/**
 * Wire model `ListDatabaseContextsResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ListDatabaseContextsResponse {
  readonly contexts: ReadonlyArray<DatabaseContextEntry>
}

/**
 * Wire model `ListDatabasesResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ListDatabasesResponse {
  readonly count?: number | null | undefined
  readonly databases: ReadonlyArray<DatabaseSummary>
  readonly has_more?: boolean | null | undefined
  readonly limit?: number | null | undefined
  readonly next_cursor?: string | null | undefined
}

/**
 * Wire model `ListEmbeddingProvidersResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ListEmbeddingProvidersResponse {
  readonly embedding_providers: ReadonlyArray<EmbeddingProviderResponse>
}

/**
 * Wire model `ListIndexesPageResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ListIndexesPageResponse {
  readonly count: number
  readonly has_more: boolean
  readonly indexes: ReadonlyArray<IndexEntryResponse>
  readonly limit: number
  readonly next_cursor?: string | null | undefined
}

/**
 * Wire model `ListIndexesResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ListIndexesResponse {
  readonly indexes: ReadonlyArray<IndexInfoResponse>
}

/**
 * Wire model `ListJobsResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ListJobsResponse {
  readonly jobs: ReadonlyArray<JobStatusResponse>
}

/**
 * Wire model `ListQueryRunsResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ListQueryRunsResponse {
  readonly count: number
  readonly has_more: boolean
  readonly limit: number
  readonly next_cursor?: string | null | undefined
  readonly query_runs: ReadonlyArray<QueryRunInfo>
}

/**
 * Wire model `ListResultsResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ListResultsResponse {
  readonly count: number
  readonly has_more: boolean
  readonly limit: number
  readonly offset: number
  readonly results: ReadonlyArray<ResultInfo>
}

/**
 * Wire model `ListSavedQueriesResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ListSavedQueriesResponse {
  readonly count: number
  readonly has_more: boolean
  readonly limit: number
  readonly offset: number
  readonly queries: ReadonlyArray<SavedQuerySummary>
}

/**
 * Wire model `ListSavedQueryVersionsResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ListSavedQueryVersionsResponse {
  readonly count: number
  readonly has_more: boolean
  readonly limit: number
  readonly offset: number
  readonly saved_query_id: string
  readonly versions: ReadonlyArray<SavedQueryVersionInfo>
}

/**
 * Wire model `ListSecretsResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ListSecretsResponse {
  readonly secrets: ReadonlyArray<SecretMetadataResponse>
}

/**
 * Wire model `ListWorkspacesResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ListWorkspacesResponse {
  readonly ok: boolean
  readonly workspaces: ReadonlyArray<WorkspaceListItem>
}

/**
 * Wire model `LoadManagedTableRequest`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface LoadManagedTableRequest {
  readonly async?: boolean | undefined
  readonly async_after_ms?: number | null | undefined
  readonly columns?: { readonly [key: string]: ColumnDefinition } | undefined
  readonly data?: string | null | undefined
  readonly format?: string | null | undefined
  readonly idempotency_key?: string | null | undefined
  readonly key?: ReadonlyArray<string> | null | undefined
  readonly mode: string
  readonly result_id?: string | null | undefined
  readonly upload_id?: string | null | undefined
}

/**
 * Wire model `LoadManagedTableResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface LoadManagedTableResponse {
  readonly arrow_schema_json: string
  readonly connection_id: string
  readonly row_count: number
  readonly schema_name: string
  readonly table_name: string
}

/**
 * Wire model `ManagedSchemaResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ManagedSchemaResponse {
  readonly connection_id: string
  readonly schema: string
  readonly tables: ReadonlyArray<string>
}

/**
 * Wire model `ManagedTableResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ManagedTableResponse {
  readonly connection_id: string
  readonly schema: string
  readonly table: string
}

/**
 * Wire model `MintUploadPartsRequest`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface MintUploadPartsRequest {
  readonly part_numbers: ReadonlyArray<number>
}

/**
 * Wire model `MintUploadPartsResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface MintUploadPartsResponse {
  readonly parts: ReadonlyArray<MintedUploadPartResponse>
}

/**
 * Wire model `MintedUploadPartResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface MintedUploadPartResponse {
  readonly part_number: number
  readonly url: string
}

/**
 * Wire model `NumericProfileDetail`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface NumericProfileDetail {
  readonly max: string
  readonly mean: number
  readonly min: string
}

/**
 * Wire model `QueryRequest`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface QueryRequest {
  readonly async?: boolean | undefined
  readonly async_after_ms?: number | null | undefined
  readonly database_id?: string | null | undefined
  readonly default_catalog?: string | null | undefined
  readonly default_schema?: string | null | undefined
  readonly dialect?: string | null | undefined
  readonly sql: string
}

/**
 * Wire model `QueryResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface QueryResponse {
  readonly columns: ReadonlyArray<string>
  readonly execution_time_ms: number
  readonly nullable: ReadonlyArray<boolean>
  readonly preview_row_count: number
  readonly query_run_id: string
  readonly result_id?: string | null | undefined
  readonly row_count: number
  readonly rows: ReadonlyArray<ReadonlyArray<unknown>>
  readonly total_row_count?: number | null | undefined
  readonly truncated: boolean
  readonly warning?: string | null | undefined
}

/**
 * Wire model `QueryRunInfo`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface QueryRunInfo {
  readonly bytes_scanned?: number | null | undefined
  readonly completed_at?: string | null | undefined
  readonly created_at: string
  readonly error_message?: string | null | undefined
  readonly execution_time_ms?: number | null | undefined
  readonly id: string
  readonly result_id?: string | null | undefined
  readonly row_count?: number | null | undefined
  readonly rows_scanned?: number | null | undefined
  readonly saved_query_id?: string | null | undefined
  readonly saved_query_version?: number | null | undefined
  readonly server_processing_ms?: number | null | undefined
  readonly snapshot_id: string
  readonly sql_hash: string
  readonly sql_text: string
  readonly status: string
  readonly trace_id?: string | null | undefined
  readonly user_public_id?: string | null | undefined
  readonly warning_message?: string | null | undefined
}

/**
 * Wire model `RefreshRequest`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface RefreshRequest {
  readonly async?: boolean | undefined
  readonly async_after_ms?: number | null | undefined
  readonly connection_id?: string | null | undefined
  readonly data?: boolean | undefined
  readonly include_uncached?: boolean | undefined
  readonly schema_name?: string | null | undefined
  readonly table_name?: string | null | undefined
}

/**
 * Wire model `RefreshResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export type RefreshResponse = SchemaRefreshResult | TableRefreshResult | ConnectionRefreshResult

/**
 * Wire model `RefreshWarning`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface RefreshWarning {
  readonly message: string
  readonly schema_name?: string | null | undefined
  readonly table_name?: string | null | undefined
}

/**
 * Wire model `ResultInfo`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface ResultInfo {
  readonly created_at: string
  readonly error_message?: string | null | undefined
  readonly id: string
  readonly status: string
}

/**
 * Wire model `ResultsFormatQuery`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export type ResultsFormatQuery = "arrow" | "json" | "csv" | "md" | "parquet" | (string & {})

/**
 * Wire model `SavedQueryDetail`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface SavedQueryDetail {
  readonly category?: string | null | undefined
  readonly created_at: string
  readonly description: string
  readonly has_aggregation?: boolean | null | undefined
  readonly has_group_by?: boolean | null | undefined
  readonly has_join?: boolean | null | undefined
  readonly has_limit?: boolean | null | undefined
  readonly has_order_by?: boolean | null | undefined
  readonly has_predicate?: boolean | null | undefined
  readonly id: string
  readonly latest_version: number
  readonly name: string
  readonly num_tables?: number | null | undefined
  readonly sql: string
  readonly sql_hash: string
  readonly table_size?: string | null | undefined
  readonly tags: ReadonlyArray<string>
  readonly updated_at: string
}

/**
 * Wire model `SavedQuerySummary`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface SavedQuerySummary {
  readonly created_at: string
  readonly description: string
  readonly id: string
  readonly latest_version: number
  readonly name: string
  readonly tags: ReadonlyArray<string>
  readonly updated_at: string
}

/**
 * Wire model `SavedQueryVersionInfo`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface SavedQueryVersionInfo {
  readonly category?: string | null | undefined
  readonly created_at: string
  readonly has_aggregation?: boolean | null | undefined
  readonly has_group_by?: boolean | null | undefined
  readonly has_join?: boolean | null | undefined
  readonly has_limit?: boolean | null | undefined
  readonly has_order_by?: boolean | null | undefined
  readonly has_predicate?: boolean | null | undefined
  readonly num_tables?: number | null | undefined
  readonly sql: string
  readonly sql_hash: string
  readonly table_size?: string | null | undefined
  readonly version: number
}

/**
 * Wire model `SchemaRefreshResult`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface SchemaRefreshResult {
  readonly connections_failed: number
  readonly connections_refreshed: number
  readonly errors?: ReadonlyArray<ConnectionSchemaError> | undefined
  readonly tables_added: number
  readonly tables_discovered: number
  readonly tables_modified: number
}

/**
 * Wire model `SecretMetadataResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface SecretMetadataResponse {
  readonly created_at: string
  readonly name: string
  readonly updated_at: string
}

/**
 * Wire model `SubmitJobResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface SubmitJobResponse {
  readonly id: string
  readonly status: JobStatus
  readonly status_url: string
}

/**
 * Wire model `TableInfo`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface TableInfo {
  readonly columns?: ReadonlyArray<ColumnInfo> | null | undefined
  readonly connection: string
  readonly last_sync?: string | null | undefined
  readonly partition_by: ReadonlyArray<TablePartitionKey>
  readonly schema: string
  readonly sorted_by: ReadonlyArray<TableSortKey>
  readonly synced: boolean
  readonly table: string
}

/**
 * Wire model `TablePartitionKey`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface TablePartitionKey {
  readonly column: string
  readonly transform: string
}

/**
 * Wire model `TableProfileResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface TableProfileResponse {
  readonly columns: ReadonlyArray<ColumnProfileInfo>
  readonly connection: string
  readonly row_count: number
  readonly schema: string
  readonly synced_at?: string | null | undefined
  readonly table: string
}

/**
 * Wire model `TableRefreshError`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface TableRefreshError {
  readonly error: string
  readonly schema_name: string
  readonly table_name: string
}

/**
 * Wire model `TableRefreshResult`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface TableRefreshResult {
  readonly connection_id: string
  readonly duration_ms: number
  readonly rows_synced: number
  readonly schema_name: string
  readonly table_name: string
  readonly warnings?: ReadonlyArray<RefreshWarning> | undefined
}

/**
 * Wire model `TableSortKey`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface TableSortKey {
  readonly column: string
  readonly direction?: string | null | undefined
  readonly nulls?: string | null | undefined
}

/**
 * Wire model `TemporalProfileDetail`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface TemporalProfileDetail {
  readonly max: string
  readonly min: string
}

/**
 * Wire model `TextProfileDetail`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface TextProfileDetail {
  readonly avg_length: number
  readonly max_length: number
  readonly min_length: number
}

/**
 * Wire model `UpdateEmbeddingProviderRequest`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface UpdateEmbeddingProviderRequest {
  readonly api_key?: string | null | undefined
  readonly config?: unknown | undefined
  readonly name?: string | null | undefined
  readonly secret_name?: string | null | undefined
}

/**
 * Wire model `UpdateEmbeddingProviderResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface UpdateEmbeddingProviderResponse {
  readonly id: string
  readonly name: string
  readonly updated_at: string
}

/**
 * Wire model `UpdateSavedQueryRequest`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface UpdateSavedQueryRequest {
  readonly category_override?: string | null | undefined
  readonly description?: string | null | undefined
  readonly name?: string | null | undefined
  readonly sql?: string | null | undefined
  readonly table_size_override?: string | null | undefined
  readonly tags?: ReadonlyArray<string> | null | undefined
}

/**
 * Wire model `UpdateSecretRequest`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface UpdateSecretRequest {
  readonly value: string
}

/**
 * Wire model `UpdateSecretResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface UpdateSecretResponse {
  readonly name: string
  readonly updated_at: string
}

/**
 * Wire model `UploadSessionResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface UploadSessionResponse {
  readonly finalize_token: string
  readonly headers: { readonly [key: string]: string }
  readonly mode: string
  readonly part_size?: number | null | undefined
  readonly part_urls?: ReadonlyArray<string> | null | undefined
  readonly upload_id: string
  readonly url?: string | null | undefined
}

/**
 * Wire model `UpsertDatabaseContextRequest`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface UpsertDatabaseContextRequest {
  readonly content: string
  readonly name: string
}

/**
 * Wire model `UpsertDatabaseContextResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface UpsertDatabaseContextResponse {
  readonly context: DatabaseContextEntry
}

/**
 * Wire model `WorkspaceDetail`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface WorkspaceDetail {
  readonly public_id: string
  readonly name: string
  readonly provision_status: string
}

/**
 * Wire model `WorkspaceListItem`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface WorkspaceListItem {
  readonly public_id: string
  readonly name: string
  readonly active: boolean
  readonly favorite: boolean
  readonly provision_status: string
}

/**
 * Wire model `WorkspaceUsageResponse`: what the client sends and answers (decoded: an optional field sent as `null` reads as absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface WorkspaceUsageResponse {
  readonly bytes_scanned: number
  readonly query_count: number
  readonly since: string
  readonly storage_bytes: number
  readonly storage_captured_at?: string | null | undefined
}
