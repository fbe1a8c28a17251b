import * as path from "node:path"
import { defineConfig } from "vitest/config"

const pkg = (name: string) => path.resolve(import.meta.dirname, "packages", name, "src")

export default defineConfig({
  resolve: {
    alias: [
      {
        find: /^@hotdata-effect\/(core|local|arrow|uploads|client|kernel)$/,
        replacement: path.join(pkg("$1"), "index.ts")
      },
      // The kernel's Node-only file access (its `./fs` export: a `node` and a `default` module), from source.
      { find: /^@hotdata-effect\/kernel\/fs$/, replacement: path.join(pkg("kernel"), "fs.node.ts") },
      {
        find: /^@hotdata-effect\/(core|local|arrow|uploads|kernel)\/(.*)$/,
        replacement: path.join(pkg("$1"), "$2.ts")
      },
      // Node's HTTP modules for core's NodeTransport (package.json "imports" #http), from source.
      { find: /^#http$/, replacement: path.join(pkg("core"), "internal", "transport", "http.node.ts") }
    ]
  },
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts", "examples/**/*.test.ts"],
    fakeTimers: { toFake: undefined },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ["default", "./scripts/summary-reporter.ts"]
  }
})
