import * as fs from "node:fs"
import { ApiError, badRequest, cleanMessage } from "../errors.js"
import { quoteIdent, quoteLiteral } from "../sqlText.js"
import { qualified, RECEIPTS_SCHEMA, tableExists } from "./ddl.js"
import type { Databases } from "./lifecycle.js"
import type { EngineDatabase, LoadOutcome, LoadReceipt, LoadSource } from "./types.js"

const receiptsTable = (db: EngineDatabase): string =>
  `${quoteIdent(db.default_catalog)}.${quoteIdent(RECEIPTS_SCHEMA)}.load_keys`

const sourceSql = (source: LoadSource): string => {
  const file = quoteLiteral(source.file)
  switch (source.format) {
    case "parquet":
      return `read_parquet(${file})`
    case "json":
      return `read_json(${file}, format = 'newline_delimited'${
        source.compression ? `, compression = '${source.compression}'` : ""
      })`
    case "csv": {
      const types = source.columns && Object.keys(source.columns).length > 0
        ? `, types = {${
          Object.entries(source.columns).map(([k, v]) => `${quoteLiteral(k)}: ${quoteLiteral(v)}`).join(", ")
        }}`
        : ""
      return `read_csv(${file}, header = true, auto_detect = true${types}${
        source.compression ? `, compression = '${source.compression}'` : ""
      })`
    }
  }
}

/**
 * Loads a file into a managed table with one of the load modes, creating the schema and
 * table when needed. Returns the table's row count and columns afterwards.
 *
 * @internal
 */
export const loadTable = (
  databases: Databases,
  db: EngineDatabase,
  schema: string,
  table: string,
  source: LoadSource,
  mode: string,
  key: ReadonlyArray<string> | null,
  receipt?: LoadReceipt
): Promise<LoadOutcome> => {
  const staged = databases.stage(db, source.file)
  return databases.write(db, async (conn) => {
    const target = qualified(db, schema, table)
    const src = sourceSql({ ...source, file: staged.file })
    try {
      await conn.run(`CREATE SCHEMA IF NOT EXISTS ${qualified(db, schema)}`)
      const exists = await tableExists(conn, db, schema, table)
      await conn.run("BEGIN TRANSACTION")
      try {
        if (mode === "replace" || !exists) {
          if (mode === "delete" || mode === "update") {
            // Nothing to delete from or update in a table that does not exist yet.
            if (!exists) await conn.run(`CREATE TABLE ${target} AS SELECT * FROM ${src} LIMIT 0`)
          } else {
            await conn.run(`CREATE OR REPLACE TABLE ${target} AS SELECT * FROM ${src}`)
          }
        } else if (mode === "append") {
          await conn.run(`INSERT INTO ${target} BY NAME SELECT * FROM ${src}`)
        } else {
          const keys = key ?? []
          if (keys.length === 0) throw badRequest(`mode ${mode} needs a key: declare one on the table or pass "key"`)
          const srcColumns = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${src}`)).getRowObjects().map((r) =>
            String(r.column_name)
          )
          for (const k of keys) {
            if (!srcColumns.includes(k)) throw badRequest(`key column ${k} is not in the loaded data`)
          }
          const keyTuple = keys.map(quoteIdent).join(", ")
          const match = keys.map((k) => `t.${quoteIdent(k)} IS NOT DISTINCT FROM s.${quoteIdent(k)}`).join(" AND ")
          if (mode === "delete") {
            await conn.run(`DELETE FROM ${target} t WHERE EXISTS (SELECT 1 FROM ${src} s WHERE ${match})`)
          } else if (mode === "update") {
            const sets = srcColumns.filter((c) => !keys.includes(c)).map((c) => `${quoteIdent(c)} = s.${quoteIdent(c)}`)
            if (sets.length > 0) {
              await conn.run(
                `UPDATE ${target} t SET ${sets.join(", ")} FROM (SELECT * FROM ${src}) s WHERE ${match}`
              )
            }
          } else if (mode === "upsert") {
            await conn.run(`DELETE FROM ${target} t WHERE EXISTS (SELECT 1 FROM ${src} s WHERE ${match})`)
            await conn.run(`INSERT INTO ${target} BY NAME SELECT * FROM ${src}`)
          } else {
            throw badRequest(`unknown load mode ${mode}; expected replace, append, delete, update or upsert`)
          }
          void keyTuple
        }
        const count = await conn.runAndReadAll(`SELECT count(*) FROM ${target}`)
        const described = await conn.runAndReadAll(`DESCRIBE ${target}`)
        const outcome: LoadOutcome = {
          rowCount: Number(count.getRows()[0]?.[0] ?? 0),
          columns: described.getRowObjects().map((row) => ({
            name: String(row.column_name),
            type: String(row.column_type),
            nullable: String(row.null) !== "NO"
          }))
        }
        if (receipt !== undefined) {
          // Committed with the rows or not at all: after a crash, the receipt says whether the load landed.
          await conn.run(`CREATE SCHEMA IF NOT EXISTS ${qualified(db, RECEIPTS_SCHEMA)}`)
          await conn.run(
            `CREATE TABLE IF NOT EXISTS ${receiptsTable(db)} (slot VARCHAR PRIMARY KEY, answer VARCHAR NOT NULL)`
          )
          await conn.run(
            `INSERT INTO ${receiptsTable(db)} VALUES (${quoteLiteral(receipt.slot)}, ${
              quoteLiteral(receipt.answer(outcome))
            })`
          )
        }
        await conn.run("COMMIT")
        return outcome
      } catch (cause) {
        await conn.run("ROLLBACK").catch(() => undefined)
        throw cause
      }
    } catch (cause) {
      if (cause instanceof ApiError) throw cause
      throw new ApiError(
        400,
        "BAD_REQUEST",
        `could not load ${schema}.${table}: ${cleanMessage(cause).split(staged.file).join("<the loaded file>")}`
      )
    }
  }).finally(() => staged.remove())
}

/** The answers recorded by the keyed loads of `slots` that committed, by slot. @internal */
export const loadReceipts = async (
  databases: Databases,
  db: EngineDatabase,
  slots: ReadonlyArray<string>
): Promise<Map<string, string>> => {
  const out = new Map<string, string>()
  if (slots.length === 0 || !fs.existsSync(db.file)) return out
  const handle = await databases.open(db)
  const conn = await handle.instance.connect()
  try {
    const present = await conn.runAndReadAll(
      `SELECT count(*) FROM duckdb_tables() WHERE database_name = ${quoteLiteral(db.default_catalog)} ` +
        `AND schema_name = ${quoteLiteral(RECEIPTS_SCHEMA)} AND table_name = 'load_keys'`
    )
    if (Number(present.getRows()[0]?.[0] ?? 0) === 0) return out
    const reader = await conn.runAndReadAll(
      `SELECT slot, answer FROM ${receiptsTable(db)} WHERE slot IN (${slots.map(quoteLiteral).join(", ")})`
    )
    for (const [slot, answer] of reader.getRows()) out.set(String(slot), String(answer))
    return out
  } finally {
    conn.closeSync()
  }
}
