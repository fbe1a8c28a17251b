/**
 * The runtimes the SDK is tested on, each installed from the npm registry (the `node`,
 * `bun` and `deno` packages carry their binaries) into `.cache/runtimes/<name>` at a
 * pinned version, and reused while the installed version matches.
 */
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"

export const root = path.resolve(import.meta.dirname, "..", "..")
const cache = path.join(root, ".cache", "runtimes")

const hostIs20 = process.versions.node.startsWith("20.")

/**
 * name, npm package, pinned version, binary inside the install, arguments before a
 * script. Node 20 is the host's own binary when the host runs Node 20.
 */
export const RUNTIMES = [
  hostIs20 ?
    { name: "node20", version: process.versions.node, host: true, args: [] } :
    { name: "node20", pkg: "node", version: "20.20.2", bin: "node_modules/node/bin/node", args: [] },
  { name: "node22", pkg: "node", version: "22.23.3", bin: "node_modules/node/bin/node", args: [] },
  { name: "node24", pkg: "node", version: "24.21.0", bin: "node_modules/node/bin/node", args: [] },
  { name: "bun", pkg: "bun", version: "1.4.5", bin: "node_modules/bun/bin/bun.exe", args: [] },
  { name: "deno", pkg: "deno", version: "2.9.6", bin: "node_modules/deno/deno", args: ["run", "--allow-all"] }
]

const versionOf = (bin) => {
  try {
    return execFileSync(bin, ["--version"], { encoding: "utf8" }).match(/\d+\.\d+\.\d+/)?.[0]
  } catch {
    return undefined
  }
}

/** The binary of `runtime`, installed first when missing or at another version. */
export const install = (runtime) => {
  if (runtime.host) return process.execPath
  const dir = path.join(cache, runtime.name)
  const bin = path.join(dir, runtime.bin)
  if (fs.existsSync(bin) && versionOf(bin) === runtime.version) return bin
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  execFileSync("npm", [
    "install",
    "--prefix",
    dir,
    "--no-save",
    "--no-audit",
    "--no-fund",
    "--loglevel=error",
    `${runtime.pkg}@${runtime.version}`
  ], { stdio: "inherit" })
  const found = versionOf(bin)
  if (found !== runtime.version) {
    throw new Error(`${runtime.name}: installed ${bin} reports ${found}, expected ${runtime.version}`)
  }
  return bin
}
