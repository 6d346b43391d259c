import { inject } from 'vitest'
import { createDatabase } from '../src/core'
import { isolationSuite } from './core-support/isolation-suite'
import { createTenantFixture, type FixtureDB } from './core-support/tenant-fixture'

// The fast path: tenantkit's own pg.Pool, one round trip per statement.
isolationSuite({
  name: 'pg pool, logged in as the runtime role',
  setup: () => createTenantFixture(inject('tenantkitPostgresUrl'), 'db_iso_pool'),
  open: async (fixture, size) => createDatabase<FixtureDB>({ url: fixture.runtimeUrl, max: size }),
  idleRole: (fixture) => fixture.runtimeRole,
})

// A pooler login with no grants of its own, switching to the runtime role
// transaction-locally, with the tenant filter plugin on top.
isolationSuite({
  name: 'pg pool, pooler login with runtimeRole and the tenant filter',
  setup: () => createTenantFixture(inject('tenantkitPostgresUrl'), 'db_iso_role'),
  open: async (fixture, size) => createDatabase<FixtureDB>({
    url: fixture.poolerUrl,
    max: size,
    runtimeRole: fixture.runtimeRole,
    tenantTables: ['orders', 'order_notes'],
  }),
  // withoutTenant() switches to the runtime role too, so a superuser login
  // (PGlite) never escapes RLS; the raw role check runs in the PgBouncer suite.
  idleRole: (fixture) => fixture.runtimeRole,
})
