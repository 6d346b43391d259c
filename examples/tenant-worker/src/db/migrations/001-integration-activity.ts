import { disableTenantIsolation, enableTenantIsolation } from '@tenantkit/db'
import { sql, type Kysely, type Migration } from 'kysely'

/** The activity log, isolated per tenant by row-level security. */
export const integrationActivity: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('integration_activity')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull())
      .addColumn('event_id', 'uuid', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('integration_id', 'uuid', (c) => c.notNull())
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
      .addColumn('received_at', 'timestamptz', (c) =>
        c.notNull().defaultTo(sql`now()`))
      // The key starts with tenant_id: uniqueness checks skip RLS.
      .addPrimaryKeyConstraint('integration_activity_pkey', [
        'tenant_id', 'event_id',
      ])
      .execute()
    await enableTenantIsolation(db, { table: 'integration_activity' })
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await disableTenantIsolation(db, { table: 'integration_activity' })
    await db.schema.dropTable('integration_activity').execute()
  },
}
