import type { Reporter, TestModule } from "vitest/node"

/** Ends the test run with one plain line: `tests: N passed, N failed, N skipped`. */
export default class SummaryReporter implements Reporter {
  private line = ""

  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    let passed = 0
    let failed = 0
    let skipped = 0
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === "passed") passed++
        else if (state === "failed") failed++
        else skipped++
      }
      if (module.state() === "failed" && [...module.children.allTests()].length === 0) failed++
    }
    this.line = `tests: ${passed} passed, ${failed} failed, ${skipped} skipped`
  }

  // Printed after the default reporter's summary, so it is the run's last line.
  onFinished() {
    if (this.line !== "") console.log(`\n${this.line}`)
  }
}
