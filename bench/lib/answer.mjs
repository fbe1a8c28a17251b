// The answer of the small GET the overhead benchmarks call (`client.databases.get`): one
// database, as JSON, with the headers the server sends with it.
export const DATABASE_BODY = JSON.stringify({
  id: "data_bench",
  name: "bench",
  default_catalog: "default",
  default_schema: "main",
  default_connection_id: "conn_bench",
  created_at: "2026-01-01T00:00:00Z",
  attachments: []
})

export const DATABASE_HEADERS = {
  "content-type": "application/json",
  "content-length": String(Buffer.byteLength(DATABASE_BODY)),
  "x-trace-id": "t"
}
