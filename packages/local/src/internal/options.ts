/**
 * The server's options and their defaults, shared by every way of starting it: the CLI,
 * the Promise handle (`startLocalHotdata`) and the Effect service (`LocalHotdata.make`).
 *
 * @internal
 */
import type { ExternalStorage, Options } from "../LocalHotdata.js"

/** @internal */
export const defaults = {
  host: "127.0.0.1",
  /** The library picks a free port; the CLI listens on a fixed one. */
  port: 0,
  cliPort: 8787,
  /** Where the CLI and `startLocalHotdata` keep data; the Effect layers use a temporary directory. */
  dataDir: ".hotdata",
  apiKey: "local-dev-key",
  workspaceId: "ws_local",
  presign: true,
  inlineRowLimit: 10_000,
  presignedUrlTtlSeconds: 1800,
  storageRegion: "us-east-1",
  /** How long a resent keyed load waits for its original still running (then 409 IDEMPOTENCY_KEY_IN_PROGRESS). */
  keyedLoadWaitMs: 30_000
} as const

/** @internal */
export const usage = `Usage: hotdata-local [options]

Options:
  --port <n>              port of the HTTP API (default ${defaults.cliPort}; 0 picks a free one)
  --host <addr>           interface to listen on (default ${defaults.host})
  --data-dir <path>       where databases, results and uploads are kept (default ./${defaults.dataDir})
  --api-key <key>         the accepted API key (default ${defaults.apiKey})
  --workspace-id <id>     the workspace that exists from the start (default ${defaults.workspaceId})
  --no-presign            no object storage: upload sessions answer 501 PRESIGN_UNSUPPORTED
  --inline-row-limit <n>  rows answered inline before a query result is truncated (default ${defaults.inlineRowLimit})
  --cors <origin>         let browser pages from <origin> (or * for any) call the API and the store
  --allowed-hosts <names> comma-separated host names (or name:port) requests may address the server by,
                          besides localhost, 127.0.0.1, [::1] and --host (* for any)
  --s3-endpoint <url>     keep uploads in this S3-compatible store (MinIO, S3, ...) instead of the embedded one
  --s3-bucket <name>      its bucket (must exist)
  --s3-region <region>    its region (default ${defaults.storageRegion})
                          credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the environment
  -v, --version           print the version
  -h, --help              show this help
`

/** What the command line asks for. @internal */
export type Command =
  | { readonly _tag: "Help" }
  | { readonly _tag: "Version" }
  | { readonly _tag: "Start"; readonly options: Options & { readonly dataDir: string } }

/** Reads the CLI's flags (parsed by `node:util` `parseArgs`) into start options. @internal */
export const commandOf = (
  values: Readonly<Record<string, string | boolean | undefined>>,
  env: Readonly<Record<string, string | undefined>>
): Command => {
  if (values.help === true) return { _tag: "Help" }
  if (values.version === true) return { _tag: "Version" }
  const text = (name: string): string | undefined => {
    const value = values[name]
    return typeof value === "string" ? value : undefined
  }
  const number = (name: string): number | undefined => {
    const raw = text(name)
    if (raw === undefined) return undefined
    const n = Number(raw)
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} expects a non-negative integer, got "${raw}"`)
    return n
  }
  const externalStorage = ((): ExternalStorage | undefined => {
    const endpoint = text("s3-endpoint")
    const bucket = text("s3-bucket")
    if (endpoint === undefined) {
      if (bucket !== undefined) throw new Error("--s3-bucket needs --s3-endpoint")
      return undefined
    }
    if (bucket === undefined) throw new Error("--s3-endpoint needs --s3-bucket")
    const accessKeyId = env.AWS_ACCESS_KEY_ID
    const secretAccessKey = env.AWS_SECRET_ACCESS_KEY
    if (!accessKeyId || !secretAccessKey) {
      throw new Error("--s3-endpoint needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment")
    }
    return { endpoint, bucket, region: text("s3-region"), accessKeyId, secretAccessKey }
  })()
  return {
    _tag: "Start",
    options: {
      port: number("port") ?? defaults.cliPort,
      host: text("host"),
      dataDir: text("data-dir") ?? defaults.dataDir,
      apiKey: text("api-key"),
      workspaceId: text("workspace-id"),
      presign: values["no-presign"] !== true,
      inlineRowLimit: number("inline-row-limit"),
      cors: text("cors"),
      allowedHosts: text("allowed-hosts")?.split(",").map((h) => h.trim()).filter((h) => h !== ""),
      externalStorage
    }
  }
}

/** The flags `commandOf` reads, for `parseArgs`. @internal */
export const commandLineFlags = {
  port: { type: "string" },
  host: { type: "string" },
  "data-dir": { type: "string" },
  "api-key": { type: "string" },
  "workspace-id": { type: "string" },
  presign: { type: "boolean" },
  "no-presign": { type: "boolean" },
  "inline-row-limit": { type: "string" },
  cors: { type: "string" },
  "allowed-hosts": { type: "string" },
  "s3-endpoint": { type: "string" },
  "s3-bucket": { type: "string" },
  "s3-region": { type: "string" },
  version: { type: "boolean", short: "v" },
  help: { type: "boolean", short: "h" }
} as const
