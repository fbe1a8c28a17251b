import { StatementType } from "@duckdb/node-api"
import * as fs from "node:fs"
import * as path from "node:path"
import { ApiError, badRequest, cleanMessage } from "../errors.js"
import { refuseScript, refuseStatementType } from "../sqlPolicy.js"
import { asSubquery, quoteCatalogReferences, quoteLiteral, splitStatements } from "../sqlText.js"
import { toJsonValue } from "../values.js"
import type { Databases } from "./lifecycle.js"
import { type ResultFiles, typeName } from "./results.js"
import type { EngineDatabase, QueryOptions, QueryOutcome } from "./types.js"

/** A DuckDB failure as the 400 the caller gets for SQL that cannot run. */
const sqlError = (cause: unknown): ApiError =>
  cause instanceof ApiError ? cause : new ApiError(400, "invalid_sql", cleanMessage(cause))

/**
 * Runs a script once, statement by statement, and reads at most `previewLimit` rows of
 * the last statement's result; `truncated` says whether more rows were left. With
 * `resultFile`, a last statement that is a query is written there as Parquet as it runs,
 * and the preview is read back from that file; when the file cannot be written (a type
 * Parquet cannot hold, say), the query still answers and `persistError` says why.
 *
 * @internal
 */
export const runQuery = async (
  databases: Databases,
  results: ResultFiles,
  db: EngineDatabase,
  sql: string,
  options: QueryOptions
): Promise<QueryOutcome> => {
  const denied = await results.deniedFunctions()
  // Checked as sent (a NUL must not reach quoting) and as it will run.
  const refusal = refuseScript(sql, denied)
  if (refusal !== undefined) throw new ApiError(400, "invalid_sql", refusal)
  const [handle, conn] = await databases.connect(db, options.catalog, options.schema)
  const run = async <A>(f: () => Promise<A>): Promise<A> => {
    try {
      return await f()
    } catch (cause) {
      throw sqlError(cause)
    }
  }
  try {
    const script = quoteCatalogReferences(sql, [...handle.catalogs.values()].map((c) => c.name))
    const rewritten = refuseScript(script, denied)
    if (rewritten !== undefined) throw new ApiError(400, "invalid_sql", rewritten)
    const extracted = await run(() => conn.extractStatements(script))
    if (extracted.count === 0) throw badRequest("SQL query cannot be empty")
    // Each statement's type is checked once DuckDB has read it, before it runs.
    const prepare = async (i: number) => {
      const statement = await run(() => extracted.prepare(i))
      const refused = refuseStatementType(StatementType[statement.statementType])
      if (refused !== undefined) throw new ApiError(400, "invalid_sql", refused)
      return statement
    }
    for (let i = 0; i < extracted.count - 1; i++) {
      const statement = await prepare(i)
      await run(() => handle.writes.run(() => statement.run()))
    }
    const statement = await prepare(extracted.count - 1)
    const isQuery = statement.statementType === StatementType.SELECT
    let persistError: string | undefined
    if (isQuery && options.resultFile !== undefined) {
      const pieces = splitStatements(script)
      if (pieces.length === extracted.count) {
        const file = options.resultFile
        const tmp = path.join(databases.staging(db.id), `out-${path.basename(file)}`)
        try {
          fs.mkdirSync(path.dirname(file), { recursive: true })
          fs.mkdirSync(path.dirname(tmp), { recursive: true })
          await conn.run(`COPY ${asSubquery(pieces[pieces.length - 1]!)} TO ${quoteLiteral(tmp)} (FORMAT parquet)`)
          fs.renameSync(tmp, file)
          return { ...(await results.previewOf(file, options.previewLimit)), isQuery }
        } catch (cause) {
          fs.rmSync(tmp, { force: true })
          persistError = `the result could not be saved: ${cleanMessage(cause).split(tmp).join("<result>")}`
        }
      } else {
        persistError = "the result could not be saved: the script's last statement could not be told apart"
      }
    }
    const result = isQuery
      ? await run(() => statement.stream())
      : await run(() => handle.writes.run(() => statement.run()))
    const columns = result.columnNames()
    const types = result.columnTypes().map(typeName)
    const rows: Array<ReadonlyArray<unknown>> = []
    let truncated = false
    await run(async () => {
      outer: for await (const chunk of result) {
        for (const row of chunk.getRows()) {
          if (rows.length >= options.previewLimit) {
            truncated = true
            break outer
          }
          rows.push(row.map(toJsonValue))
        }
      }
    })
    return { columns, types, rows, truncated, isQuery, persistError }
  } finally {
    conn.closeSync()
  }
}
