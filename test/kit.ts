/**
 * The test kit shared by the packages' unit tests, for what `HotdataClient.layerTest`
 * does not express: response bodies delivered in chosen pieces (or broken off, or
 * endless), deterministic bytes, and (for uploads) the object store behind presigned URLs.
 * API operations are stubbed with `HotdataClient.layerTest`, never here.
 */

/** Splits bytes into chunks of `size` for a streamed body, optionally failing after `failAfter` bytes. */
export const chunked = (
  bytes: Uint8Array,
  options: { readonly size?: number; readonly failAfter?: number; readonly onCancel?: () => void } = {}
): ReadableStream<Uint8Array> => {
  const size = options.size ?? 1024
  let at = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const end = Math.min(bytes.length, at + size, options.failAfter ?? Infinity)
      if (at >= end) {
        if (options.failAfter !== undefined && at < bytes.length) {
          controller.error(new Error("other side closed"))
        } else {
          controller.close()
        }
        return
      }
      controller.enqueue(bytes.slice(at, end))
      at = end
    },
    cancel() {
      options.onCancel?.()
    }
  })
}

/** A body delivered in exactly these chunks, one per read. */
export const pieces = (chunks: ReadonlyArray<Uint8Array>): ReadableStream<Uint8Array> => {
  let at = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at === chunks.length) controller.close()
      else controller.enqueue(chunks[at++]!.slice())
    }
  })
}

/** An endless body that records when it is cancelled. */
export const endless = (chunk: Uint8Array, onCancel: () => void): ReadableStream<Uint8Array> =>
  new ReadableStream<Uint8Array>({
    pull: (controller) =>
      new Promise((resolve) =>
        setTimeout(() => {
          try {
            controller.enqueue(chunk)
          } catch {
            // Cancelled meanwhile.
          }
          resolve()
        }, 1)
      ),
    cancel: onCancel
  })
