import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client
} from "@aws-sdk/client-s3"
import { Upload } from "@aws-sdk/lib-storage"
import { describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { assert } from "vitest"
import { objectPath, presignUrl, s3Signer } from "../src/internal/storage/sigv4.js"
import * as LocalHotdata from "../src/LocalHotdata.js"
import { startLocalHotdata } from "../src/LocalHotdata.js"
import { api, bytesOf, handleCall, put } from "./helpers.js"

const MiB = 1024 * 1024

const md5ETag = (bytes: Uint8Array) => JSON.stringify(createHash("md5").update(bytes).digest("hex"))

const s3For = (storage: LocalHotdata.StorageEndpoint, secret = storage.secretAccessKey) =>
  new S3Client({
    endpoint: storage.endpoint,
    region: storage.region,
    forcePathStyle: true,
    credentials: { accessKeyId: storage.accessKeyId, secretAccessKey: secret },
    maxAttempts: 1
  })

/** An S3 client for the local store's front, destroyed with the scope. */
const s3Client = (secret?: string) =>
  Effect.acquireRelease(
    Effect.map(LocalHotdata.LocalHotdata, (server) => {
      assert.isDefined(server.storage)
      return { client: s3For(server.storage!, secret), storage: server.storage! }
    }),
    ({ client }) => Effect.sync(() => client.destroy())
  )

const getBytes = (client: S3Client, bucket: string, key: string) =>
  Effect.promise(async () => {
    const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
    return { bytes: await out.Body!.transformToByteArray(), etag: out.ETag }
  })

const statusOf = (cause: unknown): number | undefined =>
  (cause as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode

describe("object storage as an S3 endpoint (header auth)", () => {
  it.layer(LocalHotdata.layerServer())((it) => {
    it.effect("the handle exposes the endpoint and credentials", () =>
      Effect.gen(function*() {
        const server = yield* LocalHotdata.LocalHotdata
        assert.deepStrictEqual(server.storage, {
          endpoint: server.storageUrl!,
          bucket: "hotdata-uploads",
          region: "us-east-1",
          accessKeyId: server.storage!.accessKeyId,
          secretAccessKey: server.storage!.secretAccessKey
        })
        assert.match(server.storage!.accessKeyId, /^[A-Z0-9]{20}$/)
      }))

    it.scoped("header-signed requests with the store's credentials are accepted and recorded", () =>
      Effect.gen(function*() {
        const { client, storage } = yield* s3Client()
        const server = yield* LocalHotdata.LocalHotdata
        yield* server.clearStorageRequests
        const body = bytesOf(1000, 3)
        const out = yield* Effect.promise(() =>
          client.send(
            new PutObjectCommand({ Bucket: storage.bucket, Key: "direct/a.bin", Body: body, ContentType: "x/y" })
          )
        )
        assert.strictEqual(out.ETag, md5ETag(body))
        const head = yield* Effect.promise(() =>
          client.send(new HeadObjectCommand({ Bucket: storage.bucket, Key: "direct/a.bin" }))
        )
        assert.strictEqual(head.ContentLength, 1000)
        assert.strictEqual(head.ContentType, "x/y")
        const got = yield* getBytes(client, storage.bucket, "direct/a.bin")
        assert.deepStrictEqual(got.bytes, body)
        assert.strictEqual(got.etag, md5ETag(body))
        const seen = yield* server.storageRequests
        assert.deepStrictEqual(seen.map((r) => [r.method, r.status]), [["PUT", 200], ["HEAD", 200], ["GET", 200]])
        assert.isTrue(seen.every((r) => r.headers.authorization?.startsWith("AWS4-HMAC-SHA256 ")))
      }))

    it.scoped("a wrong secret, an unknown key or a tampered signed body is refused", () =>
      Effect.gen(function*() {
        const { client, storage } = yield* s3Client("not-the-secret")
        const wrong = yield* Effect.promise(() =>
          client.send(new PutObjectCommand({ Bucket: storage.bucket, Key: "direct/b.bin", Body: bytesOf(10) })).then(
            () => undefined,
            statusOf
          )
        )
        assert.strictEqual(wrong, 403)
        const read = yield* Effect.promise(() =>
          client.send(new GetObjectCommand({ Bucket: storage.bucket, Key: "direct/a.bin" })).then(
            () => undefined,
            statusOf
          )
        )
        assert.strictEqual(read, 403)

        // A body that differs from the SHA-256 it was signed with: 400, nothing stored.
        const good = yield* s3Client()
        good.client.middlewareStack.add(
          (next) => async (args) => {
            const request = args.request as { body?: unknown }
            if (request.body instanceof Uint8Array) request.body = bytesOf(request.body.length, 99)
            return next(args)
          },
          { step: "finalizeRequest", priority: "low", name: "tamperBody" }
        )
        const tampered = yield* Effect.promise(() =>
          good.client.send(
            new PutObjectCommand({ Bucket: storage.bucket, Key: "direct/c.bin", Body: bytesOf(100) })
          ).then(() => undefined, statusOf)
        )
        assert.strictEqual(tampered, 400)
        const { client: plain } = yield* s3Client()
        const missing = yield* Effect.promise(() =>
          plain.send(new HeadObjectCommand({ Bucket: storage.bucket, Key: "direct/c.bin" })).then(
            () => undefined,
            statusOf
          )
        )
        assert.strictEqual(missing, 404)
      }))

    it.scoped("a 20 MiB part streams through a presigned URL with the right ETag and completes", () =>
      Effect.gen(function*() {
        const { call } = yield* api
        const server = yield* LocalHotdata.LocalHotdata
        const partSize = 20 * MiB
        const size = partSize + 3 * MiB
        const data = bytesOf(size, 5)
        const session = yield* call("POST", "/v1/uploads", {
          body: { declared_size_bytes: size, part_size: partSize }
        })
        assert.strictEqual(session.status, 201, session.text)
        assert.strictEqual(session.json.part_urls.length, 2)
        yield* server.clearStorageRequests
        const parts = []
        for (const [i, url] of (session.json.part_urls as Array<string>).entries()) {
          const chunk = data.slice(i * partSize, (i + 1) * partSize)
          const r = yield* put(url, chunk)
          assert.strictEqual(r.status, 200, r.text)
          assert.strictEqual(r.headers.get("etag"), md5ETag(chunk))
          parts.push({ part_number: i + 1, e_tag: r.headers.get("etag")! })
        }
        const key = (yield* server.storageRequests)[0]!.path.replace("/hotdata-uploads/", "")
        const fin = yield* call("POST", `/v1/uploads/${session.json.upload_id}/finalize`, {
          body: { parts },
          headers: { "x-upload-finalize-token": session.json.finalize_token }
        })
        assert.strictEqual(fin.status, 200, fin.text)
        assert.strictEqual(fin.json.size_bytes, size)
        const { client, storage } = yield* s3Client()
        const got = yield* getBytes(client, storage.bucket, key)
        assert.strictEqual(got.bytes.length, size)
        assert.isTrue(Buffer.from(got.bytes).equals(Buffer.from(data)))
      }))

    it.scoped("lib-storage Upload sends a multipart object through the front", () =>
      Effect.gen(function*() {
        const { client, storage } = yield* s3Client()
        const server = yield* LocalHotdata.LocalHotdata
        yield* server.clearStorageRequests
        const data = bytesOf(13 * MiB, 11)
        yield* Effect.promise(() =>
          new Upload({
            client,
            params: { Bucket: storage.bucket, Key: "lib-storage/object.bin", Body: data },
            partSize: 5 * MiB,
            queueSize: 2
          }).done()
        )
        const got = yield* getBytes(client, storage.bucket, "lib-storage/object.bin")
        assert.isTrue(Buffer.from(got.bytes).equals(Buffer.from(data)))
        // The S3 multipart ETag: MD5 of the parts' MD5s, then the part count.
        const partDigests = [0, 1, 2].map((i) =>
          createHash("md5").update(data.subarray(i * 5 * MiB, (i + 1) * 5 * MiB)).digest()
        )
        assert.strictEqual(got.etag, `"${createHash("md5").update(Buffer.concat(partDigests)).digest("hex")}-3"`)
        const seen = (yield* server.storageRequests).map((r) =>
          `${r.method} ${Object.keys(r.query).filter((k) => k !== "x-id").sort().join("&")} ${r.status}`
        )
        assert.deepStrictEqual(seen, [
          "POST uploads 200",
          "PUT partNumber&uploadId 200",
          "PUT partNumber&uploadId 200",
          "PUT partNumber&uploadId 200",
          "POST uploadId 200",
          "GET  200"
        ])
      }))
  })
})

describe("the store's credentials", () => {
  it.effect("are the data directory's own: the fixed pair of earlier versions cannot read, write or presign", () =>
    Effect.promise(async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hotdata-creds-"))
      let server = await startLocalHotdata({ dataDir })
      const other = await startLocalHotdata({ temporary: true })
      const fixed = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" }
      try {
        const storage = server.storage!
        assert.match(storage.accessKeyId, /^[A-Z0-9]{20}$/)
        assert.isAtLeast(storage.secretAccessKey.length, 32)
        assert.notStrictEqual(storage.accessKeyId, fixed.accessKeyId)
        assert.notDeepEqual(other.storage!.accessKeyId, storage.accessKeyId)
        const file = path.join(dataDir, "storage-credentials.json")
        assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600)

        // An upload, finalized.
        const call = handleCall(server)
        const csv = "n\n1\n2\n3\n"
        const session = (await call("POST", "/v1/uploads", { declared_size_bytes: csv.length })).json
        assert.strictEqual((await fetch(session.url, { method: "PUT", body: csv })).status, 200)
        const finalized = await call("POST", `/v1/uploads/${session.upload_id}/finalize`, {}, {
          "x-upload-finalize-token": session.finalize_token
        })
        assert.strictEqual(finalized.status, 200, JSON.stringify(finalized.json))
        const key = decodeURIComponent(new URL(session.url).pathname.slice(`/${storage.bucket}/`.length))

        // Whoever signs with the fixed pair (or another directory's) is refused everything.
        const others = { accessKeyId: other.storage!.accessKeyId, secretAccessKey: other.storage!.secretAccessKey }
        for (const credentials of [fixed, others]) {
          const s3 = s3For({ ...storage, ...credentials })
          try {
            const attempts = [
              () => s3.send(new ListObjectsV2Command({ Bucket: storage.bucket })),
              () => s3.send(new GetObjectCommand({ Bucket: storage.bucket, Key: key })),
              () => s3.send(new PutObjectCommand({ Bucket: storage.bucket, Key: key, Body: "n\n666\n" }))
            ]
            for (const attempt of attempts) assert.strictEqual(await attempt().then(() => undefined, statusOf), 403)
          } finally {
            s3.destroy()
          }
          const forged = await presignUrl(
            storage.endpoint,
            "PUT",
            objectPath(storage.bucket, key),
            {},
            60,
            s3Signer(credentials, storage.region)
          )
          assert.strictEqual((await fetch(forged, { method: "PUT", body: "n\n666\n" })).status, 403)
        }
        const db = (await call("POST", "/v1/databases", {})).json
        const loaded = await call("POST", `/v1/databases/${db.id}/schemas/main/tables/t/loads`, {
          mode: "replace",
          upload_id: session.upload_id
        })
        assert.strictEqual(loaded.status, 200, JSON.stringify(loaded.json))
        assert.strictEqual(loaded.json.row_count, 3)

        // The same directory keeps its credentials across a restart.
        await server.stop()
        server = await startLocalHotdata({ dataDir })
        assert.deepStrictEqual(server.storage, { ...storage, endpoint: server.storage!.endpoint })
      } finally {
        await server.stop()
        await other.stop()
        fs.rmSync(dataDir, { recursive: true, force: true })
      }
    }))
})
