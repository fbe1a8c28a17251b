// The SDK from plain JavaScript, with no Effect in sight: upload a generated CSV with a
// progress line, load it into a table, query it, stream it as Arrow batches, export it
// to a CSV file and catch a typed error. Reads HOTDATA_API_KEY, HOTDATA_WORKSPACE_ID and
// HOTDATA_API_URL from the environment. `@hotdata-effect/client` carries its own Effect,
// so this runs the same in a project on Effect 4 or with no Effect at all.
//
//   node examples/promise-client.mjs
import { createHotdataClient, exportToFile, HotdataPromiseError, loadFile, queryBatches } from "@hotdata-effect/client"
import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"

const ROWS = 50_000

export const main = async () => {
  const hotdata = createHotdataClient()
  const db = await hotdata.databases.create({ name: "example-promise-client" })
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "hotdata-promise-"))
  try {
    let csv = "id,city\n"
    for (let i = 0; i < ROWS; i++) csv += `${i},${i % 3 === 0 ? "Lisbon" : "Porto"}\n`
    const file = path.join(dir, "cities.csv")
    await fs.writeFile(file, csv)

    let progressLines = 0
    const loaded = await loadFile(hotdata, file, {
      databaseId: db.id,
      schema: "main",
      table: "cities",
      mode: "replace",
      upload: {
        contentType: "text/csv",
        onProgress: (p) => {
          progressLines++
          console.log(`uploaded ${p.bytesDone} of ${p.totalBytes} bytes`)
        }
      }
    })
    console.log(`loaded ${loaded.row_count} rows`)

    const counts = await hotdata.sql.run(
      "SELECT city, count(*) AS n FROM cities GROUP BY city ORDER BY n DESC",
      { databaseId: db.id }
    )
    console.log(`most rows: ${counts.rows[0][0]} (${counts.rows[0][1]})`)

    let batches = 0
    let streamed = 0
    for await (const batch of queryBatches(hotdata, "SELECT * FROM cities", { databaseId: db.id })) {
      batches++
      streamed += batch.numRows
    }
    console.log(`streamed ${streamed} rows in ${batches} Arrow batches`)

    if (counts.resultId === undefined) throw new Error("the query kept no result to export")
    const written = await exportToFile(hotdata, counts.resultId, path.join(dir, "counts.csv"), {
      databaseId: db.id,
      format: "csv",
      wait: true
    })
    const exported = (await fs.readFile(written.path, "utf8")).trim().split("\n")
    console.log(`exported ${written.bytes} bytes, ${exported.length} lines`)

    let caught = "nothing"
    try {
      await hotdata.databases.get("db_does_not_exist")
    } catch (error) {
      if (!(error instanceof HotdataPromiseError)) throw error
      caught = `${error._tag} (${error.status})`
    }
    console.log(`caught ${caught}`)
    return { progressLines, loaded: loaded.row_count, streamed, batches, exportedLines: exported.length, caught }
  } finally {
    await hotdata.databases.delete(db.id)
    await fs.rm(dir, { recursive: true, force: true })
    await hotdata.dispose()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main()
}
