import * as fs from "node:fs"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import * as os from "node:os"
import * as path from "node:path"
import type { FaultControls, Handle, Options } from "../LocalHotdata.js"
import type { Server, ServerConfig } from "./context.js"
import { Engine } from "./engine.js"
import { cleanOrphanResults } from "./execution.js"
import { FaultRegistry } from "./faults.js"
import { handlers } from "./handlers/index.js"
import { defaults } from "./options.js"
import { lockDataDir, recoverInterrupted, recoverKeyedLoads, recoverResults } from "./recovery.js"
import { makeRequestListener } from "./router.js"
import { StateStore } from "./state.js"
import { type ObjectStorage, Storage } from "./storage.js"
import { storageCredentials } from "./storage/credentials.js"
import { ExternalStorage } from "./storage/external.js"

/** @internal */
export interface StartOptions extends Omit<Options, "presignedUrlTtl"> {
  readonly presignedUrlTtlSeconds?: number | undefined
  readonly minPartSize?: number | undefined
  readonly keyedLoadWaitMs?: number | undefined
}

/** The running server: what its handle shows, and the server state the fault controls work on. @internal */
export interface RunningServer extends Omit<Handle, keyof FaultControls> {
  readonly server: Server
}

const MiB = 1024 * 1024

/** Starts the HTTP API, the object store and the engine. @internal */
export const start = async (options: StartOptions = {}): Promise<RunningServer> => {
  const host = options.host ?? defaults.host
  const dataDir = path.resolve(options.dataDir ?? defaults.dataDir)
  fs.mkdirSync(dataDir, { recursive: true })
  const unlock = await lockDataDir(dataDir)
  try {
    return await startLocked(options, host, dataDir, unlock)
  } catch (cause) {
    unlock()
    throw cause
  }
}

const startLocked = async (
  options: StartOptions,
  host: string,
  dataDir: string,
  unlock: () => void
): Promise<RunningServer> => {
  fs.rmSync(path.join(dataDir, "tmp"), { recursive: true, force: true })
  const config: ServerConfig = {
    apiKey: options.apiKey ?? defaults.apiKey,
    workspaceId: options.workspaceId ?? defaults.workspaceId,
    dataDir,
    presign: options.presign ?? defaults.presign,
    inlineRowLimit: options.inlineRowLimit ?? defaults.inlineRowLimit,
    maxInlineDataBytes: 2 * MiB,
    singleUploadThreshold: 8 * MiB,
    defaultPartSize: 8 * MiB,
    minPartSize: options.minPartSize ?? 5 * MiB,
    maxUploadBytes: 5 * 1024 * 1024 * MiB,
    mintBatchLimit: 100,
    cors: options.cors,
    keyedLoadWaitMs: options.keyedLoadWaitMs ?? defaults.keyedLoadWaitMs,
    host,
    allowedHosts: options.allowedHosts
  }
  const state = new StateStore(dataDir)
  state.data.workspaces[config.workspaceId] ??= {
    public_id: config.workspaceId,
    name: "Local workspace",
    created_at: new Date().toISOString()
  }
  const faults = new FaultRegistry()
  const engine = new Engine(dataDir)
  const storage: ObjectStorage | undefined = !config.presign
    ? undefined
    : options.externalStorage !== undefined
    ? new ExternalStorage(
      { ...options.externalStorage, region: options.externalStorage.region ?? defaults.storageRegion },
      options.presignedUrlTtlSeconds ?? defaults.presignedUrlTtlSeconds
    )
    : await Storage.start({
      directory: path.join(dataDir, "storage"),
      host,
      urlTtlSeconds: options.presignedUrlTtlSeconds ?? defaults.presignedUrlTtlSeconds,
      credentials: await storageCredentials(dataDir),
      faults,
      cors: options.cors,
      allowedHosts: options.allowedHosts
    })
  const server: Server = { config, state, engine, storage, faults, background: new Set(), baseUrl: "" }
  await recoverResults(state.data, engine, path.join(dataDir, "results"))
  cleanOrphanResults(server)
  await recoverKeyedLoads(server, new Date().toISOString())
  recoverInterrupted(state.data, new Date().toISOString())
  await state.commit()

  const httpServer = http.createServer(makeRequestListener(server, handlers))
  httpServer.keepAliveTimeout = 5_000
  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once("error", reject)
      httpServer.listen(options.port ?? defaults.port, host, () => resolve())
    })
  } catch (cause) {
    await storage?.close()
    await engine.close()
    await state.close()
    throw cause
  }
  const address = httpServer.address() as AddressInfo
  const hostForUrl = host.includes(":") ? `[${host}]` : host
  server.baseUrl = `http://${hostForUrl}:${address.port}`

  let stopped: Promise<void> | undefined
  return {
    baseUrl: server.baseUrl,
    apiKey: config.apiKey,
    workspaceId: config.workspaceId,
    dataDir,
    storageUrl: storage?.frontUrl,
    storage: storage?.endpoint,
    server,
    stop: () => {
      stopped ??= (async () => {
        httpServer.closeAllConnections()
        await new Promise<void>((resolve) => httpServer.close(() => resolve()))
        while (server.background.size > 0) await Promise.allSettled([...server.background])
        await storage?.close()
        await engine.close()
        await state.close()
        unlock()
      })()
      return stopped
    }
  }
}

/** A fresh temporary data directory. @internal */
export const makeTempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), "hotdata-local-"))
