/**
 * Byte layout of a decoded Fernet token (spec version 0x80):
 * version (1) | timestamp, big-endian seconds (8) | IV (16) |
 * AES-128-CBC ciphertext, PKCS#7 padded (16 * n, n >= 1) | HMAC-SHA256 (32).
 */
export const VERSION = 0x80
export const TIMESTAMP_END = 9
export const IV_END = 25
export const MAC_BYTES = 32
export const BLOCK = 16
/** Header and MAC around the ciphertext. */
export const OVERHEAD: number = IV_END + MAC_BYTES
/** The shortest token that can decrypt: one block of ciphertext. */
export const MIN_TOKEN_BYTES: number = OVERHEAD + BLOCK

/** Seconds since the epoch stored in bytes 1-8 (exact below 2^53). */
export function readTimestamp(data: Uint8Array): number {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  return view.getUint32(1) * 2 ** 32 + view.getUint32(5)
}

/** Writes `seconds` into bytes 1-8 of `target`. */
export function writeTimestamp(target: Uint8Array, seconds: number): void {
  const view = new DataView(target.buffer, target.byteOffset, target.byteLength)
  view.setUint32(1, Math.floor(seconds / 2 ** 32))
  view.setUint32(5, seconds >>> 0)
}

/** True when the length fits one or more whole blocks of ciphertext. */
export function hasCiphertextShape(data: Uint8Array): boolean {
  const body = data.length - OVERHEAD
  return body >= BLOCK && body % BLOCK === 0
}
