import { createKeyRing, type KeyRing } from '@tenantkit/crypto'
import { createEncryptedColumnsPlugin } from '@tenantkit/crypto/kysely'
import type { KyselyPlugin } from 'kysely'

/** The columns that hold OAuth tokens, encrypted with Fernet. */
export const ENCRYPTED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  integrations: ['encrypted_access_token', 'encrypted_refresh_token'],
}

/** The key ring and the Kysely plugin that encrypts the token columns. */
export interface TokenEncryption {
  readonly keyRing: KeyRing
  readonly plugin: KyselyPlugin
}

/**
 * Builds the encryption of the token columns from the configured keys,
 * newest first: the first key encrypts, all of them decrypt, so a new key
 * can be put in front before the rotation job re-encrypts old rows.
 *
 * @example
 * const { plugin } = createTokenEncryption(config.ENCRYPTION_KEYS.reveal())
 */
export function createTokenEncryption(
  keys: readonly string[],
): TokenEncryption {
  const keyRing = createKeyRing(keys)
  const plugin = createEncryptedColumnsPlugin({
    keyRing,
    tables: ENCRYPTED_COLUMNS,
  })
  return { keyRing, plugin }
}
