import type { DuckDBConnection } from "@duckdb/node-api"
import { quoteIdent, quoteLiteral } from "../sqlText.js"
import type { Databases } from "./lifecycle.js"
import type { ColumnDescription, EngineDatabase } from "./types.js"

/**
 * The schema of every database file where keyed loads leave their receipt, in the same
 * transaction as their rows. Not listed among the database's schemas and tables.
 *
 * @internal
 */
export const RECEIPTS_SCHEMA = "__hotdata_local"

/** A schema or table of a database's managed catalog, quoted. @internal */
export const qualified = (db: EngineDatabase, schema: string, table?: string): string =>
  `${quoteIdent(db.default_catalog)}.${quoteIdent(schema)}${table === undefined ? "" : `.${quoteIdent(table)}`}`

/** @internal */
export const tableExists = async (conn: DuckDBConnection, db: EngineDatabase, schema: string, table: string) => {
  const reader = await conn.runAndReadAll(
    `SELECT count(*) FROM duckdb_tables() WHERE database_name = ${quoteLiteral(db.default_catalog)} ` +
      `AND schema_name = ${quoteLiteral(schema)} AND table_name = ${quoteLiteral(table)}`
  )
  return Number(reader.getRows()[0]?.[0] ?? 0) > 0
}

/** @internal */
export const createSchema = async (databases: Databases, db: EngineDatabase, schema: string): Promise<void> => {
  await databases.write(db, (conn) => conn.run(`CREATE SCHEMA IF NOT EXISTS ${qualified(db, schema)}`))
}

/** @internal */
export const dropTable = (databases: Databases, db: EngineDatabase, schema: string, table: string) =>
  databases.write(db, async (conn) => {
    const exists = await tableExists(conn, db, schema, table)
    if (exists) await conn.run(`DROP TABLE ${qualified(db, schema, table)}`)
    return exists
  })

/** Creates a DuckDB (ART) index on a managed table. @internal */
export const createIndex = async (
  databases: Databases,
  db: EngineDatabase,
  schema: string,
  table: string,
  name: string,
  columns: ReadonlyArray<string>
): Promise<void> => {
  await databases.write(db, (conn) =>
    conn.run(
      `CREATE INDEX ${quoteIdent(name)} ON ${qualified(db, schema, table)} (${columns.map(quoteIdent).join(", ")})`
    ))
}

/** Drops a DuckDB index of a managed schema, if it is still there. @internal */
export const dropIndex = async (databases: Databases, db: EngineDatabase, schema: string, name: string) => {
  await databases.write(db, (conn) => conn.run(`DROP INDEX IF EXISTS ${qualified(db, schema, name)}`))
}

/** The tables of the managed catalog with their columns. @internal */
export const tables = (databases: Databases, db: EngineDatabase): Promise<
  Array<{ readonly schema: string; readonly table: string; readonly columns: Array<ColumnDescription> }>
> =>
  databases.read(db, async (conn) => {
    const reader = await conn.runAndReadAll(
      `SELECT schema_name, table_name, column_name, data_type, is_nullable FROM duckdb_columns() ` +
        `WHERE database_name = ${quoteLiteral(db.default_catalog)} AND schema_name <> ${
          quoteLiteral(RECEIPTS_SCHEMA)
        } ORDER BY schema_name, table_name, column_index`
    )
    const out = new Map<string, { schema: string; table: string; columns: Array<ColumnDescription> }>()
    for (const row of reader.getRowObjects()) {
      const key = `${row.schema_name}.${row.table_name}`
      let entry = out.get(key)
      if (entry === undefined) {
        entry = { schema: String(row.schema_name), table: String(row.table_name), columns: [] }
        out.set(key, entry)
      }
      entry.columns.push({
        name: String(row.column_name),
        type: String(row.data_type),
        nullable: row.is_nullable === true
      })
    }
    return [...out.values()]
  })

/** @internal */
export const schemas = (databases: Databases, db: EngineDatabase): Promise<Array<string>> =>
  databases.read(db, async (conn) => {
    const reader = await conn.runAndReadAll(
      `SELECT schema_name FROM duckdb_schemas() WHERE database_name = ${quoteLiteral(db.default_catalog)} ` +
        `AND NOT internal AND schema_name <> ${quoteLiteral(RECEIPTS_SCHEMA)} ORDER BY schema_name`
    )
    return reader.getRows().map((row) => String(row[0]))
  })

/** @internal */
export const tableRowCount = (databases: Databases, db: EngineDatabase, schema: string, table: string) =>
  databases.read(db, async (conn) => {
    const reader = await conn.runAndReadAll(`SELECT count(*) FROM ${qualified(db, schema, table)}`)
    return Number(reader.getRows()[0]?.[0] ?? 0)
  })
