// Bundling the browser page the way an app would: a scratch project whose node_modules
// links the built packages (their package.json exports and imports maps, their dist
// files) and their peer dependencies, bundled for the browser by esbuild or webpack 5.
import { build } from "esbuild"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import webpack from "webpack"

const root = path.resolve(import.meta.dirname, "../..")
const packages = path.join(root, "packages")

// What the page imports, linked where a bundler looks for it from the scratch project.
const links = {
  "@hotdata-effect/core": path.join(packages, "core"),
  "@hotdata-effect/uploads": path.join(packages, "uploads"),
  "@hotdata-effect/arrow": path.join(packages, "arrow"),
  "@hotdata-effect/client": path.join(packages, "client"),
  "effect": path.join(packages, "uploads", "node_modules", "effect"),
  "@effect/platform": path.join(packages, "uploads", "node_modules", "@effect", "platform")
}

/** A scratch project in `dir` with the page as its entry; returns the entry's path. */
export const makeProject = async (dir) => {
  for (const [name, target] of Object.entries(links)) {
    const at = path.join(dir, "node_modules", name)
    await fs.mkdir(path.dirname(at), { recursive: true })
    await fs.symlink(await fs.realpath(target), at, "dir")
  }
  for (const file of ["page.mjs", "data.mjs"]) {
    await fs.copyFile(path.join(import.meta.dirname, file), path.join(dir, file))
  }
  // The same packages reached by require(): their CommonJS build, as a CommonJS app bundles them.
  await fs.writeFile(
    path.join(dir, "page-cjs.js"),
    `const uploads = require("@hotdata-effect/uploads")\nconst arrow = require("@hotdata-effect/arrow")\n` +
      `const arrowPromise = require("@hotdata-effect/arrow/promise")\n` +
      `globalThis.__modules = [uploads.Uploads, uploads.Checkpoint, arrow.ArrowQuery, arrowPromise]\n`
  )
  // A page on @hotdata-effect/client alone (its bundle, whose `#fs` import must pick the
  // browser file), by import and by require().
  await fs.writeFile(
    path.join(dir, "client-page.mjs"),
    `import { createHotdataClient, exportToFile, loadFile, queryBatches } from "@hotdata-effect/client"\n` +
      `globalThis.__client = { createHotdataClient, exportToFile, loadFile, queryBatches }\n`
  )
  await fs.writeFile(
    path.join(dir, "client-page-cjs.js"),
    `const client = require("@hotdata-effect/client")\nglobalThis.__client = [client.createHotdataClient, client.loadFile]\n`
  )
  return path.join(dir, "page.mjs")
}

/** Bundles `entry` with esbuild for the browser into `outfile`; returns the code. */
export const bundleEsbuild = async (entry, outfile) => {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    // As in an app's own project: not the repository's tsconfig, whose paths point at src.
    tsconfigRaw: {},
    logLevel: "silent"
  })
  return fs.readFile(outfile, "utf8")
}

/** Bundles `entry` with webpack 5 (target web) into `outfile`; returns the code. */
export const bundleWebpack = (entry, outfile) =>
  new Promise((resolve, reject) => {
    webpack({
      mode: "production",
      target: "web",
      entry,
      context: path.dirname(entry),
      output: { path: path.dirname(outfile), filename: path.basename(outfile) },
      optimization: { minimize: false },
      performance: { hints: false },
      devtool: false
    }, (error, stats) => {
      if (error) return reject(error)
      const info = stats.toJson({ all: false, errors: true, warnings: true })
      if (stats.hasErrors()) {
        return reject(new Error(`webpack: ${info.errors.map((e) => e.message).join("\n")}`))
      }
      fs.readFile(outfile, "utf8").then((code) => resolve({ code, warnings: info.warnings.map((w) => w.message) }))
    })
  })

/**
 * Every `node:` module a bundle still imports or requires (`from`, `import(...)`,
 * `require(...)`), leaving out comments, where doc examples name such modules.
 */
export const nodeImports = (code) => {
  const text = code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "")
  const found = text.matchAll(/(?:\bfrom|\bimport|\brequire)\s*\(?\s*["'](node:[^"']+)["']/g)
  return [...new Set([...found].map((m) => m[1]))]
}
