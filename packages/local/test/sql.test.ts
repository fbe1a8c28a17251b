import { describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { assert } from "vitest"
import { refuseScript } from "../src/internal/sqlPolicy.js"
import { likeMatcher, splitStatements } from "../src/internal/sqlText.js"
import * as LocalHotdata from "../src/LocalHotdata.js"
import { api, poll } from "./helpers.js"

const setup = Effect.gen(function*() {
  const { call, server } = yield* api
  const db = (yield* call("POST", "/v1/databases", { body: {} })).json
  const query = (sql: string) => call("POST", "/v1/query", { database: db.id, body: { sql } })
  const saved = (resultId: string) =>
    poll(call("GET", `/v1/results/${resultId}`, { database: db.id }), (r) => r.json?.status !== "processing")
  return { call, server, db, query, saved }
})

describe("SQL", () => {
  it.layer(LocalHotdata.layerServer({ inlineRowLimit: 5 }))((it) => {
    it.effect("each statement of a script runs once, also when its result is saved", () =>
      Effect.gen(function*() {
        const { query, saved } = yield* setup
        const r = yield* query("CREATE TABLE c (x INTEGER); INSERT INTO c VALUES (1); SELECT count(*) AS n FROM c")
        assert.strictEqual(r.status, 200, r.text)
        assert.deepStrictEqual(r.json.rows, [[1]])
        const result = yield* saved(r.json.result_id)
        assert.strictEqual(result.json.status, "ready", result.text)
        assert.deepStrictEqual(result.json.rows, [[1]])
        const again = yield* query("SELECT count(*) FROM c")
        assert.deepStrictEqual(again.json.rows, [[1]])
      }))

    it.effect("random values in the preview and the saved result are the same rows", () =>
      Effect.gen(function*() {
        const { query, saved } = yield* setup
        const r = yield* query("SELECT random() AS r FROM range(3)")
        const result = yield* saved(r.json.result_id)
        assert.deepStrictEqual(result.json.rows, r.json.rows)
      }))

    it.effect("comments anywhere, and semicolons in literals, do not stop the result from being saved", () =>
      Effect.gen(function*() {
        const { query, saved } = yield* setup
        const scripts: Array<[string, unknown]> = [
          ["SELECT 1 AS a -- a trailing comment", [[1]]],
          ["SELECT 1 AS a; -- after the last semicolon", [[1]]],
          ["/* leading; comment */ SELECT 2 AS a /* inner; */ -- end", [[2]]],
          ["SELECT ';' AS s, 'it''s; fine' AS t -- x", [[";", "it's; fine"]]],
          ["SELECT $$a;b$$ AS d; /* nested /* ; */ comment */", [["a;b"]]],
          ["SELECT 1 AS \"semi;colon\" -- x\n;\n-- only a comment", [[1]]],
          ["SELECT range AS n FROM range(20) -- more rows than the preview", null]
        ]
        for (const [sql, rows] of scripts) {
          const r = yield* query(sql)
          assert.strictEqual(r.status, 200, `${sql}: ${r.text}`)
          const result = yield* saved(r.json.result_id)
          assert.strictEqual(result.json.status, "ready", `${sql}: ${result.text}`)
          if (rows !== null) assert.deepStrictEqual(result.json.rows, rows, sql)
          else assert.strictEqual(result.json.rows.length, 20)
        }
      }))

    it.effect("a query whose result cannot be saved still answers, and the result says why", () =>
      Effect.gen(function*() {
        const { query, saved } = yield* setup
        const r = yield* query("SELECT 1::UNION(a INTEGER, b VARCHAR) AS u, 7 AS n")
        assert.strictEqual(r.status, 200, r.text)
        const result = yield* saved(r.json.result_id)
        if (result.json.status === "failed") {
          assert.notInclude(result.text, os.tmpdir())
        }
      }))

    it.effect("an error in the last statement fails the query with DuckDB's message", () =>
      Effect.gen(function*() {
        const { query } = yield* setup
        const r = yield* query("SELECT 1; SELECT * FROM missing_table -- c")
        assert.strictEqual(r.status, 400)
        assert.include(r.text, "missing_table")
      }))

    it.effect("information_schema filters take no backtracking, whatever the pattern", () =>
      Effect.gen(function*() {
        const { call, db, query } = yield* setup
        const name = "a".repeat(40)
        yield* query(`CREATE TABLE ${name} (x INTEGER); CREATE TABLE abc_x (x INTEGER)`)
        // With a backtracking matcher, this pattern against a 40-character name runs for hours.
        const hostile = "%a".repeat(30) + "%X"
        const r = yield* call(
          "GET",
          `/v1/information_schema?connection_id=${db.default_connection_id}&table=${encodeURIComponent(hostile)}`
        )
        assert.strictEqual(r.status, 200, r.text)
        assert.deepStrictEqual(r.json.tables, [])
        const found = yield* call(
          "GET",
          `/v1/information_schema?connection_id=${db.default_connection_id}&table=${encodeURIComponent("A%_x")}`
        )
        assert.deepStrictEqual(found.json.tables.map((t: any) => t.table), ["abc_x"])
      }))

    it.effect("SQL cannot read or write files outside the server's data, nor unlock that", () =>
      Effect.gen(function*() {
        const { query, server } = yield* setup
        const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hotdata-outside-")), "x.csv")
        const stateFile = path.join(server.dataDir, "state.json")
        const hostile = [
          `COPY (SELECT 1) TO '${outside}'`,
          `COPY (SELECT 1) TO '${path.join(server.dataDir, "results", "..", "x.csv")}'`,
          `SELECT * FROM read_text('${stateFile}')`,
          `SELECT * FROM read_text('${path.join(server.dataDir, "results", "..", "state.json")}')`,
          `SELECT * FROM read_csv('/etc/passwd')`,
          `SELECT * FROM glob('${server.dataDir}/*')`,
          `ATTACH '${path.join(path.dirname(outside), "other.duckdb")}' AS other`,
          "SET enable_external_access = true",
          "RESET lock_configuration",
          "SET allowed_directories = ['/']",
          "INSTALL httpfs",
          "LOAD httpfs",
          "SELECT * FROM duckdb_secrets()"
        ]
        for (const sql of hostile) {
          const r = yield* query(sql)
          assert.strictEqual(r.status, 400, `${sql} should fail: ${r.text}`)
          assert.notInclude(r.text, "\"secret", sql)
        }
        assert.isFalse(fs.existsSync(outside))
        assert.isFalse(fs.existsSync(path.join(server.dataDir, "x.csv")))
        const ok = yield* query("SELECT 42 AS n")
        assert.deepStrictEqual(ok.json.rows, [[42]])
      }))

    it.effect("an attached catalog stays read-only: SQL cannot detach it and attach its file again", () =>
      Effect.gen(function*() {
        const { call, db, query, server } = yield* setup
        const other = (yield* call("POST", "/v1/databases", { body: {} })).json
        const theirs = (sql: string) => call("POST", "/v1/query", { database: other.id, body: { sql } })
        assert.strictEqual((yield* theirs("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1)")).status, 200)
        const attached = yield* call("POST", `/v1/databases/${db.id}/catalogs`, {
          body: { connection_id: other.default_connection_id, alias: "theirs" }
        })
        assert.strictEqual(attached.status, 204, attached.text)
        const file = path.join(server.dataDir, "databases", `${other.id}.duckdb`)
        const hostile = [
          `DETACH theirs; ATTACH '${file}' AS mine; INSERT INTO mine.main.t VALUES (2)`,
          `ATTACH '${file}' AS mine`,
          "DETACH theirs",
          "DETACH DATABASE IF EXISTS \"default\"",
          "USE theirs; DETACH \"default\""
        ]
        for (const sql of hostile) {
          const r = yield* query(sql)
          assert.strictEqual(r.status, 400, `${sql} should fail: ${r.text}`)
          assert.strictEqual(r.json.error.code, "invalid_sql")
          assert.match(r.json.error.message, /ATTACH|DETACH/)
        }
        assert.deepStrictEqual((yield* query("SELECT x FROM theirs.main.t")).json.rows, [[1]])
        assert.strictEqual((yield* query("INSERT INTO theirs.main.t VALUES (3)")).status, 400)
        assert.deepStrictEqual((yield* theirs("SELECT x FROM t")).json.rows, [[1]])
        assert.deepStrictEqual((yield* query("SELECT 1 AS n")).json.rows, [[1]])
      }))

    it.effect("SQL cannot turn on logging or profiling, nor call functions that reach the engine's state", () =>
      Effect.gen(function*() {
        const { query } = yield* setup
        const outside = fs.mkdtempSync(path.join(os.tmpdir(), "hotdata-outside-"))
        const hostile = [
          `CALL enable_logging(storage='file', storage_path='${outside}')`,
          "CALL enable_logging()",
          "SELECT * FROM enable_logging()",
          "SELECT * FROM \"Enable_Logging\" /* */ ()",
          "SELECT * FROM system.main.enable_logging()",
          // What DuckDB reads as a break between tokens: a comment ends at a carriage return,
          // Unicode and zero-width spaces separate a name from its parenthesis.
          "SELECT 1 AS n -- a comment\rFROM enable_logging()",
          "SELECT * FROM enable_logging\u00a0()",
          "SELECT * FROM enable_logging\u200b()",
          "SELECT * FROM enable_logging\u2060()",
          "CALL truncate_duckdb_logs()",
          "SELECT * FROM duckdb_logs()",
          "SELECT write_log('x')",
          "SELECT * FROM query('SELECT 1')",
          "CREATE MACRO m() AS TABLE SELECT * FROM enable_logging()",
          "PRAGMA enable_profiling",
          "PRAGMA import_database('/tmp')",
          `IMPORT DATABASE '${outside}'`,
          `EXPORT DATABASE '${outside}'`,
          `EXPLAIN ANALYZE COPY (SELECT 1) TO '${path.join(outside, "x.csv")}'`,
          `PREPARE p AS COPY (SELECT 1) TO '${path.join(outside, "x.csv")}'`,
          "FORCE CHECKPOINT",
          "UPDATE EXTENSIONS"
        ]
        for (const sql of hostile) {
          const r = yield* query(sql)
          assert.strictEqual(r.status, 400, `${sql} should fail: ${r.text}`)
          assert.strictEqual(r.json.error.code, "invalid_sql", sql)
          assert.notInclude(r.json.error.message, outside, sql)
          // The database keeps working.
          const ok = yield* query("SELECT 42 AS n")
          assert.strictEqual(ok.status, 200, `after ${sql}: ${ok.text}`)
        }
        assert.deepStrictEqual(fs.readdirSync(outside), [])
        fs.rmSync(outside, { recursive: true, force: true })
        const allowed = [
          "CREATE TABLE q (x INTEGER); INSERT INTO q SELECT range FROM range(3)",
          "EXPLAIN SELECT * FROM q",
          "EXPLAIN ANALYZE SELECT count(*) FROM q",
          "EXPLAIN (FORMAT json) SELECT 1",
          "PREPARE p AS SELECT count(*) FROM q; EXECUTE p",
          "PRAGMA table_info('q')",
          "SELECT * FROM duckdb_tables()",
          "SELECT version()",
          "DESCRIBE q",
          "SUMMARIZE q",
          "CHECKPOINT",
          "CREATE MACRO plus_one(x) AS x + 1; SELECT plus_one(1)",
          "BEGIN; UPDATE q SET x = x + 1; COMMIT"
        ]
        for (const sql of allowed) {
          const r = yield* query(sql)
          assert.strictEqual(r.status, 200, `${sql}: ${r.text}`)
        }
      }))

    it.effect("SQL holding a NUL is refused, never cut short", () =>
      Effect.gen(function*() {
        const { call, db, query } = yield* setup
        const r = yield* query("SELECT 1\u0000; CREATE TABLE zz (x INTEGER)")
        assert.strictEqual(r.status, 400, r.text)
        assert.match(r.json.error.message, /NUL/)
        const missing = yield* query("SELECT * FROM zz")
        assert.strictEqual(missing.status, 400)
        assert.include(missing.text, "zz")
        const schema = yield* call("POST", "/v1/query", {
          database: db.id,
          body: { sql: "SELECT 1 AS n", default_schema: "main\u0000x" }
        })
        assert.strictEqual(schema.status, 400, schema.text)
        assert.match(schema.json.error.message, /NUL/)
      }))

    it.effect("a database's SQL cannot reach the files of the server's other databases or results", () =>
      Effect.gen(function*() {
        const { call, query, saved, server } = yield* setup
        const other = (yield* call("POST", "/v1/databases", { body: {} })).json
        const theirs = yield* call("POST", "/v1/query", { database: other.id, body: { sql: "SELECT 1 AS secret" } })
        yield* saved(theirs.json.result_id)
        const results = path.join(server.dataDir, "results")
        const hostile = [
          `ATTACH '${path.join(server.dataDir, "databases", `${other.id}.duckdb`)}' AS other (READ_ONLY)`,
          `SELECT * FROM read_parquet('${path.join(results, `${theirs.json.result_id}.parquet`)}')`,
          `SELECT * FROM glob('${results}/*')`,
          `COPY (SELECT 2) TO '${path.join(results, `${theirs.json.result_id}.parquet`)}' (FORMAT parquet)`
        ]
        for (const sql of hostile) {
          const r = yield* query(sql)
          assert.strictEqual(r.status, 400, `${sql} should fail: ${r.text}`)
        }
        const still = yield* call("GET", `/v1/results/${theirs.json.result_id}`, { database: other.id })
        assert.deepStrictEqual(still.json.rows, [[1]])
      }))
  })
})

describe("SQL text", () => {
  it("the SQL policy reads names, comments and spaces as DuckDB does", () => {
    const denied = new Set(["enable_logging"])
    for (
      const sql of ["SELECT 1 -- x\rFROM enable_logging()", "FROM enable_logging\u3000()", "FROM \"ENABLE_LOGGING\"()"]
    ) {
      assert.isDefined(refuseScript(sql, denied), JSON.stringify(sql))
    }
    for (const sql of ["SELECT 'enable_logging()'", "SELECT 1 -- enable_logging()", "SELECT $$enable_logging()$$"]) {
      assert.isUndefined(refuseScript(sql, denied), sql)
    }
    assert.deepStrictEqual(splitStatements("SELECT 1 -- c\rFROM t; SELECT 2"), ["SELECT 1 -- c\rFROM t", " SELECT 2"])
  })

  it("splits scripts into statements on top-level semicolons only", () => {
    assert.deepStrictEqual(splitStatements("SELECT 1; SELECT 2"), ["SELECT 1", " SELECT 2"])
    assert.deepStrictEqual(splitStatements("SELECT ';' -- ;\n; /* ; */"), ["SELECT ';' -- ;\n"])
    assert.deepStrictEqual(splitStatements("SELECT E'\\';'; SELECT 3"), ["SELECT E'\\';'", " SELECT 3"])
    assert.deepStrictEqual(splitStatements("SELECT $t$;$t$;"), ["SELECT $t$;$t$"])
    assert.deepStrictEqual(splitStatements("-- only\n/* comments */"), [])
  })

  it("matches LIKE patterns case-insensitively, with % and _", () => {
    const cases: Array<[string, string, boolean]> = [
      ["abc", "abc", true],
      ["abc", "ABC", true],
      ["abc", "abcd", false],
      ["a%", "abc", true],
      ["%c", "abc", true],
      ["%b%", "abc", true],
      ["a_c", "abc", true],
      ["a_c", "ac", false],
      ["%a%a%", "aa", true],
      ["%a%a%", "a", false],
      ["a%b%c", "axbxbxc", true],
      ["a%b%c", "axcxb", false],
      ["%", "", true],
      ["_%_", "a", false],
      ["%ab%ab", "abab", true],
      ["%ab%ab", "abxab", true],
      ["%ab%ab", "ab", false]
    ]
    for (const [pattern, value, expected] of cases) {
      assert.strictEqual(likeMatcher(pattern)(value), expected, `${pattern} ~ ${value}`)
    }
    const long = "a".repeat(5000)
    assert.isFalse(likeMatcher("%a".repeat(200) + "%X")(long))
  })
})
