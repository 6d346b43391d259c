import { CryptoError } from './crypto-error'

const DEFAULT_FIX =
  'Use a key made by generateKey() (or Python\'s Fernet.generate_key()): ' +
  '32 random bytes as url-safe base64, 44 characters ending in "=".'

/**
 * Thrown when a Fernet key is not one Python's `Fernet(key)` accepts: 32
 * bytes of url-safe base64 with its `=` padding. The message describes
 * the problem (which entry of a key list, its length, the position of a
 * bad character) and never contains the key or any part of it; `fix` says
 * what to do.
 *
 * @example
 * createKeyRing(`${newKey},${oldKey.slice(0, -1)}`)
 * // InvalidKeyError: key 2 of 2 ends without its "=" padding
 */
export class InvalidKeyError extends CryptoError {
  override readonly name: string = 'InvalidKeyError'

  constructor(problem: string, fix: string = DEFAULT_FIX) {
    super('invalid_key', `Invalid Fernet key: ${problem}.`, { fix })
  }
}
