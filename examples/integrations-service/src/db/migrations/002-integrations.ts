import { disableTenantIsolation, enableTenantIsolation } from '@tenantkit/db'
import { sql, type Kysely, type Migration } from 'kysely'

/**
 * CRM connections. The OAuth tokens live only in the `encrypted_*`
 * columns, as Fernet tokens; `token_fingerprint` is what the API shows.
 * Every key starts with tenant_id: constraint checks skip RLS, so a key
 * without it would let one tenant probe another's rows.
 */
export const integrations: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('integrations')
      .addColumn('tenant_id', 'uuid', (c) =>
        c.notNull().references('tenants.tenant_id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) =>
        c.notNull().defaultTo(sql`gen_random_uuid()`))
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('account_name', 'text', (c) => c.notNull())
      .addColumn('encrypted_access_token', 'text', (c) => c.notNull())
      .addColumn('encrypted_refresh_token', 'text', (c) => c.notNull())
      .addColumn('token_fingerprint', 'text', (c) => c.notNull())
      .addColumn('expires_at', sql`timestamptz(3)`, (c) => c.notNull())
      // Millisecond precision, so a keyset cursor holds the exact value.
      .addColumn('created_at', sql`timestamptz(3)`, (c) =>
        c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', sql`timestamptz(3)`, (c) =>
        c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('integrations_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('integrations_account_key', [
        'tenant_id', 'provider', 'account_name',
      ])
      .execute()
    await enableTenantIsolation(db, { table: 'integrations' })
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await disableTenantIsolation(db, { table: 'integrations' })
    await db.schema.dropTable('integrations').execute()
  },
}
