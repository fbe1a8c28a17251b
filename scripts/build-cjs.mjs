// The CommonJS build of a package, beside the ESM one that `tsc -b` writes to dist/:
// every src/**/*.ts file is transpiled on its own (the sources are isolatedModules) to
// dist/cjs/**/*.js, and the declarations tsc wrote are copied next to them. dist/cjs has
// its own package.json ({ "type": "commonjs" }), so Node loads those files as CommonJS and
// TypeScript reads the copied declarations as CommonJS types (node16/nodenext `require`).
//
// Usage: node scripts/build-cjs.mjs [package dir ...]   (default: every package)
import { transform } from "esbuild"
import * as fsSync from "node:fs"
import * as fs from "node:fs/promises"
import * as path from "node:path"

const root = path.resolve(import.meta.dirname, "..")
const packagesDir = path.join(root, "packages")

// A CommonJS module has no import.meta; the few Node-only files that read
// import.meta.url get it from __filename instead.
const importMetaUrl = "__hotdataImportMetaUrl"
const importMetaBanner = `const ${importMetaUrl} = require("node:url").pathToFileURL(__filename).href;`

const walk = async (dir) => {
  const out = []
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...await walk(full))
    else out.push(full)
  }
  return out
}

const rebaseMap = (text, fromDir, toDir) => {
  const map = JSON.parse(text)
  map.sources = map.sources.map((s) => path.relative(toDir, path.resolve(fromDir, s)).split(path.sep).join("/"))
  return JSON.stringify(map)
}

// The file under dist/cjs of one branch of an `imports` entry ({ types, default } under ./dist/).
const cjsTarget = (name, branch) => {
  const target = branch?.default
  if (typeof target !== "string" || !target.startsWith("./dist/")) {
    throw new Error(`imports ${name}: each of "node" and "default" needs a "default" file under ./dist/`)
  }
  return `./${target.slice("./dist/".length)}`
}

const buildPackage = async (pkgDir) => {
  const src = path.join(pkgDir, "src")
  const dist = path.join(pkgDir, "dist")
  const cjs = path.join(dist, "cjs")
  await fs.rm(cjs, { recursive: true, force: true })
  await fs.mkdir(cjs, { recursive: true })
  // The package's `imports` (e.g. core's `#http`) resolve from the package scope of the importing
  // file, which for these files is dist/cjs/package.json, where Node does not honour an
  // `imports` field. So each `#name` becomes a relative require of its `node` target (this
  // build is what `require()` loads on Node), and a bundler building CommonJS for the
  // browser swaps it for the `default` target through the `browser` field.
  const manifest = JSON.parse(await fs.readFile(path.join(pkgDir, "package.json"), "utf8"))
  const imports = Object.entries(manifest.imports ?? {}).map(([name, target]) => ({
    name,
    node: cjsTarget(name, target.node),
    browser: cjsTarget(name, target.default)
  }))
  const scope = { type: "commonjs" }
  if (imports.length > 0) scope.browser = Object.fromEntries(imports.map((i) => [i.node, i.browser]))
  await fs.writeFile(path.join(cjs, "package.json"), JSON.stringify(scope, null, 2) + "\n")

  const sources = (await walk(src)).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
  await Promise.all(sources.map(async (file) => {
    const rel = path.relative(src, file)
    const outFile = path.join(cjs, rel.replace(/\.ts$/, ".js"))
    const outDir = path.dirname(outFile)
    const code = imports.reduce(
      (text, { name, node }) =>
        text.replaceAll(`from "${name}"`, `from "${path.posix.relative(path.posix.dirname(`./${rel.split(path.sep).join("/")}`), node).replace(/^(?!\.)/, "./")}"`),
      await fs.readFile(file, "utf8")
    )
    const usesImportMeta = code.includes("import.meta")
    const result = await transform(code, {
      loader: "ts",
      format: "cjs",
      platform: "node",
      target: "es2022",
      sourcemap: "external",
      sourcesContent: false,
      sourcefile: path.relative(outDir, file).split(path.sep).join("/"),
      ...(usesImportMeta ? { define: { "import.meta.url": importMetaUrl }, banner: importMetaBanner } : {})
    })
    if (usesImportMeta && /import\.meta(?!\.url)/.test(result.code)) {
      throw new Error(`${rel}: only import.meta.url has a CommonJS equivalent in this build`)
    }
    await fs.mkdir(outDir, { recursive: true })
    const mapName = path.basename(outFile) + ".map"
    await fs.writeFile(outFile, `${result.code}//# sourceMappingURL=${mapName}\n`)
    await fs.writeFile(outFile + ".map", result.map)
  }))

  // Declarations: the same text, read as CommonJS types under dist/cjs.
  const declarations = (await walk(dist)).filter((f) =>
    !f.startsWith(cjs + path.sep) && (f.endsWith(".d.ts") || f.endsWith(".d.ts.map"))
  )
  await Promise.all(declarations.map(async (file) => {
    const target = path.join(cjs, path.relative(dist, file))
    await fs.mkdir(path.dirname(target), { recursive: true })
    const text = await fs.readFile(file, "utf8")
    await fs.writeFile(
      target,
      file.endsWith(".map") ? rebaseMap(text, path.dirname(file), path.dirname(target)) : text
    )
  }))
  return { files: sources.length, declarations: declarations.length }
}

const args = process.argv.slice(2)
const dirs = args.length > 0
  ? args.map((a) => path.resolve(a))
  : (await fs.readdir(packagesDir)).map((name) => path.join(packagesDir, name)).filter((dir) =>
    // The packages whose own build runs this script (the client package is a bundle instead).
    JSON.parse(fsSync.readFileSync(path.join(dir, "package.json"), "utf8")).scripts?.build?.includes("build-cjs.mjs")
  )
for (const dir of dirs) {
  const { declarations, files } = await buildPackage(dir)
  console.log(`cjs ${path.relative(root, dir)}: ${files} modules, ${declarations} declaration files`)
}
