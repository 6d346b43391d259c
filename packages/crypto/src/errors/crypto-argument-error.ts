import { CryptoError } from './crypto-error'

/**
 * Thrown when a function of `@tenantkit/crypto` gets an option or argument
 * it cannot use. The message names the option and what is expected; it
 * never repeats the value when the value could be a secret.
 *
 * @example
 * fernet.decrypt(token, { ttl: -1 })
 * // CryptoArgumentError: decrypt: ttl must be a whole number of seconds >= 0
 */
export class CryptoArgumentError extends CryptoError {
  override readonly name: string = 'CryptoArgumentError'

  constructor(message: string, fix: string) {
    super('invalid_argument', message, { fix })
  }
}
