import {
  AbortMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand
} from "@aws-sdk/client-s3"
import { describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { assert } from "vitest"
import * as LocalHotdata from "../src/LocalHotdata.js"
import { startLocalHotdata } from "../src/LocalHotdata.js"
import { handleCall } from "./helpers.js"

const clientFor = (storage: LocalHotdata.StorageEndpoint) =>
  new S3Client({
    endpoint: storage.endpoint,
    region: storage.region,
    forcePathStyle: true,
    credentials: { accessKeyId: storage.accessKeyId, secretAccessKey: storage.secretAccessKey },
    maxAttempts: 1
  })

const statusOf = (cause: unknown): number | undefined =>
  (cause as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode

describe("the embedded object store", () => {
  it.layer(LocalHotdata.layerServer())((it) => {
    it.effect("lists, reads ranges of, copies and deletes objects; aborts multipart uploads", () =>
      Effect.flatMap(LocalHotdata.LocalHotdata, (server) =>
        Effect.promise(async () => {
          const storage = server.storage!
          const s3 = clientFor(storage)
          try {
            const Bucket = storage.bucket
            for (const key of ["list/b.txt", "list/a.txt", "list/sub/c.txt", "other/d.txt"]) {
              await s3.send(
                new PutObjectCommand({ Bucket, Key: key, Body: `body of ${key}`, ContentType: "text/plain" })
              )
            }
            const listed = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: "list/" }))
            assert.deepStrictEqual(listed.Contents!.map((o) => o.Key), ["list/a.txt", "list/b.txt", "list/sub/c.txt"])
            assert.strictEqual(listed.Contents![0]!.Size, "body of list/a.txt".length)
            // Paging with continuation tokens.
            const first = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: "list/", MaxKeys: 2 }))
            assert.isTrue(first.IsTruncated)
            const rest = await s3.send(
              new ListObjectsV2Command({
                Bucket,
                Prefix: "list/",
                MaxKeys: 2,
                ContinuationToken: first.NextContinuationToken
              })
            )
            assert.deepStrictEqual(rest.Contents!.map((o) => o.Key), ["list/sub/c.txt"])

            const range = await s3.send(new GetObjectCommand({ Bucket, Key: "list/a.txt", Range: "bytes=8-11" }))
            assert.strictEqual(range.$metadata.httpStatusCode, 206)
            assert.strictEqual(await range.Body!.transformToString(), "list")
            const head = await s3.send(new HeadObjectCommand({ Bucket, Key: "list/a.txt" }))
            assert.strictEqual(head.ContentType, "text/plain")

            await s3.send(new CopyObjectCommand({ Bucket, Key: "copied.txt", CopySource: `${Bucket}/list/a.txt` }))
            const copied = await s3.send(new GetObjectCommand({ Bucket, Key: "copied.txt" }))
            assert.strictEqual(await copied.Body!.transformToString(), "body of list/a.txt")
            assert.strictEqual(copied.ETag, head.ETag)

            await s3.send(new DeleteObjectCommand({ Bucket, Key: "copied.txt" }))
            const gone = await s3.send(new HeadObjectCommand({ Bucket, Key: "copied.txt" })).catch(statusOf)
            assert.strictEqual(gone, 404)

            const created = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: "mp.bin" }))
            await s3.send(
              new UploadPartCommand({ Bucket, Key: "mp.bin", UploadId: created.UploadId, PartNumber: 1, Body: "x" })
            )
            await s3.send(new AbortMultipartUploadCommand({ Bucket, Key: "mp.bin", UploadId: created.UploadId }))
            const again = await s3.send(
              new UploadPartCommand({ Bucket, Key: "mp.bin", UploadId: created.UploadId, PartNumber: 2, Body: "y" })
            ).catch(statusOf)
            assert.strictEqual(again, 404)

            const otherBucket = await s3.send(new ListObjectsV2Command({ Bucket: "elsewhere" })).catch(statusOf)
            assert.strictEqual(otherBucket, 404)
          } finally {
            s3.destroy()
          }
        })))

    it.effect("nothing reaches the store without a valid signature, and keys cannot leave its directory", () =>
      Effect.gen(function*() {
        const server = yield* LocalHotdata.LocalHotdata
        const storage = server.storage!
        const replies = yield* Effect.promise(() =>
          Promise.all([
            fetch(`${storage.endpoint}/${storage.bucket}?list-type=2`),
            fetch(`${storage.endpoint}/${storage.bucket}/list/a.txt`),
            fetch(`${storage.endpoint}/${storage.bucket}/x.txt`, { method: "PUT", body: "x" }),
            fetch(`${storage.endpoint}/${storage.bucket}/x.txt`, { method: "DELETE" })
          ])
        )
        for (const reply of replies) assert.oneOf(reply.status, [403, 405])
        const s3 = clientFor(storage)
        const escaped = yield* Effect.promise(() =>
          s3.send(new PutObjectCommand({ Bucket: storage.bucket, Key: "../../escape.txt", Body: "x" })).then(
            () => 200,
            statusOf
          )
        )
        s3.destroy()
        assert.notStrictEqual(escaped, 200)
        assert.isFalse(fs.existsSync(path.join(server.dataDir, "escape.txt")))
      }))
  })
})

describe("an external S3-compatible store", () => {
  it.effect("uploads go to the external store (here, another local server's) and load from it", () =>
    Effect.promise(async () => {
      const store = await startLocalHotdata({ temporary: true })
      const server = await startLocalHotdata({ temporary: true, externalStorage: store.storage! })
      const call = handleCall(server)
      try {
        assert.strictEqual(server.storageUrl, store.storageUrl)
        const db = (await call("POST", "/v1/databases", {})).json
        const csv = "n\n1\n2\n3\n"
        // A single PUT, and a multipart upload of one part.
        const single = (await call("POST", "/v1/uploads", { declared_size_bytes: csv.length })).json
        assert.isTrue(single.url.startsWith(`${store.storageUrl}/`))
        assert.strictEqual((await fetch(single.url, { method: "PUT", body: csv })).status, 200)
        const multi = (await call("POST", "/v1/uploads", { part_size: 5 * 1024 * 1024 })).json
        assert.strictEqual(multi.mode, "multipart")
        const token = { "x-upload-finalize-token": multi.finalize_token }
        const minted = (await call("POST", `/v1/uploads/${multi.upload_id}/parts`, { part_numbers: [1] }, token)).json
        const put = await fetch(minted.parts[0].url, { method: "PUT", body: csv })
        assert.strictEqual(put.status, 200)
        const finalized = await call("POST", `/v1/uploads/${multi.upload_id}/finalize`, {
          parts: [{ part_number: 1, e_tag: put.headers.get("etag") }]
        }, token)
        assert.strictEqual(finalized.status, 200, JSON.stringify(finalized.json))
        const finalizedSingle = await call("POST", `/v1/uploads/${single.upload_id}/finalize`, {}, {
          "x-upload-finalize-token": single.finalize_token
        })
        assert.strictEqual(finalizedSingle.status, 200, JSON.stringify(finalizedSingle.json))
        for (const [table, upload] of [["a", single.upload_id], ["b", multi.upload_id]]) {
          const loaded = await call("POST", `/v1/databases/${db.id}/schemas/main/tables/${table}/loads`, {
            mode: "replace",
            upload_id: upload
          })
          assert.strictEqual(loaded.status, 200, JSON.stringify(loaded.json))
          assert.strictEqual(loaded.json.row_count, 3)
        }
        // The external store saw the uploads; the server's own front was never started.
        assert.isTrue(store.storageRequests().some((r) => r.method === "PUT" && r.status === 200))
      } finally {
        await server.stop()
        await store.stop()
      }
    }))
})
