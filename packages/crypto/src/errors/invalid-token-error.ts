import { CryptoError } from './crypto-error'

/**
 * The one error every rejected Fernet token raises, whatever the reason:
 * malformed, altered, expired, from the future, or made with a key the
 * ring does not hold. It deliberately never says which check failed, so
 * an attacker learns nothing from it.
 *
 * @example
 * try {
 *   fernet.decrypt(token, { ttl: 60 })
 * } catch (error) {
 *   if (error instanceof InvalidTokenError) reply.status(401)
 * }
 */
export class InvalidTokenError extends CryptoError {
  override readonly name: string = 'InvalidTokenError'

  constructor() {
    super(
      'invalid_token',
      'Invalid Fernet token: it is malformed, was altered, is outside its ' +
        'time-to-live, or was made with a key this key ring does not hold.',
      {
        fix:
          'Check that the value is a Fernet token and that the key ring ' +
          'holds the key that encrypted it.',
      },
    )
  }
}
