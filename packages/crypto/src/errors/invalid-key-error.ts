import { CryptoError } from './crypto-error'

/**
 * Thrown when a Fernet key is not 32 bytes of url-safe base64. The message
 * describes the problem (length, position of a bad character, which entry
 * of a key list) and never contains the key or any part of it.
 *
 * @example
 * createKeyRing('not-a-key')
 * // InvalidKeyError: key 1 of 1 is 9 characters long; a Fernet key is 44
 */
export class InvalidKeyError extends CryptoError {
  override readonly name: string = 'InvalidKeyError'

  constructor(problem: string) {
    super('invalid_key', `Invalid Fernet key: ${problem}.`, {
      fix:
        'Use a key made by generateKey() (or Python\'s Fernet.generate_key()): ' +
        '32 random bytes as url-safe base64, 44 characters ending in "=".',
    })
  }
}
