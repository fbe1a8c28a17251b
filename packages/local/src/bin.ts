#!/usr/bin/env node
/**
 * `hotdata-local`: starts a local Hotdata-compatible server and prints how to reach it.
 *
 * @since 0.1.0
 */
import * as fs from "node:fs"
import { parseArgs } from "node:util"
import { startLocalHotdata } from "./LocalHotdata.js"

const usage = `Usage: hotdata-local [options]

Options:
  --port <n>              port of the HTTP API (default 8787; 0 picks a free one)
  --host <addr>           interface to listen on (default 127.0.0.1)
  --data-dir <path>       where databases, results and uploads are kept (default ./.hotdata)
  --api-key <key>         the accepted API key (default local-dev-key)
  --workspace-id <id>     the workspace that exists from the start (default ws_local)
  --no-presign            no object storage: upload sessions answer 501 PRESIGN_UNSUPPORTED
  --inline-row-limit <n>  rows answered inline before a query result is truncated (default 10000)
  --cors <origin>         let browser pages from <origin> (or * for any) call the API and the store
  --s3-endpoint <url>     keep uploads in this S3-compatible store (MinIO, S3, ...) instead of the embedded one
  --s3-bucket <name>      its bucket (must exist)
  --s3-region <region>    its region (default us-east-1)
                          credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the environment
  -v, --version           print the version
  -h, --help              show this help
`

const main = async () => {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "data-dir": { type: "string" },
      "api-key": { type: "string" },
      "workspace-id": { type: "string" },
      presign: { type: "boolean" },
      "no-presign": { type: "boolean" },
      "inline-row-limit": { type: "string" },
      cors: { type: "string" },
      "s3-endpoint": { type: "string" },
      "s3-bucket": { type: "string" },
      "s3-region": { type: "string" },
      version: { type: "boolean", short: "v" },
      help: { type: "boolean", short: "h" }
    },
    allowPositionals: false
  })
  if (values.help === true) {
    process.stdout.write(usage)
    return
  }
  if (values.version === true) {
    const manifest = JSON.parse(fs.readFileSync(new URL("../package.json", import.meta.url), "utf8"))
    process.stdout.write(`hotdata-local ${manifest.version}\n`)
    return
  }
  const number = (name: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined
    const n = Number(raw)
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} expects a non-negative integer, got "${raw}"`)
    return n
  }
  const externalStorage = (() => {
    const endpoint = values["s3-endpoint"]
    if (endpoint === undefined) {
      if (values["s3-bucket"] !== undefined) throw new Error("--s3-bucket needs --s3-endpoint")
      return undefined
    }
    const bucket = values["s3-bucket"]
    if (bucket === undefined) throw new Error("--s3-endpoint needs --s3-bucket")
    const accessKeyId = process.env.AWS_ACCESS_KEY_ID
    const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY
    if (!accessKeyId || !secretAccessKey) {
      throw new Error("--s3-endpoint needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment")
    }
    return { endpoint, bucket, region: values["s3-region"], accessKeyId, secretAccessKey }
  })()
  const server = await startLocalHotdata({
    port: number("port", values.port) ?? 8787,
    host: values.host,
    dataDir: values["data-dir"] ?? ".hotdata",
    apiKey: values["api-key"],
    workspaceId: values["workspace-id"],
    presign: values["no-presign"] === true ? false : true,
    inlineRowLimit: number("inline-row-limit", values["inline-row-limit"]),
    cors: values.cors,
    externalStorage
  })
  process.stdout.write(
    [
      "Local Hotdata server running",
      `  base URL:      ${server.baseUrl}`,
      `  API key:       ${server.apiKey}`,
      `  workspace id:  ${server.workspaceId}`,
      `  data dir:      ${server.dataDir}`,
      `  storage:       ${server.storageUrl ?? "disabled (--no-presign)"}`,
      ...(values.cors === undefined ? [] : [`  CORS origin:   ${values.cors}`]),
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
