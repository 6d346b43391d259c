import { Ring } from '../key-ring/ring'
import type { FernetKeyInput } from './key'

/** Options of {@link Fernet.decrypt}. */
export interface DecryptOptions {
  /**
   * Maximum age of the token in seconds. When set, a token older than
   * this, or stamped more than 60 seconds in the future (the reference's
   * clock-skew allowance), is rejected.
   * @default undefined (no age limit, as in Python's `decrypt`)
   * @example fernet.decrypt(token, { ttl: 3600 })
   */
  readonly ttl?: number
}

/** Options of {@link createFernet} and {@link createKeyRing}. */
export interface FernetOptions {
  /**
   * Current time in milliseconds since the epoch, read when a token is
   * made (its timestamp) and when a TTL is checked. Inject a fixed clock
   * to reproduce test vectors.
   * @default Date.now
   * @example createFernet(key, { clock: () => Date.parse('2020-01-01') })
   */
  readonly clock?: () => number
  /**
   * Source of each token's 16-byte IV. Only tests that must reproduce a
   * known token should set it: a repeated IV weakens the encryption.
   * @default 16 bytes from the operating system's CSPRNG
   * @example createFernet(key, { generateIv: () => new Uint8Array(16) })
   */
  readonly generateIv?: () => Uint8Array
}

/**
 * Fernet with one key, compatible with Python's
 * `cryptography.fernet.Fernet`: tokens made here decrypt there and back.
 */
export interface Fernet {
  /**
   * Encrypts UTF-8 text or bytes into a url-safe base64 token with `=`
   * padding, stamped with the current time.
   * @example const token = fernet.encrypt('refresh-token-value')
   */
  encrypt(plaintext: string | Uint8Array): string
  /**
   * Verifies and decrypts a token to UTF-8 text. Throws
   * {@link InvalidTokenError} for every rejected token.
   * @example fernet.decrypt(token, { ttl: 60 })
   */
  decrypt(token: string | Uint8Array, options?: DecryptOptions): string
  /** Like {@link Fernet.decrypt}, returning the plaintext bytes. */
  decryptBytes(token: string | Uint8Array, options?: DecryptOptions): Buffer
  /**
   * The token's creation time in seconds since the epoch, after checking
   * its MAC (the token is not decrypted).
   * @example new Date(fernet.extractTimestamp(token) * 1000)
   */
  extractTimestamp(token: string | Uint8Array): number
}

/**
 * Creates a Fernet instance for one key (see {@link createKeyRing} for
 * several keys and rotation). The key is validated here; the error never
 * contains it.
 *
 * @example
 * const fernet = createFernet(process.env.FERNET_KEY ?? '')
 * const token = fernet.encrypt('hello')
 * fernet.decrypt(token) // 'hello'
 */
export function createFernet(
  key: FernetKeyInput,
  options: FernetOptions = {},
): Fernet {
  return Ring.fromKeys([key], options, 'createFernet')
}
