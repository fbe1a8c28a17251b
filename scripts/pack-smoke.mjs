// Packs the six packages as they would be published and uses them as a user would:
//  1. `pnpm pack` each package (workspace:^ ranges become real versions) and check the
//     tarballs: a LICENSE, no build cache, no workspace: range, the CommonJS build;
//  2. publint and @arethetypeswrong/cli (node16 CJS + ESM, bundler) on every tarball;
//  3. install the tarballs with npm into a scratch project made by `npm init -y`
//     (CommonJS) beside effect@3 and @effect/platform@0.97 from the registry;
//  4. type-check the README quickstart against the installed types (node16, ESM and CJS);
//  5. start `hotdata-local` from the installed tarball (random port, temporary dir) and run
//     the programs below against it, then stop it;
//  6. install ONLY the tarball of @hotdata-effect/client in two more scratch projects, one
//     after `npm i effect@4` and one with no effect, type-check a program using it there
//     (node16, ESM and CJS) and run it by import() and require() (and, beside effect@4,
//     the plain-JavaScript example) against the same server.
// Run `npm run build` first. Prints the time of each step.
import { execFile, spawn } from "node:child_process"
import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { promisify } from "node:util"

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, "..")
const bin = (name) => path.join(root, "node_modules", ".bin", name)
const packages = ["kernel", "core", "arrow", "uploads", "local", "client"]
const PNPM = "pnpm@10.34.9"
const started = performance.now()

const step = async (name, f) => {
  const t0 = performance.now()
  const result = await f()
  console.log(`pack-smoke: ${name} (${((performance.now() - t0) / 1000).toFixed(1)} s)`)
  return result
}

const exec = async (file, args, options = {}) => {
  try {
    return await run(file, args, { maxBuffer: 64 * 1024 * 1024, timeout: 180_000, ...options })
  } catch (error) {
    throw new Error(`${[file, ...args].join(" ")} failed:\n${error.stdout ?? ""}${error.stderr ?? error.message}`)
  }
}

/** The ```ts block of a README's Quickstart section, run as it is written. */
const quickstartOf = (file) => async () => {
  const readme = await fs.readFile(path.join(root, file), "utf8")
  const section = readme.slice(readme.indexOf("## Quickstart"))
  const match = /```ts\n([\s\S]*?)```/.exec(section)
  if (match === null) throw new Error(`${file}: no \`\`\`ts block under ## Quickstart`)
  return match[1]
}
const readmeQuickstart = quickstartOf("README.md")
const clientQuickstart = quickstartOf("packages/client/README.md")

/** A file of this repository, run from the scratch project (so it sees the installed tarballs). */
const fromRepo = (file, expect, project = "project") => ({
  name: project === "project" ? file : `${file} in ${project}`,
  file: path.basename(file),
  source: () => fs.readFile(path.join(root, file), "utf8"),
  runner: "node",
  expect,
  project
})

// What runs against the installed tarballs, in order, sharing one server whose HOTDATA_*
// variables they get. A program of the repository is one more entry,
// fromRepo("examples/<name>.mjs", /what it prints/); entries before the require check are
// held to leaving no database behind.
const programs = [
  { name: "README quickstart as ESM (tsx)", file: "quickstart.mts", source: readmeQuickstart, runner: "tsx", expect: /Lisbon/ },
  {
    name: "README quickstart in the CommonJS project (tsx)",
    file: "quickstart.ts",
    source: readmeQuickstart,
    runner: "tsx",
    expect: /Lisbon/
  },
  fromRepo("scripts/pack-smoke/require-check.cjs", /arrow \(require\)/),
  fromRepo("examples/promise-client.mjs", /caught NotFound \(404\)/),
  // Only @hotdata-effect/client installed, beside effect@4 and with no effect at all.
  {
    name: "the client README quickstart beside effect@4 (tsx)",
    file: "client-quickstart.mts",
    source: clientQuickstart,
    runner: "tsx",
    expect: /Lisbon/,
    project: "effect4"
  },
  fromRepo("scripts/pack-smoke/client-check.mjs", /beside effect@4\./, "effect4"),
  fromRepo("scripts/pack-smoke/client-check.cjs", /beside effect@4\./, "effect4"),
  fromRepo("examples/promise-client.mjs", /caught NotFound \(404\)/, "effect4"),
  fromRepo("scripts/pack-smoke/client-check.mjs", /beside no effect\)/, "noeffect"),
  fromRepo("scripts/pack-smoke/client-check.cjs", /beside no effect\)/, "noeffect")
]

/** The hotdata-local process, once started. */
let server

/** Waits for every promise; fails with the first failure once all have settled. */
const allOf = async (...promises) => {
  const failed = (await Promise.allSettled(promises)).find((r) => r.status === "rejected")
  if (failed !== undefined) throw failed.reason
}

// Whatever ends this process, the server it started does not outlive it.
process.on("exit", () => server?.kill("SIGTERM"))

const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "hotdata-pack-smoke-"))
try {
  const tarballs = path.join(tmp, "tarballs")
  const tgz = await step("pnpm pack", async () => {
    await exec("npx", ["-y", PNPM, "-r", "--filter", "./packages/*", "pack", "--pack-destination", tarballs], {
      cwd: root
    })
    const files = await fs.readdir(tarballs)
    return packages.map((name) => {
      const file = files.find((f) => f.startsWith(`hotdata-effect-${name}-`) && f.endsWith(".tgz"))
      if (file === undefined) throw new Error(`pnpm pack wrote no tarball for ${name} (${files.join(", ")})`)
      return { name, file: path.join(tarballs, file) }
    })
  })

  await step("tarball contents", () =>
    Promise.all(tgz.map(async ({ file, name }) => {
      const files = (await exec("tar", ["tzf", file])).stdout.split("\n")
      const problems = []
      if (!files.includes("package/LICENSE")) problems.push("no LICENSE")
      const cjs = name === "client" ? "package/dist/index.cjs" : "package/dist/cjs/package.json"
      if (!files.includes(cjs)) problems.push(`no CommonJS build (${cjs.slice("package/".length)})`)
      const cache = files.filter((f) => f.endsWith(".tsbuildinfo"))
      if (cache.length > 0) problems.push(`build cache: ${cache.join(", ")}`)
      const manifest = (await exec("tar", ["xzf", file, "-O", "package/package.json"])).stdout
      if (manifest.includes("workspace:")) problems.push("a workspace: range left in package.json")
      if (name === "client") {
        // The bundle carries its Effect: it installs beside any effect, or none.
        const { dependencies = {}, peerDependencies = {} } = JSON.parse(manifest)
        const deps = [...Object.keys(dependencies), ...Object.keys(peerDependencies)]
        if (deps.join() !== "apache-arrow") problems.push(`dependencies other than apache-arrow: ${deps.join(", ")}`)
        if (!files.includes("package/dist/LICENSES.md")) problems.push("no licenses of the bundled packages")
      }
      if (problems.length > 0) throw new Error(`${name} tarball: ${problems.join("; ")}`)
    })))

  const project = path.join(tmp, "project")

  const lint = () =>
    step("publint + attw", () =>
      Promise.all(tgz.map(async ({ file, name }) => {
        await exec(bin("publint"), ["run", "--strict", file])
        // "./*" is a wildcard attw cannot list: name the public modules (src/*.ts) too.
        // The client package has one entry point.
        const modules = name === "client" ? [] : (await fs.readdir(path.join(root, "packages", name, "src")))
          .filter((f) => /^[A-Z].*\.ts$/.test(f))
          .map((f) => `./${f.slice(0, -3)}`)
        const include = modules.length > 0 ? ["--include-entrypoints", ...modules] : []
        await exec(bin("attw"), ["--profile", "node16", "--format", "ascii", ...include, "--", file])
      })))

  const install = () =>
    step("npm install of the tarballs beside effect@3", async () => {
      await fs.mkdir(project)
      await exec("npm", ["init", "-y"], { cwd: project })
      const { stderr } = await exec("npm", [
        "install",
        "--no-audit",
        "--no-fund",
        "--strict-peer-deps",
        ...tgz.map(({ file }) => file),
        "effect@3",
        "@effect/platform@0.97"
      ], { cwd: project })
      if (/ERESOLVE|Could not resolve dependency/.test(stderr)) throw new Error(`npm install:\n${stderr}`)
    })

  const clientTarball = tgz.find(({ name }) => name === "client").file
  const projects = { project, effect4: path.join(tmp, "effect4"), noeffect: path.join(tmp, "noeffect") }

  // A project of its own with only the client's tarball, installed after `before`.
  const installClient = (name, before) =>
    step(`npm install of the client tarball alone${before.length > 0 ? ` after npm i ${before.join(" ")}` : ""}`, async () => {
      const dir = projects[name]
      await fs.mkdir(dir)
      await exec("npm", ["init", "-y"], { cwd: dir })
      if (before.length > 0) await exec("npm", ["install", "--no-audit", "--no-fund", ...before], { cwd: dir })
      const { stderr } = await exec("npm", ["install", "--no-audit", "--no-fund", "--strict-peer-deps", clientTarball], {
        cwd: dir
      })
      if (/ERESOLVE|Could not resolve dependency/.test(stderr)) throw new Error(`npm install:\n${stderr}`)
      // The file the client README quickstart loads.
      await fs.writeFile(path.join(dir, "cities.csv"), "city,population\nLisbon,545000\nPorto,232000\n")
    })

  // The client's declarations in the effect@4 project, read by tsc as ESM and as CommonJS.
  const clientTypeCheck = () =>
    step("types of the client README quickstart and a client program beside effect@4, node16 ESM and CommonJS (tsc)", async () => {
      const dir = projects.effect4
      const program = `import { createHotdataClient, HotdataPromiseError, queryTable } from "@hotdata-effect/client"
import type { Schemas } from "@hotdata-effect/client"

export const names = async (): Promise<ReadonlyArray<string>> => {
  const hotdata = createHotdataClient({ timeout: "10 seconds" })
  try {
    const page: Schemas.ListDatabasesResponse = await hotdata.databases.list({ limit: 10 }, { maxRetries: 1 })
    const table = await queryTable(hotdata, "SELECT 1 AS one", { databaseId: page.databases[0]?.id ?? "" })
    return [...page.databases.map((db) => db.id), String(table.numRows)]
  } catch (error) {
    if (error instanceof HotdataPromiseError && error.status === 404) return [error._tag, error.message]
    throw error
  } finally {
    await hotdata.dispose()
  }
}
`
      await fs.writeFile(path.join(dir, "client-types.mts"), program)
      await fs.writeFile(path.join(dir, "client-types.cts"), program)
      const compilerOptions = {
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        module: "node16",
        target: "es2022",
        lib: ["es2022", "dom", "esnext.disposable"],
        types: []
      }
      await fs.writeFile(path.join(dir, "client-quickstart-types.mts"), await clientQuickstart())
      const tsconfig = { compilerOptions, files: ["client-types.mts", "client-types.cts", "client-quickstart-types.mts"] }
      await fs.writeFile(path.join(dir, "tsconfig.types.json"), JSON.stringify(tsconfig, null, 2))
      await exec(bin("tsc"), ["-p", "tsconfig.types.json"], { cwd: dir })
    })

  const typeCheck = () =>
    step("types of the README quickstart, node16 ESM and CommonJS (tsc)", async () => {
      const quickstart = await readmeQuickstart()
      await fs.writeFile(path.join(project, "quickstart-types.mts"), quickstart)
      await fs.writeFile(path.join(project, "quickstart-types.ts"), quickstart)
      const compilerOptions = {
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        module: "node16",
        target: "es2022",
        lib: ["es2022", "dom"],
        types: []
      }
      const tsconfig = { compilerOptions, files: ["quickstart-types.mts", "quickstart-types.ts"] }
      await fs.writeFile(path.join(project, "tsconfig.types.json"), JSON.stringify(tsconfig, null, 2))
      await exec(bin("tsc"), ["-p", "tsconfig.types.json"], { cwd: project })
    })

  const runPrograms = async () => {
    const env = await step("hotdata-local from the tarball", () =>
      new Promise((resolve, reject) => {
        server = spawn(
          path.join(project, "node_modules", ".bin", "hotdata-local"),
          ["--port", "0", "--data-dir", path.join(tmp, "data")],
          { cwd: project, stdio: ["ignore", "pipe", "inherit"] }
        )
        let out = ""
        server.on("exit", (code) => reject(new Error(`hotdata-local exited (${code}) before it was ready:\n${out}`)))
        server.stdout.on("data", (chunk) => {
          out += chunk
          const vars = Object.fromEntries([...out.matchAll(/export (HOTDATA_\w+)=(\S+)/g)].map((m) => [m[1], m[2]]))
          if (vars.HOTDATA_WORKSPACE_ID !== undefined) resolve(vars)
        })
      }))

    for (const program of programs) {
      await step(program.name, async () => {
        const cwd = projects[program.project ?? "project"]
        await fs.writeFile(path.join(cwd, program.file), await program.source())
        const command = program.runner === "tsx" ? bin("tsx") : process.execPath
        const { stdout } = await exec(command, [program.file], { cwd, env: { ...process.env, ...env } })
        process.stdout.write(stdout.trimEnd().replace(/^/gm, "  | ") + "\n")
        if (program.expect !== undefined && !program.expect.test(stdout)) {
          throw new Error(`${program.name}: the output does not match ${program.expect}`)
        }
      })
    }
  }

  // Independent steps run side by side: the tarball linters beside the install, and the
  // type-check beside the programs.
  await allOf(
    lint(),
    (async () => {
      await allOf(install(), installClient("effect4", ["effect@4"]), installClient("noeffect", []))
      await allOf(typeCheck(), clientTypeCheck(), runPrograms())
    })()
  )
} finally {
  if (server !== undefined && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve))
    server.kill("SIGTERM")
    await exited
  }
  await fs.rm(tmp, { recursive: true, force: true })
}
console.log(`pack-smoke: passed in ${((performance.now() - started) / 1000).toFixed(1)} s`)
