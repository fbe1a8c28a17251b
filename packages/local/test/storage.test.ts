import { describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { assert } from "vitest"
import * as LocalHotdata from "../src/LocalHotdata.js"
import { api, bytesOf, put } from "./helpers.js"

const MiB = 1024 * 1024

describe("object storage", () => {
  it.layer(LocalHotdata.layerServer())((it) => {
    it.effect("a presigned PUT that also carries Authorization, or a tampered signature, is refused with 403", () =>
      Effect.gen(function*() {
        const { call } = yield* api
        const session = yield* call("POST", "/v1/uploads", { body: { declared_size_bytes: 3 } })
        const withAuth = yield* put(session.json.url, bytesOf(3), { authorization: "Bearer local-dev-key" })
        assert.strictEqual(withAuth.status, 403)
        const tampered = session.json.url.replace(
          /X-Amz-Signature=([0-9a-f])/,
          (_: string, c: string) => `X-Amz-Signature=${c === "0" ? "1" : "0"}`
        )
        assert.strictEqual((yield* put(tampered, bytesOf(3))).status, 403)
        const otherKey = session.json.url.replace("/hotdata-uploads/uploads/", "/hotdata-uploads/elsewhere/")
        assert.strictEqual((yield* put(otherKey, bytesOf(3))).status, 403)
        const ok = yield* put(session.json.url, bytesOf(3))
        assert.strictEqual(ok.status, 200)
        const seen = (yield* (yield* LocalHotdata.LocalHotdata).storageRequests).filter((r) => r.method === "PUT")
        assert.isTrue(seen.some((r) => r.headers.authorization !== undefined))
        assert.isTrue(seen.every((r) => !("X-Amz-Signature" in r.query)))
      }))

    it.effect("eager multipart: 8 concurrent part PUTs, all kept", () =>
      Effect.gen(function*() {
        const { call } = yield* api
        const partSize = 5 * MiB
        const size = 7 * partSize + 1234
        const data = bytesOf(size, 7)
        const session = yield* call("POST", "/v1/uploads", {
          body: { declared_size_bytes: size, part_size: partSize, content_type: "application/octet-stream" }
        })
        assert.strictEqual(session.status, 201, session.text)
        assert.strictEqual(session.json.mode, "multipart")
        assert.strictEqual(session.json.part_urls.length, 8)
        const parts = yield* Effect.forEach(
          session.json.part_urls as Array<string>,
          (url, i) =>
            Effect.map(
              put(url, data.slice(i * partSize, (i + 1) * partSize)),
              (r) => ({ part_number: i + 1, e_tag: r.headers.get("etag")!, status: r.status })
            ),
          { concurrency: 8 }
        )
        assert.isTrue(parts.every((p) => p.status === 200 && p.e_tag.length > 2))
        const fin = yield* call("POST", `/v1/uploads/${session.json.upload_id}/finalize`, {
          body: { parts: parts.map(({ e_tag, part_number }) => ({ part_number, e_tag })) },
          headers: { "x-upload-finalize-token": session.json.finalize_token }
        })
        assert.strictEqual(fin.status, 200, fin.text)
        assert.strictEqual(fin.json.size_bytes, size)
      }))

    it.effect("a non-final part under 5 MiB fails finalize; a size mismatch too", () =>
      Effect.gen(function*() {
        const { call } = yield* api
        const session = yield* call("POST", "/v1/uploads", { body: { part_size: 5 * MiB } })
        const headers = { "x-upload-finalize-token": session.json.finalize_token }
        const minted = yield* call("POST", `/v1/uploads/${session.json.upload_id}/parts`, {
          body: { part_numbers: [1, 2] },
          headers
        })
        const parts = []
        for (const p of minted.json.parts) {
          const r = yield* put(p.url, bytesOf(1024))
          parts.push({ part_number: p.part_number, e_tag: r.headers.get("etag")! })
        }
        const fin = yield* call("POST", `/v1/uploads/${session.json.upload_id}/finalize`, { body: { parts }, headers })
        assert.strictEqual(fin.status, 400)
        assert.include(fin.json.error.message, "EntityTooSmall")

        const single = yield* call("POST", "/v1/uploads", { body: { declared_size_bytes: 10 } })
        yield* put(single.json.url, bytesOf(4))
        const mismatch = yield* call("POST", `/v1/uploads/${single.json.upload_id}/finalize`, {
          body: {},
          headers: { "x-upload-finalize-token": single.json.finalize_token }
        })
        assert.strictEqual(mismatch.status, 400)
        assert.include(mismatch.json.error.message, "size mismatch")
      }))

    it.effect("batch create opens sessions in request order", () =>
      Effect.gen(function*() {
        const { call } = yield* api
        const batch = yield* call("POST", "/v1/uploads/batch", {
          body: { uploads: [{ declared_size_bytes: 10 }, { part_size: 5 * MiB }] }
        })
        assert.strictEqual(batch.status, 201, batch.text)
        assert.deepStrictEqual(batch.json.uploads.map((u: any) => u.mode), ["single", "multipart"])
        assert.notStrictEqual(batch.json.uploads[0].upload_id, batch.json.uploads[1].upload_id)
      }))
  })

  it.layer(LocalHotdata.layerServer({ presignedUrlTtl: "1 second" }))((it) => {
    it.effect("an expired presigned URL is refused with 403", () =>
      Effect.gen(function*() {
        const { call } = yield* api
        const session = yield* call("POST", "/v1/uploads", { body: { declared_size_bytes: 3 } })
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 2100)))
        const late = yield* put(session.json.url, bytesOf(3))
        assert.strictEqual(late.status, 403)
        assert.include(late.text, "expired")
      }))
  })

  it.layer(LocalHotdata.layerServer({ presign: false }))((it) => {
    it.effect("with presign disabled, upload sessions answer 501 PRESIGN_UNSUPPORTED and inline loads still work", () =>
      Effect.gen(function*() {
        const { call } = yield* api
        const r = yield* call("POST", "/v1/uploads", { body: { declared_size_bytes: 3 } })
        assert.strictEqual(r.status, 501)
        assert.strictEqual(r.json.error.code, "PRESIGN_UNSUPPORTED")
        const batch = yield* call("POST", "/v1/uploads/batch", { body: { uploads: [{}] } })
        assert.strictEqual(batch.status, 501)
        const db = (yield* call("POST", "/v1/databases", { body: {} })).json
        const load = yield* call("POST", `/v1/databases/${db.id}/schemas/main/tables/t/loads`, {
          body: { mode: "replace", data: "a,b\n1,x\n" }
        })
        assert.strictEqual(load.status, 200, load.text)
        assert.strictEqual(load.json.row_count, 1)
      }))
  })
})
