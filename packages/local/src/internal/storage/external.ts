/**
 * The storage façade on an external S3-compatible store (MinIO, S3, ...) instead of the
 * embedded one: presigned URLs point at that store, and the server talks to it over its
 * S3 API with the credentials it was given. The embedded front, its request record and its
 * injected faults are not in the path.
 *
 * @internal
 */
import * as fs from "node:fs"
import type * as http from "node:http"
import { pipeline } from "node:stream/promises"
import type { StorageEndpoint } from "../../LocalHotdata.js"
import type { PartRecord } from "./disk.js"
import { escapeXml, unescapeXml } from "./protocol.js"
import { objectPath, presignUrl, s3Signer, signedFetch } from "./sigv4.js"

/** Where an external store is and how to sign for it. @internal */
export interface ExternalStoreOptions {
  readonly endpoint: string
  readonly bucket: string
  readonly region: string
  readonly accessKeyId: string
  readonly secretAccessKey: string
}

const text = async (response: http.IncomingMessage): Promise<string> => {
  const chunks: Array<Buffer> = []
  for await (const chunk of response) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString("utf8")
}

const tag = (xml: string, name: string): string | undefined => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1]

/** @internal */
export class ExternalStorage {
  private readonly signer: ReturnType<typeof s3Signer>
  readonly frontUrl: string

  constructor(private readonly options: ExternalStoreOptions, private readonly urlTtlSeconds: number) {
    this.signer = s3Signer(options, options.region)
    this.frontUrl = options.endpoint.replace(/\/+$/, "")
  }

  get endpoint(): StorageEndpoint {
    return {
      endpoint: this.frontUrl,
      bucket: this.options.bucket,
      region: this.options.region,
      accessKeyId: this.options.accessKeyId,
      secretAccessKey: this.options.secretAccessKey
    }
  }

  private path(key: string): string {
    return objectPath(this.options.bucket, key)
  }

  /** A request to the store; a status outside 2xx is an error naming the operation and S3's code. */
  private async call(what: string, method: string, key: string, query: Record<string, string>, body?: Buffer) {
    const response = await signedFetch(this.signer, this.frontUrl, method, this.path(key), query, body)
    const status = response.statusCode ?? 0
    if (status >= 200 && status < 300) return response
    const answer = method === "HEAD" ? "" : await text(response)
    response.resume()
    const error = new Error(
      `the object store at ${this.frontUrl} refused ${what} (${status}${
        tag(answer, "Code") ? ` ${tag(answer, "Code")}: ${unescapeXml(tag(answer, "Message") ?? "")}` : ""
      })`
    )
    ;(error as Error & { status?: number }).status = status
    throw error
  }

  presignPut(key: string): Promise<string> {
    return presignUrl(this.frontUrl, "PUT", this.path(key), {}, this.urlTtlSeconds, this.signer)
  }

  presignPart(key: string, uploadId: string, partNumber: number): Promise<string> {
    return presignUrl(
      this.frontUrl,
      "PUT",
      this.path(key),
      { partNumber: String(partNumber), uploadId },
      this.urlTtlSeconds,
      this.signer
    )
  }

  async createMultipart(key: string, contentType: string | null): Promise<string> {
    void contentType
    const answer = await text(await this.call("CreateMultipartUpload", "POST", key, { uploads: "" }))
    const uploadId = tag(answer, "UploadId")
    if (uploadId === undefined) throw new Error(`the object store at ${this.frontUrl} returned no upload id`)
    return unescapeXml(uploadId)
  }

  async receivedParts(uploadId: string, key: string): Promise<ReadonlyMap<number, PartRecord>> {
    const parts = new Map<number, PartRecord>()
    let marker = "0"
    for (;;) {
      const answer = await text(
        await this.call("ListParts", "GET", key, { uploadId, "part-number-marker": marker })
      ).catch((cause: Error & { status?: number }) => {
        // A completed upload has no parts left to list.
        if (cause.status === 404) return ""
        throw cause
      })
      for (const m of answer.matchAll(/<Part>([\s\S]*?)<\/Part>/g)) {
        const number = Number(tag(m[1]!, "PartNumber"))
        parts.set(number, { etag: unescapeXml(tag(m[1]!, "ETag") ?? ""), size: Number(tag(m[1]!, "Size")) })
      }
      const next = tag(answer, "NextPartNumberMarker")
      if (tag(answer, "IsTruncated") !== "true" || next === undefined || next === marker) return parts
      marker = next
    }
  }

  async completeMultipart(
    key: string,
    uploadId: string,
    parts: ReadonlyArray<{ readonly part_number: number; readonly e_tag: string }>
  ): Promise<void> {
    const xml = `<CompleteMultipartUpload>${
      parts.map((p) => `<Part><PartNumber>${p.part_number}</PartNumber><ETag>${escapeXml(p.e_tag)}</ETag></Part>`)
        .join("")
    }</CompleteMultipartUpload>`
    const answer = await text(
      await this.call("CompleteMultipartUpload", "POST", key, { uploadId }, Buffer.from(xml, "utf8"))
    )
    // S3 may answer 200 with an error in the body.
    if (answer.includes("<Error>")) {
      throw new Error(`${tag(answer, "Code") ?? "Error"}: ${unescapeXml(tag(answer, "Message") ?? "")}`)
    }
  }

  async objectSize(key: string): Promise<number | null> {
    try {
      const response = await this.call("HeadObject", "HEAD", key, {})
      response.resume()
      return Number(response.headers["content-length"] ?? 0)
    } catch (cause) {
      if ((cause as { status?: number }).status === 404) return null
      throw cause
    }
  }

  async download(key: string, file: string): Promise<void> {
    await pipeline(await this.call("GetObject", "GET", key, {}), fs.createWriteStream(file))
  }

  async close(): Promise<void> {}
}
