/**
 * What SQL sent to the API may do, on top of each database's DuckDB sandbox (external access
 * off, reachable files limited, configuration locked): deny by default. A script may query,
 * change and define data in the catalogs its database sees; it may not attach, detach,
 * copy, export or import databases or files, install or load extensions, turn on logging or
 * profiling, nor call any table function that is not known to only read (see
 * {@link allowedTableFunctions}).
 *
 * The text is read before anything runs ({@link refuseScript}); each statement's type, as
 * DuckDB prepared it, is checked again before it runs ({@link refuseStatementType}).
 *
 * @internal
 */
import { type SqlToken, sqlTokens } from "./sqlText.js"

/**
 * Table functions (and table macros) user SQL may call: generators, readers (which reach
 * only what the sandbox lets them: the database's own staging directory), and catalog
 * views. Every other table function DuckDB knows is refused.
 *
 * @internal
 */
export const allowedTableFunctions: ReadonlySet<string> = new Set([
  "range",
  "generate_series",
  "unnest",
  "repeat",
  "repeat_row",
  "summary",
  "histogram",
  "histogram_values",
  "json_each",
  "json_tree",
  "glob",
  "read_blob",
  "read_text",
  "read_csv",
  "read_csv_auto",
  "sniff_csv",
  "read_json",
  "read_json_auto",
  "read_json_objects",
  "read_json_objects_auto",
  "read_ndjson",
  "read_ndjson_auto",
  "read_ndjson_objects",
  "read_parquet",
  "parquet_scan",
  "parquet_metadata",
  "parquet_schema",
  "parquet_file_metadata",
  "parquet_kv_metadata",
  "parquet_full_metadata",
  "parquet_bloom_probe",
  "checkpoint",
  "duckdb_columns",
  "duckdb_constraints",
  "duckdb_databases",
  "duckdb_dependencies",
  "duckdb_functions",
  "duckdb_indexes",
  "duckdb_keywords",
  "duckdb_schemas",
  "duckdb_sequences",
  "duckdb_tables",
  "duckdb_types",
  "duckdb_views",
  "duckdb_settings",
  "duckdb_variables",
  "duckdb_prepared_statements",
  "duckdb_optimizers",
  "duckdb_memory",
  "duckdb_coordinate_systems",
  "pragma_table_info",
  "pragma_show",
  "pragma_storage_info",
  "pragma_database_size",
  "pragma_metadata_info",
  "pragma_version",
  "pragma_platform",
  "pragma_collations",
  "pragma_user_agent",
  "pg_timezone_names",
  "icu_calendar_names",
  "test_all_types",
  "test_vector_types",
  "sql_auto_complete"
])

/** Scalar functions refused although they return a value: they act on the engine's logs. @internal */
export const deniedScalarFunctions: ReadonlySet<string> = new Set(["write_log"])

/** `PRAGMA <name>` forms user SQL may use: each only reads (DuckDB runs them as queries). */
const allowedPragmas: ReadonlySet<string> = new Set([
  "table_info",
  "show_tables",
  "show_tables_expanded",
  "show_databases",
  "database_list",
  "database_size",
  "storage_info",
  "metadata_info",
  "version",
  "platform",
  "functions",
  "collations",
  "user_agent"
])

/** Words a statement that `EXPLAIN ANALYZE` or `PREPARE ... AS` may wrap starts with: queries and DML. */
const dataStatementStarts: ReadonlySet<string> = new Set([
  "select",
  "with",
  "from",
  "values",
  "table",
  "insert",
  "update",
  "delete",
  "merge",
  "pivot",
  "unpivot",
  "describe",
  "show",
  "summarize"
])

const FILES = "SQL cannot reach files: load data through the loads API and read results through /v1/results"

/** Why statements that start with these words are refused. */
const refusedLeadingWords: Readonly<Record<string, string>> = {
  attach: "ATTACH is not available in SQL: a database sees other catalogs through POST /v1/databases/{id}/catalogs",
  detach: "DETACH is not available in SQL: use DELETE /v1/databases/{id}/catalogs/{connection_id}",
  copy: `COPY is not available: ${FILES}`,
  export: `EXPORT DATABASE is not available: ${FILES}`,
  import: `IMPORT DATABASE is not available: ${FILES}`,
  install: "extensions cannot be installed or loaded on this server",
  load: "extensions cannot be installed or loaded on this server",
  force: "FORCE INSTALL and FORCE CHECKPOINT are not available on this server"
}

/**
 * Statement types (DuckDB's `StatementType` names) a script may run. Anything else — ATTACH,
 * DETACH, COPY, EXPORT, PRAGMA statements that change the engine, LOAD/INSTALL, extension
 * updates, ... — is refused before it runs.
 */
const allowedStatementTypes: ReadonlySet<string> = new Set([
  "SELECT",
  "INSERT",
  "UPDATE",
  "DELETE",
  "MERGE_INTO",
  "CREATE",
  "CREATE_FUNC",
  "DROP",
  "ALTER",
  "TRANSACTION",
  "EXPLAIN",
  "PREPARE",
  "EXECUTE",
  "ANALYZE",
  "VACUUM",
  "SET",
  "VARIABLE_SET",
  // CALL runs a table function, and every function name in the text was checked.
  "CALL"
])

/** Names of statement types, for messages: `COPY_DATABASE` → `COPY FROM DATABASE`. */
const statementNames: Readonly<Record<string, string>> = {
  COPY_DATABASE: "COPY FROM DATABASE",
  LOAD: "INSTALL and LOAD",
  EXTENSION: "extension",
  UPDATE_EXTENSIONS: "UPDATE EXTENSIONS",
  PRAGMA: "this PRAGMA"
}

/**
 * Why a statement of this type may not run, or `undefined` when it may.
 *
 * @internal
 */
export const refuseStatementType = (type: string): string | undefined => {
  if (allowedStatementTypes.has(type)) return undefined
  const leading = refusedLeadingWords[type.toLowerCase()]
  if (leading !== undefined) return leading
  return `${statementNames[type] ?? type} statements are not available in this server's SQL`
}

const isNameToken = (token: SqlToken | undefined): token is SqlToken =>
  token !== undefined && (token.kind === "word" || token.kind === "name")

/**
 * Whether the statement starting at `tokens[at]` (what `EXPLAIN ANALYZE` or `PREPARE` wraps)
 * is a query or DML: a parenthesized group that does not start a query is taken as options
 * (`EXPLAIN (ANALYZE, FORMAT json) SELECT ...`) and skipped.
 */
const wrapsDataStatement = (tokens: ReadonlyArray<SqlToken>, at: number): boolean => {
  let i = at
  if (tokens[i]?.text === "(" && !dataStatementStarts.has(tokens[i + 1]?.text ?? "") && tokens[i + 1]?.text !== "(") {
    let depth = 0
    for (; i < tokens.length; i++) {
      if (tokens[i]!.kind !== "punct") continue
      if (tokens[i]!.text === "(") depth++
      else if (tokens[i]!.text === ")" && --depth === 0) break
    }
    i++
  }
  while (tokens[i]?.text === "(") i++
  const first = tokens[i]
  return first !== undefined && first.kind === "word" && dataStatementStarts.has(first.text)
}

/**
 * Why a script may not run, read from its text alone before any of it runs, or
 * `undefined`. `deniedFunctions` are the lower-cased names of the table functions (and
 * scalar functions) to refuse.
 *
 * @internal
 */
export const refuseScript = (sql: string, deniedFunctions: ReadonlySet<string>): string | undefined => {
  // DuckDB reads SQL as a C string: text after a NUL would be silently dropped.
  if (sql.includes("\0")) return "SQL must not contain NUL characters"
  const tokens = sqlTokens(sql)
  let statementStart = true
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token.kind === "punct") {
      if (token.text === ";") statementStart = true
      else if (token.text === "(" && i > 0 && isNameToken(tokens[i - 1])) {
        const name = tokens[i - 1]!.text
        if (deniedFunctions.has(name)) {
          return `the function ${name} is not available in this server's SQL: it reaches files, settings, logs or other databases`
        }
      }
      continue
    }
    const leading = statementStart && token.kind === "word"
    statementStart = false
    if (!leading) continue
    const refusal = refusedLeadingWords[token.text]
    if (refusal !== undefined) return refusal
    if (token.text === "pragma") {
      const name = tokens[i + 1]
      if (!isNameToken(name) || !allowedPragmas.has(name.text)) {
        return `PRAGMA${isNameToken(name) ? ` ${name.text}` : ""} is not available in this server's SQL`
      }
    }
    if (token.text === "explain") {
      const analyze = tokens[i + 1]?.text === "analyze" || tokens[i + 1]?.text === "analyse"
      if (!wrapsDataStatement(tokens, analyze ? i + 2 : i + 1)) {
        return "EXPLAIN is available for queries and INSERT, UPDATE, DELETE or MERGE statements only"
      }
    }
    if (token.text === "prepare") {
      const as = tokens.findIndex((t, k) => k > i && t.kind === "word" && t.text === "as")
      if (as < 0 || !wrapsDataStatement(tokens, as + 1)) {
        return "PREPARE is available for queries and INSERT, UPDATE, DELETE or MERGE statements only"
      }
    }
  }
  return undefined
}
