/**
 * The embedded store's credentials: made at random the first time a data directory is used,
 * and kept beside its state in `storage-credentials.json`, readable by its owner only (mode
 * 0600), so presigned URLs handed out before a restart stay valid after it. Without them (or
 * a presigned URL they signed) nothing in the store can be read or written.
 *
 * @internal
 */
import { randomBytes } from "node:crypto"
import * as fs from "node:fs"
import * as path from "node:path"
import { writeFileDurably } from "../state.js"
import type { S3Credentials } from "./sigv4.js"

/** The file, in the data directory. @internal */
export const CREDENTIALS_FILE = "storage-credentials.json"

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

/** An access key id shaped like AWS's: 20 upper-case letters and digits. */
const newAccessKeyId = (): string => "HDL" + [...randomBytes(17)].map((b) => BASE32[b % 32]).join("")

const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/
const SECRET = /^[A-Za-z0-9_\-+/=]{32,256}$/

const parse = (text: string): S3Credentials | undefined => {
  try {
    const value = JSON.parse(text) as { accessKeyId?: unknown; secretAccessKey?: unknown }
    if (
      typeof value.accessKeyId === "string" && ACCESS_KEY_ID.test(value.accessKeyId) &&
      typeof value.secretAccessKey === "string" && SECRET.test(value.secretAccessKey)
    ) {
      return { accessKeyId: value.accessKeyId, secretAccessKey: value.secretAccessKey }
    }
  } catch {
    // not JSON
  }
  return undefined
}

/**
 * The data directory's store credentials, made (and saved, mode 0600) when it has none yet.
 * A file that is not readable as credentials fails the start, naming the file.
 *
 * @internal
 */
export const storageCredentials = async (dataDir: string): Promise<S3Credentials> => {
  const file = path.join(dataDir, CREDENTIALS_FILE)
  let text: string | undefined
  try {
    text = await fs.promises.readFile(file, "utf8")
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== "ENOENT") throw cause
  }
  if (text !== undefined) {
    const credentials = parse(text)
    if (credentials === undefined) {
      throw new Error(`${file} does not hold the object store's credentials; remove it to have new ones made`)
    }
    // Owner only, also for a file an older version or a copy left more open.
    if (((await fs.promises.stat(file)).mode & 0o077) !== 0) await fs.promises.chmod(file, 0o600)
    return credentials
  }
  const credentials: S3Credentials = {
    accessKeyId: newAccessKeyId(),
    secretAccessKey: randomBytes(30).toString("base64url")
  }
  await writeFileDurably(file, JSON.stringify(credentials) + "\n", 0o600)
  return credentials
}
