import { createCipheriv, createHmac } from 'node:crypto'

/**
 * Builds a correctly signed token from raw parts with plain node:crypto,
 * padding left to the caller, so tests can make tokens whose MAC is right
 * but whose content is not (bad padding, odd ciphertext lengths).
 */
export function craftToken(options: {
  key: string
  padded: Uint8Array
  timestamp?: number
  version?: number
  iv?: Uint8Array
  /** Encrypt `padded` (whole blocks) or take it as the ciphertext as is. */
  raw?: boolean
}): string {
  const key = Buffer.from(options.key, 'base64url')
  const iv = Buffer.from(options.iv ?? new Uint8Array(16).fill(7))
  let body = Buffer.from(options.padded)
  if (!options.raw) {
    const cipher = createCipheriv('aes-128-cbc', key.subarray(16), iv)
    cipher.setAutoPadding(false)
    body = Buffer.concat([cipher.update(body), cipher.final()])
  }
  const head = Buffer.alloc(9)
  head[0] = options.version ?? 0x80
  head.writeBigUInt64BE(BigInt(options.timestamp ?? 1_700_000_000), 1)
  const signed = Buffer.concat([head, iv, body])
  const mac = createHmac('sha256', key.subarray(0, 16)).update(signed).digest()
  return Buffer.concat([signed, mac]).toString('base64')
    .replaceAll('+', '-').replaceAll('/', '_')
}

/** PKCS#7 padding of `text` to whole blocks. */
export function pkcs7(text: string): Buffer {
  const bytes = Buffer.from(text)
  const size = 16 - (bytes.length % 16)
  return Buffer.concat([bytes, Buffer.alloc(size, size)])
}
