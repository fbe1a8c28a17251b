import { afterEach, assert, describe, it, vi } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as HashMap from "effect/HashMap"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Redacted from "effect/Redacted"
import { HotdataClient, HotdataTest } from "../src/index.js"
import { createHotdataClient } from "../src/PromiseClient.js"
import { underTestClock } from "./clock.js"
import { recordingTracer } from "./observe.js"

const API_KEY = "hd_test_key_5ecr3t_DO_NOT_LEAK"
type Reply = ReturnType<typeof HotdataTest.json>

interface Line {
  readonly level: string
  readonly message: string
  readonly annotations: Record<string, unknown>
}

/** A logger that keeps every line, in place of the default one. */
const capture = () => {
  const lines: Array<Line> = []
  const logger = Logger.make(({ annotations, logLevel, message }) => {
    lines.push({
      level: logLevel.label,
      message: Array.isArray(message) ? message.map(String).join(" ") : String(message),
      annotations: Object.fromEntries(HashMap.toEntries(annotations))
    })
  })
  return { lines, layer: Logger.replace(Logger.defaultLogger, logger) }
}

/** Everything a line shows, as one string. */
const text = (lines: ReadonlyArray<Line>) => lines.map((line) => JSON.stringify(line)).join("\n")

const SECRET_CURSOR = "cursor-secret-q9z"
const page = HotdataTest.json(200, { databases: [], has_more: false }, { "x-trace-id": "trace-abc" })

const stubLayer = (handlers: HotdataTest.Handlers, options: Partial<HotdataClient.Options>) =>
  HotdataClient.layerTest(handlers, { apiKey: Redacted.make(API_KEY), workspaceId: "ws_test", ...options })

/** Lists databases against a fake transport, moving the test clock until the call ends. */
const listWith = (
  handler: (index: number) => Reply,
  options: Partial<HotdataClient.Options>,
  env: Record<string, string> = {}
) => {
  const layer = stubLayer({ databases: { list: ({ index }) => handler(index) } }, options)
  const { layer: loggerLayer, lines } = capture()
  return Effect.gen(function*() {
    const client = yield* HotdataClient.HotdataClient
    const result = yield* underTestClock(client.databases.list({ limit: 5, cursor: SECRET_CURSOR }), 10, "10 seconds")
    return { result, lines }
  }).pipe(
    Effect.provide(layer),
    Effect.provide(loggerLayer),
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))
  )
}

describe("logging", () => {
  it.effect("prints nothing by default", () =>
    Effect.gen(function*() {
      const { lines, result } = yield* listWith(() => page, {})
      assert.strictEqual(result._tag, "Right")
      assert.deepStrictEqual(lines, [])
    }))

  it.effect("logLevel debug: one line per request and answer, without key, headers or query", () =>
    Effect.gen(function*() {
      const { lines, result } = yield* listWith(() => page, { logLevel: "debug" })
      assert.strictEqual(result._tag, "Right")
      assert.strictEqual(lines.length, 2)
      const [request, answer] = lines
      assert.strictEqual(request!.level, "DEBUG")
      assert.strictEqual(request!.message, "GET /v1/databases (attempt 1)")
      assert.strictEqual(request!.annotations["hotdata.operation"], "list_databases")
      assert.strictEqual(request!.annotations["http.route"], "/v1/databases")
      assert.strictEqual(answer!.annotations["http.response.status_code"], 200)
      assert.strictEqual(answer!.annotations["hotdata.trace_id"], "trace-abc")
      assert.strictEqual(answer!.annotations["hotdata.attempt"], 1)
      assert.isNumber(answer!.annotations["hotdata.duration_ms"])
      const all = text(lines)
      assert.notInclude(all, API_KEY)
      assert.notInclude(all, SECRET_CURSOR)
      assert.notInclude(all.toLowerCase(), "authorization")
      assert.notInclude(all, "ws_test")
    }))

  it.effect("an ids path shows the ids, the route its template", () =>
    Effect.gen(function*() {
      const layer = stubLayer({ databases: { get: () => HotdataTest.error(404) } }, { logLevel: "debug" })
      const { layer: loggerLayer, lines } = capture()
      yield* Effect.flip(Effect.flatMap(HotdataClient.HotdataClient, (client) => client.databases.get("data_42"))).pipe(
        Effect.provide(layer),
        Effect.provide(loggerLayer)
      )
      assert.strictEqual(lines.length, 2)
      assert.strictEqual(lines[1]!.annotations["url.path"], "/v1/databases/data_42")
      assert.strictEqual(lines[1]!.annotations["http.route"], "/v1/databases/{database_id}")
      assert.strictEqual(lines[1]!.annotations["http.response.status_code"], 404)
    }))

  it.effect("follows the application's minimum log level when unset, and off wins over it", () =>
    Effect.gen(function*() {
      const followed = yield* listWith(() => page, {}).pipe(Logger.withMinimumLogLevel(LogLevel.Debug))
      assert.strictEqual(followed.lines.length, 2)
      const off = yield* listWith(() => page, { logLevel: "off" }).pipe(Logger.withMinimumLogLevel(LogLevel.Debug))
      assert.deepStrictEqual(off.lines, [])
      const info = yield* listWith(() => page, {}).pipe(Logger.withMinimumLogLevel(LogLevel.Info))
      assert.deepStrictEqual(info.lines, [])
    }))

  it.effect("HOTDATA_LOG=debug switches it on; an unknown value is an InvalidConfig", () =>
    Effect.gen(function*() {
      const on = yield* listWith(() => page, {}, { HOTDATA_LOG: "DEBUG" })
      assert.strictEqual(on.lines.length, 2)
      const error = yield* Effect.flip(listWith(() => page, {}, { HOTDATA_LOG: "loud" }))
      assert.strictEqual(error._tag, "InvalidConfig")
      assert.strictEqual((error as { setting?: string }).setting, "logLevel")
      assert.include(error.message, "HOTDATA_LOG")
    }))

  it.effect("a retry produces a retry line and the next attempt's lines; the span counts the retries", () =>
    Effect.gen(function*() {
      const { spans, tracer } = yield* recordingTracer
      const { lines, result } = yield* listWith(
        (i) => i === 0 ? HotdataTest.error(503, { headers: { "x-trace-id": "trace-first" } }) as Reply : page,
        { logLevel: "debug" }
      ).pipe(Effect.withTracer(tracer))
      assert.strictEqual(result._tag, "Right")
      assert.deepStrictEqual(lines.map((line) => line.annotations["hotdata.attempt"]), [1, 1, 2, 2, 2])
      const retry = lines[2]!
      assert.match(retry.message, /retrying after \w+ \(HTTP 503\), attempt 2$/)
      assert.strictEqual(lines[1]!.annotations["http.response.status_code"], 503)
      assert.strictEqual(lines[4]!.annotations["http.response.status_code"], 200)
      const span = spans.find((s) => s.name === "Hotdata.list_databases")!
      assert.strictEqual(span.attributes.get("hotdata.retries"), 1)
      assert.strictEqual(span.attributes.get("hotdata.trace_id"), "trace-abc")
      assert.notInclude(text(lines), API_KEY)
    }))

  it.effect("a call that needs no retry puts no retry count on its span", () =>
    Effect.gen(function*() {
      const { spans, tracer } = yield* recordingTracer
      yield* listWith(() => page, {}).pipe(Effect.withTracer(tracer))
      const span = spans.find((s) => s.name === "Hotdata.list_databases")!
      assert.isFalse(span.attributes.has("hotdata.retries"))
      assert.strictEqual(span.attributes.get("hotdata.trace_id"), "trace-abc")
    }))
})

describe("logging in the Promise client", () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  const fetch = async () =>
    new Response(JSON.stringify({ databases: [], has_more: false }), {
      status: 200,
      headers: { "content-type": "application/json" }
    })

  it("logLevel debug prints the lines to the console, without the key", async () => {
    const printed: Array<string> = []
    const spy = (...args: Array<unknown>) => {
      printed.push(args.map(String).join(" "))
    }
    vi.spyOn(console, "log").mockImplementation(spy)
    vi.spyOn(console, "debug").mockImplementation(spy)
    const quiet = createHotdataClient({ apiKey: API_KEY, workspaceId: "ws_1", baseUrl: "https://api.test", fetch })
    await quiet.databases.list({ limit: 5 })
    await quiet.dispose()
    assert.deepStrictEqual(printed, [])
    const loud = createHotdataClient({
      apiKey: API_KEY,
      workspaceId: "ws_1",
      baseUrl: "https://api.test",
      fetch,
      logLevel: "debug"
    })
    await loud.databases.list({ limit: 5, cursor: SECRET_CURSOR })
    await loud.dispose()
    assert.strictEqual(printed.length, 2)
    assert.include(printed[0]!, "GET /v1/databases (attempt 1)")
    assert.include(printed[1]!, "-> 200")
    for (const line of printed) {
      assert.notInclude(line, API_KEY)
      assert.notInclude(line, SECRET_CURSOR)
    }
  })
})
