// Bundles a page importing @hotdata-effect/core, uploads and arrow for the browser with
// esbuild and with webpack 5 (and one reaching them by require(), their CommonJS
// build, with webpack 5), and fails when either reports an error or a bundle still
// names a `node:` module. Prints the bundle sizes.
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
} catch (error) {
  failed = true
  console.error(error instanceof Error ? error.message : error)
} finally {
  await fs.rm(dir, { recursive: true, force: true })
}
if (failed) process.exit(1)
