import { CryptoError, type CryptoErrorOptions } from './crypto-error'

/**
 * Thrown by the encrypted-column codec and the Kysely plugin: a query that
 * filters or sorts on an encrypted column, a value that cannot be stored
 * encrypted, or a stored value that is not a token of this key ring. The
 * message names the table and column, never the value.
 *
 * @example
 * db.selectFrom('crm_connections').where('access_token', '=', t)
 * // EncryptedColumnError: crm_connections.access_token is encrypted ...
 */
export class EncryptedColumnError extends CryptoError {
  override readonly name: string = 'EncryptedColumnError'

  constructor(code: string, message: string, options: CryptoErrorOptions) {
    super(code, message, options)
  }
}
