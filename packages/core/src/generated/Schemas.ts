/**
 * GENERATED FILE, DO NOT EDIT. Produced by scripts/codegen.mjs from spec/openapi.json.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as OpenEnum from "../internal/openEnum.js"

/**
 * Wire model `TablePartitionKey`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TablePartitionKey = Schema.Struct({
  column: Schema.String,
  transform: Schema.String
}).annotations({ identifier: "TablePartitionKey" })

/**
 * @since 0.1.0
 * @category models
 */
export interface TablePartitionKey extends Schema.Schema.Type<typeof TablePartitionKey> {}

/**
 * Wire model `TableSortKey`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TableSortKey = Schema.Struct({
  column: Schema.String,
  direction: Schema.optional(Schema.NullOr(Schema.String)),
  nulls: Schema.optional(Schema.NullOr(Schema.String))
}).annotations({ identifier: "TableSortKey" })

/**
 * @since 0.1.0
 * @category models
 */
export interface TableSortKey extends Schema.Schema.Type<typeof TableSortKey> {}

/**
 * Wire model `AddManagedTableDecl`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AddManagedTableDecl = Schema.Struct({
  key: Schema.optionalWith(Schema.Array(Schema.String), { nullable: true }),
  name: Schema.String,
  partition_by: Schema.optionalWith(Schema.Array(TablePartitionKey), { nullable: true }),
  sorted_by: Schema.optionalWith(Schema.Array(TableSortKey), { nullable: true })
}).annotations({ identifier: "AddManagedTableDecl" })

/**
 * @since 0.1.0
 * @category models
 */
export interface AddManagedTableDecl extends Schema.Schema.Type<typeof AddManagedTableDecl> {}

/**
 * Wire model `AddManagedSchemaRequest`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AddManagedSchemaRequest = Schema.Struct({
  name: Schema.String,
  tables: Schema.optionalWith(Schema.Array(AddManagedTableDecl), { nullable: true })
}).annotations({ identifier: "AddManagedSchemaRequest" })

/**
 * @since 0.1.0
 * @category models
 */
export interface AddManagedSchemaRequest extends Schema.Schema.Type<typeof AddManagedSchemaRequest> {}

/**
 * Wire model `AddManagedTableRequest`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AddManagedTableRequest = Schema.Struct({
  key: Schema.optionalWith(Schema.Array(Schema.String), { nullable: true }),
  name: Schema.String,
  partition_by: Schema.optionalWith(Schema.Array(TablePartitionKey), { nullable: true }),
  sorted_by: Schema.optionalWith(Schema.Array(TableSortKey), { nullable: true })
}).annotations({ identifier: "AddManagedTableRequest" })

/**
 * @since 0.1.0
 * @category models
 */
export interface AddManagedTableRequest extends Schema.Schema.Type<typeof AddManagedTableRequest> {}

/**
 * Wire model `ApiErrorDetail`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ApiErrorDetail = Schema.Struct({
  code: Schema.String,
  message: Schema.String
}).annotations({ identifier: "ApiErrorDetail" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ApiErrorDetail extends Schema.Schema.Type<typeof ApiErrorDetail> {}

/**
 * Wire model `ApiErrorResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ApiErrorResponse = Schema.Struct({
  error: ApiErrorDetail
}).annotations({ identifier: "ApiErrorResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ApiErrorResponse extends Schema.Schema.Type<typeof ApiErrorResponse> {}

/**
 * Wire model `AsyncQueryResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AsyncQueryResponse = Schema.Struct({
  query_run_id: Schema.String,
  reason: Schema.optional(Schema.NullOr(Schema.String)),
  status: Schema.String,
  status_url: Schema.String
}).annotations({ identifier: "AsyncQueryResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface AsyncQueryResponse extends Schema.Schema.Type<typeof AsyncQueryResponse> {}

/**
 * Wire model `AttachDatabaseCatalogRequest`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AttachDatabaseCatalogRequest = Schema.Struct({
  alias: Schema.optional(Schema.NullOr(Schema.String)),
  connection_id: Schema.String
}).annotations({ identifier: "AttachDatabaseCatalogRequest" })

/**
 * @since 0.1.0
 * @category models
 */
export interface AttachDatabaseCatalogRequest extends Schema.Schema.Type<typeof AttachDatabaseCatalogRequest> {}

/**
 * Wire model `CreateUploadRequest`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreateUploadRequest = Schema.Struct({
  checksum_algo: Schema.optional(Schema.NullOr(Schema.String)),
  checksum_value: Schema.optional(Schema.NullOr(Schema.String)),
  content_encoding: Schema.optional(Schema.NullOr(Schema.String)),
  content_type: Schema.optional(Schema.NullOr(Schema.String)),
  declared_size_bytes: Schema.optional(Schema.NullOr(Schema.Number)),
  filename: Schema.optional(Schema.NullOr(Schema.String)),
  part_size: Schema.optional(Schema.NullOr(Schema.Number))
}).annotations({ identifier: "CreateUploadRequest" })

/**
 * @since 0.1.0
 * @category models
 */
export interface CreateUploadRequest extends Schema.Schema.Type<typeof CreateUploadRequest> {}

/**
 * Wire model `BatchCreateUploadRequest`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const BatchCreateUploadRequest = Schema.Struct({
  uploads: Schema.Array(CreateUploadRequest)
}).annotations({ identifier: "BatchCreateUploadRequest" })

/**
 * @since 0.1.0
 * @category models
 */
export interface BatchCreateUploadRequest extends Schema.Schema.Type<typeof BatchCreateUploadRequest> {}

/**
 * Wire model `UploadSessionResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UploadSessionResponse = Schema.Struct({
  finalize_token: Schema.String,
  headers: Schema.Record({ key: Schema.String, value: Schema.String }),
  mode: Schema.String,
  part_size: Schema.optional(Schema.NullOr(Schema.Number)),
  part_urls: Schema.optional(Schema.NullOr(Schema.Array(Schema.String))),
  upload_id: Schema.String,
  url: Schema.optional(Schema.NullOr(Schema.String))
}).annotations({ identifier: "UploadSessionResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface UploadSessionResponse extends Schema.Schema.Type<typeof UploadSessionResponse> {}

/**
 * Wire model `BatchCreateUploadResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const BatchCreateUploadResponse = Schema.Struct({
  uploads: Schema.Array(UploadSessionResponse)
}).annotations({ identifier: "BatchCreateUploadResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface BatchCreateUploadResponse extends Schema.Schema.Type<typeof BatchCreateUploadResponse> {}

/**
 * Wire model `BooleanProfileDetail`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const BooleanProfileDetail = Schema.Struct({
  false_count: Schema.Number,
  true_count: Schema.Number
}).annotations({ identifier: "BooleanProfileDetail" })

/**
 * @since 0.1.0
 * @category models
 */
export interface BooleanProfileDetail extends Schema.Schema.Type<typeof BooleanProfileDetail> {}

/**
 * Wire model `DatabaseDefaultTableDecl`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DatabaseDefaultTableDecl = Schema.Struct({
  key: Schema.optionalWith(Schema.Array(Schema.String), { nullable: true }),
  name: Schema.String,
  partition_by: Schema.optionalWith(Schema.Array(TablePartitionKey), { nullable: true }),
  sorted_by: Schema.optionalWith(Schema.Array(TableSortKey), { nullable: true })
}).annotations({ identifier: "DatabaseDefaultTableDecl" })

/**
 * @since 0.1.0
 * @category models
 */
export interface DatabaseDefaultTableDecl extends Schema.Schema.Type<typeof DatabaseDefaultTableDecl> {}

/**
 * Wire model `DatabaseDefaultSchemaDecl`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DatabaseDefaultSchemaDecl = Schema.Struct({
  name: Schema.String,
  tables: Schema.optionalWith(Schema.Array(DatabaseDefaultTableDecl), { nullable: true })
}).annotations({ identifier: "DatabaseDefaultSchemaDecl" })

/**
 * @since 0.1.0
 * @category models
 */
export interface DatabaseDefaultSchemaDecl extends Schema.Schema.Type<typeof DatabaseDefaultSchemaDecl> {}

/**
 * Wire model `BulkCreateDatabasesRequest`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const BulkCreateDatabasesRequest = Schema.Struct({
  count: Schema.Number,
  default_catalog: Schema.optional(Schema.NullOr(Schema.String)),
  default_schema: Schema.optional(Schema.NullOr(Schema.String)),
  expires_at: Schema.optional(Schema.NullOr(Schema.String)),
  idempotency_key: Schema.optional(Schema.NullOr(Schema.String)),
  name_template: Schema.optional(Schema.NullOr(Schema.String)),
  schemas: Schema.optionalWith(Schema.Array(DatabaseDefaultSchemaDecl), { nullable: true })
}).annotations({ identifier: "BulkCreateDatabasesRequest" })

/**
 * @since 0.1.0
 * @category models
 */
export interface BulkCreateDatabasesRequest extends Schema.Schema.Type<typeof BulkCreateDatabasesRequest> {}

/**
 * Wire model `BulkCreateDatabasesResult`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const BulkCreateDatabasesResult = Schema.Struct({
  batch_id: Schema.String,
  cancelled: Schema.Boolean,
  created: Schema.Number,
  requested: Schema.Number
}).annotations({ identifier: "BulkCreateDatabasesResult" })

/**
 * @since 0.1.0
 * @category models
 */
export interface BulkCreateDatabasesResult extends Schema.Schema.Type<typeof BulkCreateDatabasesResult> {}

/**
 * Wire model `CategoryValueInfo`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CategoryValueInfo = Schema.Struct({
  count: Schema.Number,
  value: Schema.optional(Schema.NullOr(Schema.String))
}).annotations({ identifier: "CategoryValueInfo" })

/**
 * @since 0.1.0
 * @category models
 */
export interface CategoryValueInfo extends Schema.Schema.Type<typeof CategoryValueInfo> {}

/**
 * Wire model `CategoricalProfileDetail`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CategoricalProfileDetail = Schema.Struct({
  values: Schema.Array(CategoryValueInfo)
}).annotations({ identifier: "CategoricalProfileDetail" })

/**
 * @since 0.1.0
 * @category models
 */
export interface CategoricalProfileDetail extends Schema.Schema.Type<typeof CategoricalProfileDetail> {}

/**
 * Wire model `ColumnTypeSpec`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ColumnTypeSpec = Schema.Struct({
  precision: Schema.optional(Schema.NullOr(Schema.Number)),
  scale: Schema.optional(Schema.NullOr(Schema.Number)),
  type: Schema.String
}).annotations({ identifier: "ColumnTypeSpec" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ColumnTypeSpec extends Schema.Schema.Type<typeof ColumnTypeSpec> {}

/**
 * Wire model `ColumnDefinition`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ColumnDefinition = Schema.Union(ColumnTypeSpec, Schema.String).annotations({ identifier: "ColumnDefinition" })

/**
 * @since 0.1.0
 * @category models
 */
export type ColumnDefinition = Schema.Schema.Type<typeof ColumnDefinition>

/**
 * Wire model `ColumnInfo`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ColumnInfo = Schema.Struct({
  data_type: Schema.String,
  name: Schema.String,
  nullable: Schema.Boolean
}).annotations({ identifier: "ColumnInfo" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ColumnInfo extends Schema.Schema.Type<typeof ColumnInfo> {}

/**
 * Wire model `ColumnProfileDetailOneOf`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ColumnProfileDetailOneOf = Schema.Struct({
  values: Schema.Array(CategoryValueInfo),
  type: Schema.Literal("categorical")
}).annotations({ identifier: "ColumnProfileDetailOneOf" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ColumnProfileDetailOneOf extends Schema.Schema.Type<typeof ColumnProfileDetailOneOf> {}

/**
 * Wire model `ColumnProfileDetailOneOf1`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ColumnProfileDetailOneOf1 = Schema.Struct({
  avg_length: Schema.Number,
  max_length: Schema.Number,
  min_length: Schema.Number,
  type: Schema.Literal("text")
}).annotations({ identifier: "ColumnProfileDetailOneOf1" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ColumnProfileDetailOneOf1 extends Schema.Schema.Type<typeof ColumnProfileDetailOneOf1> {}

/**
 * Wire model `ColumnProfileDetailOneOf2`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ColumnProfileDetailOneOf2 = Schema.Struct({
  max: Schema.String,
  mean: Schema.Number,
  min: Schema.String,
  type: Schema.Literal("numeric")
}).annotations({ identifier: "ColumnProfileDetailOneOf2" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ColumnProfileDetailOneOf2 extends Schema.Schema.Type<typeof ColumnProfileDetailOneOf2> {}

/**
 * Wire model `ColumnProfileDetailOneOf3`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ColumnProfileDetailOneOf3 = Schema.Struct({
  max: Schema.String,
  min: Schema.String,
  type: Schema.Literal("temporal")
}).annotations({ identifier: "ColumnProfileDetailOneOf3" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ColumnProfileDetailOneOf3 extends Schema.Schema.Type<typeof ColumnProfileDetailOneOf3> {}

/**
 * Wire model `ColumnProfileDetailOneOf4`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ColumnProfileDetailOneOf4 = Schema.Struct({
  false_count: Schema.Number,
  true_count: Schema.Number,
  type: Schema.Literal("boolean")
}).annotations({ identifier: "ColumnProfileDetailOneOf4" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ColumnProfileDetailOneOf4 extends Schema.Schema.Type<typeof ColumnProfileDetailOneOf4> {}

/**
 * Wire model `ColumnProfileDetail`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ColumnProfileDetail = Schema.Union(ColumnProfileDetailOneOf1, ColumnProfileDetailOneOf2, ColumnProfileDetailOneOf3, ColumnProfileDetailOneOf4, ColumnProfileDetailOneOf).annotations({ identifier: "ColumnProfileDetail" })

/**
 * @since 0.1.0
 * @category models
 */
export type ColumnProfileDetail = Schema.Schema.Type<typeof ColumnProfileDetail>

/**
 * Wire model `ColumnProfileInfo`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ColumnProfileInfo = Schema.Struct({
  cardinality: Schema.Number,
  data_type: Schema.String,
  name: Schema.String,
  null_count: Schema.Number,
  null_percentage: Schema.Number,
  profile: Schema.optional(Schema.NullOr(ColumnProfileDetail))
}).annotations({ identifier: "ColumnProfileInfo" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ColumnProfileInfo extends Schema.Schema.Type<typeof ColumnProfileInfo> {}

/**
 * Wire model `ConnectionHealthResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ConnectionHealthResponse = Schema.Struct({
  connection_id: Schema.String,
  error: Schema.optional(Schema.NullOr(Schema.String)),
  healthy: Schema.Boolean,
  latency_ms: Schema.Number
}).annotations({ identifier: "ConnectionHealthResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ConnectionHealthResponse extends Schema.Schema.Type<typeof ConnectionHealthResponse> {}

/**
 * Wire model `ConnectionInfo`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ConnectionInfo = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  source_type: Schema.String
}).annotations({ identifier: "ConnectionInfo" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ConnectionInfo extends Schema.Schema.Type<typeof ConnectionInfo> {}

/**
 * Wire model `RefreshWarning`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RefreshWarning = Schema.Struct({
  message: Schema.String,
  schema_name: Schema.optional(Schema.NullOr(Schema.String)),
  table_name: Schema.optional(Schema.NullOr(Schema.String))
}).annotations({ identifier: "RefreshWarning" })

/**
 * @since 0.1.0
 * @category models
 */
export interface RefreshWarning extends Schema.Schema.Type<typeof RefreshWarning> {}

/**
 * Wire model `TableRefreshError`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TableRefreshError = Schema.Struct({
  error: Schema.String,
  schema_name: Schema.String,
  table_name: Schema.String
}).annotations({ identifier: "TableRefreshError" })

/**
 * @since 0.1.0
 * @category models
 */
export interface TableRefreshError extends Schema.Schema.Type<typeof TableRefreshError> {}

/**
 * Wire model `ConnectionRefreshResult`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ConnectionRefreshResult = Schema.Struct({
  connection_id: Schema.String,
  duration_ms: Schema.Number,
  errors: Schema.optionalWith(Schema.Array(TableRefreshError), { nullable: true }),
  tables_failed: Schema.Number,
  tables_refreshed: Schema.Number,
  total_rows: Schema.Number,
  warnings: Schema.optionalWith(Schema.Array(RefreshWarning), { nullable: true })
}).annotations({ identifier: "ConnectionRefreshResult" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ConnectionRefreshResult extends Schema.Schema.Type<typeof ConnectionRefreshResult> {}

/**
 * Wire model `ConnectionSchemaError`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ConnectionSchemaError = Schema.Struct({
  connection_id: Schema.String,
  error: Schema.String
}).annotations({ identifier: "ConnectionSchemaError" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ConnectionSchemaError extends Schema.Schema.Type<typeof ConnectionSchemaError> {}

/**
 * Wire model `ConnectionTypeDetail`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ConnectionTypeDetail = Schema.Struct({
  auth: Schema.optionalWith(Schema.Unknown, { nullable: true }),
  config_schema: Schema.optionalWith(Schema.Unknown, { nullable: true }),
  label: Schema.String,
  name: Schema.String
}).annotations({ identifier: "ConnectionTypeDetail" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ConnectionTypeDetail extends Schema.Schema.Type<typeof ConnectionTypeDetail> {}

/**
 * Wire model `ConnectionTypeSummary`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ConnectionTypeSummary = Schema.Struct({
  label: Schema.String,
  name: Schema.String
}).annotations({ identifier: "ConnectionTypeSummary" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ConnectionTypeSummary extends Schema.Schema.Type<typeof ConnectionTypeSummary> {}

/**
 * Wire model `CreateConnectionRequest`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreateConnectionRequest = Schema.Struct({
  config: Schema.Record({ key: Schema.String, value: Schema.Unknown }),
  name: Schema.String,
  secret_id: Schema.optional(Schema.NullOr(Schema.String)),
  secret_name: Schema.optional(Schema.NullOr(Schema.String)),
  skip_discovery: Schema.optionalWith(Schema.Boolean, { nullable: true }),
  source_type: Schema.String
}).annotations({ identifier: "CreateConnectionRequest" })

/**
 * @since 0.1.0
 * @category models
 */
export interface CreateConnectionRequest extends Schema.Schema.Type<typeof CreateConnectionRequest> {}

/**
 * Wire model `DiscoveryStatus`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DiscoveryStatus = OpenEnum.make("success", "skipped", "failed")

/**
 * @since 0.1.0
 * @category models
 */
export type DiscoveryStatus = Schema.Schema.Type<typeof DiscoveryStatus>

/**
 * Wire model `CreateConnectionResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreateConnectionResponse = Schema.Struct({
  discovery_error: Schema.optional(Schema.NullOr(Schema.String)),
  discovery_status: DiscoveryStatus,
  id: Schema.String,
  name: Schema.String,
  source_type: Schema.String,
  tables_discovered: Schema.Number
}).annotations({ identifier: "CreateConnectionResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface CreateConnectionResponse extends Schema.Schema.Type<typeof CreateConnectionResponse> {}

/**
 * Wire model `CreateDatabaseRequest`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreateDatabaseRequest = Schema.Struct({
  default_catalog: Schema.optional(Schema.NullOr(Schema.String)),
  default_schema: Schema.optional(Schema.NullOr(Schema.String)),
  expires_at: Schema.optional(Schema.NullOr(Schema.String)),
  name: Schema.optional(Schema.NullOr(Schema.String)),
  schemas: Schema.optionalWith(Schema.Array(DatabaseDefaultSchemaDecl), { nullable: true })
}).annotations({ identifier: "CreateDatabaseRequest" })

/**
 * @since 0.1.0
 * @category models
 */
export interface CreateDatabaseRequest extends Schema.Schema.Type<typeof CreateDatabaseRequest> {}

/**
 * Wire model `CreateDatabaseResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreateDatabaseResponse = Schema.Struct({
  default_catalog: Schema.String,
  default_connection_id: Schema.String,
  default_schema: Schema.String,
  expires_at: Schema.optional(Schema.NullOr(Schema.String)),
  id: Schema.String,
  name: Schema.optional(Schema.NullOr(Schema.String))
}).annotations({ identifier: "CreateDatabaseResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface CreateDatabaseResponse extends Schema.Schema.Type<typeof CreateDatabaseResponse> {}

/**
 * Wire model `CreateEmbeddingProviderRequest`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreateEmbeddingProviderRequest = Schema.Struct({
  api_key: Schema.optional(Schema.NullOr(Schema.String)),
  config: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.Unknown }), { nullable: true }),
  name: Schema.String,
  provider_type: Schema.String,
  secret_name: Schema.optional(Schema.NullOr(Schema.String))
}).annotations({ identifier: "CreateEmbeddingProviderRequest" })

/**
 * @since 0.1.0
 * @category models
 */
export interface CreateEmbeddingProviderRequest extends Schema.Schema.Type<typeof CreateEmbeddingProviderRequest> {}

/**
 * Wire model `CreateEmbeddingProviderResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreateEmbeddingProviderResponse = Schema.Struct({
  config: Schema.Unknown,
  created_at: Schema.String,
  id: Schema.String,
  name: Schema.String,
  provider_type: Schema.String
}).annotations({ identifier: "CreateEmbeddingProviderResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface CreateEmbeddingProviderResponse extends Schema.Schema.Type<typeof CreateEmbeddingProviderResponse> {}

/**
 * Wire model `CreateIndexRequest`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreateIndexRequest = Schema.Struct({
  async: Schema.optionalWith(Schema.Boolean, { nullable: true }),
  async_after_ms: Schema.optional(Schema.NullOr(Schema.Number)),
  columns: Schema.Array(Schema.String),
  description: Schema.optional(Schema.NullOr(Schema.String)),
  dimensions: Schema.optional(Schema.NullOr(Schema.Number)),
  embedding_provider_id: Schema.optional(Schema.NullOr(Schema.String)),
  index_name: Schema.String,
  index_type: Schema.optionalWith(OpenEnum.make("sorted", "bm25", "vector"), { nullable: true }),
  metric: Schema.optional(Schema.NullOr(Schema.String)),
  output_column: Schema.optional(Schema.NullOr(Schema.String))
}).annotations({ identifier: "CreateIndexRequest" })

/**
 * @since 0.1.0
 * @category models
 */
export interface CreateIndexRequest extends Schema.Schema.Type<typeof CreateIndexRequest> {}

/**
 * Wire model `CreateSavedQueryRequest`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreateSavedQueryRequest = Schema.Struct({
  description: Schema.optional(Schema.NullOr(Schema.String)),
  name: Schema.String,
  sql: Schema.String,
  tags: Schema.optional(Schema.NullOr(Schema.Array(Schema.String)))
}).annotations({ identifier: "CreateSavedQueryRequest" })

/**
 * @since 0.1.0
 * @category models
 */
export interface CreateSavedQueryRequest extends Schema.Schema.Type<typeof CreateSavedQueryRequest> {}

/**
 * Wire model `CreateSecretRequest`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreateSecretRequest = Schema.Struct({
  name: Schema.String,
  value: Schema.String
}).annotations({ identifier: "CreateSecretRequest" })

/**
 * @since 0.1.0
 * @category models
 */
export interface CreateSecretRequest extends Schema.Schema.Type<typeof CreateSecretRequest> {}

/**
 * Wire model `CreateSecretResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreateSecretResponse = Schema.Struct({
  created_at: Schema.String,
  id: Schema.String,
  name: Schema.String
}).annotations({ identifier: "CreateSecretResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface CreateSecretResponse extends Schema.Schema.Type<typeof CreateSecretResponse> {}

/**
 * Wire model `CreateWorkspaceRequest`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreateWorkspaceRequest = Schema.Struct({
  name: Schema.String,
  organization_public_id: Schema.optionalWith(Schema.String, { nullable: true })
}).annotations({ identifier: "CreateWorkspaceRequest" })

/**
 * @since 0.1.0
 * @category models
 */
export interface CreateWorkspaceRequest extends Schema.Schema.Type<typeof CreateWorkspaceRequest> {}

/**
 * Wire model `WorkspaceDetail`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const WorkspaceDetail = Schema.Struct({
  public_id: Schema.String,
  name: Schema.String,
  provision_status: Schema.String
}).annotations({ identifier: "WorkspaceDetail" })

/**
 * @since 0.1.0
 * @category models
 */
export interface WorkspaceDetail extends Schema.Schema.Type<typeof WorkspaceDetail> {}

/**
 * Wire model `CreateWorkspaceResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreateWorkspaceResponse = Schema.Struct({
  ok: Schema.Boolean,
  workspace: WorkspaceDetail
}).annotations({ identifier: "CreateWorkspaceResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface CreateWorkspaceResponse extends Schema.Schema.Type<typeof CreateWorkspaceResponse> {}

/**
 * Wire model `DatabaseAttachmentInfo`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DatabaseAttachmentInfo = Schema.Struct({
  alias: Schema.optional(Schema.NullOr(Schema.String)),
  connection_id: Schema.String
}).annotations({ identifier: "DatabaseAttachmentInfo" })

/**
 * @since 0.1.0
 * @category models
 */
export interface DatabaseAttachmentInfo extends Schema.Schema.Type<typeof DatabaseAttachmentInfo> {}

/**
 * Wire model `DatabaseBatchResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DatabaseBatchResponse = Schema.Struct({
  batch_id: Schema.String,
  cancel_requested: Schema.Boolean,
  count: Schema.Number,
  created_count: Schema.Number,
  expires_at: Schema.optional(Schema.NullOr(Schema.String)),
  job_id: Schema.optional(Schema.NullOr(Schema.String)),
  status_url: Schema.optional(Schema.NullOr(Schema.String))
}).annotations({ identifier: "DatabaseBatchResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface DatabaseBatchResponse extends Schema.Schema.Type<typeof DatabaseBatchResponse> {}

/**
 * Wire model `DatabaseContextEntry`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DatabaseContextEntry = Schema.Struct({
  content: Schema.String,
  name: Schema.String,
  updated_at: Schema.String
}).annotations({ identifier: "DatabaseContextEntry" })

/**
 * @since 0.1.0
 * @category models
 */
export interface DatabaseContextEntry extends Schema.Schema.Type<typeof DatabaseContextEntry> {}

/**
 * Wire model `DatabaseCountResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DatabaseCountResponse = Schema.Struct({
  total: Schema.Number
}).annotations({ identifier: "DatabaseCountResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface DatabaseCountResponse extends Schema.Schema.Type<typeof DatabaseCountResponse> {}

/**
 * Wire model `DatabaseDetailResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DatabaseDetailResponse = Schema.Struct({
  attachments: Schema.Array(DatabaseAttachmentInfo),
  created_at: Schema.optional(Schema.NullOr(Schema.String)),
  default_catalog: Schema.String,
  default_connection_id: Schema.String,
  default_schema: Schema.String,
  expires_at: Schema.optional(Schema.NullOr(Schema.String)),
  id: Schema.String,
  name: Schema.optional(Schema.NullOr(Schema.String))
}).annotations({ identifier: "DatabaseDetailResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface DatabaseDetailResponse extends Schema.Schema.Type<typeof DatabaseDetailResponse> {}

/**
 * Wire model `DatabaseSummary`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DatabaseSummary = Schema.Struct({
  created_at: Schema.optional(Schema.NullOr(Schema.String)),
  default_catalog: Schema.String,
  default_schema: Schema.String,
  expires_at: Schema.optional(Schema.NullOr(Schema.String)),
  id: Schema.String,
  name: Schema.optional(Schema.NullOr(Schema.String))
}).annotations({ identifier: "DatabaseSummary" })

/**
 * @since 0.1.0
 * @category models
 */
export interface DatabaseSummary extends Schema.Schema.Type<typeof DatabaseSummary> {}

/**
 * Wire model `DeleteDatabaseBatchResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeleteDatabaseBatchResponse = Schema.Struct({
  batch_id: Schema.String,
  deleted_count: Schema.Number
}).annotations({ identifier: "DeleteDatabaseBatchResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface DeleteDatabaseBatchResponse extends Schema.Schema.Type<typeof DeleteDatabaseBatchResponse> {}

/**
 * Wire model `EmbeddingProviderResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const EmbeddingProviderResponse = Schema.Struct({
  config: Schema.Unknown,
  created_at: Schema.String,
  has_secret: Schema.Boolean,
  id: Schema.String,
  name: Schema.String,
  provider_type: Schema.String,
  source: Schema.String,
  updated_at: Schema.String
}).annotations({ identifier: "EmbeddingProviderResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface EmbeddingProviderResponse extends Schema.Schema.Type<typeof EmbeddingProviderResponse> {}

/**
 * Wire model `Error`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Error = Schema.Struct({
  error: Schema.String
}).annotations({ identifier: "Error" })

/**
 * @since 0.1.0
 * @category models
 */
export interface Error extends Schema.Schema.Type<typeof Error> {}

/**
 * Wire model `ExecuteSavedQueryRequest`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ExecuteSavedQueryRequest = Schema.Struct({
  version: Schema.optional(Schema.NullOr(Schema.Number))
}).annotations({ identifier: "ExecuteSavedQueryRequest" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ExecuteSavedQueryRequest extends Schema.Schema.Type<typeof ExecuteSavedQueryRequest> {}

/**
 * Wire model `FinalizeUploadPart`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const FinalizeUploadPart = Schema.Struct({
  e_tag: Schema.String,
  part_number: Schema.Number
}).annotations({ identifier: "FinalizeUploadPart" })

/**
 * @since 0.1.0
 * @category models
 */
export interface FinalizeUploadPart extends Schema.Schema.Type<typeof FinalizeUploadPart> {}

/**
 * Wire model `FinalizeUploadRequest`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const FinalizeUploadRequest = Schema.Struct({
  parts: Schema.optional(Schema.NullOr(Schema.Array(FinalizeUploadPart)))
}).annotations({ identifier: "FinalizeUploadRequest" })

/**
 * @since 0.1.0
 * @category models
 */
export interface FinalizeUploadRequest extends Schema.Schema.Type<typeof FinalizeUploadRequest> {}

/**
 * Wire model `FinalizeUploadResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const FinalizeUploadResponse = Schema.Struct({
  content_type: Schema.optional(Schema.NullOr(Schema.String)),
  created_at: Schema.String,
  size_bytes: Schema.Number,
  status: Schema.String,
  upload_id: Schema.String
}).annotations({ identifier: "FinalizeUploadResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface FinalizeUploadResponse extends Schema.Schema.Type<typeof FinalizeUploadResponse> {}

/**
 * Wire model `ForkDatabaseRequest`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ForkDatabaseRequest = Schema.Struct({
  expires_at: Schema.optional(Schema.NullOr(Schema.String)),
  name: Schema.optional(Schema.NullOr(Schema.String))
}).annotations({ identifier: "ForkDatabaseRequest" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ForkDatabaseRequest extends Schema.Schema.Type<typeof ForkDatabaseRequest> {}

/**
 * Wire model `GetConnectionResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const GetConnectionResponse = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  source_type: Schema.String,
  synced_table_count: Schema.Number,
  table_count: Schema.Number
}).annotations({ identifier: "GetConnectionResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface GetConnectionResponse extends Schema.Schema.Type<typeof GetConnectionResponse> {}

/**
 * Wire model `GetDatabaseContextResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const GetDatabaseContextResponse = Schema.Struct({
  context: DatabaseContextEntry
}).annotations({ identifier: "GetDatabaseContextResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface GetDatabaseContextResponse extends Schema.Schema.Type<typeof GetDatabaseContextResponse> {}

/**
 * Wire model `GetResultResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const GetResultResponse = Schema.Struct({
  columns: Schema.optional(Schema.NullOr(Schema.Array(Schema.String))),
  error_message: Schema.optional(Schema.NullOr(Schema.String)),
  nullable: Schema.optional(Schema.NullOr(Schema.Array(Schema.Boolean))),
  result_id: Schema.String,
  row_count: Schema.optional(Schema.NullOr(Schema.Number)),
  rows: Schema.optional(Schema.NullOr(Schema.Array(Schema.Array(Schema.Unknown)))),
  status: Schema.String
}).annotations({ identifier: "GetResultResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface GetResultResponse extends Schema.Schema.Type<typeof GetResultResponse> {}

/**
 * Wire model `GetSecretResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const GetSecretResponse = Schema.Struct({
  created_at: Schema.String,
  name: Schema.String,
  updated_at: Schema.String
}).annotations({ identifier: "GetSecretResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface GetSecretResponse extends Schema.Schema.Type<typeof GetSecretResponse> {}

/**
 * Wire model `IndexStatus`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const IndexStatus = OpenEnum.make("ready", "pending")

/**
 * @since 0.1.0
 * @category models
 */
export type IndexStatus = Schema.Schema.Type<typeof IndexStatus>

/**
 * Wire model `IndexEntryResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const IndexEntryResponse = Schema.Struct({
  columns: Schema.Array(Schema.String),
  created_at: Schema.String,
  index_name: Schema.String,
  index_type: Schema.String,
  metric: Schema.optionalWith(Schema.String, { nullable: true }),
  source_column: Schema.optionalWith(Schema.String, { nullable: true }),
  status: IndexStatus,
  updated_at: Schema.String,
  connection_id: Schema.optional(Schema.NullOr(Schema.String)),
  schema_name: Schema.String,
  table_name: Schema.String
}).annotations({ identifier: "IndexEntryResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface IndexEntryResponse extends Schema.Schema.Type<typeof IndexEntryResponse> {}

/**
 * Wire model `IndexInfoResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const IndexInfoResponse = Schema.Struct({
  columns: Schema.Array(Schema.String),
  created_at: Schema.String,
  index_name: Schema.String,
  index_type: Schema.String,
  metric: Schema.optional(Schema.NullOr(Schema.String)),
  source_column: Schema.optional(Schema.NullOr(Schema.String)),
  status: IndexStatus,
  updated_at: Schema.String
}).annotations({ identifier: "IndexInfoResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface IndexInfoResponse extends Schema.Schema.Type<typeof IndexInfoResponse> {}

/**
 * Wire model `TableInfo`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TableInfo = Schema.Struct({
  columns: Schema.optional(Schema.NullOr(Schema.Array(ColumnInfo))),
  connection: Schema.String,
  last_sync: Schema.optional(Schema.NullOr(Schema.String)),
  partition_by: Schema.Array(TablePartitionKey),
  schema: Schema.String,
  sorted_by: Schema.Array(TableSortKey),
  synced: Schema.Boolean,
  table: Schema.String
}).annotations({ identifier: "TableInfo" })

/**
 * @since 0.1.0
 * @category models
 */
export interface TableInfo extends Schema.Schema.Type<typeof TableInfo> {}

/**
 * Wire model `InformationSchemaResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const InformationSchemaResponse = Schema.Struct({
  count: Schema.Number,
  has_more: Schema.Boolean,
  limit: Schema.Number,
  next_cursor: Schema.optional(Schema.NullOr(Schema.String)),
  tables: Schema.Array(TableInfo)
}).annotations({ identifier: "InformationSchemaResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface InformationSchemaResponse extends Schema.Schema.Type<typeof InformationSchemaResponse> {}

/**
 * Wire model `LoadManagedTableResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LoadManagedTableResponse = Schema.Struct({
  arrow_schema_json: Schema.String,
  connection_id: Schema.String,
  row_count: Schema.Number,
  schema_name: Schema.String,
  table_name: Schema.String
}).annotations({ identifier: "LoadManagedTableResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface LoadManagedTableResponse extends Schema.Schema.Type<typeof LoadManagedTableResponse> {}

/**
 * Wire model `TableRefreshResult`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TableRefreshResult = Schema.Struct({
  connection_id: Schema.String,
  duration_ms: Schema.Number,
  rows_synced: Schema.Number,
  schema_name: Schema.String,
  table_name: Schema.String,
  warnings: Schema.optionalWith(Schema.Array(RefreshWarning), { nullable: true })
}).annotations({ identifier: "TableRefreshResult" })

/**
 * @since 0.1.0
 * @category models
 */
export interface TableRefreshResult extends Schema.Schema.Type<typeof TableRefreshResult> {}

/**
 * Wire model `JobResult`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const JobResult = Schema.Union(IndexInfoResponse, TableRefreshResult, ConnectionRefreshResult, LoadManagedTableResponse, BulkCreateDatabasesResult).annotations({ identifier: "JobResult" })

/**
 * @since 0.1.0
 * @category models
 */
export type JobResult = Schema.Schema.Type<typeof JobResult>

/**
 * Wire model `JobStatus`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const JobStatus = OpenEnum.make("pending", "running", "succeeded", "partially_succeeded", "failed")

/**
 * @since 0.1.0
 * @category models
 */
export type JobStatus = Schema.Schema.Type<typeof JobStatus>

/**
 * Wire model `JobType`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const JobType = OpenEnum.make("noop", "bulk_create_databases", "data_refresh_table", "data_refresh_connection", "create_index", "managed_load", "ducklake_vacuum", "ducklake_orphan_cleanup", "result_deletion", "stale_result_cleanup", "result_retention", "ducklake_compaction", "ducklake_table_compaction")

/**
 * @since 0.1.0
 * @category models
 */
export type JobType = Schema.Schema.Type<typeof JobType>

/**
 * Wire model `JobStatusResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const JobStatusResponse = Schema.Struct({
  attempts: Schema.Number,
  completed_at: Schema.optional(Schema.NullOr(Schema.String)),
  created_at: Schema.String,
  error_message: Schema.optional(Schema.NullOr(Schema.String)),
  id: Schema.String,
  job_type: JobType,
  result: Schema.optional(Schema.NullOr(JobResult)),
  status: JobStatus
}).annotations({ identifier: "JobStatusResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface JobStatusResponse extends Schema.Schema.Type<typeof JobStatusResponse> {}

/**
 * Wire model `ListConnectionTypesResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ListConnectionTypesResponse = Schema.Struct({
  connection_types: Schema.Array(ConnectionTypeSummary)
}).annotations({ identifier: "ListConnectionTypesResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ListConnectionTypesResponse extends Schema.Schema.Type<typeof ListConnectionTypesResponse> {}

/**
 * Wire model `ListConnectionsResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ListConnectionsResponse = Schema.Struct({
  connections: Schema.Array(ConnectionInfo)
}).annotations({ identifier: "ListConnectionsResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ListConnectionsResponse extends Schema.Schema.Type<typeof ListConnectionsResponse> {}

/**
 * Wire model `ListDatabaseContextsResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ListDatabaseContextsResponse = Schema.Struct({
  contexts: Schema.Array(DatabaseContextEntry)
}).annotations({ identifier: "ListDatabaseContextsResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ListDatabaseContextsResponse extends Schema.Schema.Type<typeof ListDatabaseContextsResponse> {}

/**
 * Wire model `ListDatabasesResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ListDatabasesResponse = Schema.Struct({
  count: Schema.optional(Schema.NullOr(Schema.Number)),
  databases: Schema.Array(DatabaseSummary),
  has_more: Schema.optional(Schema.NullOr(Schema.Boolean)),
  limit: Schema.optional(Schema.NullOr(Schema.Number)),
  next_cursor: Schema.optional(Schema.NullOr(Schema.String))
}).annotations({ identifier: "ListDatabasesResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ListDatabasesResponse extends Schema.Schema.Type<typeof ListDatabasesResponse> {}

/**
 * Wire model `ListEmbeddingProvidersResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ListEmbeddingProvidersResponse = Schema.Struct({
  embedding_providers: Schema.Array(EmbeddingProviderResponse)
}).annotations({ identifier: "ListEmbeddingProvidersResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ListEmbeddingProvidersResponse extends Schema.Schema.Type<typeof ListEmbeddingProvidersResponse> {}

/**
 * Wire model `ListIndexesPageResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ListIndexesPageResponse = Schema.Struct({
  count: Schema.Number,
  has_more: Schema.Boolean,
  indexes: Schema.Array(IndexEntryResponse),
  limit: Schema.Number,
  next_cursor: Schema.optional(Schema.NullOr(Schema.String))
}).annotations({ identifier: "ListIndexesPageResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ListIndexesPageResponse extends Schema.Schema.Type<typeof ListIndexesPageResponse> {}

/**
 * Wire model `ListIndexesResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ListIndexesResponse = Schema.Struct({
  indexes: Schema.Array(IndexInfoResponse)
}).annotations({ identifier: "ListIndexesResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ListIndexesResponse extends Schema.Schema.Type<typeof ListIndexesResponse> {}

/**
 * Wire model `ListJobsResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ListJobsResponse = Schema.Struct({
  jobs: Schema.Array(JobStatusResponse)
}).annotations({ identifier: "ListJobsResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ListJobsResponse extends Schema.Schema.Type<typeof ListJobsResponse> {}

/**
 * Wire model `QueryRunInfo`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const QueryRunInfo = Schema.Struct({
  bytes_scanned: Schema.optional(Schema.NullOr(Schema.Number)),
  completed_at: Schema.optional(Schema.NullOr(Schema.String)),
  created_at: Schema.String,
  error_message: Schema.optional(Schema.NullOr(Schema.String)),
  execution_time_ms: Schema.optional(Schema.NullOr(Schema.Number)),
  id: Schema.String,
  result_id: Schema.optional(Schema.NullOr(Schema.String)),
  row_count: Schema.optional(Schema.NullOr(Schema.Number)),
  rows_scanned: Schema.optional(Schema.NullOr(Schema.Number)),
  saved_query_id: Schema.optional(Schema.NullOr(Schema.String)),
  saved_query_version: Schema.optional(Schema.NullOr(Schema.Number)),
  server_processing_ms: Schema.optional(Schema.NullOr(Schema.Number)),
  snapshot_id: Schema.String,
  sql_hash: Schema.String,
  sql_text: Schema.String,
  status: Schema.String,
  trace_id: Schema.optional(Schema.NullOr(Schema.String)),
  user_public_id: Schema.optional(Schema.NullOr(Schema.String)),
  warning_message: Schema.optional(Schema.NullOr(Schema.String))
}).annotations({ identifier: "QueryRunInfo" })

/**
 * @since 0.1.0
 * @category models
 */
export interface QueryRunInfo extends Schema.Schema.Type<typeof QueryRunInfo> {}

/**
 * Wire model `ListQueryRunsResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ListQueryRunsResponse = Schema.Struct({
  count: Schema.Number,
  has_more: Schema.Boolean,
  limit: Schema.Number,
  next_cursor: Schema.optional(Schema.NullOr(Schema.String)),
  query_runs: Schema.Array(QueryRunInfo)
}).annotations({ identifier: "ListQueryRunsResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ListQueryRunsResponse extends Schema.Schema.Type<typeof ListQueryRunsResponse> {}

/**
 * Wire model `ResultInfo`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ResultInfo = Schema.Struct({
  created_at: Schema.String,
  error_message: Schema.optional(Schema.NullOr(Schema.String)),
  id: Schema.String,
  status: Schema.String
}).annotations({ identifier: "ResultInfo" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ResultInfo extends Schema.Schema.Type<typeof ResultInfo> {}

/**
 * Wire model `ListResultsResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ListResultsResponse = Schema.Struct({
  count: Schema.Number,
  has_more: Schema.Boolean,
  limit: Schema.Number,
  offset: Schema.Number,
  results: Schema.Array(ResultInfo)
}).annotations({ identifier: "ListResultsResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ListResultsResponse extends Schema.Schema.Type<typeof ListResultsResponse> {}

/**
 * Wire model `SavedQuerySummary`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SavedQuerySummary = Schema.Struct({
  created_at: Schema.String,
  description: Schema.String,
  id: Schema.String,
  latest_version: Schema.Number,
  name: Schema.String,
  tags: Schema.Array(Schema.String),
  updated_at: Schema.String
}).annotations({ identifier: "SavedQuerySummary" })

/**
 * @since 0.1.0
 * @category models
 */
export interface SavedQuerySummary extends Schema.Schema.Type<typeof SavedQuerySummary> {}

/**
 * Wire model `ListSavedQueriesResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ListSavedQueriesResponse = Schema.Struct({
  count: Schema.Number,
  has_more: Schema.Boolean,
  limit: Schema.Number,
  offset: Schema.Number,
  queries: Schema.Array(SavedQuerySummary)
}).annotations({ identifier: "ListSavedQueriesResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ListSavedQueriesResponse extends Schema.Schema.Type<typeof ListSavedQueriesResponse> {}

/**
 * Wire model `SavedQueryVersionInfo`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SavedQueryVersionInfo = Schema.Struct({
  category: Schema.optional(Schema.NullOr(Schema.String)),
  created_at: Schema.String,
  has_aggregation: Schema.optional(Schema.NullOr(Schema.Boolean)),
  has_group_by: Schema.optional(Schema.NullOr(Schema.Boolean)),
  has_join: Schema.optional(Schema.NullOr(Schema.Boolean)),
  has_limit: Schema.optional(Schema.NullOr(Schema.Boolean)),
  has_order_by: Schema.optional(Schema.NullOr(Schema.Boolean)),
  has_predicate: Schema.optional(Schema.NullOr(Schema.Boolean)),
  num_tables: Schema.optional(Schema.NullOr(Schema.Number)),
  sql: Schema.String,
  sql_hash: Schema.String,
  table_size: Schema.optional(Schema.NullOr(Schema.String)),
  version: Schema.Number
}).annotations({ identifier: "SavedQueryVersionInfo" })

/**
 * @since 0.1.0
 * @category models
 */
export interface SavedQueryVersionInfo extends Schema.Schema.Type<typeof SavedQueryVersionInfo> {}

/**
 * Wire model `ListSavedQueryVersionsResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ListSavedQueryVersionsResponse = Schema.Struct({
  count: Schema.Number,
  has_more: Schema.Boolean,
  limit: Schema.Number,
  offset: Schema.Number,
  saved_query_id: Schema.String,
  versions: Schema.Array(SavedQueryVersionInfo)
}).annotations({ identifier: "ListSavedQueryVersionsResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ListSavedQueryVersionsResponse extends Schema.Schema.Type<typeof ListSavedQueryVersionsResponse> {}

/**
 * Wire model `SecretMetadataResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SecretMetadataResponse = Schema.Struct({
  created_at: Schema.String,
  name: Schema.String,
  updated_at: Schema.String
}).annotations({ identifier: "SecretMetadataResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface SecretMetadataResponse extends Schema.Schema.Type<typeof SecretMetadataResponse> {}

/**
 * Wire model `ListSecretsResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ListSecretsResponse = Schema.Struct({
  secrets: Schema.Array(SecretMetadataResponse)
}).annotations({ identifier: "ListSecretsResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ListSecretsResponse extends Schema.Schema.Type<typeof ListSecretsResponse> {}

/**
 * Wire model `WorkspaceListItem`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const WorkspaceListItem = Schema.Struct({
  public_id: Schema.String,
  name: Schema.String,
  active: Schema.Boolean,
  favorite: Schema.Boolean,
  provision_status: Schema.String
}).annotations({ identifier: "WorkspaceListItem" })

/**
 * @since 0.1.0
 * @category models
 */
export interface WorkspaceListItem extends Schema.Schema.Type<typeof WorkspaceListItem> {}

/**
 * Wire model `ListWorkspacesResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ListWorkspacesResponse = Schema.Struct({
  ok: Schema.Boolean,
  workspaces: Schema.Array(WorkspaceListItem)
}).annotations({ identifier: "ListWorkspacesResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ListWorkspacesResponse extends Schema.Schema.Type<typeof ListWorkspacesResponse> {}

/**
 * Wire model `LoadManagedTableRequest`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LoadManagedTableRequest = Schema.Struct({
  async: Schema.optionalWith(Schema.Boolean, { nullable: true }),
  async_after_ms: Schema.optional(Schema.NullOr(Schema.Number)),
  columns: Schema.optionalWith(Schema.Record({ key: Schema.String, value: ColumnDefinition }), { nullable: true }),
  data: Schema.optional(Schema.NullOr(Schema.String)),
  format: Schema.optional(Schema.NullOr(Schema.String)),
  idempotency_key: Schema.optional(Schema.NullOr(Schema.String)),
  key: Schema.optional(Schema.NullOr(Schema.Array(Schema.String))),
  mode: Schema.String,
  result_id: Schema.optional(Schema.NullOr(Schema.String)),
  upload_id: Schema.optional(Schema.NullOr(Schema.String))
}).annotations({ identifier: "LoadManagedTableRequest" })

/**
 * @since 0.1.0
 * @category models
 */
export interface LoadManagedTableRequest extends Schema.Schema.Type<typeof LoadManagedTableRequest> {}

/**
 * Wire model `ManagedSchemaResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ManagedSchemaResponse = Schema.Struct({
  connection_id: Schema.String,
  schema: Schema.String,
  tables: Schema.Array(Schema.String)
}).annotations({ identifier: "ManagedSchemaResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ManagedSchemaResponse extends Schema.Schema.Type<typeof ManagedSchemaResponse> {}

/**
 * Wire model `ManagedTableResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ManagedTableResponse = Schema.Struct({
  connection_id: Schema.String,
  schema: Schema.String,
  table: Schema.String
}).annotations({ identifier: "ManagedTableResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ManagedTableResponse extends Schema.Schema.Type<typeof ManagedTableResponse> {}

/**
 * Wire model `MintUploadPartsRequest`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MintUploadPartsRequest = Schema.Struct({
  part_numbers: Schema.Array(Schema.Number)
}).annotations({ identifier: "MintUploadPartsRequest" })

/**
 * @since 0.1.0
 * @category models
 */
export interface MintUploadPartsRequest extends Schema.Schema.Type<typeof MintUploadPartsRequest> {}

/**
 * Wire model `MintedUploadPartResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MintedUploadPartResponse = Schema.Struct({
  part_number: Schema.Number,
  url: Schema.String
}).annotations({ identifier: "MintedUploadPartResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface MintedUploadPartResponse extends Schema.Schema.Type<typeof MintedUploadPartResponse> {}

/**
 * Wire model `MintUploadPartsResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MintUploadPartsResponse = Schema.Struct({
  parts: Schema.Array(MintedUploadPartResponse)
}).annotations({ identifier: "MintUploadPartsResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface MintUploadPartsResponse extends Schema.Schema.Type<typeof MintUploadPartsResponse> {}

/**
 * Wire model `NumericProfileDetail`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const NumericProfileDetail = Schema.Struct({
  max: Schema.String,
  mean: Schema.Number,
  min: Schema.String
}).annotations({ identifier: "NumericProfileDetail" })

/**
 * @since 0.1.0
 * @category models
 */
export interface NumericProfileDetail extends Schema.Schema.Type<typeof NumericProfileDetail> {}

/**
 * Wire model `QueryRequest`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const QueryRequest = Schema.Struct({
  async: Schema.optionalWith(Schema.Boolean, { nullable: true }),
  async_after_ms: Schema.optional(Schema.NullOr(Schema.Number)),
  database_id: Schema.optional(Schema.NullOr(Schema.String)),
  default_catalog: Schema.optional(Schema.NullOr(Schema.String)),
  default_schema: Schema.optional(Schema.NullOr(Schema.String)),
  dialect: Schema.optional(Schema.NullOr(Schema.String)),
  sql: Schema.String
}).annotations({ identifier: "QueryRequest" })

/**
 * @since 0.1.0
 * @category models
 */
export interface QueryRequest extends Schema.Schema.Type<typeof QueryRequest> {}

/**
 * Wire model `QueryResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const QueryResponse = Schema.Struct({
  columns: Schema.Array(Schema.String),
  execution_time_ms: Schema.Number,
  nullable: Schema.Array(Schema.Boolean),
  preview_row_count: Schema.Number,
  query_run_id: Schema.String,
  result_id: Schema.optional(Schema.NullOr(Schema.String)),
  row_count: Schema.Number,
  rows: Schema.Array(Schema.Array(Schema.Unknown)),
  total_row_count: Schema.optional(Schema.NullOr(Schema.Number)),
  truncated: Schema.Boolean,
  warning: Schema.optional(Schema.NullOr(Schema.String))
}).annotations({ identifier: "QueryResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface QueryResponse extends Schema.Schema.Type<typeof QueryResponse> {}

/**
 * Wire model `RefreshRequest`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RefreshRequest = Schema.Struct({
  async: Schema.optionalWith(Schema.Boolean, { nullable: true }),
  async_after_ms: Schema.optional(Schema.NullOr(Schema.Number)),
  connection_id: Schema.optional(Schema.NullOr(Schema.String)),
  data: Schema.optionalWith(Schema.Boolean, { nullable: true }),
  include_uncached: Schema.optionalWith(Schema.Boolean, { nullable: true }),
  schema_name: Schema.optional(Schema.NullOr(Schema.String)),
  table_name: Schema.optional(Schema.NullOr(Schema.String))
}).annotations({ identifier: "RefreshRequest" })

/**
 * @since 0.1.0
 * @category models
 */
export interface RefreshRequest extends Schema.Schema.Type<typeof RefreshRequest> {}

/**
 * Wire model `SchemaRefreshResult`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SchemaRefreshResult = Schema.Struct({
  connections_failed: Schema.Number,
  connections_refreshed: Schema.Number,
  errors: Schema.optionalWith(Schema.Array(ConnectionSchemaError), { nullable: true }),
  tables_added: Schema.Number,
  tables_discovered: Schema.Number,
  tables_modified: Schema.Number
}).annotations({ identifier: "SchemaRefreshResult" })

/**
 * @since 0.1.0
 * @category models
 */
export interface SchemaRefreshResult extends Schema.Schema.Type<typeof SchemaRefreshResult> {}

/**
 * Wire model `RefreshResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RefreshResponse = Schema.Union(SchemaRefreshResult, TableRefreshResult, ConnectionRefreshResult).annotations({ identifier: "RefreshResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export type RefreshResponse = Schema.Schema.Type<typeof RefreshResponse>

/**
 * Wire model `ResultsFormatQuery`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ResultsFormatQuery = OpenEnum.make("arrow", "json", "csv", "md", "parquet")

/**
 * @since 0.1.0
 * @category models
 */
export type ResultsFormatQuery = Schema.Schema.Type<typeof ResultsFormatQuery>

/**
 * Wire model `SavedQueryDetail`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SavedQueryDetail = Schema.Struct({
  category: Schema.optional(Schema.NullOr(Schema.String)),
  created_at: Schema.String,
  description: Schema.String,
  has_aggregation: Schema.optional(Schema.NullOr(Schema.Boolean)),
  has_group_by: Schema.optional(Schema.NullOr(Schema.Boolean)),
  has_join: Schema.optional(Schema.NullOr(Schema.Boolean)),
  has_limit: Schema.optional(Schema.NullOr(Schema.Boolean)),
  has_order_by: Schema.optional(Schema.NullOr(Schema.Boolean)),
  has_predicate: Schema.optional(Schema.NullOr(Schema.Boolean)),
  id: Schema.String,
  latest_version: Schema.Number,
  name: Schema.String,
  num_tables: Schema.optional(Schema.NullOr(Schema.Number)),
  sql: Schema.String,
  sql_hash: Schema.String,
  table_size: Schema.optional(Schema.NullOr(Schema.String)),
  tags: Schema.Array(Schema.String),
  updated_at: Schema.String
}).annotations({ identifier: "SavedQueryDetail" })

/**
 * @since 0.1.0
 * @category models
 */
export interface SavedQueryDetail extends Schema.Schema.Type<typeof SavedQueryDetail> {}

/**
 * Wire model `SubmitJobResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SubmitJobResponse = Schema.Struct({
  id: Schema.String,
  status: JobStatus,
  status_url: Schema.String
}).annotations({ identifier: "SubmitJobResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface SubmitJobResponse extends Schema.Schema.Type<typeof SubmitJobResponse> {}

/**
 * Wire model `TableProfileResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TableProfileResponse = Schema.Struct({
  columns: Schema.Array(ColumnProfileInfo),
  connection: Schema.String,
  row_count: Schema.Number,
  schema: Schema.String,
  synced_at: Schema.optional(Schema.NullOr(Schema.String)),
  table: Schema.String
}).annotations({ identifier: "TableProfileResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface TableProfileResponse extends Schema.Schema.Type<typeof TableProfileResponse> {}

/**
 * Wire model `TemporalProfileDetail`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TemporalProfileDetail = Schema.Struct({
  max: Schema.String,
  min: Schema.String
}).annotations({ identifier: "TemporalProfileDetail" })

/**
 * @since 0.1.0
 * @category models
 */
export interface TemporalProfileDetail extends Schema.Schema.Type<typeof TemporalProfileDetail> {}

/**
 * Wire model `TextProfileDetail`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TextProfileDetail = Schema.Struct({
  avg_length: Schema.Number,
  max_length: Schema.Number,
  min_length: Schema.Number
}).annotations({ identifier: "TextProfileDetail" })

/**
 * @since 0.1.0
 * @category models
 */
export interface TextProfileDetail extends Schema.Schema.Type<typeof TextProfileDetail> {}

/**
 * Wire model `UpdateEmbeddingProviderRequest`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UpdateEmbeddingProviderRequest = Schema.Struct({
  api_key: Schema.optional(Schema.NullOr(Schema.String)),
  config: Schema.optionalWith(Schema.Unknown, { nullable: true }),
  name: Schema.optional(Schema.NullOr(Schema.String)),
  secret_name: Schema.optional(Schema.NullOr(Schema.String))
}).annotations({ identifier: "UpdateEmbeddingProviderRequest" })

/**
 * @since 0.1.0
 * @category models
 */
export interface UpdateEmbeddingProviderRequest extends Schema.Schema.Type<typeof UpdateEmbeddingProviderRequest> {}

/**
 * Wire model `UpdateEmbeddingProviderResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UpdateEmbeddingProviderResponse = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  updated_at: Schema.String
}).annotations({ identifier: "UpdateEmbeddingProviderResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface UpdateEmbeddingProviderResponse extends Schema.Schema.Type<typeof UpdateEmbeddingProviderResponse> {}

/**
 * Wire model `UpdateSavedQueryRequest`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UpdateSavedQueryRequest = Schema.Struct({
  category_override: Schema.optional(Schema.NullOr(Schema.String)),
  description: Schema.optional(Schema.NullOr(Schema.String)),
  name: Schema.optional(Schema.NullOr(Schema.String)),
  sql: Schema.optional(Schema.NullOr(Schema.String)),
  table_size_override: Schema.optional(Schema.NullOr(Schema.String)),
  tags: Schema.optional(Schema.NullOr(Schema.Array(Schema.String)))
}).annotations({ identifier: "UpdateSavedQueryRequest" })

/**
 * @since 0.1.0
 * @category models
 */
export interface UpdateSavedQueryRequest extends Schema.Schema.Type<typeof UpdateSavedQueryRequest> {}

/**
 * Wire model `UpdateSecretRequest`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UpdateSecretRequest = Schema.Struct({
  value: Schema.String
}).annotations({ identifier: "UpdateSecretRequest" })

/**
 * @since 0.1.0
 * @category models
 */
export interface UpdateSecretRequest extends Schema.Schema.Type<typeof UpdateSecretRequest> {}

/**
 * Wire model `UpdateSecretResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UpdateSecretResponse = Schema.Struct({
  name: Schema.String,
  updated_at: Schema.String
}).annotations({ identifier: "UpdateSecretResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface UpdateSecretResponse extends Schema.Schema.Type<typeof UpdateSecretResponse> {}

/**
 * Wire model `UpsertDatabaseContextRequest`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UpsertDatabaseContextRequest = Schema.Struct({
  content: Schema.String,
  name: Schema.String
}).annotations({ identifier: "UpsertDatabaseContextRequest" })

/**
 * @since 0.1.0
 * @category models
 */
export interface UpsertDatabaseContextRequest extends Schema.Schema.Type<typeof UpsertDatabaseContextRequest> {}

/**
 * Wire model `UpsertDatabaseContextResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UpsertDatabaseContextResponse = Schema.Struct({
  context: DatabaseContextEntry
}).annotations({ identifier: "UpsertDatabaseContextResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface UpsertDatabaseContextResponse extends Schema.Schema.Type<typeof UpsertDatabaseContextResponse> {}

/**
 * Wire model `WorkspaceUsageResponse`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const WorkspaceUsageResponse = Schema.Struct({
  bytes_scanned: Schema.Number,
  query_count: Schema.Number,
  since: Schema.String,
  storage_bytes: Schema.Number,
  storage_captured_at: Schema.optional(Schema.NullOr(Schema.String))
}).annotations({ identifier: "WorkspaceUsageResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface WorkspaceUsageResponse extends Schema.Schema.Type<typeof WorkspaceUsageResponse> {}
