import { randomBytes } from 'node:crypto'
import { InvalidKeyError } from '../errors/invalid-key-error'
import { encodeBase64 } from './base64'

/** A Fernet key as given by configuration: base64 text or 32 raw bytes. */
export type FernetKeyInput = string | Uint8Array

const KEY_BYTES = 32
const KEY_TEXT = /^[A-Za-z0-9_\-+/]{43}=?$/

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
 * Surrounding whitespace (a newline from a secrets file) is ignored; both
 * base64 alphabets are accepted, as Python accepts them.
 *
 * @param label Names the key in the error, e.g. `key 2 of 3`.
 */
export function parseKey(key: FernetKeyInput, label = 'the key'): Buffer {
  if (key instanceof Uint8Array) {
    if (key.byteLength !== KEY_BYTES) {
      throw new InvalidKeyError(
        `${label} is ${key.byteLength} raw bytes; a Fernet key is ${KEY_BYTES}`,
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
  const text = key.trim()
  if (!KEY_TEXT.test(text)) throw new InvalidKeyError(describe(text, label))
  return Buffer.from(text, 'base64')
}

function describe(text: string, label: string): string {
  if (text.length === 0) return `${label} is empty`
  const bad = /[^A-Za-z0-9_\-+/=]/.exec(text)
  if (bad) {
    return `${label} has a character that is not base64 at position ` +
      `${bad.index + 1}`
  }
  return `${label} is ${text.length} characters long; a Fernet key is 44 ` +
    '(43 without the final "=")'
}
