/**
 * GENERATED FILE, DO NOT EDIT. Produced by scripts/codegen.mjs from spec/openapi.json.
 *
 * @since 0.1.0
 */
import type * as Schemas from "./Schemas.js"

/**
 * What `add_database_schema` (`POST /v1/databases/{database_id}/schemas`, `client.databases.addSchema`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface AddDatabaseSchema {
  readonly id: "add_database_schema"
  readonly group: "databases"
  readonly method: "addSchema"
  /** Path parameters by name. */
  readonly path: {
    readonly database_id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: Schemas.AddManagedSchemaRequest
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 201; readonly body: Schemas.ManagedSchemaResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 409; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `add_database_table` (`POST /v1/databases/{database_id}/schemas/{schema}/tables`, `client.databases.addTable`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface AddDatabaseTable {
  readonly id: "add_database_table"
  readonly group: "databases"
  readonly method: "addTable"
  /** Path parameters by name. */
  readonly path: {
    readonly database_id: string
    readonly schema: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: Schemas.AddManagedTableRequest
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 201; readonly body: Schemas.ManagedTableResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 409; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `add_managed_schema` (`POST /v1/connections/{connection_id}/schemas`, `client.connections.addSchema`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface AddManagedSchema {
  readonly id: "add_managed_schema"
  readonly group: "connections"
  readonly method: "addSchema"
  /** Path parameters by name. */
  readonly path: {
    readonly connection_id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: Schemas.AddManagedSchemaRequest
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 201; readonly body: Schemas.ManagedSchemaResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 409; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `add_managed_table` (`POST /v1/connections/{connection_id}/schemas/{schema}/tables`, `client.connections.addTable`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface AddManagedTable {
  readonly id: "add_managed_table"
  readonly group: "connections"
  readonly method: "addTable"
  /** Path parameters by name. */
  readonly path: {
    readonly connection_id: string
    readonly schema: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: Schemas.AddManagedTableRequest
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 201; readonly body: Schemas.ManagedTableResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 409; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `attach_database_catalog` (`POST /v1/databases/{database_id}/catalogs`, `client.databases.attachCatalog`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface AttachDatabaseCatalog {
  readonly id: "attach_database_catalog"
  readonly group: "databases"
  readonly method: "attachCatalog"
  /** Path parameters by name. */
  readonly path: {
    readonly database_id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: Schemas.AttachDatabaseCatalogRequest
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 204; readonly body?: undefined }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 409; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `bulk_create_databases` (`POST /v1/databases/bulk`, `client.databases.bulkCreate`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface BulkCreateDatabases {
  readonly id: "bulk_create_databases"
  readonly group: "databases"
  readonly method: "bulkCreate"
  /** Path parameters by name. */
  readonly path: {}
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: Schemas.BulkCreateDatabasesRequest
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 202; readonly body: Schemas.DatabaseBatchResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 409; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `check_connection_health` (`GET /v1/connections/{connection_id}/health`, `client.connections.checkHealth`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface CheckConnectionHealth {
  readonly id: "check_connection_health"
  readonly group: "connections"
  readonly method: "checkHealth"
  /** Path parameters by name. */
  readonly path: {
    readonly connection_id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.ConnectionHealthResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `count_databases` (`GET /v1/databases/count`, `client.databases.count`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface CountDatabases {
  readonly id: "count_databases"
  readonly group: "databases"
  readonly method: "count"
  /** Path parameters by name. */
  readonly path: {}
  /** Query parameters, decoded. */
  readonly query: {
    readonly search?: string | undefined
    readonly batch?: string | undefined
  }
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.DatabaseCountResponse }
  /** Each documented error answer. */
  readonly error:
    | never
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `create_connection` (`POST /v1/connections`, `client.connections.create`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface CreateConnection {
  readonly id: "create_connection"
  readonly group: "connections"
  readonly method: "create"
  /** Path parameters by name. */
  readonly path: {}
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: Schemas.CreateConnectionRequest
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 201; readonly body: Schemas.CreateConnectionResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 409; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `create_database` (`POST /v1/databases`, `client.databases.create`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface CreateDatabase {
  readonly id: "create_database"
  readonly group: "databases"
  readonly method: "create"
  /** Path parameters by name. */
  readonly path: {}
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: Schemas.CreateDatabaseRequest
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 201; readonly body: Schemas.CreateDatabaseResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 500; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `create_embedding_provider` (`POST /v1/embedding-providers`, `client.embeddingProviders.create`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface CreateEmbeddingProvider {
  readonly id: "create_embedding_provider"
  readonly group: "embeddingProviders"
  readonly method: "create"
  /** Path parameters by name. */
  readonly path: {}
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: Schemas.CreateEmbeddingProviderRequest
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 201; readonly body: Schemas.CreateEmbeddingProviderResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 409; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `create_index` (`POST /v1/connections/{connection_id}/tables/{schema}/{table}/indexes`, `client.indexes.create`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface CreateIndex {
  readonly id: "create_index"
  readonly group: "indexes"
  readonly method: "create"
  /** Path parameters by name. */
  readonly path: {
    readonly connection_id: string
    readonly schema: string
    readonly table: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: Schemas.CreateIndexRequest
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 201; readonly body: Schemas.IndexInfoResponse }
    | { readonly status: 202; readonly body: Schemas.SubmitJobResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 500; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `create_saved_query` (`POST /v1/queries`, `client.savedQueries.create`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface CreateSavedQuery {
  readonly id: "create_saved_query"
  readonly group: "savedQueries"
  readonly method: "create"
  /** Path parameters by name. */
  readonly path: {}
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: Schemas.CreateSavedQueryRequest
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 201; readonly body: Schemas.SavedQueryDetail }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `create_secret` (`POST /v1/secrets`, `client.secrets.create`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface CreateSecret {
  readonly id: "create_secret"
  readonly group: "secrets"
  readonly method: "create"
  /** Path parameters by name. */
  readonly path: {}
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: Schemas.CreateSecretRequest
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 201; readonly body: Schemas.CreateSecretResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 409; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `create_upload_session_handler` (`POST /v1/uploads`, `client.uploads.create`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface CreateUploadSessionHandler {
  readonly id: "create_upload_session_handler"
  readonly group: "uploads"
  readonly method: "create"
  /** Path parameters by name. */
  readonly path: {}
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: Schemas.CreateUploadRequest
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 201; readonly body: Schemas.UploadSessionResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 501; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `create_upload_sessions_batch_handler` (`POST /v1/uploads/batch`, `client.uploads.createBatch`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface CreateUploadSessionsBatchHandler {
  readonly id: "create_upload_sessions_batch_handler"
  readonly group: "uploads"
  readonly method: "createBatch"
  /** Path parameters by name. */
  readonly path: {}
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: Schemas.BatchCreateUploadRequest
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 201; readonly body: Schemas.BatchCreateUploadResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 501; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `create_workspace` (`POST /v1/workspaces`, `client.workspaces.create`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface CreateWorkspace {
  readonly id: "create_workspace"
  readonly group: "workspaces"
  readonly method: "create"
  /** Path parameters by name. */
  readonly path: {}
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: Schemas.CreateWorkspaceRequest
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 201; readonly body: Schemas.CreateWorkspaceResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.Error }
    | { readonly status: 401; readonly body: Schemas.Error }
    | { readonly status: 403; readonly body: Schemas.Error }
    | { readonly status: 404; readonly body: Schemas.Error }
    | { readonly status: 422; readonly body: Schemas.Error }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `delete_connection` (`DELETE /v1/connections/{connection_id}`, `client.connections.delete`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface DeleteConnection {
  readonly id: "delete_connection"
  readonly group: "connections"
  readonly method: "delete"
  /** Path parameters by name. */
  readonly path: {
    readonly connection_id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 204; readonly body?: undefined }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 409; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `delete_database` (`DELETE /v1/databases/{database_id}`, `client.databases.delete`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface DeleteDatabase {
  readonly id: "delete_database"
  readonly group: "databases"
  readonly method: "delete"
  /** Path parameters by name. */
  readonly path: {
    readonly database_id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 204; readonly body?: undefined }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `delete_database_batch` (`DELETE /v1/databases/bulk/{batch_id}`, `client.databases.deleteBatch`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface DeleteDatabaseBatch {
  readonly id: "delete_database_batch"
  readonly group: "databases"
  readonly method: "deleteBatch"
  /** Path parameters by name. */
  readonly path: {
    readonly batch_id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.DeleteDatabaseBatchResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 409; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `delete_database_context` (`DELETE /v1/databases/{database_id}/context/{name}`, `client.databaseContexts.delete`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface DeleteDatabaseContext {
  readonly id: "delete_database_context"
  readonly group: "databaseContexts"
  readonly method: "delete"
  /** Path parameters by name. */
  readonly path: {
    readonly database_id: string
    readonly name: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 204; readonly body?: undefined }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `delete_embedding_provider` (`DELETE /v1/embedding-providers/{id}`, `client.embeddingProviders.delete`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface DeleteEmbeddingProvider {
  readonly id: "delete_embedding_provider"
  readonly group: "embeddingProviders"
  readonly method: "delete"
  /** Path parameters by name. */
  readonly path: {
    readonly id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 204; readonly body?: undefined }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `delete_index` (`DELETE /v1/connections/{connection_id}/tables/{schema}/{table}/indexes/{index_name}`, `client.indexes.delete`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface DeleteIndex {
  readonly id: "delete_index"
  readonly group: "indexes"
  readonly method: "delete"
  /** Path parameters by name. */
  readonly path: {
    readonly connection_id: string
    readonly schema: string
    readonly table: string
    readonly index_name: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 204; readonly body?: undefined }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 500; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `delete_managed_table` (`DELETE /v1/connections/{connection_id}/schemas/{schema}/tables/{table}`, `client.connections.deleteTable`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface DeleteManagedTable {
  readonly id: "delete_managed_table"
  readonly group: "connections"
  readonly method: "deleteTable"
  /** Path parameters by name. */
  readonly path: {
    readonly connection_id: string
    readonly schema: string
    readonly table: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 204; readonly body?: undefined }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `delete_saved_query` (`DELETE /v1/queries/{id}`, `client.savedQueries.delete`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface DeleteSavedQuery {
  readonly id: "delete_saved_query"
  readonly group: "savedQueries"
  readonly method: "delete"
  /** Path parameters by name. */
  readonly path: {
    readonly id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 204; readonly body?: undefined }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `delete_secret` (`DELETE /v1/secrets/{name}`, `client.secrets.delete`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface DeleteSecret {
  readonly id: "delete_secret"
  readonly group: "secrets"
  readonly method: "delete"
  /** Path parameters by name. */
  readonly path: {
    readonly name: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 204; readonly body?: undefined }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `delete_workspace` (`DELETE /v1/workspaces/{public_id}`, `client.workspaces.delete`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface DeleteWorkspace {
  readonly id: "delete_workspace"
  readonly group: "workspaces"
  readonly method: "delete"
  /** Path parameters by name. */
  readonly path: {
    readonly public_id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 204; readonly body?: undefined }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 401; readonly body: Schemas.Error }
    | { readonly status: 403; readonly body: Schemas.Error }
    | { readonly status: 404; readonly body: Schemas.Error }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `detach_database_catalog` (`DELETE /v1/databases/{database_id}/catalogs/{connection_id}`, `client.databases.detachCatalog`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface DetachDatabaseCatalog {
  readonly id: "detach_database_catalog"
  readonly group: "databases"
  readonly method: "detachCatalog"
  /** Path parameters by name. */
  readonly path: {
    readonly database_id: string
    readonly connection_id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 204; readonly body?: undefined }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `execute_saved_query` (`POST /v1/queries/{id}/execute`, `client.savedQueries.execute`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface ExecuteSavedQuery {
  readonly id: "execute_saved_query"
  readonly group: "savedQueries"
  readonly method: "execute"
  /** Path parameters by name. */
  readonly path: {
    readonly id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {
    readonly database_id: string
  }
  /** The request body. */
  readonly payload: Schemas.ExecuteSavedQueryRequest | undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.QueryResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `finalize_upload_handler` (`POST /v1/uploads/{upload_id}/finalize`, `client.uploads.finalize`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface FinalizeUploadHandler {
  readonly id: "finalize_upload_handler"
  readonly group: "uploads"
  readonly method: "finalize"
  /** Path parameters by name. */
  readonly path: {
    readonly upload_id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {
    readonly finalize_token: string
  }
  /** The request body. */
  readonly payload: Schemas.FinalizeUploadRequest | undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.FinalizeUploadResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `fork_database` (`POST /v1/databases/{database_id}/fork`, `client.databases.fork`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface ForkDatabase {
  readonly id: "fork_database"
  readonly group: "databases"
  readonly method: "fork"
  /** Path parameters by name. */
  readonly path: {
    readonly database_id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: Schemas.ForkDatabaseRequest
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 201; readonly body: Schemas.CreateDatabaseResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `get_connection` (`GET /v1/connections/{connection_id}`, `client.connections.get`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface GetConnection {
  readonly id: "get_connection"
  readonly group: "connections"
  readonly method: "get"
  /** Path parameters by name. */
  readonly path: {
    readonly connection_id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.GetConnectionResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `get_connection_type` (`GET /v1/connection-types/{name}`, `client.connectionTypes.get`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface GetConnectionType {
  readonly id: "get_connection_type"
  readonly group: "connectionTypes"
  readonly method: "get"
  /** Path parameters by name. */
  readonly path: {
    readonly name: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.ConnectionTypeDetail }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `get_database` (`GET /v1/databases/{database_id}`, `client.databases.get`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface GetDatabase {
  readonly id: "get_database"
  readonly group: "databases"
  readonly method: "get"
  /** Path parameters by name. */
  readonly path: {
    readonly database_id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.DatabaseDetailResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `get_database_batch` (`GET /v1/databases/bulk/{batch_id}`, `client.databases.getBatch`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface GetDatabaseBatch {
  readonly id: "get_database_batch"
  readonly group: "databases"
  readonly method: "getBatch"
  /** Path parameters by name. */
  readonly path: {
    readonly batch_id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.DatabaseBatchResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `get_database_context` (`GET /v1/databases/{database_id}/context/{name}`, `client.databaseContexts.get`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface GetDatabaseContext {
  readonly id: "get_database_context"
  readonly group: "databaseContexts"
  readonly method: "get"
  /** Path parameters by name. */
  readonly path: {
    readonly database_id: string
    readonly name: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.GetDatabaseContextResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `get_embedding_provider` (`GET /v1/embedding-providers/{id}`, `client.embeddingProviders.get`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface GetEmbeddingProvider {
  readonly id: "get_embedding_provider"
  readonly group: "embeddingProviders"
  readonly method: "get"
  /** Path parameters by name. */
  readonly path: {
    readonly id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.EmbeddingProviderResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `get_job` (`GET /v1/jobs/{id}`, `client.jobs.get`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface GetJob {
  readonly id: "get_job"
  readonly group: "jobs"
  readonly method: "get"
  /** Path parameters by name. */
  readonly path: {
    readonly id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.JobStatusResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `get_query_run` (`GET /v1/query-runs/{id}`, `client.queryRuns.get`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface GetQueryRun {
  readonly id: "get_query_run"
  readonly group: "queryRuns"
  readonly method: "get"
  /** Path parameters by name. */
  readonly path: {
    readonly id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {
    readonly database_id: string
  }
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.QueryRunInfo }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `get_result` (`GET /v1/results/{id}`, `client.results.get`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface GetResult {
  readonly id: "get_result"
  readonly group: "results"
  readonly method: "get"
  /** Path parameters by name. */
  readonly path: {
    readonly id: string
  }
  /** Query parameters, decoded. */
  readonly query: {
    readonly offset?: number | undefined
    readonly limit?: number | undefined
    readonly format?: Schemas.ResultsFormatQuery | undefined
  }
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {
    readonly database_id: string
  }
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.GetResultResponse }
    | { readonly status: 202; readonly body: Schemas.GetResultResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 409; readonly body: Schemas.GetResultResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: 200
}

/**
 * What `get_saved_query` (`GET /v1/queries/{id}`, `client.savedQueries.get`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface GetSavedQuery {
  readonly id: "get_saved_query"
  readonly group: "savedQueries"
  readonly method: "get"
  /** Path parameters by name. */
  readonly path: {
    readonly id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.SavedQueryDetail }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `get_secret` (`GET /v1/secrets/{name}`, `client.secrets.get`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface GetSecret {
  readonly id: "get_secret"
  readonly group: "secrets"
  readonly method: "get"
  /** Path parameters by name. */
  readonly path: {
    readonly name: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.GetSecretResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `get_table_profile` (`GET /v1/connections/{connection_id}/tables/{schema}/{table}/profile`, `client.connections.getTableProfile`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface GetTableProfile {
  readonly id: "get_table_profile"
  readonly group: "connections"
  readonly method: "getTableProfile"
  /** Path parameters by name. */
  readonly path: {
    readonly connection_id: string
    readonly schema: string
    readonly table: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.TableProfileResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `get_usage` (`GET /v1/usage`, `client.usage.get`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface GetUsage {
  readonly id: "get_usage"
  readonly group: "usage"
  readonly method: "get"
  /** Path parameters by name. */
  readonly path: {}
  /** Query parameters, decoded. */
  readonly query: {
    readonly since?: string | undefined
  }
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.WorkspaceUsageResponse }
  /** Each documented error answer. */
  readonly error:
    | never
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `information_schema` (`GET /v1/information_schema`, `client.informationSchema.list`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface InformationSchema {
  readonly id: "information_schema"
  readonly group: "informationSchema"
  readonly method: "list"
  /** Path parameters by name. */
  readonly path: {}
  /** Query parameters, decoded. */
  readonly query: {
    readonly connection_id?: string | undefined
    readonly schema?: string | undefined
    readonly table?: string | undefined
    readonly include_columns?: boolean | undefined
    readonly limit?: number | undefined
    readonly cursor?: string | undefined
  }
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.InformationSchemaResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `list_connection_types` (`GET /v1/connection-types`, `client.connectionTypes.list`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface ListConnectionTypes {
  readonly id: "list_connection_types"
  readonly group: "connectionTypes"
  readonly method: "list"
  /** Path parameters by name. */
  readonly path: {}
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.ListConnectionTypesResponse }
  /** Each documented error answer. */
  readonly error:
    | never
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `list_connections` (`GET /v1/connections`, `client.connections.list`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface ListConnections {
  readonly id: "list_connections"
  readonly group: "connections"
  readonly method: "list"
  /** Path parameters by name. */
  readonly path: {}
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.ListConnectionsResponse }
  /** Each documented error answer. */
  readonly error:
    | never
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `list_database_contexts` (`GET /v1/databases/{database_id}/context`, `client.databaseContexts.list`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface ListDatabaseContexts {
  readonly id: "list_database_contexts"
  readonly group: "databaseContexts"
  readonly method: "list"
  /** Path parameters by name. */
  readonly path: {
    readonly database_id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.ListDatabaseContextsResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `list_databases` (`GET /v1/databases`, `client.databases.list`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface ListDatabases {
  readonly id: "list_databases"
  readonly group: "databases"
  readonly method: "list"
  /** Path parameters by name. */
  readonly path: {}
  /** Query parameters, decoded. */
  readonly query: {
    readonly limit?: number | undefined
    readonly cursor?: string | undefined
    readonly search?: string | undefined
    readonly batch?: string | undefined
  }
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.ListDatabasesResponse }
  /** Each documented error answer. */
  readonly error:
    | never
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `list_embedding_providers` (`GET /v1/embedding-providers`, `client.embeddingProviders.list`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface ListEmbeddingProviders {
  readonly id: "list_embedding_providers"
  readonly group: "embeddingProviders"
  readonly method: "list"
  /** Path parameters by name. */
  readonly path: {}
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.ListEmbeddingProvidersResponse }
  /** Each documented error answer. */
  readonly error:
    | never
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `list_indexes` (`GET /v1/connections/{connection_id}/tables/{schema}/{table}/indexes`, `client.indexes.list`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface ListIndexes {
  readonly id: "list_indexes"
  readonly group: "indexes"
  readonly method: "list"
  /** Path parameters by name. */
  readonly path: {
    readonly connection_id: string
    readonly schema: string
    readonly table: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.ListIndexesResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 500; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `list_indexes_collection` (`GET /v1/indexes`, `client.indexes.listForDatabase`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface ListIndexesCollection {
  readonly id: "list_indexes_collection"
  readonly group: "indexes"
  readonly method: "listForDatabase"
  /** Path parameters by name. */
  readonly path: {}
  /** Query parameters, decoded. */
  readonly query: {
    readonly connection_id?: string | undefined
    readonly schema?: string | undefined
    readonly table?: string | undefined
    readonly index_type?: string | undefined
    readonly limit?: number | undefined
    readonly cursor?: string | undefined
  }
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {
    readonly database_id: string
  }
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.ListIndexesPageResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 500; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `list_jobs` (`GET /v1/jobs`, `client.jobs.list`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface ListJobs {
  readonly id: "list_jobs"
  readonly group: "jobs"
  readonly method: "list"
  /** Path parameters by name. */
  readonly path: {}
  /** Query parameters, decoded. */
  readonly query: {
    readonly job_type?: Schemas.JobType | undefined
    readonly status?: string | undefined
    readonly limit?: number | undefined
    readonly offset?: number | undefined
  }
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.ListJobsResponse }
  /** Each documented error answer. */
  readonly error:
    | never
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `list_query_runs` (`GET /v1/query-runs`, `client.queryRuns.list`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface ListQueryRuns {
  readonly id: "list_query_runs"
  readonly group: "queryRuns"
  readonly method: "list"
  /** Path parameters by name. */
  readonly path: {}
  /** Query parameters, decoded. */
  readonly query: {
    readonly limit?: number | undefined
    readonly cursor?: string | undefined
    readonly status?: string | undefined
    readonly saved_query_id?: string | undefined
  }
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {
    readonly database_id: string
  }
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.ListQueryRunsResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `list_results` (`GET /v1/results`, `client.results.list`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface ListResults {
  readonly id: "list_results"
  readonly group: "results"
  readonly method: "list"
  /** Path parameters by name. */
  readonly path: {}
  /** Query parameters, decoded. */
  readonly query: {
    readonly limit?: number | undefined
    readonly offset?: number | undefined
  }
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {
    readonly database_id: string
  }
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.ListResultsResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `list_saved_queries` (`GET /v1/queries`, `client.savedQueries.list`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface ListSavedQueries {
  readonly id: "list_saved_queries"
  readonly group: "savedQueries"
  readonly method: "list"
  /** Path parameters by name. */
  readonly path: {}
  /** Query parameters, decoded. */
  readonly query: {
    readonly limit?: number | undefined
    readonly offset?: number | undefined
  }
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.ListSavedQueriesResponse }
  /** Each documented error answer. */
  readonly error:
    | never
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `list_saved_query_versions` (`GET /v1/queries/{id}/versions`, `client.savedQueries.listVersions`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface ListSavedQueryVersions {
  readonly id: "list_saved_query_versions"
  readonly group: "savedQueries"
  readonly method: "listVersions"
  /** Path parameters by name. */
  readonly path: {
    readonly id: string
  }
  /** Query parameters, decoded. */
  readonly query: {
    readonly limit?: number | undefined
    readonly offset?: number | undefined
  }
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.ListSavedQueryVersionsResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `list_secrets` (`GET /v1/secrets`, `client.secrets.list`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface ListSecrets {
  readonly id: "list_secrets"
  readonly group: "secrets"
  readonly method: "list"
  /** Path parameters by name. */
  readonly path: {}
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.ListSecretsResponse }
  /** Each documented error answer. */
  readonly error:
    | never
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `list_workspaces` (`GET /v1/workspaces`, `client.workspaces.list`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface ListWorkspaces {
  readonly id: "list_workspaces"
  readonly group: "workspaces"
  readonly method: "list"
  /** Path parameters by name. */
  readonly path: {}
  /** Query parameters, decoded. */
  readonly query: {
    readonly organization_public_id?: string | undefined
  }
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.ListWorkspacesResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 401; readonly body: Schemas.Error }
    | { readonly status: 403; readonly body: Schemas.Error }
    | { readonly status: 404; readonly body: Schemas.Error }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `load_database_table` (`POST /v1/databases/{database_id}/schemas/{schema}/tables/{table}/loads`, `client.databases.loadTable`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface LoadDatabaseTable {
  readonly id: "load_database_table"
  readonly group: "databases"
  readonly method: "loadTable"
  /** Path parameters by name. */
  readonly path: {
    readonly database_id: string
    readonly schema: string
    readonly table: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: Schemas.LoadManagedTableRequest
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.LoadManagedTableResponse }
    | { readonly status: 202; readonly body: Schemas.SubmitJobResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 409; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 413; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `load_managed_table` (`POST /v1/connections/{connection_id}/schemas/{schema}/tables/{table}/loads`, `client.connections.loadTable`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface LoadManagedTable {
  readonly id: "load_managed_table"
  readonly group: "connections"
  readonly method: "loadTable"
  /** Path parameters by name. */
  readonly path: {
    readonly connection_id: string
    readonly schema: string
    readonly table: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: Schemas.LoadManagedTableRequest
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.LoadManagedTableResponse }
    | { readonly status: 202; readonly body: Schemas.SubmitJobResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 409; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 413; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `mint_upload_parts_handler` (`POST /v1/uploads/{upload_id}/parts`, `client.uploads.mintParts`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface MintUploadPartsHandler {
  readonly id: "mint_upload_parts_handler"
  readonly group: "uploads"
  readonly method: "mintParts"
  /** Path parameters by name. */
  readonly path: {
    readonly upload_id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {
    readonly finalize_token: string
  }
  /** The request body. */
  readonly payload: Schemas.MintUploadPartsRequest
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.MintUploadPartsResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 501; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `purge_connection_cache` (`DELETE /v1/connections/{connection_id}/cache`, `client.connections.purgeCache`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface PurgeConnectionCache {
  readonly id: "purge_connection_cache"
  readonly group: "connections"
  readonly method: "purgeCache"
  /** Path parameters by name. */
  readonly path: {
    readonly connection_id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 204; readonly body?: undefined }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 409; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `purge_table_cache` (`DELETE /v1/connections/{connection_id}/tables/{schema}/{table}/cache`, `client.connections.purgeTableCache`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface PurgeTableCache {
  readonly id: "purge_table_cache"
  readonly group: "connections"
  readonly method: "purgeTableCache"
  /** Path parameters by name. */
  readonly path: {
    readonly connection_id: string
    readonly schema: string
    readonly table: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: undefined
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 204; readonly body?: undefined }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `query` (`POST /v1/query`, `client.query.execute`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface Query {
  readonly id: "query"
  readonly group: "query"
  readonly method: "execute"
  /** Path parameters by name. */
  readonly path: {}
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {
    readonly database_id?: string | undefined
  }
  /** The request body. */
  readonly payload: Schemas.QueryRequest
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.QueryResponse }
    | { readonly status: 202; readonly body: Schemas.AsyncQueryResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 429; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 500; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 503; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `refresh` (`POST /v1/refresh`, `client.refresh.execute`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface Refresh {
  readonly id: "refresh"
  readonly group: "refresh"
  readonly method: "execute"
  /** Path parameters by name. */
  readonly path: {}
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: Schemas.RefreshRequest
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.RefreshResponse }
    | { readonly status: 202; readonly body: Schemas.SubmitJobResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 409; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `update_embedding_provider` (`PUT /v1/embedding-providers/{id}`, `client.embeddingProviders.update`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface UpdateEmbeddingProvider {
  readonly id: "update_embedding_provider"
  readonly group: "embeddingProviders"
  readonly method: "update"
  /** Path parameters by name. */
  readonly path: {
    readonly id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: Schemas.UpdateEmbeddingProviderRequest
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.UpdateEmbeddingProviderResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `update_saved_query` (`PUT /v1/queries/{id}`, `client.savedQueries.update`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface UpdateSavedQuery {
  readonly id: "update_saved_query"
  readonly group: "savedQueries"
  readonly method: "update"
  /** Path parameters by name. */
  readonly path: {
    readonly id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: Schemas.UpdateSavedQueryRequest
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.SavedQueryDetail }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `update_secret` (`PUT /v1/secrets/{name}`, `client.secrets.update`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface UpdateSecret {
  readonly id: "update_secret"
  readonly group: "secrets"
  readonly method: "update"
  /** Path parameters by name. */
  readonly path: {
    readonly name: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: Schemas.UpdateSecretRequest
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.UpdateSecretResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * What `upsert_database_context` (`POST /v1/databases/{database_id}/context`, `client.databaseContexts.upsert`) takes and answers.
 *
 * @since 0.1.0
 * @category operations
 */
export interface UpsertDatabaseContext {
  readonly id: "upsert_database_context"
  readonly group: "databaseContexts"
  readonly method: "upsert"
  /** Path parameters by name. */
  readonly path: {
    readonly database_id: string
  }
  /** Query parameters, decoded. */
  readonly query: {}
  /** Header parameters by their option key (`X-Database-Id` is `database_id`). */
  readonly headers: {}
  /** The request body. */
  readonly payload: Schemas.UpsertDatabaseContextRequest
  /** Each documented success answer. */
  readonly success:
    | { readonly status: 200; readonly body: Schemas.UpsertDatabaseContextResponse }
  /** Each documented error answer. */
  readonly error:
    | { readonly status: 400; readonly body: Schemas.ApiErrorResponse }
    | { readonly status: 404; readonly body: Schemas.ApiErrorResponse }
  /** The statuses whose body may be other than JSON (streamed formats). */
  readonly streamed: never
}

/**
 * The types of every operation of the contract, keyed by operation id.
 *
 * @since 0.1.0
 * @category operations
 */
export interface ById {
  readonly add_database_schema: AddDatabaseSchema
  readonly add_database_table: AddDatabaseTable
  readonly add_managed_schema: AddManagedSchema
  readonly add_managed_table: AddManagedTable
  readonly attach_database_catalog: AttachDatabaseCatalog
  readonly bulk_create_databases: BulkCreateDatabases
  readonly check_connection_health: CheckConnectionHealth
  readonly count_databases: CountDatabases
  readonly create_connection: CreateConnection
  readonly create_database: CreateDatabase
  readonly create_embedding_provider: CreateEmbeddingProvider
  readonly create_index: CreateIndex
  readonly create_saved_query: CreateSavedQuery
  readonly create_secret: CreateSecret
  readonly create_upload_session_handler: CreateUploadSessionHandler
  readonly create_upload_sessions_batch_handler: CreateUploadSessionsBatchHandler
  readonly create_workspace: CreateWorkspace
  readonly delete_connection: DeleteConnection
  readonly delete_database: DeleteDatabase
  readonly delete_database_batch: DeleteDatabaseBatch
  readonly delete_database_context: DeleteDatabaseContext
  readonly delete_embedding_provider: DeleteEmbeddingProvider
  readonly delete_index: DeleteIndex
  readonly delete_managed_table: DeleteManagedTable
  readonly delete_saved_query: DeleteSavedQuery
  readonly delete_secret: DeleteSecret
  readonly delete_workspace: DeleteWorkspace
  readonly detach_database_catalog: DetachDatabaseCatalog
  readonly execute_saved_query: ExecuteSavedQuery
  readonly finalize_upload_handler: FinalizeUploadHandler
  readonly fork_database: ForkDatabase
  readonly get_connection: GetConnection
  readonly get_connection_type: GetConnectionType
  readonly get_database: GetDatabase
  readonly get_database_batch: GetDatabaseBatch
  readonly get_database_context: GetDatabaseContext
  readonly get_embedding_provider: GetEmbeddingProvider
  readonly get_job: GetJob
  readonly get_query_run: GetQueryRun
  readonly get_result: GetResult
  readonly get_saved_query: GetSavedQuery
  readonly get_secret: GetSecret
  readonly get_table_profile: GetTableProfile
  readonly get_usage: GetUsage
  readonly information_schema: InformationSchema
  readonly list_connection_types: ListConnectionTypes
  readonly list_connections: ListConnections
  readonly list_database_contexts: ListDatabaseContexts
  readonly list_databases: ListDatabases
  readonly list_embedding_providers: ListEmbeddingProviders
  readonly list_indexes: ListIndexes
  readonly list_indexes_collection: ListIndexesCollection
  readonly list_jobs: ListJobs
  readonly list_query_runs: ListQueryRuns
  readonly list_results: ListResults
  readonly list_saved_queries: ListSavedQueries
  readonly list_saved_query_versions: ListSavedQueryVersions
  readonly list_secrets: ListSecrets
  readonly list_workspaces: ListWorkspaces
  readonly load_database_table: LoadDatabaseTable
  readonly load_managed_table: LoadManagedTable
  readonly mint_upload_parts_handler: MintUploadPartsHandler
  readonly purge_connection_cache: PurgeConnectionCache
  readonly purge_table_cache: PurgeTableCache
  readonly query: Query
  readonly refresh: Refresh
  readonly update_embedding_provider: UpdateEmbeddingProvider
  readonly update_saved_query: UpdateSavedQuery
  readonly update_secret: UpdateSecret
  readonly upsert_database_context: UpsertDatabaseContext
}

/**
 * An operation id of the contract.
 *
 * @since 0.1.0
 * @category operations
 */
export type Id = keyof ById

/**
 * The operation id of each client method, by group.
 *
 * @since 0.1.0
 * @category operations
 */
export interface ByGroup {
  readonly databases: {
    readonly addSchema: "add_database_schema"
    readonly addTable: "add_database_table"
    readonly attachCatalog: "attach_database_catalog"
    readonly bulkCreate: "bulk_create_databases"
    readonly count: "count_databases"
    readonly create: "create_database"
    readonly delete: "delete_database"
    readonly deleteBatch: "delete_database_batch"
    readonly detachCatalog: "detach_database_catalog"
    readonly fork: "fork_database"
    readonly get: "get_database"
    readonly getBatch: "get_database_batch"
    readonly list: "list_databases"
    readonly loadTable: "load_database_table"
  }
  readonly connections: {
    readonly addSchema: "add_managed_schema"
    readonly addTable: "add_managed_table"
    readonly checkHealth: "check_connection_health"
    readonly create: "create_connection"
    readonly delete: "delete_connection"
    readonly deleteTable: "delete_managed_table"
    readonly get: "get_connection"
    readonly getTableProfile: "get_table_profile"
    readonly list: "list_connections"
    readonly loadTable: "load_managed_table"
    readonly purgeCache: "purge_connection_cache"
    readonly purgeTableCache: "purge_table_cache"
  }
  readonly embeddingProviders: {
    readonly create: "create_embedding_provider"
    readonly delete: "delete_embedding_provider"
    readonly get: "get_embedding_provider"
    readonly list: "list_embedding_providers"
    readonly update: "update_embedding_provider"
  }
  readonly indexes: {
    readonly create: "create_index"
    readonly delete: "delete_index"
    readonly list: "list_indexes"
    readonly listForDatabase: "list_indexes_collection"
  }
  readonly savedQueries: {
    readonly create: "create_saved_query"
    readonly delete: "delete_saved_query"
    readonly execute: "execute_saved_query"
    readonly get: "get_saved_query"
    readonly list: "list_saved_queries"
    readonly listVersions: "list_saved_query_versions"
    readonly update: "update_saved_query"
  }
  readonly secrets: {
    readonly create: "create_secret"
    readonly delete: "delete_secret"
    readonly get: "get_secret"
    readonly list: "list_secrets"
    readonly update: "update_secret"
  }
  readonly uploads: {
    readonly create: "create_upload_session_handler"
    readonly createBatch: "create_upload_sessions_batch_handler"
    readonly finalize: "finalize_upload_handler"
    readonly mintParts: "mint_upload_parts_handler"
  }
  readonly workspaces: {
    readonly create: "create_workspace"
    readonly delete: "delete_workspace"
    readonly list: "list_workspaces"
  }
  readonly databaseContexts: {
    readonly delete: "delete_database_context"
    readonly get: "get_database_context"
    readonly list: "list_database_contexts"
    readonly upsert: "upsert_database_context"
  }
  readonly connectionTypes: {
    readonly get: "get_connection_type"
    readonly list: "list_connection_types"
  }
  readonly jobs: {
    readonly get: "get_job"
    readonly list: "list_jobs"
  }
  readonly queryRuns: {
    readonly get: "get_query_run"
    readonly list: "list_query_runs"
  }
  readonly results: {
    readonly get: "get_result"
    readonly list: "list_results"
  }
  readonly usage: {
    readonly get: "get_usage"
  }
  readonly informationSchema: {
    readonly list: "information_schema"
  }
  readonly query: {
    readonly execute: "query"
  }
  readonly refresh: {
    readonly execute: "refresh"
  }
}
