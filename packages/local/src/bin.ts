#!/usr/bin/env node
/**
 * `hotdata-local`: starts a local Hotdata-compatible server and prints how to reach it.
 *
 * @since 0.1.0
 */
import * as fs from "node:fs"
import { parseArgs } from "node:util"
import { commandLineFlags, commandOf, usage } from "./internal/options.js"
import { startLocalHotdata } from "./LocalHotdata.js"

const main = async () => {
  const { values } = parseArgs({ options: commandLineFlags, allowPositionals: false })
  const command = commandOf(values, process.env)
  if (command._tag === "Help") {
    process.stdout.write(usage)
    return
  }
  if (command._tag === "Version") {
    // The package's manifest: beside `src/` and `dist/`, or above `dist/cjs/`.
    const manifest = ["../package.json", "../../package.json"]
      .map((relative) => new URL(relative, import.meta.url))
      .filter((url) => fs.existsSync(url))
      .map((url) => JSON.parse(fs.readFileSync(url, "utf8")) as { name?: string; version?: string })
      .find((json) => json.name === "@hotdata-effect/local")
    process.stdout.write(`hotdata-local ${manifest?.version ?? "unknown"}\n`)
    return
  }
  const server = await startLocalHotdata(command.options)
  process.stdout.write(
    [
      "Local Hotdata server running",
      `  base URL:      ${server.baseUrl}`,
      `  API key:       ${server.apiKey}`,
      `  workspace id:  ${server.workspaceId}`,
      `  data dir:      ${server.dataDir}`,
      `  storage:       ${server.storageUrl ?? "disabled (--no-presign)"}`,
      // The embedded store's own credentials, for S3 clients; an external store's are the user's.
      ...(server.storage === undefined || command.options.externalStorage !== undefined ? [] : [
        `  S3 bucket:     ${server.storage.bucket} (region ${server.storage.region}, path-style)`,
        `  S3 key id:     ${server.storage.accessKeyId}`,
        `  S3 secret:     ${server.storage.secretAccessKey}`
      ]),
      ...(command.options.cors === undefined ? [] : [`  CORS origin:   ${command.options.cors}`]),
      "",
      "  export HOTDATA_API_URL=" + server.baseUrl,
      "  export HOTDATA_API_KEY=" + server.apiKey,
      "  export HOTDATA_WORKSPACE_ID=" + server.workspaceId,
      ""
    ].join("\n")
  )
  let stopping = false
  const shutdown = () => {
    if (stopping) return
    stopping = true
    server.stop().then(() => process.exit(0), () => process.exit(1))
  }
  process.on("SIGINT", shutdown)
  process.on("SIGTERM", shutdown)
}

main().catch((cause) => {
  process.stderr.write(`hotdata-local: ${cause instanceof Error ? cause.message : String(cause)}\n`)
  process.exit(1)
})
