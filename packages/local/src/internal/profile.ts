import type * as Schemas from "@hotdata-effect/core/generated/Schemas"
import type { Engine, EngineDatabase } from "./engine.js"
import { quoteIdent } from "./sqlText.js"

/** How many of a column's most frequent values a categorical profile lists. */
const TOP_VALUES = 10
/** A text column with at most this many distinct values is profiled as categorical. */
const CATEGORICAL_MAX = 20

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/
const TEMPORAL = /^(DATE|TIME|TIMESTAMP|INTERVAL)/

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value))
const str = (value: unknown): string => (value === null || value === undefined ? "" : String(value))

/**
 * Profiles a table: DuckDB's `SUMMARIZE` for types, bounds and means, exact null and
 * distinct counts, and per column a detail by kind — numeric (min, max, mean), temporal
 * (min, max), boolean (true and false counts), categorical (the most frequent values, for
 * text with few distinct values) or text (lengths).
 *
 * @internal
 */
export const profileTable = async (
  engine: Engine,
  db: EngineDatabase,
  schema: string,
  table: string
): Promise<{ readonly rowCount: number; readonly columns: Array<Schemas.ColumnProfileInfo> }> => {
  const target = `${quoteIdent(db.default_catalog)}.${quoteIdent(schema)}.${quoteIdent(table)}`
  const run = (sql: string) => engine.query(db, sql, { previewLimit: 100_000 })
  const summary = await run(`SUMMARIZE SELECT * FROM ${target}`)
  const at = (name: string) => summary.columns.indexOf(name)
  const rowCount = num((await run(`SELECT count(*) FROM ${target}`)).rows[0]?.[0])
  const columns: Array<Schemas.ColumnProfileInfo> = []
  for (const row of summary.rows) {
    const name = str(row[at("column_name")])
    const type = str(row[at("column_type")])
    const col = quoteIdent(name)
    const counts = await run(`SELECT count(${col}), count(DISTINCT ${col}) FROM ${target}`)
    const nonNull = num(counts.rows[0]?.[0])
    const cardinality = num(counts.rows[0]?.[1])
    const nullCount = rowCount - nonNull
    let profile: Schemas.ColumnProfileDetail | null = null
    if (type === "BOOLEAN") {
      const b = await run(`SELECT count(*) FILTER (WHERE ${col}), count(*) FILTER (WHERE NOT ${col}) FROM ${target}`)
      profile = { type: "boolean", true_count: num(b.rows[0]?.[0]), false_count: num(b.rows[0]?.[1]) }
    } else if (NUMERIC.test(type)) {
      profile = { type: "numeric", min: str(row[at("min")]), max: str(row[at("max")]), mean: num(row[at("avg")]) }
    } else if (TEMPORAL.test(type)) {
      profile = { type: "temporal", min: str(row[at("min")]), max: str(row[at("max")]) }
    } else if (type === "VARCHAR" && cardinality <= CATEGORICAL_MAX) {
      const top = await run(
        `SELECT ${col}::VARCHAR AS v, count(*) AS c FROM ${target} GROUP BY 1 ORDER BY 2 DESC, 1 NULLS LAST LIMIT ${TOP_VALUES}`
      )
      profile = {
        type: "categorical",
        values: top.rows.map((r) => ({ value: r[0] === null ? null : str(r[0]), count: num(r[1]) }))
      }
    } else if (type === "VARCHAR") {
      const l = await run(
        `SELECT coalesce(min(length(${col})), 0), coalesce(max(length(${col})), 0), coalesce(avg(length(${col})), 0) ` +
          `FROM ${target}`
      )
      profile = {
        type: "text",
        min_length: num(l.rows[0]?.[0]),
        max_length: num(l.rows[0]?.[1]),
        avg_length: num(l.rows[0]?.[2])
      }
    }
    columns.push({
      name,
      data_type: type,
      null_count: nullCount,
      null_percentage: rowCount === 0 ? 0 : (nullCount / rowCount) * 100,
      cardinality,
      profile
    })
  }
  return { rowCount, columns }
}
