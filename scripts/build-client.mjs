// The build of @hotdata-effect/client: one bundle of the Promise client of core with the
// Promise facades of uploads and arrow, carrying its own copy of effect@3 and
// @effect/platform, as ESM (dist/index.js) and CommonJS (dist/index.cjs), so that the
// package installs beside any effect version, or none. apache-arrow stays a dependency.
//
// The Node-only parts of the bundled packages stay imports of the client package's own:
// `#fs` (the kernel's `@hotdata-effect/kernel/fs`, the file access of uploads and exports,
// built from the kernel's fs.node.ts / fs.browser.ts: its `node` condition is dist/fs.node.*,
// its `default` dist/fs.browser.*) and `#http` (the HTTP modules of core's NodeTransport,
// built from core's own http.node.ts / http.browser.ts into dist/http.*). A browser bundle
// of the client has no `node:` import.
//
// Declarations: `tsc -b` writes the plain types to dist/types; they are copied to dist
// as .d.ts (ESM) and .d.cts (CommonJS), with the kernel declarations they use under
// dist/kernel. They import nothing from Effect or the other packages, which this build
// checks.
//
// Usage: node scripts/build-client.mjs [--sizes]
import { build } from "esbuild"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import * as zlib from "node:zlib"

const root = path.resolve(import.meta.dirname, "..")
const pkgDir = path.join(root, "packages", "client")
const dist = path.join(pkgDir, "dist")
const types = path.join(dist, "types")

const walk = async (dir) => {
  const out = []
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...await walk(full))
    else out.push(full)
  }
  return out
}

// The kernel's `fs` and core's `#http` become the client's own `#fs` and `#http`.
const fsImport = {
  name: "client-node-imports",
  setup(b) {
    b.onResolve({ filter: /^(#http|@hotdata-effect\/kernel\/fs)$/ }, (args) => ({
      path: args.path === "#http" ? "#http" : "#fs",
      external: true
    }))
  }
}

const common = {
  bundle: true,
  platform: "neutral",
  mainFields: ["module", "main"],
  target: "es2022",
  external: ["apache-arrow"],
  plugins: [fsImport],
  logLevel: "warning",
  legalComments: "none",
  sourcemap: false,
  treeShaking: true,
  // The workspace's paths: core, uploads and arrow are bundled from their sources.
  tsconfig: path.join(root, "tsconfig.json"),
  absWorkingDir: root
}

for (const old of await fs.readdir(dist).catch(() => [])) {
  if (old !== "types") await fs.rm(path.join(dist, old), { recursive: true, force: true })
}

const esm = await build({
  ...common,
  entryPoints: [path.join(pkgDir, "src", "index.ts")],
  outfile: path.join(dist, "index.js"),
  format: "esm",
  metafile: true
})
await build({
  ...common,
  entryPoints: [path.join(pkgDir, "src", "index.ts")],
  outfile: path.join(dist, "index.cjs"),
  format: "cjs"
})
const nodeImports = {
  fs: path.join(root, "packages", "kernel", "src"),
  http: path.join(root, "packages", "core", "src", "internal", "transport")
}
for (const [name, dir] of Object.entries(nodeImports)) {
  for (const target of ["node", "browser"]) {
    for (const [format, ext] of [["esm", "js"], ["cjs", "cjs"]]) {
      await build({
        ...common,
        entryPoints: [path.join(dir, `${name}.${target}.ts`)],
        outfile: path.join(dist, `${name}.${target}.${ext}`),
        format,
        external: ["node:*"]
      })
    }
  }
}

// The packages inside the bundle, and their licenses beside it.
const bundled = new Map()
for (const [input, { bytesInOutput }] of Object.entries(esm.metafile.outputs[path.relative(root, path.join(dist, "index.js"))].inputs)) {
  if (bytesInOutput === 0) continue
  const match = input.match(/^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//)
  if (match) bundled.set(match[2], path.resolve(root, match[1]))
}
const notices = []
for (const [name, dir] of [...bundled].sort(([a], [b]) => a.localeCompare(b))) {
  const manifest = JSON.parse(await fs.readFile(path.join(dir, "package.json"), "utf8"))
  const files = (await fs.readdir(dir)).filter((f) => /^licen[cs]e/i.test(f))
  const text = files.length > 0 ? await fs.readFile(path.join(dir, files[0]), "utf8") : `${manifest.license}`
  notices.push(`## ${name}@${manifest.version}\n\n${text.trim()}\n`)
}
await fs.writeFile(
  path.join(dist, "LICENSES.md"),
  `# Bundled packages\n\ndist/index.js and dist/index.cjs contain code of these packages, under these licenses.\n\n${
    notices.join("\n")
  }`
)

// Declarations: dist/types/**.d.ts -> dist/**.d.ts and dist/**.d.cts. The plain types
// they take from the kernel are copied beside them (dist/kernel/**, from the kernel's own
// declarations, which import nothing but each other), and the imports pointed there: the
// package installs with no dependency but apache-arrow.
const kernelTypes = path.join(root, "packages", "kernel", "dist")
const kernelImport = /((?:from |import\()")@hotdata-effect\/kernel\/([^"]+)"/g
const relativeImport = /(?:from |import\()"(\.{1,2}\/[^"]+)\.js"/g
const emit = async (rel, text) => {
  if (/(from |import\()"(effect|@effect\/[^"]+|@hotdata-effect\/[^"]+)(\/[^"]*)?"/.test(text)) {
    throw new Error(`${rel}: the client's declarations must not import Effect or the other packages`)
  }
  await fs.mkdir(path.dirname(path.join(dist, rel)), { recursive: true })
  await fs.writeFile(path.join(dist, rel), text)
  await fs.writeFile(
    path.join(dist, rel.replace(/\.d\.ts$/, ".d.cts")),
    text.replace(/(from "\.{1,2}\/[^"]+)\.js"/g, "$1.cjs\"")
  )
}
const kernelNeeded = new Set()
const declarations = (await walk(types)).filter((f) => f.endsWith(".d.ts") && !f.includes(`${path.sep}internal${path.sep}`))
for (const file of declarations) {
  const rel = path.relative(types, file)
  const text = (await fs.readFile(file, "utf8")).replace(/\n\/\/# sourceMappingURL=.*\n?$/, "\n")
  const toKernel = path.relative(path.dirname(rel), "kernel").split(path.sep).join("/")
  await emit(
    rel,
    text.replace(kernelImport, (_, head, module) => {
      kernelNeeded.add(`${module}.d.ts`)
      return `${head}${toKernel.startsWith(".") ? "" : "./"}${toKernel}/${module}.js"`
    })
  )
}
for (const rel of kernelNeeded) {
  const text = (await fs.readFile(path.join(kernelTypes, rel), "utf8")).replace(/\n\/\/# sourceMappingURL=.*\n?$/, "\n")
  for (const [, dep] of text.matchAll(relativeImport)) {
    kernelNeeded.add(path.posix.join(path.posix.dirname(rel), `${dep}.d.ts`))
  }
  await emit(path.join("kernel", rel), text)
}

// Node's modules are reached only through `#fs` and `#http`, whose browser files have none.
for (const file of ["index.js", "index.cjs", "fs.browser.js", "fs.browser.cjs", "http.browser.js", "http.browser.cjs"]) {
  const text = await fs.readFile(path.join(dist, file), "utf8")
  if (/(from |import\(|require\()"node:/.test(text)) throw new Error(`dist/${file} imports a node: module`)
}

const size = async (file) => (await fs.stat(file)).size
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`
const code = await fs.readFile(path.join(dist, "index.js"))
let line = `client: dist/index.js ${kib(code.length)}, dist/index.cjs ${kib(await size(path.join(dist, "index.cjs")))}`
if (process.argv.includes("--sizes")) {
  const minified = await build({ ...common, entryPoints: [path.join(pkgDir, "src", "index.ts")], format: "esm", minify: true, write: false })
  const bytes = minified.outputFiles[0].contents
  line += `; minified ${kib(bytes.length)}, minified+gzip ${kib(zlib.gzipSync(bytes, { level: 9 }).length)}`
  line += `, unminified gzip ${kib(zlib.gzipSync(code, { level: 9 }).length)}`
}
console.log(`${line}; bundled: ${[...bundled.keys()].sort().join(", ")}`)
