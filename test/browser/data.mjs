// The CSV the browser page uploads, shared with run.mjs so the expected numbers come
// from the same definition: `i,v` then `rows` rows of an index and a value.
export const valueOf = (i) => (i * 7919) % 100_003

export const csvText = (rows) => {
  const lines = ["i,v"]
  for (let i = 0; i < rows; i++) lines.push(`${i},${valueOf(i)}`)
  return lines.join("\n") + "\n"
}
