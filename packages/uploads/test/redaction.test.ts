import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import { Uploads } from "../src/index.js"
import { bytesOf, stubUploads } from "./stubs.js"

// The stub's single-PUT URL is signed `X-Amz-Signature=secret`, and its finalize token is `tok_upl_1`.
const SIGNATURE = "secret"
const TOKEN = "tok_upl_1"

describe("storage errors", () => {
  it.effect("a storage error body quoting the URL's signature and the finalize token shows neither", () =>
    Effect.gen(function*() {
      const body = `<Error><Code>SignatureDoesNotMatch</Code><SignatureProvided>${SIGNATURE}</SignatureProvided>` +
        `<Token>${TOKEN}</Token><CanonicalQueryString>X-Amz-Signature=${SIGNATURE}&amp;x=1</CanonicalQueryString>` +
        `<StringToSign>PUT /upl_1/single?X-Amz-Signature=${encodeURIComponent(SIGNATURE)}</StringToSign></Error>`
      const fake = stubUploads({ onPut: () => ({ status: 403, body }) })
      const error = yield* Effect.flip(Uploads.uploadFile(bytesOf(10)).pipe(Effect.provide(fake.layer)))
      assert.strictEqual(error._tag, "StorageError")
      if (error._tag !== "StorageError") return
      // Storage's code is kept, the credentials it echoed are not.
      assert.include(error.message, "SignatureDoesNotMatch")
      assert.include(error.body, "<SignatureProvided><redacted></SignatureProvided>")
      for (const text of [error.message, error.body ?? "", JSON.stringify(error), Cause.pretty(Cause.fail(error))]) {
        assert.notInclude(text, SIGNATURE)
        assert.notInclude(text, TOKEN)
      }
    }))
})
