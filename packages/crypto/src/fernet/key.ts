import { randomBytes } from 'node:crypto'
import { InvalidKeyError } from '../errors/invalid-key-error'
import { decodeBase64, encodeBase64 } from './base64'
import { describeKeyProblem } from './key-problem'

/** A Fernet key as given by configuration: base64 text or 32 raw bytes. */
export type FernetKeyInput = string | Uint8Array

const KEY_BYTES = 32

/**
 * Generates a new random Fernet key: 32 bytes from the operating system's
 * CSPRNG as url-safe base64 with padding (44 characters), the same format
 * as Python's `Fernet.generate_key()`.
 *
 * @example
 * const key = generateKey() // put it in ENCRYPTION_KEY, never in git
 */
export function generateKey(): string {
  return encodeBase64(randomBytes(KEY_BYTES))
}

/**
 * Turns a configured key into its 32 bytes, or throws an
 * {@link InvalidKeyError} that describes the problem without the key.
 * Text is decoded exactly as Python's `Fernet(key)` decodes it
 * (`base64.urlsafe_b64decode`), so a key is accepted here if and only if
 * a Python service accepts it: the `=` padding is required, while
 * whitespace and `+` or `/` are tolerated, as Python tolerates them.
 *
 * @param label Names the key in the error, e.g. `key 2 of 3`.
 */
export function parseKey(key: FernetKeyInput, label = 'the key'): Buffer {
  if (key instanceof Uint8Array) {
    if (key.byteLength !== KEY_BYTES) {
      throw new InvalidKeyError(
        `${label} is ${key.byteLength} raw bytes; a Fernet key is ${KEY_BYTES}`,
        'Pass the 32 key bytes, or the base64 text of the key as a string.',
      )
    }
    return Buffer.from(key)
  }
  if (typeof key !== 'string') {
    throw new InvalidKeyError(
      `${label} is ${key === null ? 'null' : typeof key}; ` +
        'expected a base64 string or a Uint8Array',
    )
  }
  const bytes = decodeBase64(key)
  if (bytes?.length === KEY_BYTES) return Buffer.from(bytes)
  const { problem, fix } = describeKeyProblem(key)
  throw new InvalidKeyError(`${label} ${problem}`, fix)
}
