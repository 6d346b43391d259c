import { sql, type Kysely } from 'kysely'
import type { FakeCrm } from '../../src/crm/fake-crm'
import type { Transcript } from './transcript'

interface StoredRow {
  readonly account_name: string
  readonly encrypted_access_token: string
  readonly encrypted_refresh_token: string
}

/**
 * Reads the integrations table with a raw query on the owner connection,
 * past the crypto plugin: every token column must hold a Fernet token
 * (which starts with `gAAAAA`), never a token the CRM would accept.
 */
export async function showCiphertextAtRest(
  owner: Kysely<unknown>,
  crm: FakeCrm,
  t: Transcript,
): Promise<void> {
  const { rows } = await sql<StoredRow>`
    select account_name, encrypted_access_token, encrypted_refresh_token
    from integrations order by account_name`.execute(owner)
  for (const row of rows) {
    const token = row.encrypted_access_token
    t.info(`${row.account_name.padEnd(16)} access_token = ` +
      `${token.slice(0, 28)}... (${token.length} chars)`)
  }
  const sealed = rows.every((row) =>
    [row.encrypted_access_token, row.encrypted_refresh_token].every(
      (value) => value.startsWith('gAAAAA') &&
        !value.includes('crm_') && !crm.isValidAccessToken(value)))
  t.expect(rows.length > 0 && sealed,
    `${rows.length * 2} token columns: all Fernet ciphertext, no plaintext`)
}
