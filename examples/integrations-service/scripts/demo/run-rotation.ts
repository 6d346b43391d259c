import type { KeyRing } from '@tenantkit/crypto'
import { sql, type Kysely } from 'kysely'

/**
 * Re-encrypts every token of the integrations table under the first key
 * of `keyRing`. Interim: replaced by @tenantkit/crypto's rotation job as
 * soon as that package exports it.
 */
export async function runRotation(
  owner: Kysely<unknown>,
  keyRing: KeyRing,
): Promise<string> {
  const { rows } = await sql<{ id: string; access: string; refresh: string }>`
    select id, encrypted_access_token as access,
      encrypted_refresh_token as refresh
    from integrations`.execute(owner)
  for (const row of rows) {
    await sql`update integrations
      set encrypted_access_token = ${keyRing.rotate(row.access)},
        encrypted_refresh_token = ${keyRing.rotate(row.refresh)}
      where id = ${row.id} and encrypted_access_token = ${row.access}`
      .execute(owner)
  }
  return `${rows.length * 2} tokens re-encrypted`
}
