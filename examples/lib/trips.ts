import { once } from "node:events"
import * as fs from "node:fs"

/**
 * Writes a CSV of taxi-style trips (about 100 bytes a row) to `path`, deterministic for a
 * given `rows` and `seed`. Resolves with the file's size and a checksum of `fare` to
 * compare with what the server loaded.
 */
export const writeTrips = async (
  path: string,
  rows: number,
  seed = 42
): Promise<{ readonly bytes: number; readonly fareCents: bigint }> => {
  let state = seed >>> 0
  const random = () => {
    // xorshift32: fast, deterministic, good enough for sample data.
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) / 4294967296
  }
  const zones = ["Midtown", "Downtown", "Harbor", "Airport", "University", "Old Town", "Riverside", "Stadium"]
  const payments = ["card", "cash", "app"]
  const start = Date.UTC(2026, 0, 1)
  const out = fs.createWriteStream(path)
  let bytes = 0
  let fareCents = 0n
  const write = async (chunk: string) => {
    bytes += Buffer.byteLength(chunk)
    if (!out.write(chunk)) await once(out, "drain")
  }
  await write("trip_id,pickup_at,dropoff_at,pickup_zone,dropoff_zone,passengers,distance_km,fare,tip,payment\n")
  let batch = ""
  for (let i = 1; i <= rows; i++) {
    const pickup = start + Math.floor(random() * 90 * 86400) * 1000
    const minutes = 3 + Math.floor(random() * 55)
    const distance = Math.round((0.5 + random() * 25) * 100) / 100
    const fare = Math.round((3 + distance * 1.8 + minutes * 0.35) * 100)
    const tip = random() < 0.6 ? Math.round(fare * (0.05 + random() * 0.2)) : 0
    fareCents += BigInt(fare)
    batch += `${i},${new Date(pickup).toISOString()},${new Date(pickup + minutes * 60000).toISOString()},${
      zones[Math.floor(random() * zones.length)]
    },${zones[Math.floor(random() * zones.length)]},${1 + Math.floor(random() * 4)},${distance.toFixed(2)},${
      (fare / 100).toFixed(2)
    },${(tip / 100).toFixed(2)},${payments[Math.floor(random() * payments.length)]}\n`
    if (batch.length > 1 << 16) {
      await write(batch)
      batch = ""
    }
  }
  if (batch !== "") await write(batch)
  out.end()
  await once(out, "finish")
  return { bytes, fareCents }
}
