import { CryptoArgumentError } from '../errors/crypto-argument-error'
import { InvalidTokenError } from '../errors/invalid-token-error'
import { decodeBase64 } from './base64'
import { TIMESTAMP_END, VERSION } from './token-layout'

/** Decodes and checks version and length, as the reference does first. */
export function decodeToken(token: string | Uint8Array): Buffer
export function decodeToken(token: string | Uint8Array, strict: false): Buffer | undefined
export function decodeToken(
  token: string | Uint8Array,
  strict = true,
): Buffer | undefined {
  if (typeof token !== 'string' && !(token instanceof Uint8Array)) {
    if (!strict) return undefined
    throw new CryptoArgumentError(
      `A Fernet token must be a string or a Uint8Array, got ${
        token === null ? 'null' : typeof token
      }.`,
      'Pass the token text as it was stored.',
    )
  }
  const data = decodeBase64(token)
  if (data === undefined || data.length < TIMESTAMP_END || data[0] !== VERSION) {
    if (!strict) return undefined
    throw new InvalidTokenError()
  }
  return data
}
