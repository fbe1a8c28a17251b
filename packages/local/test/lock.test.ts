import { describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { type ChildProcess, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { assert } from "vitest"
import { lockDataDir } from "../src/internal/recovery.js"

/**
 * The data-directory lock: processes taking it at one instant, with no lock or a stale
 * one (left by a dead process), end with exactly one holder; a lock file that holds no
 * process id is never taken for a stale one.
 */

const TAKERS = 6
const ROUNDS = 40
const fixture = fileURLToPath(new URL("./fixtures/lockTaker.ts", import.meta.url))

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "hotdata-lock-"))

/** A process taking locks on command, answering one line per command. */
interface Taker {
  readonly process: ChildProcess
  readonly next: () => Promise<string>
  readonly send: (line: string) => void
}

const startTaker = (): Promise<Taker> =>
  new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["--import", "tsx", fixture], { stdio: ["pipe", "pipe", "pipe"] })
    const lines: Array<string> = []
    const waiting: Array<(line: string) => void> = []
    let buffer = ""
    let err = ""
    proc.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString()
      let at: number
      while ((at = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, at)
        buffer = buffer.slice(at + 1)
        const waiter = waiting.shift()
        if (waiter !== undefined) waiter(line)
        else lines.push(line)
      }
    })
    proc.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()))
    proc.once("exit", (code) => reject(new Error(`a lock taker exited (${code}): ${err}`)))
    const taker: Taker = {
      process: proc,
      next: () => {
        const line = lines.shift()
        return line !== undefined ? Promise.resolve(line) : new Promise((r) => waiting.push(r))
      },
      send: (line) => proc.stdin!.write(`${line}\n`)
    }
    void taker.next().then((line) => (line === "ready" ? resolve(taker) : reject(new Error(line))))
  })

/** The id of a process that has exited. */
const deadPid = (): Promise<number> =>
  new Promise((resolve) => {
    const gone = spawn(process.execPath, ["-e", ""])
    gone.once("exit", () => resolve(gone.pid!))
  })

describe("data-directory lock", () => {
  it.effect(
    "processes taking it at one instant end with exactly one holder, with no lock or a stale one",
    () =>
      Effect.promise(async () => {
        const takers = await Promise.all(Array.from({ length: TAKERS }, startTaker))
        const dead = await Promise.all(Array.from({ length: ROUNDS / 2 }, deadPid))
        const rounds: Array<string> = []
        try {
          for (let round = 0; round < ROUNDS; round++) {
            const dir = tempDir()
            const stale = round % 2 === 1
            if (stale) fs.writeFileSync(path.join(dir, "lock"), String(dead.pop()))
            const at = Date.now() + 150
            for (const taker of takers) taker.send(`take ${dir} ${at}`)
            const answers = await Promise.all(takers.map((t) => t.next()))
            const holders = takers.filter((_, i) => answers[i] === "held")
            for (const refusal of answers.filter((a) => a !== "held")) {
              assert.include(refusal, "in use by another local Hotdata server", refusal)
            }
            if (holders.length !== 1) {
              rounds.push(`round ${round} (${stale ? "stale lock" : "no lock"}): ${holders.length}`)
            } else {assert.strictEqual(
                fs.readFileSync(path.join(dir, "lock"), "utf8"),
                String(holders[0]!.process.pid)
              )}
            for (const taker of takers) taker.send("release")
            await Promise.all(takers.map((t) => t.next()))
            fs.rmSync(dir, { recursive: true, force: true })
          }
        } finally {
          for (const taker of takers) {
            taker.process.removeAllListeners("exit")
            taker.process.kill()
          }
        }
        // Every round had exactly one holder.
        assert.deepStrictEqual(rounds, [])
      }),
    { timeout: 120_000 }
  )

  it.effect(
    "a lock file holding no process id is not taken for a stale lock: it is waited for, then reported",
    () =>
      Effect.promise(async () => {
        const dir = tempDir()
        const lock = path.join(dir, "lock")
        const live = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"])
        // (Through a promise whether taking the lock answers at once or later.)
        const take = () => Promise.resolve().then(() => lockDataDir(dir))
        try {
          // Left empty: reported after a moment, and left alone.
          fs.writeFileSync(lock, "")
          const empty = await take().then(() => undefined, (e: Error) => e)
          assert.isDefined(empty, "an empty lock file was taken over")
          assert.include(empty!.message, "holds no process id")
          assert.include(empty!.message, lock)
          assert.strictEqual(fs.readFileSync(lock, "utf8"), "")

          // Being written: the process id it gets names the holder.
          setTimeout(() => fs.writeFileSync(lock, String(live.pid)), 100)
          const written = await take().then(() => undefined, (e: Error) => e)
          assert.isDefined(written, "a lock file being written was taken over")
          assert.include(written!.message, `in use by another local Hotdata server (process ${live.pid})`)
          assert.strictEqual(fs.readFileSync(lock, "utf8"), String(live.pid))

          // Half written and then given up (removed): taken.
          fs.writeFileSync(lock, "")
          setTimeout(() => fs.rmSync(lock), 100)
          const release = await take()
          assert.strictEqual(fs.readFileSync(lock, "utf8"), String(process.pid))
          release()
          assert.isFalse(fs.existsSync(lock))
        } finally {
          live.kill()
          fs.rmSync(dir, { recursive: true, force: true })
        }
      }),
    { timeout: 30_000 }
  )
})
