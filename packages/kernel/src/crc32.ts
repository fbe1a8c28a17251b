/**
 * CRC-32 (the IEEE polynomial of zlib, gzip and PNG) in plain TypeScript, so it runs the
 * same wherever uploads run, browsers included, and synchronously on a buffer that is
 * about to be reused. It reads eight bytes per step through eight tables ("slicing by
 * 8"): above 1 GiB/s on a current CPU, a few milliseconds per 8 MiB part, far below what
 * sending the part costs. It tells an edited source from the one a part was read from;
 * it is no defence against someone forging a checkpoint on purpose.
 */

const tables: ReadonlyArray<Int32Array> = (() => {
  const out = Array.from({ length: 8 }, () => new Int32Array(256))
  const first = out[0]!
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    first[n] = c
  }
  for (let n = 0; n < 256; n++) {
    for (let k = 1; k < 8; k++) out[k]![n] = (out[k - 1]![n]! >>> 8) ^ first[out[k - 1]![n]! & 0xff]!
  }
  return out
})()

const [t0, t1, t2, t3, t4, t5, t6, t7] = tables as [
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array
]

/** The CRC-32 of `bytes`, continuing from `crc` (the CRC of the bytes before them), as an unsigned integer. */
export const crc32 = (bytes: Uint8Array, crc = 0): number => {
  let c = ~crc
  let i = 0
  const n = bytes.length
  for (; i + 8 <= n; i += 8) {
    const a = c ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24))
    c = t7[a & 0xff]! ^ t6[(a >>> 8) & 0xff]! ^ t5[(a >>> 16) & 0xff]! ^ t4[a >>> 24]! ^
      t3[bytes[i + 4]!]! ^ t2[bytes[i + 5]!]! ^ t1[bytes[i + 6]!]! ^ t0[bytes[i + 7]!]!
  }
  for (; i < n; i++) c = t0[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8)
  return ~c >>> 0
}
