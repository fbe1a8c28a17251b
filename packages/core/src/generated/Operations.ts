/**
 * GENERATED FILE, DO NOT EDIT. Produced by scripts/codegen.mjs from spec/openapi.json.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "../Operation.js"
import * as Schemas from "./Schemas.js"

/**
 * `POST /v1/databases/{database_id}/schemas`
 *
 * @since 0.1.0
 * @category operations
 */
export const AddDatabaseSchema = Operation.make({
  id: "add_database_schema",
  group: "databases",
  name: "addSchema",
  method: "POST",
  path: "/v1/databases/{database_id}/schemas",
  pathParams: ["database_id"],
  query: [],
  headers: [],
  payload: Schemas.AddManagedSchemaRequest,
  payloadRequired: true,
  success: [{ status: 201, schema: Schemas.ManagedSchemaResponse }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }, { status: 409, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: false,
  retryable: true,
  reservedPathValues: { database_id: ["bulk"] }
})

/**
 * `POST /v1/databases/{database_id}/schemas/{schema}/tables`
 *
 * @since 0.1.0
 * @category operations
 */
export const AddDatabaseTable = Operation.make({
  id: "add_database_table",
  group: "databases",
  name: "addTable",
  method: "POST",
  path: "/v1/databases/{database_id}/schemas/{schema}/tables",
  pathParams: ["database_id","schema"],
  query: [],
  headers: [],
  payload: Schemas.AddManagedTableRequest,
  payloadRequired: true,
  success: [{ status: 201, schema: Schemas.ManagedTableResponse }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }, { status: 409, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: false,
  retryable: true
})

/**
 * `POST /v1/connections/{connection_id}/schemas`
 *
 * @since 0.1.0
 * @category operations
 */
export const AddManagedSchema = Operation.make({
  id: "add_managed_schema",
  group: "connections",
  name: "addSchema",
  method: "POST",
  path: "/v1/connections/{connection_id}/schemas",
  pathParams: ["connection_id"],
  query: [],
  headers: [],
  payload: Schemas.AddManagedSchemaRequest,
  payloadRequired: true,
  success: [{ status: 201, schema: Schemas.ManagedSchemaResponse }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }, { status: 409, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: false,
  retryable: true
})

/**
 * `POST /v1/connections/{connection_id}/schemas/{schema}/tables`
 *
 * @since 0.1.0
 * @category operations
 */
export const AddManagedTable = Operation.make({
  id: "add_managed_table",
  group: "connections",
  name: "addTable",
  method: "POST",
  path: "/v1/connections/{connection_id}/schemas/{schema}/tables",
  pathParams: ["connection_id","schema"],
  query: [],
  headers: [],
  payload: Schemas.AddManagedTableRequest,
  payloadRequired: true,
  success: [{ status: 201, schema: Schemas.ManagedTableResponse }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }, { status: 409, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: false,
  retryable: true
})

/**
 * `POST /v1/databases/{database_id}/catalogs`
 *
 * @since 0.1.0
 * @category operations
 */
export const AttachDatabaseCatalog = Operation.make({
  id: "attach_database_catalog",
  group: "databases",
  name: "attachCatalog",
  method: "POST",
  path: "/v1/databases/{database_id}/catalogs",
  pathParams: ["database_id"],
  query: [],
  headers: [],
  payload: Schemas.AttachDatabaseCatalogRequest,
  payloadRequired: true,
  success: [{ status: 204, schema: undefined }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }, { status: 409, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: false,
  retryable: true,
  reservedPathValues: { database_id: ["bulk"] }
})

/**
 * `POST /v1/databases/bulk`
 *
 * @since 0.1.0
 * @category operations
 */
export const BulkCreateDatabases = Operation.make({
  id: "bulk_create_databases",
  group: "databases",
  name: "bulkCreate",
  method: "POST",
  path: "/v1/databases/bulk",
  pathParams: [],
  query: [],
  headers: [],
  payload: Schemas.BulkCreateDatabasesRequest,
  payloadRequired: true,
  success: [{ status: 202, schema: Schemas.DatabaseBatchResponse }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 409, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: false,
  retryable: true,
  idempotencyKey: { in: "body", name: "idempotency_key" }
})

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
 * `GET /v1/connections/{connection_id}/health`
 *
 * @since 0.1.0
 * @category operations
 */
export const CheckConnectionHealth = Operation.make({
  id: "check_connection_health",
  group: "connections",
  name: "checkHealth",
  method: "GET",
  path: "/v1/connections/{connection_id}/health",
  pathParams: ["connection_id"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.ConnectionHealthResponse }],
  errors: [{ status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `GET /v1/databases/count`
 *
 * @since 0.1.0
 * @category operations
 */
export const CountDatabases = Operation.make({
  id: "count_databases",
  group: "databases",
  name: "count",
  method: "GET",
  path: "/v1/databases/count",
  pathParams: [],
  query: [{ name: "search", required: false, schema: Schema.String }, { name: "batch", required: false, schema: Schema.String }],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.DatabaseCountResponse }],
  errors: [],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

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
 * `POST /v1/connections`
 *
 * @since 0.1.0
 * @category operations
 */
export const CreateConnection = Operation.make({
  id: "create_connection",
  group: "connections",
  name: "create",
  method: "POST",
  path: "/v1/connections",
  pathParams: [],
  query: [],
  headers: [],
  payload: Schemas.CreateConnectionRequest,
  payloadRequired: true,
  success: [{ status: 201, schema: Schemas.CreateConnectionResponse }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 409, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: false,
  retryable: true
})

/**
 * `POST /v1/databases`
 *
 * @since 0.1.0
 * @category operations
 */
export const CreateDatabase = Operation.make({
  id: "create_database",
  group: "databases",
  name: "create",
  method: "POST",
  path: "/v1/databases",
  pathParams: [],
  query: [],
  headers: [],
  payload: Schemas.CreateDatabaseRequest,
  payloadRequired: true,
  success: [{ status: 201, schema: Schemas.CreateDatabaseResponse }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 500, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: false,
  retryable: true
})

/**
 * `POST /v1/embedding-providers`
 *
 * @since 0.1.0
 * @category operations
 */
export const CreateEmbeddingProvider = Operation.make({
  id: "create_embedding_provider",
  group: "embeddingProviders",
  name: "create",
  method: "POST",
  path: "/v1/embedding-providers",
  pathParams: [],
  query: [],
  headers: [],
  payload: Schemas.CreateEmbeddingProviderRequest,
  payloadRequired: true,
  success: [{ status: 201, schema: Schemas.CreateEmbeddingProviderResponse }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 409, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: false,
  retryable: true
})

/**
 * `POST /v1/connections/{connection_id}/tables/{schema}/{table}/indexes`
 *
 * @since 0.1.0
 * @category operations
 */
export const CreateIndex = Operation.make({
  id: "create_index",
  group: "indexes",
  name: "create",
  method: "POST",
  path: "/v1/connections/{connection_id}/tables/{schema}/{table}/indexes",
  pathParams: ["connection_id","schema","table"],
  query: [],
  headers: [],
  payload: Schemas.CreateIndexRequest,
  payloadRequired: true,
  success: [{ status: 201, schema: Schemas.IndexInfoResponse }, { status: 202, schema: Schemas.SubmitJobResponse }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }, { status: 500, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: false,
  retryable: true
})

/**
 * `POST /v1/queries`
 *
 * @since 0.1.0
 * @category operations
 */
export const CreateSavedQuery = Operation.make({
  id: "create_saved_query",
  group: "savedQueries",
  name: "create",
  method: "POST",
  path: "/v1/queries",
  pathParams: [],
  query: [],
  headers: [],
  payload: Schemas.CreateSavedQueryRequest,
  payloadRequired: true,
  success: [{ status: 201, schema: Schemas.SavedQueryDetail }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: false,
  retryable: true
})

/**
 * `POST /v1/secrets`
 *
 * @since 0.1.0
 * @category operations
 */
export const CreateSecret = Operation.make({
  id: "create_secret",
  group: "secrets",
  name: "create",
  method: "POST",
  path: "/v1/secrets",
  pathParams: [],
  query: [],
  headers: [],
  payload: Schemas.CreateSecretRequest,
  payloadRequired: true,
  success: [{ status: 201, schema: Schemas.CreateSecretResponse }],
  errors: [{ status: 409, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: false,
  retryable: true
})

/**
 * `POST /v1/uploads`
 *
 * @since 0.1.0
 * @category operations
 */
export const CreateUploadSessionHandler = Operation.make({
  id: "create_upload_session_handler",
  group: "uploads",
  name: "create",
  method: "POST",
  path: "/v1/uploads",
  pathParams: [],
  query: [],
  headers: [],
  payload: Schemas.CreateUploadRequest,
  payloadRequired: true,
  success: [{ status: 201, schema: Schemas.UploadSessionResponse }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 501, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: false,
  retryable: true
})

/**
 * `POST /v1/uploads/batch`
 *
 * @since 0.1.0
 * @category operations
 */
export const CreateUploadSessionsBatchHandler = Operation.make({
  id: "create_upload_sessions_batch_handler",
  group: "uploads",
  name: "createBatch",
  method: "POST",
  path: "/v1/uploads/batch",
  pathParams: [],
  query: [],
  headers: [],
  payload: Schemas.BatchCreateUploadRequest,
  payloadRequired: true,
  success: [{ status: 201, schema: Schemas.BatchCreateUploadResponse }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 501, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: false,
  retryable: true
})

/**
 * `POST /v1/workspaces`
 *
 * @since 0.1.0
 * @category operations
 */
export const CreateWorkspace = Operation.make({
  id: "create_workspace",
  group: "workspaces",
  name: "create",
  method: "POST",
  path: "/v1/workspaces",
  pathParams: [],
  query: [],
  headers: [],
  payload: Schemas.CreateWorkspaceRequest,
  payloadRequired: true,
  success: [{ status: 201, schema: Schemas.CreateWorkspaceResponse }],
  errors: [{ status: 400, schema: Schemas.Error }, { status: 401, schema: Schemas.Error }, { status: 403, schema: Schemas.Error }, { status: 404, schema: Schemas.Error }, { status: 422, schema: Schemas.Error }],
  workspaceScoped: false,
  idempotent: false,
  retryable: true
})

/**
 * `DELETE /v1/connections/{connection_id}`
 *
 * @since 0.1.0
 * @category operations
 */
export const DeleteConnection = Operation.make({
  id: "delete_connection",
  group: "connections",
  name: "delete",
  method: "DELETE",
  path: "/v1/connections/{connection_id}",
  pathParams: ["connection_id"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 204, schema: undefined }],
  errors: [{ status: 404, schema: Schemas.ApiErrorResponse }, { status: 409, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `DELETE /v1/databases/{database_id}`
 *
 * @since 0.1.0
 * @category operations
 */
export const DeleteDatabase = Operation.make({
  id: "delete_database",
  group: "databases",
  name: "delete",
  method: "DELETE",
  path: "/v1/databases/{database_id}",
  pathParams: ["database_id"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 204, schema: undefined }],
  errors: [{ status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true,
  reservedPathValues: { database_id: ["bulk", "count"] }
})

/**
 * `DELETE /v1/databases/bulk/{batch_id}`
 *
 * @since 0.1.0
 * @category operations
 */
export const DeleteDatabaseBatch = Operation.make({
  id: "delete_database_batch",
  group: "databases",
  name: "deleteBatch",
  method: "DELETE",
  path: "/v1/databases/bulk/{batch_id}",
  pathParams: ["batch_id"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.DeleteDatabaseBatchResponse }],
  errors: [{ status: 404, schema: Schemas.ApiErrorResponse }, { status: 409, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true,
  reservedPathValues: { batch_id: ["catalogs", "context", "fork", "schemas"] }
})

/**
 * `DELETE /v1/databases/{database_id}/context/{name}`
 *
 * @since 0.1.0
 * @category operations
 */
export const DeleteDatabaseContext = Operation.make({
  id: "delete_database_context",
  group: "databaseContexts",
  name: "delete",
  method: "DELETE",
  path: "/v1/databases/{database_id}/context/{name}",
  pathParams: ["database_id","name"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 204, schema: undefined }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `DELETE /v1/embedding-providers/{id}`
 *
 * @since 0.1.0
 * @category operations
 */
export const DeleteEmbeddingProvider = Operation.make({
  id: "delete_embedding_provider",
  group: "embeddingProviders",
  name: "delete",
  method: "DELETE",
  path: "/v1/embedding-providers/{id}",
  pathParams: ["id"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 204, schema: undefined }],
  errors: [{ status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `DELETE /v1/connections/{connection_id}/tables/{schema}/{table}/indexes/{index_name}`
 *
 * @since 0.1.0
 * @category operations
 */
export const DeleteIndex = Operation.make({
  id: "delete_index",
  group: "indexes",
  name: "delete",
  method: "DELETE",
  path: "/v1/connections/{connection_id}/tables/{schema}/{table}/indexes/{index_name}",
  pathParams: ["connection_id","schema","table","index_name"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 204, schema: undefined }],
  errors: [{ status: 404, schema: Schemas.ApiErrorResponse }, { status: 500, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `DELETE /v1/connections/{connection_id}/schemas/{schema}/tables/{table}`
 *
 * @since 0.1.0
 * @category operations
 */
export const DeleteManagedTable = Operation.make({
  id: "delete_managed_table",
  group: "connections",
  name: "deleteTable",
  method: "DELETE",
  path: "/v1/connections/{connection_id}/schemas/{schema}/tables/{table}",
  pathParams: ["connection_id","schema","table"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 204, schema: undefined }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `DELETE /v1/queries/{id}`
 *
 * @since 0.1.0
 * @category operations
 */
export const DeleteSavedQuery = Operation.make({
  id: "delete_saved_query",
  group: "savedQueries",
  name: "delete",
  method: "DELETE",
  path: "/v1/queries/{id}",
  pathParams: ["id"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 204, schema: undefined }],
  errors: [{ status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `DELETE /v1/secrets/{name}`
 *
 * @since 0.1.0
 * @category operations
 */
export const DeleteSecret = Operation.make({
  id: "delete_secret",
  group: "secrets",
  name: "delete",
  method: "DELETE",
  path: "/v1/secrets/{name}",
  pathParams: ["name"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 204, schema: undefined }],
  errors: [{ status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `DELETE /v1/workspaces/{public_id}`
 *
 * @since 0.1.0
 * @category operations
 */
export const DeleteWorkspace = Operation.make({
  id: "delete_workspace",
  group: "workspaces",
  name: "delete",
  method: "DELETE",
  path: "/v1/workspaces/{public_id}",
  pathParams: ["public_id"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 204, schema: undefined }],
  errors: [{ status: 401, schema: Schemas.Error }, { status: 403, schema: Schemas.Error }, { status: 404, schema: Schemas.Error }],
  workspaceScoped: false,
  idempotent: true,
  retryable: true
})

/**
 * `DELETE /v1/databases/{database_id}/catalogs/{connection_id}`
 *
 * @since 0.1.0
 * @category operations
 */
export const DetachDatabaseCatalog = Operation.make({
  id: "detach_database_catalog",
  group: "databases",
  name: "detachCatalog",
  method: "DELETE",
  path: "/v1/databases/{database_id}/catalogs/{connection_id}",
  pathParams: ["database_id","connection_id"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 204, schema: undefined }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `POST /v1/queries/{id}/execute`
 *
 * @since 0.1.0
 * @category operations
 */
export const ExecuteSavedQuery = Operation.make({
  id: "execute_saved_query",
  group: "savedQueries",
  name: "execute",
  method: "POST",
  path: "/v1/queries/{id}/execute",
  pathParams: ["id"],
  query: [],
  headers: [{ name: "X-Database-Id", key: "database_id", required: true }],
  payload: Schemas.ExecuteSavedQueryRequest,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.QueryResponse }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: false,
  retryable: true
})

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
 * `POST /v1/uploads/{upload_id}/finalize`
 *
 * @since 0.1.0
 * @category operations
 */
export const FinalizeUploadHandler = Operation.make({
  id: "finalize_upload_handler",
  group: "uploads",
  name: "finalize",
  method: "POST",
  path: "/v1/uploads/{upload_id}/finalize",
  pathParams: ["upload_id"],
  query: [],
  headers: [{ name: "X-Upload-Finalize-Token", key: "finalize_token", required: true }],
  payload: Schemas.FinalizeUploadRequest,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.FinalizeUploadResponse }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: false,
  retryable: false
})

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
 * `POST /v1/databases/{database_id}/fork`
 *
 * @since 0.1.0
 * @category operations
 */
export const ForkDatabase = Operation.make({
  id: "fork_database",
  group: "databases",
  name: "fork",
  method: "POST",
  path: "/v1/databases/{database_id}/fork",
  pathParams: ["database_id"],
  query: [],
  headers: [],
  payload: Schemas.ForkDatabaseRequest,
  payloadRequired: true,
  success: [{ status: 201, schema: Schemas.CreateDatabaseResponse }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: false,
  retryable: true,
  reservedPathValues: { database_id: ["bulk"] }
})

/**
 * `GET /v1/connections/{connection_id}`
 *
 * @since 0.1.0
 * @category operations
 */
export const GetConnection = Operation.make({
  id: "get_connection",
  group: "connections",
  name: "get",
  method: "GET",
  path: "/v1/connections/{connection_id}",
  pathParams: ["connection_id"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.GetConnectionResponse }],
  errors: [{ status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `GET /v1/connection-types/{name}`
 *
 * @since 0.1.0
 * @category operations
 */
export const GetConnectionType = Operation.make({
  id: "get_connection_type",
  group: "connectionTypes",
  name: "get",
  method: "GET",
  path: "/v1/connection-types/{name}",
  pathParams: ["name"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.ConnectionTypeDetail }],
  errors: [{ status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `GET /v1/databases/{database_id}`
 *
 * @since 0.1.0
 * @category operations
 */
export const GetDatabase = Operation.make({
  id: "get_database",
  group: "databases",
  name: "get",
  method: "GET",
  path: "/v1/databases/{database_id}",
  pathParams: ["database_id"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.DatabaseDetailResponse }],
  errors: [{ status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true,
  reservedPathValues: { database_id: ["bulk", "count"] }
})

/**
 * `GET /v1/databases/bulk/{batch_id}`
 *
 * @since 0.1.0
 * @category operations
 */
export const GetDatabaseBatch = Operation.make({
  id: "get_database_batch",
  group: "databases",
  name: "getBatch",
  method: "GET",
  path: "/v1/databases/bulk/{batch_id}",
  pathParams: ["batch_id"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.DatabaseBatchResponse }],
  errors: [{ status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true,
  reservedPathValues: { batch_id: ["catalogs", "context", "fork", "schemas"] }
})

/**
 * `GET /v1/databases/{database_id}/context/{name}`
 *
 * @since 0.1.0
 * @category operations
 */
export const GetDatabaseContext = Operation.make({
  id: "get_database_context",
  group: "databaseContexts",
  name: "get",
  method: "GET",
  path: "/v1/databases/{database_id}/context/{name}",
  pathParams: ["database_id","name"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.GetDatabaseContextResponse }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `GET /v1/embedding-providers/{id}`
 *
 * @since 0.1.0
 * @category operations
 */
export const GetEmbeddingProvider = Operation.make({
  id: "get_embedding_provider",
  group: "embeddingProviders",
  name: "get",
  method: "GET",
  path: "/v1/embedding-providers/{id}",
  pathParams: ["id"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.EmbeddingProviderResponse }],
  errors: [{ status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `GET /v1/jobs/{id}`
 *
 * @since 0.1.0
 * @category operations
 */
export const GetJob = Operation.make({
  id: "get_job",
  group: "jobs",
  name: "get",
  method: "GET",
  path: "/v1/jobs/{id}",
  pathParams: ["id"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.JobStatusResponse }],
  errors: [{ status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `GET /v1/query-runs/{id}`
 *
 * @since 0.1.0
 * @category operations
 */
export const GetQueryRun = Operation.make({
  id: "get_query_run",
  group: "queryRuns",
  name: "get",
  method: "GET",
  path: "/v1/query-runs/{id}",
  pathParams: ["id"],
  query: [],
  headers: [{ name: "X-Database-Id", key: "database_id", required: true }],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.QueryRunInfo }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

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
 * `GET /v1/results/{id}`
 *
 * @since 0.1.0
 * @category operations
 */
export const GetResult = Operation.make({
  id: "get_result",
  group: "results",
  name: "get",
  method: "GET",
  path: "/v1/results/{id}",
  pathParams: ["id"],
  query: [{ name: "offset", required: false, schema: Schema.NumberFromString.pipe(Schema.int(), Schema.greaterThanOrEqualTo(0)) }, { name: "limit", required: false, schema: Schema.NumberFromString.pipe(Schema.int(), Schema.greaterThanOrEqualTo(0)) }, { name: "format", required: false, schema: Schemas.ResultsFormatQuery }],
  headers: [{ name: "X-Database-Id", key: "database_id", required: true }],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.GetResultResponse, otherContentTypes: ["application/vnd.apache.arrow.stream","text/csv","text/markdown","application/vnd.apache.parquet"] }, { status: 202, schema: Schemas.GetResultResponse }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }, { status: 409, schema: Schemas.GetResultResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

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
 * `GET /v1/queries/{id}`
 *
 * @since 0.1.0
 * @category operations
 */
export const GetSavedQuery = Operation.make({
  id: "get_saved_query",
  group: "savedQueries",
  name: "get",
  method: "GET",
  path: "/v1/queries/{id}",
  pathParams: ["id"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.SavedQueryDetail }],
  errors: [{ status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `GET /v1/secrets/{name}`
 *
 * @since 0.1.0
 * @category operations
 */
export const GetSecret = Operation.make({
  id: "get_secret",
  group: "secrets",
  name: "get",
  method: "GET",
  path: "/v1/secrets/{name}",
  pathParams: ["name"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.GetSecretResponse }],
  errors: [{ status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `GET /v1/connections/{connection_id}/tables/{schema}/{table}/profile`
 *
 * @since 0.1.0
 * @category operations
 */
export const GetTableProfile = Operation.make({
  id: "get_table_profile",
  group: "connections",
  name: "getTableProfile",
  method: "GET",
  path: "/v1/connections/{connection_id}/tables/{schema}/{table}/profile",
  pathParams: ["connection_id","schema","table"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.TableProfileResponse }],
  errors: [{ status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `GET /v1/usage`
 *
 * @since 0.1.0
 * @category operations
 */
export const GetUsage = Operation.make({
  id: "get_usage",
  group: "usage",
  name: "get",
  method: "GET",
  path: "/v1/usage",
  pathParams: [],
  query: [{ name: "since", required: false, schema: Schema.String }],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.WorkspaceUsageResponse }],
  errors: [],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

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
 * `GET /v1/information_schema`
 *
 * @since 0.1.0
 * @category operations
 */
export const InformationSchema = Operation.make({
  id: "information_schema",
  group: "informationSchema",
  name: "list",
  method: "GET",
  path: "/v1/information_schema",
  pathParams: [],
  query: [{ name: "connection_id", required: false, schema: Schema.String }, { name: "schema", required: false, schema: Schema.String }, { name: "table", required: false, schema: Schema.String }, { name: "include_columns", required: false, schema: Schema.BooleanFromString }, { name: "limit", required: false, schema: Schema.NumberFromString.pipe(Schema.int(), Schema.greaterThanOrEqualTo(0)) }, { name: "cursor", required: false, schema: Schema.String }],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.InformationSchemaResponse }],
  errors: [{ status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true,
  pagination: {"style":"cursor","items":"tables","hasMore":true}
})

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
 * `GET /v1/connection-types`
 *
 * @since 0.1.0
 * @category operations
 */
export const ListConnectionTypes = Operation.make({
  id: "list_connection_types",
  group: "connectionTypes",
  name: "list",
  method: "GET",
  path: "/v1/connection-types",
  pathParams: [],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.ListConnectionTypesResponse }],
  errors: [],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `GET /v1/connections`
 *
 * @since 0.1.0
 * @category operations
 */
export const ListConnections = Operation.make({
  id: "list_connections",
  group: "connections",
  name: "list",
  method: "GET",
  path: "/v1/connections",
  pathParams: [],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.ListConnectionsResponse }],
  errors: [],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `GET /v1/databases/{database_id}/context`
 *
 * @since 0.1.0
 * @category operations
 */
export const ListDatabaseContexts = Operation.make({
  id: "list_database_contexts",
  group: "databaseContexts",
  name: "list",
  method: "GET",
  path: "/v1/databases/{database_id}/context",
  pathParams: ["database_id"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.ListDatabaseContextsResponse }],
  errors: [{ status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true,
  reservedPathValues: { database_id: ["bulk"] }
})

/**
 * `GET /v1/databases`
 *
 * @since 0.1.0
 * @category operations
 */
export const ListDatabases = Operation.make({
  id: "list_databases",
  group: "databases",
  name: "list",
  method: "GET",
  path: "/v1/databases",
  pathParams: [],
  query: [{ name: "limit", required: false, schema: Schema.NumberFromString.pipe(Schema.int(), Schema.greaterThanOrEqualTo(1), Schema.lessThanOrEqualTo(100)) }, { name: "cursor", required: false, schema: Schema.String }, { name: "search", required: false, schema: Schema.String }, { name: "batch", required: false, schema: Schema.String }],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.ListDatabasesResponse }],
  errors: [],
  workspaceScoped: true,
  idempotent: true,
  retryable: true,
  pagination: {"style":"cursor","items":"databases","hasMore":true}
})

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
 * `GET /v1/embedding-providers`
 *
 * @since 0.1.0
 * @category operations
 */
export const ListEmbeddingProviders = Operation.make({
  id: "list_embedding_providers",
  group: "embeddingProviders",
  name: "list",
  method: "GET",
  path: "/v1/embedding-providers",
  pathParams: [],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.ListEmbeddingProvidersResponse }],
  errors: [],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `GET /v1/connections/{connection_id}/tables/{schema}/{table}/indexes`
 *
 * @since 0.1.0
 * @category operations
 */
export const ListIndexes = Operation.make({
  id: "list_indexes",
  group: "indexes",
  name: "list",
  method: "GET",
  path: "/v1/connections/{connection_id}/tables/{schema}/{table}/indexes",
  pathParams: ["connection_id","schema","table"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.ListIndexesResponse }],
  errors: [{ status: 404, schema: Schemas.ApiErrorResponse }, { status: 500, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `GET /v1/indexes`
 *
 * @since 0.1.0
 * @category operations
 */
export const ListIndexesCollection = Operation.make({
  id: "list_indexes_collection",
  group: "indexes",
  name: "listForDatabase",
  method: "GET",
  path: "/v1/indexes",
  pathParams: [],
  query: [{ name: "connection_id", required: false, schema: Schema.String }, { name: "schema", required: false, schema: Schema.String }, { name: "table", required: false, schema: Schema.String }, { name: "index_type", required: false, schema: Schema.String }, { name: "limit", required: false, schema: Schema.NumberFromString.pipe(Schema.int(), Schema.greaterThanOrEqualTo(0)) }, { name: "cursor", required: false, schema: Schema.String }],
  headers: [{ name: "X-Database-Id", key: "database_id", required: true }],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.ListIndexesPageResponse }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }, { status: 500, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true,
  pagination: {"style":"cursor","items":"indexes","hasMore":true}
})

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
 * `GET /v1/jobs`
 *
 * @since 0.1.0
 * @category operations
 */
export const ListJobs = Operation.make({
  id: "list_jobs",
  group: "jobs",
  name: "list",
  method: "GET",
  path: "/v1/jobs",
  pathParams: [],
  query: [{ name: "job_type", required: false, schema: Schemas.JobType }, { name: "status", required: false, schema: Schema.String }, { name: "limit", required: false, schema: Schema.NumberFromString.pipe(Schema.int(), Schema.greaterThanOrEqualTo(0)) }, { name: "offset", required: false, schema: Schema.NumberFromString.pipe(Schema.int(), Schema.greaterThanOrEqualTo(0)) }],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.ListJobsResponse }],
  errors: [],
  workspaceScoped: true,
  idempotent: true,
  retryable: true,
  pagination: {"style":"offset","items":"jobs","hasMore":false}
})

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
 * `GET /v1/query-runs`
 *
 * @since 0.1.0
 * @category operations
 */
export const ListQueryRuns = Operation.make({
  id: "list_query_runs",
  group: "queryRuns",
  name: "list",
  method: "GET",
  path: "/v1/query-runs",
  pathParams: [],
  query: [{ name: "limit", required: false, schema: Schema.NumberFromString.pipe(Schema.int(), Schema.greaterThanOrEqualTo(0)) }, { name: "cursor", required: false, schema: Schema.String }, { name: "status", required: false, schema: Schema.String }, { name: "saved_query_id", required: false, schema: Schema.String }],
  headers: [{ name: "X-Database-Id", key: "database_id", required: true }],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.ListQueryRunsResponse }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true,
  pagination: {"style":"cursor","items":"query_runs","hasMore":true}
})

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
 * `GET /v1/results`
 *
 * @since 0.1.0
 * @category operations
 */
export const ListResults = Operation.make({
  id: "list_results",
  group: "results",
  name: "list",
  method: "GET",
  path: "/v1/results",
  pathParams: [],
  query: [{ name: "limit", required: false, schema: Schema.NumberFromString.pipe(Schema.int(), Schema.greaterThanOrEqualTo(0)) }, { name: "offset", required: false, schema: Schema.NumberFromString.pipe(Schema.int(), Schema.greaterThanOrEqualTo(0)) }],
  headers: [{ name: "X-Database-Id", key: "database_id", required: true }],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.ListResultsResponse }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true,
  pagination: {"style":"offset","items":"results","hasMore":true}
})

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
 * `GET /v1/queries`
 *
 * @since 0.1.0
 * @category operations
 */
export const ListSavedQueries = Operation.make({
  id: "list_saved_queries",
  group: "savedQueries",
  name: "list",
  method: "GET",
  path: "/v1/queries",
  pathParams: [],
  query: [{ name: "limit", required: false, schema: Schema.NumberFromString.pipe(Schema.int(), Schema.greaterThanOrEqualTo(0)) }, { name: "offset", required: false, schema: Schema.NumberFromString.pipe(Schema.int(), Schema.greaterThanOrEqualTo(0)) }],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.ListSavedQueriesResponse }],
  errors: [],
  workspaceScoped: true,
  idempotent: true,
  retryable: true,
  pagination: {"style":"offset","items":"queries","hasMore":true}
})

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
 * `GET /v1/queries/{id}/versions`
 *
 * @since 0.1.0
 * @category operations
 */
export const ListSavedQueryVersions = Operation.make({
  id: "list_saved_query_versions",
  group: "savedQueries",
  name: "listVersions",
  method: "GET",
  path: "/v1/queries/{id}/versions",
  pathParams: ["id"],
  query: [{ name: "limit", required: false, schema: Schema.NumberFromString.pipe(Schema.int(), Schema.greaterThanOrEqualTo(0)) }, { name: "offset", required: false, schema: Schema.NumberFromString.pipe(Schema.int(), Schema.greaterThanOrEqualTo(0)) }],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.ListSavedQueryVersionsResponse }],
  errors: [{ status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true,
  pagination: {"style":"offset","items":"versions","hasMore":true}
})

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
 * `GET /v1/secrets`
 *
 * @since 0.1.0
 * @category operations
 */
export const ListSecrets = Operation.make({
  id: "list_secrets",
  group: "secrets",
  name: "list",
  method: "GET",
  path: "/v1/secrets",
  pathParams: [],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.ListSecretsResponse }],
  errors: [],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `GET /v1/workspaces`
 *
 * @since 0.1.0
 * @category operations
 */
export const ListWorkspaces = Operation.make({
  id: "list_workspaces",
  group: "workspaces",
  name: "list",
  method: "GET",
  path: "/v1/workspaces",
  pathParams: [],
  query: [{ name: "organization_public_id", required: false, schema: Schema.String }],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 200, schema: Schemas.ListWorkspacesResponse }],
  errors: [{ status: 401, schema: Schemas.Error }, { status: 403, schema: Schemas.Error }, { status: 404, schema: Schemas.Error }],
  workspaceScoped: false,
  idempotent: true,
  retryable: true
})

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
 * `POST /v1/databases/{database_id}/schemas/{schema}/tables/{table}/loads`
 *
 * @since 0.1.0
 * @category operations
 */
export const LoadDatabaseTable = Operation.make({
  id: "load_database_table",
  group: "databases",
  name: "loadTable",
  method: "POST",
  path: "/v1/databases/{database_id}/schemas/{schema}/tables/{table}/loads",
  pathParams: ["database_id","schema","table"],
  query: [],
  headers: [],
  payload: Schemas.LoadManagedTableRequest,
  payloadRequired: true,
  success: [{ status: 200, schema: Schemas.LoadManagedTableResponse }, { status: 202, schema: Schemas.SubmitJobResponse }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }, { status: 409, schema: Schemas.ApiErrorResponse }, { status: 413, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: false,
  retryable: true,
  idempotencyKey: { in: "body", name: "idempotency_key" }
})

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
 * `POST /v1/connections/{connection_id}/schemas/{schema}/tables/{table}/loads`
 *
 * @since 0.1.0
 * @category operations
 */
export const LoadManagedTable = Operation.make({
  id: "load_managed_table",
  group: "connections",
  name: "loadTable",
  method: "POST",
  path: "/v1/connections/{connection_id}/schemas/{schema}/tables/{table}/loads",
  pathParams: ["connection_id","schema","table"],
  query: [],
  headers: [],
  payload: Schemas.LoadManagedTableRequest,
  payloadRequired: true,
  success: [{ status: 200, schema: Schemas.LoadManagedTableResponse }, { status: 202, schema: Schemas.SubmitJobResponse }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }, { status: 409, schema: Schemas.ApiErrorResponse }, { status: 413, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: false,
  retryable: true,
  idempotencyKey: { in: "body", name: "idempotency_key" }
})

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
 * `POST /v1/uploads/{upload_id}/parts`
 *
 * @since 0.1.0
 * @category operations
 */
export const MintUploadPartsHandler = Operation.make({
  id: "mint_upload_parts_handler",
  group: "uploads",
  name: "mintParts",
  method: "POST",
  path: "/v1/uploads/{upload_id}/parts",
  pathParams: ["upload_id"],
  query: [],
  headers: [{ name: "X-Upload-Finalize-Token", key: "finalize_token", required: true }],
  payload: Schemas.MintUploadPartsRequest,
  payloadRequired: true,
  success: [{ status: 200, schema: Schemas.MintUploadPartsResponse }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }, { status: 501, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

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
 * `DELETE /v1/connections/{connection_id}/cache`
 *
 * @since 0.1.0
 * @category operations
 */
export const PurgeConnectionCache = Operation.make({
  id: "purge_connection_cache",
  group: "connections",
  name: "purgeCache",
  method: "DELETE",
  path: "/v1/connections/{connection_id}/cache",
  pathParams: ["connection_id"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 204, schema: undefined }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }, { status: 409, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `DELETE /v1/connections/{connection_id}/tables/{schema}/{table}/cache`
 *
 * @since 0.1.0
 * @category operations
 */
export const PurgeTableCache = Operation.make({
  id: "purge_table_cache",
  group: "connections",
  name: "purgeTableCache",
  method: "DELETE",
  path: "/v1/connections/{connection_id}/tables/{schema}/{table}/cache",
  pathParams: ["connection_id","schema","table"],
  query: [],
  headers: [],
  payload: undefined,
  payloadRequired: false,
  success: [{ status: 204, schema: undefined }],
  errors: [{ status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `POST /v1/query`
 *
 * @since 0.1.0
 * @category operations
 */
export const Query = Operation.make({
  id: "query",
  group: "query",
  name: "execute",
  method: "POST",
  path: "/v1/query",
  pathParams: [],
  query: [],
  headers: [{ name: "X-Database-Id", key: "database_id", required: false }],
  payload: Schemas.QueryRequest,
  payloadRequired: true,
  success: [{ status: 200, schema: Schemas.QueryResponse }, { status: 202, schema: Schemas.AsyncQueryResponse }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }, { status: 429, schema: Schemas.ApiErrorResponse }, { status: 500, schema: Schemas.ApiErrorResponse }, { status: 503, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: false,
  retryable: true
})

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
 * `POST /v1/refresh`
 *
 * @since 0.1.0
 * @category operations
 */
export const Refresh = Operation.make({
  id: "refresh",
  group: "refresh",
  name: "execute",
  method: "POST",
  path: "/v1/refresh",
  pathParams: [],
  query: [],
  headers: [],
  payload: Schemas.RefreshRequest,
  payloadRequired: true,
  success: [{ status: 200, schema: Schemas.RefreshResponse }, { status: 202, schema: Schemas.SubmitJobResponse }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }, { status: 409, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: false,
  retryable: true
})

/**
 * `PUT /v1/embedding-providers/{id}`
 *
 * @since 0.1.0
 * @category operations
 */
export const UpdateEmbeddingProvider = Operation.make({
  id: "update_embedding_provider",
  group: "embeddingProviders",
  name: "update",
  method: "PUT",
  path: "/v1/embedding-providers/{id}",
  pathParams: ["id"],
  query: [],
  headers: [],
  payload: Schemas.UpdateEmbeddingProviderRequest,
  payloadRequired: true,
  success: [{ status: 200, schema: Schemas.UpdateEmbeddingProviderResponse }],
  errors: [{ status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `PUT /v1/queries/{id}`
 *
 * @since 0.1.0
 * @category operations
 */
export const UpdateSavedQuery = Operation.make({
  id: "update_saved_query",
  group: "savedQueries",
  name: "update",
  method: "PUT",
  path: "/v1/queries/{id}",
  pathParams: ["id"],
  query: [],
  headers: [],
  payload: Schemas.UpdateSavedQueryRequest,
  payloadRequired: true,
  success: [{ status: 200, schema: Schemas.SavedQueryDetail }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `PUT /v1/secrets/{name}`
 *
 * @since 0.1.0
 * @category operations
 */
export const UpdateSecret = Operation.make({
  id: "update_secret",
  group: "secrets",
  name: "update",
  method: "PUT",
  path: "/v1/secrets/{name}",
  pathParams: ["name"],
  query: [],
  headers: [],
  payload: Schemas.UpdateSecretRequest,
  payloadRequired: true,
  success: [{ status: 200, schema: Schemas.UpdateSecretResponse }],
  errors: [{ status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: true,
  retryable: true
})

/**
 * `POST /v1/databases/{database_id}/context`
 *
 * @since 0.1.0
 * @category operations
 */
export const UpsertDatabaseContext = Operation.make({
  id: "upsert_database_context",
  group: "databaseContexts",
  name: "upsert",
  method: "POST",
  path: "/v1/databases/{database_id}/context",
  pathParams: ["database_id"],
  query: [],
  headers: [],
  payload: Schemas.UpsertDatabaseContextRequest,
  payloadRequired: true,
  success: [{ status: 200, schema: Schemas.UpsertDatabaseContextResponse }],
  errors: [{ status: 400, schema: Schemas.ApiErrorResponse }, { status: 404, schema: Schemas.ApiErrorResponse }],
  workspaceScoped: true,
  idempotent: false,
  retryable: true,
  reservedPathValues: { database_id: ["bulk"] }
})

/**
 * Every operation of the contract, keyed by operation id.
 *
 * @since 0.1.0
 * @category operations
 */
export const all = {
  add_database_schema: AddDatabaseSchema,
  add_database_table: AddDatabaseTable,
  add_managed_schema: AddManagedSchema,
  add_managed_table: AddManagedTable,
  attach_database_catalog: AttachDatabaseCatalog,
  bulk_create_databases: BulkCreateDatabases,
  check_connection_health: CheckConnectionHealth,
  count_databases: CountDatabases,
  create_connection: CreateConnection,
  create_database: CreateDatabase,
  create_embedding_provider: CreateEmbeddingProvider,
  create_index: CreateIndex,
  create_saved_query: CreateSavedQuery,
  create_secret: CreateSecret,
  create_upload_session_handler: CreateUploadSessionHandler,
  create_upload_sessions_batch_handler: CreateUploadSessionsBatchHandler,
  create_workspace: CreateWorkspace,
  delete_connection: DeleteConnection,
  delete_database: DeleteDatabase,
  delete_database_batch: DeleteDatabaseBatch,
  delete_database_context: DeleteDatabaseContext,
  delete_embedding_provider: DeleteEmbeddingProvider,
  delete_index: DeleteIndex,
  delete_managed_table: DeleteManagedTable,
  delete_saved_query: DeleteSavedQuery,
  delete_secret: DeleteSecret,
  delete_workspace: DeleteWorkspace,
  detach_database_catalog: DetachDatabaseCatalog,
  execute_saved_query: ExecuteSavedQuery,
  finalize_upload_handler: FinalizeUploadHandler,
  fork_database: ForkDatabase,
  get_connection: GetConnection,
  get_connection_type: GetConnectionType,
  get_database: GetDatabase,
  get_database_batch: GetDatabaseBatch,
  get_database_context: GetDatabaseContext,
  get_embedding_provider: GetEmbeddingProvider,
  get_job: GetJob,
  get_query_run: GetQueryRun,
  get_result: GetResult,
  get_saved_query: GetSavedQuery,
  get_secret: GetSecret,
  get_table_profile: GetTableProfile,
  get_usage: GetUsage,
  information_schema: InformationSchema,
  list_connection_types: ListConnectionTypes,
  list_connections: ListConnections,
  list_database_contexts: ListDatabaseContexts,
  list_databases: ListDatabases,
  list_embedding_providers: ListEmbeddingProviders,
  list_indexes: ListIndexes,
  list_indexes_collection: ListIndexesCollection,
  list_jobs: ListJobs,
  list_query_runs: ListQueryRuns,
  list_results: ListResults,
  list_saved_queries: ListSavedQueries,
  list_saved_query_versions: ListSavedQueryVersions,
  list_secrets: ListSecrets,
  list_workspaces: ListWorkspaces,
  load_database_table: LoadDatabaseTable,
  load_managed_table: LoadManagedTable,
  mint_upload_parts_handler: MintUploadPartsHandler,
  purge_connection_cache: PurgeConnectionCache,
  purge_table_cache: PurgeTableCache,
  query: Query,
  refresh: Refresh,
  update_embedding_provider: UpdateEmbeddingProvider,
  update_saved_query: UpdateSavedQuery,
  update_secret: UpdateSecret,
  upsert_database_context: UpsertDatabaseContext
} as const
