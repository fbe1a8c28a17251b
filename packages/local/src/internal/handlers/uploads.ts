import type * as Schemas from "@hotdata-effect/core/generated/Schemas"
import type { HandlerSet, RequestContext, Server } from "../context.js"
import { sha256 } from "../domain/requests.js"
import { ApiError, badRequest, notFound } from "../errors.js"
import { makeId, nowIso, randomToken } from "../ids.js"
import type { UploadRecord } from "../state.js"

const MAX_PART_SIZE = 5 * 1024 * 1024 * 1024
const MAX_PARTS = 10_000

type CreateUpload = Schemas.CreateUploadRequest

const requireStorage = (server: Server) => {
  if (!server.config.presign || server.storage === undefined) {
    throw new ApiError(
      501,
      "PRESIGN_UNSUPPORTED",
      "this deployment cannot issue upload URLs; send the data inline on the load endpoint instead"
    )
  }
  return server.storage
}

const choosePartSize = (server: Server, hint: number | null | undefined, size: number | null): number => {
  let partSize = hint === undefined || hint === null || hint <= 0 ? server.config.defaultPartSize : hint
  partSize = Math.min(Math.max(partSize, server.config.minPartSize), MAX_PART_SIZE)
  partSize = Math.ceil(partSize / (1024 * 1024)) * 1024 * 1024
  if (size !== null && Math.ceil(size / partSize) > MAX_PARTS) {
    partSize = Math.ceil(size / MAX_PARTS / 1048576) * 1048576
  }
  return partSize
}

const createSession = async (ctx: RequestContext, input: CreateUpload) => {
  const { server } = ctx
  const storage = requireStorage(server)
  const declared = input.declared_size_bytes ?? null
  if (declared !== null && (!Number.isInteger(declared) || declared < 0)) {
    throw badRequest("declared_size_bytes must be a non-negative integer")
  }
  if (declared !== null && declared > server.config.maxUploadBytes) {
    throw badRequest(
      `file too large: ${declared} bytes exceeds the maximum upload size of ${server.config.maxUploadBytes}`
    )
  }
  if (
    input.part_size !== undefined && input.part_size !== null &&
    (!Number.isInteger(input.part_size) || input.part_size < 0)
  ) {
    throw badRequest("part_size must be a non-negative integer")
  }
  if (input.checksum_algo !== undefined && input.checksum_algo !== null && input.checksum_algo !== "sha256") {
    throw badRequest(`unsupported checksum_algo "${input.checksum_algo}": only sha256 is accepted`)
  }
  const id = makeId("upld")
  const key = `uploads/${ctx.workspace}/${id}`
  const token = randomToken()
  const hint = input.part_size ?? null
  const single = declared !== null && declared <= server.config.singleUploadThreshold &&
    (hint === null || hint === 0 || hint >= declared)
  const partSize = single ? null : choosePartSize(server, hint, declared)
  const s3UploadId = single ? null : await storage.createMultipart(key, input.content_type ?? null)
  const record: UploadRecord = {
    id,
    workspace: ctx.workspace,
    mode: single ? "single" : "multipart",
    key,
    declared_size_bytes: declared,
    part_size: partSize,
    content_type: input.content_type ?? null,
    content_encoding: input.content_encoding ?? null,
    filename: input.filename ?? null,
    finalize_token_hash: sha256(token),
    s3_upload_id: s3UploadId,
    created_at: nowIso(),
    status: "pending",
    size_bytes: null,
    finalized_at: null
  }
  server.state.data.uploads[id] = record
  server.state.save()
  const base = { upload_id: id, finalize_token: token, mode: record.mode, headers: {} as Record<string, string> }
  if (single) return { ...base, url: await storage.presignPut(key) }
  if (declared === null) return { ...base, part_size: partSize }
  const count = Math.max(1, Math.ceil(declared / partSize!))
  const partUrls: Array<string> = []
  for (let n = 1; n <= count; n++) partUrls.push(await storage.presignPart(key, s3UploadId!, n))
  return { ...base, part_size: partSize, part_urls: partUrls }
}

const authorizedUpload = (
  ctx: RequestContext<"mint_upload_parts_handler" | "finalize_upload_handler">
): UploadRecord => {
  const upload = ctx.server.state.data.uploads[ctx.params.upload_id]
  if (upload === undefined || upload.workspace !== ctx.workspace) {
    throw notFound(`upload ${ctx.params.upload_id} not found`)
  }
  const token = ctx.headers.finalize_token ?? ""
  if (sha256(token) !== upload.finalize_token_hash) throw badRequest("invalid finalize token")
  return upload
}

const finalizing = new Set<string>()

const stripQuotes = (etag: string) => etag.trim().replace(/^"|"$/g, "")

/** @internal */
export const handlers = {
  create_upload_session_handler: async (ctx) => ({ status: 201, body: await createSession(ctx, ctx.body) }),

  create_upload_sessions_batch_handler: async (ctx) => {
    const body = ctx.body
    requireStorage(ctx.server)
    if (body.uploads.length === 0) throw badRequest("uploads must not be empty")
    if (body.uploads.length > 100) throw badRequest("at most 100 uploads can be opened in one batch")
    const uploads = []
    for (const input of body.uploads) uploads.push(await createSession(ctx, input))
    return { status: 201, body: { uploads } }
  },

  mint_upload_parts_handler: async (ctx) => {
    const storage = requireStorage(ctx.server)
    const upload = authorizedUpload(ctx)
    const numbers = ctx.body.part_numbers
    if (upload.mode !== "multipart") throw badRequest(`upload ${upload.id} is not a multipart upload`)
    if (upload.status !== "pending") throw badRequest(`upload ${upload.id} is not finalizable: it is ${upload.status}`)
    if (numbers.length === 0) throw badRequest("part_numbers must not be empty")
    if (numbers.length > ctx.server.config.mintBatchLimit) {
      throw badRequest(`batch too large: at most ${ctx.server.config.mintBatchLimit} part numbers per request`)
    }
    const maxParts = upload.declared_size_bytes !== null
      ? Math.max(1, Math.ceil(upload.declared_size_bytes / upload.part_size!))
      : MAX_PARTS
    for (const n of numbers) {
      if (!Number.isInteger(n) || n < 1 || n > maxParts) {
        throw badRequest(`invalid part number ${n}: expected an integer between 1 and ${maxParts}`)
      }
    }
    const unique = [...new Set(numbers)].sort((a, b) => a - b)
    const parts = []
    for (const n of unique) {
      parts.push({ part_number: n, url: await storage.presignPart(upload.key, upload.s3_upload_id!, n) })
    }
    return { status: 200, body: { parts } }
  },

  finalize_upload_handler: async (ctx) => {
    const storage = requireStorage(ctx.server)
    const upload = authorizedUpload(ctx)
    if (upload.status !== "pending" || finalizing.has(upload.id)) {
      throw badRequest(`upload ${upload.id} is not finalizable: it has already been finalized`)
    }
    finalizing.add(upload.id)
    try {
      const body = ctx.body ?? {}
      let size: number
      if (upload.mode === "single") {
        const stored = await storage.objectSize(upload.key)
        if (stored === null) throw badRequest(`missing file: nothing was uploaded for ${upload.id}`)
        size = stored
      } else {
        const parts = body.parts ?? []
        if (parts.length === 0) throw badRequest("parts must list every uploaded part of a multipart upload")
        const received = await storage.receivedParts(upload.s3_upload_id!, upload.key)
        size = 0
        let previous = 0
        parts.forEach((part, i) => {
          if (!Number.isInteger(part.part_number) || part.part_number <= previous) {
            throw badRequest("parts must be in ascending part_number order without duplicates")
          }
          previous = part.part_number
          const got = received.get(part.part_number)
          if (got === undefined) throw badRequest(`part ${part.part_number} was never uploaded`)
          if (stripQuotes(got.etag) !== stripQuotes(part.e_tag)) {
            throw badRequest(`ETag mismatch for part ${part.part_number}`)
          }
          if (i < parts.length - 1 && got.size < ctx.server.config.minPartSize) {
            throw badRequest(
              `EntityTooSmall: part ${part.part_number} is ${got.size} bytes; every part but the last needs at least ${ctx.server.config.minPartSize}`
            )
          }
          size += got.size
        })
        if (size === 0) throw badRequest("missing file: the upload is empty")
      }
      if (upload.declared_size_bytes !== null && upload.declared_size_bytes !== size) {
        throw badRequest(`size mismatch: declared ${upload.declared_size_bytes} bytes, uploaded ${size}`)
      }
      if (size > ctx.server.config.maxUploadBytes) {
        throw badRequest(`file too large: ${size} bytes exceeds the maximum upload size`)
      }
      if (upload.mode === "multipart") {
        try {
          await storage.completeMultipart(upload.key, upload.s3_upload_id!, body.parts!)
        } catch (cause) {
          throw badRequest(`the object store rejected the part list: ${String(cause)}`)
        }
      }
      upload.status = "finalized"
      upload.size_bytes = size
      upload.finalized_at = nowIso()
      ctx.server.state.save()
      return {
        status: 200,
        body: {
          upload_id: upload.id,
          status: upload.status,
          size_bytes: size,
          created_at: upload.created_at,
          content_type: upload.content_type
        }
      }
    } finally {
      finalizing.delete(upload.id)
    }
  }
} satisfies HandlerSet
