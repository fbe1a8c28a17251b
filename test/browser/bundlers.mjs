// Bundles a page importing @hotdata-effect/core, uploads and arrow for the browser with
// esbuild and with webpack 5 (and one reaching them by require(), their CommonJS
// build, with webpack 5), the same for a page on @hotdata-effect/client, and fails when
// either reports an error or a bundle still names a `node:` module. Prints the bundle
// sizes.
import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { bundleEsbuild, bundleWebpack, makeProject, nodeImports } from "./bundle.mjs"

const dir = await fs.mkdtemp(path.join(os.tmpdir(), "hotdata-bundlers-"))
let failed = false
try {
  const entry = await makeProject(dir)
  const check = (name, code, warnings = []) => {
    const left = nodeImports(code)
    const kib = (Buffer.byteLength(code) / 1024).toFixed(0)
    if (left.length > 0) {
      failed = true
      console.error(`${name}: the bundle still imports ${left.join(", ")}`)
    } else {
      console.log(`${name}: ${kib} KiB, no node: imports${warnings.length > 0 ? `, ${warnings.length} warnings` : ""}`)
    }
    for (const warning of warnings) console.log(`  warning: ${warning.split("\n")[0]}`)
  }
  check("esbuild (platform browser)", await bundleEsbuild(entry, path.join(dir, "out-esbuild", "page.js")))
  const packed = await bundleWebpack(entry, path.join(dir, "out-webpack", "page.js"))
  check("webpack 5 (target web)", packed.code, packed.warnings)
  const required = await bundleWebpack(path.join(dir, "page-cjs.js"), path.join(dir, "out-webpack-cjs", "page.js"))
  check("webpack 5 (target web, require)", required.code, required.warnings)
  // @hotdata-effect/client: its bundle carries Effect, and its file access stays out.
  const clientPage = path.join(dir, "client-page.mjs")
  check("client: esbuild (platform browser)", await bundleEsbuild(clientPage, path.join(dir, "out-client-esbuild", "page.js")))
  const clientPacked = await bundleWebpack(clientPage, path.join(dir, "out-client-webpack", "page.js"))
  check("client: webpack 5 (target web)", clientPacked.code, clientPacked.warnings)
  const clientRequired = await bundleWebpack(
    path.join(dir, "client-page-cjs.js"),
    path.join(dir, "out-client-webpack-cjs", "page.js")
  )
  check("client: webpack 5 (target web, require)", clientRequired.code, clientRequired.warnings)
} catch (error) {
  failed = true
  console.error(error instanceof Error ? error.message : error)
} finally {
  await fs.rm(dir, { recursive: true, force: true })
}
if (failed) process.exit(1)
