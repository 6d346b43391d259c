import { randomFillSync } from 'node:crypto'

const POOL_BYTES = 4096
const pool = Buffer.alloc(POOL_BYTES)
let offset = POOL_BYTES

/**
 * A fresh random 16-byte IV. IVs are cut from a pool of CSPRNG output
 * refilled every 256 IVs, because one system call per token costs more
 * than encrypting it. IVs are public; the pool holds nothing secret. The
 * caller must copy the bytes before the next call.
 */
export function randomIv(): Buffer {
  if (offset === POOL_BYTES) {
    randomFillSync(pool)
    offset = 0
  }
  const iv = pool.subarray(offset, offset + 16)
  offset += 16
  return iv
}
