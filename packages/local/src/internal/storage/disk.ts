/**
 * The object store's files: one directory per bucket, each object a file
 * `<key>._S3rver_object` beside its MD5 (`.md5`) and metadata (`._S3rver_metadata.json`),
 * multipart uploads in progress under `<bucket>/._S3rver_uploads/<upload id>/` (`key`,
 * `metadata`, and per part its bytes `<n>` and MD5 `<n>.md5`). Every write lands in a
 * temporary file, is flushed to disk and then renamed into place, so a crash leaves whole
 * files only.
 *
 * @internal
 */
import { createHash, randomBytes } from "node:crypto"
import * as fs from "node:fs"
import type * as http from "node:http"
import * as path from "node:path"
import { Transform } from "node:stream"
import { pipeline } from "node:stream/promises"
import { syncDirectory, writeFileDurably, writeSynced } from "../state.js"
import { BUCKET, type Refused, refused, validKey } from "./protocol.js"

/** @internal */
export interface PartRecord {
  readonly etag: string
  readonly size: number
}

interface CompletedPart {
  readonly partNumber: number
  readonly etag: string
  readonly size: number
}

/** What a completed multipart upload was made of, kept beside the store's uploads. */
interface CompletedUpload {
  readonly key: string
  readonly etag: string
  readonly parts: ReadonlyArray<CompletedPart>
}

/** A stored object's description. @internal */
export interface ObjectInfo {
  readonly key: string
  readonly size: number
  readonly etag: string
  readonly lastModified: Date
  readonly metadata: Readonly<Record<string, string>>
}

/** Headers kept as object metadata on a PUT, as S3 keeps them. @internal */
export const STORED_METADATA = new Set([
  "cache-control",
  "content-disposition",
  "content-encoding",
  "content-language",
  "content-type",
  "expires",
  "x-amz-storage-class",
  "x-amz-website-redirect-location"
])

/** The metadata headers of a request worth keeping with an object. @internal */
export const metadataOf = (headers: http.IncomingHttpHeaders | Readonly<Record<string, unknown>>) => {
  const metadata: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === "string" && (STORED_METADATA.has(name) || name.startsWith("x-amz-meta-"))) {
      metadata[name] = value
    }
  }
  return metadata
}

/** Where a PUT's body goes: an object or a part of the bucket. @internal */
export type UploadTarget =
  | { readonly _tag: "object"; readonly key: string }
  | { readonly _tag: "part"; readonly key: string; readonly uploadId: string; readonly partNumber: number }

const OBJECT_SUFFIX = "._S3rver_object"
const UPLOADS = "._S3rver_uploads"
const UPLOAD_ID = /^[A-Za-z0-9_-]+$/

const metadataPathOf = (objectPath: string): string =>
  objectPath.slice(0, -OBJECT_SUFFIX.length) + "._S3rver_metadata.json"

const syncFile = async (file: string): Promise<void> => {
  const handle = await fs.promises.open(file, "r+")
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** @internal */
export const noSuchUpload = refused(
  404,
  "NoSuchUpload",
  "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."
)

/**
 * The store's bucket on disk, and the S3 operations on it.
 *
 * @internal
 */
export class DiskStore {
  constructor(private readonly directory: string) {
    fs.mkdirSync(path.join(directory, BUCKET), { recursive: true })
  }

  private get bucketDirectory(): string {
    return path.join(this.directory, BUCKET)
  }

  private get uploadsDirectory(): string {
    return path.join(this.bucketDirectory, UPLOADS)
  }

  /** Where an object of the bucket is kept. */
  private objectPath(key: string): string {
    // Windows-unsafe characters are written `&<hex>`.
    const encoded = process.platform === "win32"
      ? key.replace(/[<>:"\\|?*]/g, (c) => `&${Buffer.from(c, "utf8").toString("hex")}`)
      : key
    const segments = encoded.split("/")
    const name = segments.pop()!
    return path.join(this.bucketDirectory, ...segments, `${name}${OBJECT_SUFFIX}`)
  }

  /** Opens a multipart upload; its id names its directory. */
  async createMultipart(key: string, metadata: Readonly<Record<string, string>>): Promise<string> {
    if (!validKey(key)) throw new Error("the object key is not valid for this store")
    const uploadId = randomBytes(16).toString("hex")
    const directory = path.join(this.uploadsDirectory, uploadId)
    await fs.promises.mkdir(directory, { recursive: true })
    await writeFileDurably(path.join(directory, "metadata"), JSON.stringify(metadata))
    await writeFileDurably(path.join(directory, "key"), key)
    await syncDirectory(this.uploadsDirectory)
    return uploadId
  }

  /** Whether a multipart upload is open for this key. */
  uploadOpen(key: string, uploadId: string): boolean {
    if (!UPLOAD_ID.test(uploadId)) return false
    try {
      return fs.readFileSync(path.join(this.uploadsDirectory, uploadId, "key"), "utf8") === key
    } catch {
      return false
    }
  }

  async abortMultipart(key: string, uploadId: string): Promise<boolean> {
    if (!this.uploadOpen(key, uploadId)) return false
    await fs.promises.rm(path.join(this.uploadsDirectory, uploadId), { recursive: true, force: true })
    return true
  }

  /** A stored object, or `undefined`. */
  async head(key: string): Promise<ObjectInfo | undefined> {
    if (!validKey(key)) return undefined
    const file = this.objectPath(key)
    try {
      const [stat, md5, metadata] = await Promise.all([
        fs.promises.stat(file),
        fs.promises.readFile(`${file}.md5`, "utf8"),
        fs.promises.readFile(metadataPathOf(file), "utf8").then(
          (text) => JSON.parse(text) as Record<string, string>,
          () => ({})
        )
      ])
      if (!stat.isFile()) return undefined
      return { key, size: stat.size, etag: JSON.stringify(md5.trim()), lastModified: stat.mtime, metadata }
    } catch {
      return undefined
    }
  }

  /** The bytes of a stored object, whole or `[start, end]` (inclusive). */
  read(key: string, range?: { readonly start: number; readonly end: number }): fs.ReadStream {
    return fs.createReadStream(this.objectPath(key), range === undefined ? {} : { start: range.start, end: range.end })
  }

  async delete(key: string): Promise<void> {
    if (!validKey(key)) return
    const file = this.objectPath(key)
    await Promise.all([file, `${file}.md5`, metadataPathOf(file)].map((f) => fs.promises.rm(f, { force: true })))
  }

  /** Copies an object to another key, with its metadata or new metadata. */
  async copy(from: string, to: string, metadata?: Readonly<Record<string, string>>): Promise<ObjectInfo | undefined> {
    const source = await this.head(from)
    if (source === undefined || !validKey(to)) return undefined
    const destination = this.objectPath(to)
    await fs.promises.mkdir(path.dirname(destination), { recursive: true })
    const temporary = path.join(path.dirname(destination), `.incoming-${randomBytes(8).toString("hex")}`)
    await fs.promises.copyFile(this.objectPath(from), temporary)
    await syncFile(temporary)
    await Promise.all([
      writeFileDurably(`${destination}.md5`, JSON.parse(source.etag) as string),
      writeFileDurably(metadataPathOf(destination), JSON.stringify(metadata ?? source.metadata, null, 2))
    ])
    await fs.promises.rename(temporary, destination)
    await syncDirectory(path.dirname(destination))
    return this.head(to)
  }

  /** The objects whose keys start with `prefix`, in key order, after `after`. */
  async list(prefix: string, after: string, limit: number): Promise<{
    readonly objects: Array<ObjectInfo>
    readonly truncated: boolean
  }> {
    const keys: Array<string> = []
    const walk = async (directory: string, keyPrefix: string): Promise<void> => {
      let entries: Array<fs.Dirent>
      try {
        entries = await fs.promises.readdir(directory, { withFileTypes: true })
      } catch {
        return
      }
      for (const entry of entries) {
        if (entry.isDirectory()) {
          if (keyPrefix === "" && entry.name === UPLOADS) continue
          await walk(path.join(directory, entry.name), `${keyPrefix}${entry.name}/`)
        } else if (entry.name.endsWith(OBJECT_SUFFIX)) {
          const key = keyPrefix + entry.name.slice(0, -OBJECT_SUFFIX.length)
          if (key.startsWith(prefix) && key > after) keys.push(key)
        }
      }
    }
    await walk(this.bucketDirectory, "")
    keys.sort()
    const objects: Array<ObjectInfo> = []
    for (const key of keys.slice(0, limit)) {
      const info = await this.head(key)
      if (info !== undefined) objects.push(info)
    }
    return { objects, truncated: keys.length > limit }
  }

  private manifestPath(uploadId: string): string {
    return path.join(this.uploadsDirectory, `${uploadId}.completed.json`)
  }

  /** What a completed multipart upload was made of. */
  private completedManifest(uploadId: string): CompletedUpload | undefined {
    try {
      return JSON.parse(fs.readFileSync(this.manifestPath(uploadId), "utf8")) as CompletedUpload
    } catch {
      return undefined
    }
  }

  /**
   * The parts received for a multipart upload, by part number, read from the store's files
   * (a part is there once its body and its MD5 are), so they survive a restart; for an
   * upload completed already, the parts it was completed with.
   */
  receivedParts(uploadId: string): ReadonlyMap<number, PartRecord> {
    const parts = new Map<number, PartRecord>()
    if (!UPLOAD_ID.test(uploadId)) return parts
    // Once the completion manifest is on disk the upload is complete, even where a crash cut
    // short the removal of its part files: the manifest, not what is left of them, lists the parts.
    const completed = this.completedManifest(uploadId)
    if (completed !== undefined) {
      for (const part of completed.parts) {
        parts.set(part.partNumber, { etag: JSON.stringify(part.etag), size: part.size })
      }
      return parts
    }
    const directory = path.join(this.uploadsDirectory, uploadId)
    let names: Array<string>
    try {
      names = fs.readdirSync(directory)
    } catch {
      return parts
    }
    for (const name of names) {
      if (!/^[1-9][0-9]*$/.test(name)) continue
      try {
        const md5 = fs.readFileSync(path.join(directory, `${name}.md5`), "utf8")
        const { size } = fs.statSync(path.join(directory, name))
        parts.set(Number(name), { etag: JSON.stringify(md5), size })
      } catch {
        // A part whose MD5 is missing was not completely received.
      }
    }
    return parts
  }

  /**
   * Completes a multipart upload in the store's layout, without
   * reading the parts back through a hash: checks the part list (ascending, each part
   * present with its ETag), concatenates the part files into the object, keeps the
   * metadata given at creation, and records the S3 multipart ETag (MD5 of the parts' MD5s,
   * `-<count>`).
   */
  async assemble(
    key: string,
    uploadId: string,
    parts: ReadonlyArray<{ readonly partNumber: number; readonly etag: string }>,
    minPartSize = 0
  ): Promise<{ readonly _tag: "completed"; readonly etag: string } | Refused> {
    if (!UPLOAD_ID.test(uploadId) || !validKey(key)) return noSuchUpload
    const uploadDir = path.join(this.uploadsDirectory, uploadId)
    const done = this.completedManifest(uploadId)
    const storedKey = done !== undefined
      ? undefined
      : await fs.promises.readFile(path.join(uploadDir, "key"), "utf8").catch(() => undefined)
    if (storedKey === undefined) {
      // Completed already (the answer may have been lost in a crash, perhaps while the part
      // files were being removed): the same part list completes again to the same object.
      const same = done !== undefined && done.key === key && done.parts.length === parts.length &&
        parts.every((p, i) =>
          done.parts[i]!.partNumber === p.partNumber && done.parts[i]!.etag === p.etag.replace(/"/g, "")
        )
      return same ? { _tag: "completed", etag: JSON.stringify(done.etag) } : noSuchUpload
    }
    if (storedKey !== key) return noSuchUpload
    if (parts.length === 0) {
      return refused(
        400,
        "MalformedXML",
        "The XML you provided was not well-formed or did not validate against our published schema."
      )
    }
    const digests: Array<Buffer> = []
    const manifest: Array<CompletedPart> = []
    let previous = 0
    for (const part of parts) {
      if (!Number.isInteger(part.partNumber) || part.partNumber <= previous) {
        return refused(
          400,
          "InvalidPartOrder",
          "The list of parts was not in ascending order. Parts must be ordered by part number."
        )
      }
      previous = part.partNumber
      const md5 = await fs.promises.readFile(path.join(uploadDir, `${part.partNumber}.md5`), "utf8").catch(() => "")
      if (md5 === "" || md5 !== part.etag.replace(/"/g, "")) {
        return refused(
          400,
          "InvalidPart",
          "One or more of the specified parts could not be found. The part might not have been uploaded, or the specified entity tag might not have matched the part's entity tag."
        )
      }
      digests.push(Buffer.from(md5, "hex"))
      const { size } = await fs.promises.stat(path.join(uploadDir, String(part.partNumber)))
      manifest.push({ partNumber: part.partNumber, etag: md5, size })
      if (minPartSize > 0 && part !== parts[parts.length - 1]) {
        if (size < minPartSize) {
          return refused(400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size.")
        }
      }
    }
    const destination = this.objectPath(key)
    await fs.promises.mkdir(path.dirname(destination), { recursive: true })
    const temporary = path.join(path.dirname(destination), `.incoming-${randomBytes(8).toString("hex")}`)
    await writeSynced(temporary, async (out) => {
      const buffer = Buffer.allocUnsafe(4 * 1024 * 1024)
      for (const part of parts) {
        const input = await fs.promises.open(path.join(uploadDir, String(part.partNumber)), "r")
        try {
          for (;;) {
            const { bytesRead } = await input.read(buffer, 0, buffer.length, null)
            if (bytesRead === 0) break
            await out.write(buffer, 0, bytesRead)
          }
        } finally {
          await input.close()
        }
      }
    })
    const created = await fs.promises.readFile(path.join(uploadDir, "metadata"), "utf8")
      .then((text) => JSON.parse(text) as Record<string, unknown>)
      .catch(() => ({} as Record<string, unknown>))
    const metadata: Record<string, string> = {}
    for (const [name, value] of Object.entries(created)) {
      if (typeof value === "string" && (STORED_METADATA.has(name) || name.startsWith("x-amz-meta-"))) {
        metadata[name] = value
      }
    }
    const etag = `${createHash("md5").update(Buffer.concat(digests)).digest("hex")}-${parts.length}`
    await Promise.all([
      writeFileDurably(`${destination}.md5`, etag),
      writeFileDurably(metadataPathOf(destination), JSON.stringify(metadata, null, 2))
    ])
    await fs.promises.rename(temporary, destination)
    await syncDirectory(path.dirname(destination))
    // What the upload was made of outlives its part files, for a completion sent again.
    await writeFileDurably(this.manifestPath(uploadId), JSON.stringify({ key, etag, parts: manifest }))
    await fs.promises.rm(uploadDir, { recursive: true, force: true })
    return { _tag: "completed", etag: JSON.stringify(etag) }
  }

  /**
   * Streams a PUT body into the store's files: hashes it on the way into a temporary file
   * beside its destination, then, when the length and any promised SHA-256 match, writes the
   * MD5 (and, for an object, the metadata) the store reads and moves the file into place.
   */
  async writeBody(
    req: http.IncomingMessage,
    target: UploadTarget,
    payloadSha256: string | undefined
  ): Promise<
    | { readonly _tag: "stored"; readonly etag: string; readonly size: number }
    | { readonly _tag: "mismatch" }
    | { readonly _tag: "incomplete" }
  > {
    const destination = target._tag === "part"
      ? path.join(this.uploadsDirectory, target.uploadId, String(target.partNumber))
      : this.objectPath(target.key)
    const directory = path.dirname(destination)
    await fs.promises.mkdir(directory, { recursive: true })
    const temporary = path.join(directory, `.incoming-${randomBytes(8).toString("hex")}`)
    const md5 = createHash("md5")
    const sha256 = payloadSha256 === undefined ? undefined : createHash("sha256")
    let size = 0
    try {
      await pipeline(
        req,
        new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            md5.update(chunk)
            sha256?.update(chunk)
            size += chunk.length
            callback(null, chunk)
          }
        }),
        fs.createWriteStream(temporary, { highWaterMark: 1024 * 1024 })
      )
      if (size !== Number(req.headers["content-length"])) {
        await fs.promises.rm(temporary, { force: true })
        return { _tag: "incomplete" }
      }
      if (sha256 !== undefined && sha256.digest("hex") !== payloadSha256) {
        await fs.promises.rm(temporary, { force: true })
        return { _tag: "mismatch" }
      }
      await syncFile(temporary)
      const md5Hex = md5.digest("hex")
      if (target._tag === "part") {
        await writeFileDurably(`${destination}.md5`, md5Hex)
      } else {
        const metadata: Record<string, string> = {}
        for (const [name, value] of Object.entries(req.headers)) {
          if (typeof value === "string" && (STORED_METADATA.has(name) || name.startsWith("x-amz-meta-"))) {
            metadata[name] = value
          }
        }
        await Promise.all([
          writeFileDurably(`${destination}.md5`, md5Hex),
          writeFileDurably(metadataPathOf(destination), JSON.stringify(metadata, null, 2))
        ])
      }
      await fs.promises.rename(temporary, destination)
      await syncDirectory(directory)
      return { _tag: "stored", etag: JSON.stringify(md5Hex), size }
    } catch (cause) {
      await fs.promises.rm(temporary, { force: true })
      throw cause
    }
  }
}
