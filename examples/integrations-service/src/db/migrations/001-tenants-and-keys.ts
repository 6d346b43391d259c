import { enableTenantIsolation, disableTenantIsolation } from '@tenantkit/db'
import { sql, type Kysely, type Migration } from 'kysely'

/**
 * Tenants and their API keys. The tenant's own row is a tenant table too
 * (its tenant column is its primary key), so a tenant can read its name
 * and no other tenant's.
 */
export const tenantsAndKeys: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('tenants')
      .addColumn('tenant_id', 'uuid', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', sql`timestamptz(3)`, (c) =>
        c.notNull().defaultTo(sql`now()`))
      .execute()
    // The primary key is the tenant column: it serves the policy, so no
    // separate tenant index is made.
    await enableTenantIsolation(db, { table: 'tenants' })

    await db.schema
      .createTable('api_keys')
      .addColumn('tenant_id', 'uuid', (c) =>
        c.notNull().references('tenants.tenant_id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) =>
        c.notNull().defaultTo(sql`gen_random_uuid()`))
      .addColumn('key_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', sql`timestamptz(3)`, (c) =>
        c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('api_keys_pkey', ['tenant_id', 'id'])
      .execute()
    await enableTenantIsolation(db, { table: 'api_keys' })
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await disableTenantIsolation(db, { table: 'api_keys' })
    await db.schema.dropTable('api_keys').execute()
    await disableTenantIsolation(db, { table: 'tenants' })
    await db.schema.dropTable('tenants').execute()
  },
}
