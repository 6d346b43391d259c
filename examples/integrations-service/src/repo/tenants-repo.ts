import { issueApiKey, matchesAnyHash, parseApiKey } from '../auth/api-key'
import type { TenantDb } from './integrations-repo'

/** A tenant just created, with its first API key (shown once). */
export interface CreatedTenant {
  readonly id: string
  readonly name: string
  readonly apiKey: string
}

/**
 * Creates a tenant and its first API key. It runs as the NEW tenant
 * (`db.forTenant(newId)`): the policies let a tenant write only its own
 * rows, so even provisioning needs no cross-tenant privilege.
 *
 * @example
 * const id = randomUUID()
 * const tenant = await createTenant(db.forTenant(id), id, 'Acme')
 */
export async function createTenant(
  db: TenantDb,
  tenantId: string,
  name: string,
): Promise<CreatedTenant> {
  const { key, hash } = issueApiKey(tenantId)
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('tenants')
      .values({ tenant_id: tenantId, name }).execute()
    await trx.insertInto('api_keys').values({ key_hash: hash }).execute()
  })
  return { id: tenantId, name, apiKey: key }
}

/**
 * The tenant an API key belongs to, or undefined. The key names its
 * tenant; that tenant's stored hashes are read through `dbFor(tenant)`
 * (so RLS applies to the lookup too) and compared in constant time.
 *
 * @example
 * const tenantId = await authenticateApiKey(key, (t) => db.forTenant(t))
 */
export async function authenticateApiKey(
  key: string,
  dbFor: (tenantId: string) => TenantDb,
): Promise<string | undefined> {
  const parsed = parseApiKey(key)
  if (parsed === undefined) return undefined
  const rows = await dbFor(parsed.tenantId)
    .selectFrom('api_keys').select('key_hash').execute()
  const stored = rows.map((row) => row.key_hash)
  return matchesAnyHash(parsed.hash, stored) ? parsed.tenantId : undefined
}
