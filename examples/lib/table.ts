/**
 * Renders rows as a text table with aligned columns: numbers right-aligned, text left.
 */
export const formatTable = (
  columns: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<unknown>>
): string => {
  const cell = (value: unknown): string => {
    if (value === null || value === undefined) return "∅"
    if (typeof value === "number") {
      return Number.isInteger(value) ? value.toLocaleString("en-US") : value.toLocaleString("en-US", {
        maximumFractionDigits: 2,
        minimumFractionDigits: 2
      })
    }
    if (typeof value === "bigint") return value.toLocaleString("en-US")
    return String(value)
  }
  const text = rows.map((row) => columns.map((_, i) => cell(row[i])))
  const numeric = columns.map((_, i) =>
    rows.every((row) => row[i] === null || typeof row[i] === "number" || typeof row[i] === "bigint")
  )
  const widths = columns.map((c, i) => Math.max(c.length, ...text.map((r) => r[i]!.length)))
  const pad = (s: string, i: number) => numeric[i] ? s.padStart(widths[i]!) : s.padEnd(widths[i]!)
  const line = (left: string, mid: string, right: string) =>
    left + widths.map((w) => "─".repeat(w + 2)).join(mid) + right
  return [
    line("┌", "┬", "┐"),
    "│" + columns.map((c, i) => ` ${pad(c, i)} `).join("│") + "│",
    line("├", "┼", "┤"),
    ...text.map((r) => "│" + r.map((c, i) => ` ${pad(c, i)} `).join("│") + "│"),
    line("└", "┴", "┘")
  ].join("\n")
}

/** `1536` → `1.5 KiB`. */
export const formatBytes = (bytes: number): string => {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"]
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`
}
