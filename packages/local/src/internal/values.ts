import {
  DuckDBArrayValue,
  DuckDBDecimalValue,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBStructValue,
  type DuckDBValue
} from "@duckdb/node-api"

/**
 * Turns a DuckDB value into a JSON value: integers become numbers when they fit (strings
 * otherwise), non-finite floats become `null`, decimals become numbers, nested values
 * are converted recursively and everything else takes its SQL text form.
 *
 * @internal
 */
export const toJsonValue = (value: DuckDBValue): unknown => {
  if (value === null || value === undefined) return null
  switch (typeof value) {
    case "bigint":
      return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
        ? Number(value)
        : value.toString()
    case "number":
      return Number.isFinite(value) ? value : null
    case "string":
    case "boolean":
      return value
  }
  if (value instanceof DuckDBDecimalValue) {
    const n = value.toDouble()
    return Number.isFinite(n) ? n : null
  }
  if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue) return value.items.map(toJsonValue)
  if (value instanceof DuckDBStructValue) {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value.entries)) out[key] = toJsonValue(item)
    return out
  }
  if (value instanceof DuckDBMapValue) {
    return value.entries.map((entry) => ({ key: toJsonValue(entry.key), value: toJsonValue(entry.value) }))
  }
  return String(value)
}

/** The text of a value in a CSV or Markdown cell (`null` and non-finite floats are empty). */
export const toCellText = (value: unknown): string => {
  if (value === null || value === undefined) return ""
  if (typeof value === "string") return value
  if (typeof value === "object") return JSON.stringify(value)
  return String(value)
}

/** @internal */
export const csvCell = (value: unknown): string => {
  const text = toCellText(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, "\"\"")}"` : text
}

/** @internal */
export const mdCell = (value: unknown): string => toCellText(value).replace(/\|/g, "\\|").replace(/\r?\n/g, " ")
