import { inject } from 'vitest'
import { createDatabase } from '../src/core'
import { isolationSuite, type IsolationTarget } from './core-support/isolation-suite'
import { watchPooledClients, type PooledClients } from './core-support/pooled-clients'
import {
  createTenantFixture,
  type FixtureDB,
  type TenantFixture,
} from './core-support/tenant-fixture'

// Every tenantkit statement now carries a prelude that sets the tenant
// (withoutTenant() sets it to ''), so a withoutTenant() read would mask
// what a connection carries. The one-connection pool is read directly.
let clients: PooledClients | undefined

function watch(fixture: TenantFixture, url: string, size: number): void {
  if (size !== 1) return
  clients?.stop()
  clients = watchPooledClients(new URL(url).username, fixture.database.name)
}

const inspect: IsolationTarget['inspect'] = async () => {
  const rows = await (clients as PooledClients).query<{ tenant: string | null; role: string }>(
    "select current_setting('app.tenant_id', true) as tenant, current_user as role")
  return { tenant: rows[0]?.tenant, role: rows[0]?.role }
}

const teardown = async (): Promise<void> => {
  clients?.stop()
  clients = undefined
}

// The fast path: tenantkit's own pg.Pool, one round trip per statement.
isolationSuite({
  name: 'pg pool, logged in as the runtime role',
  setup: () => createTenantFixture(inject('tenantkitPostgresUrl'), 'db_iso_pool'),
  open: async (fixture, size) => {
    watch(fixture, fixture.runtimeUrl, size)
    return createDatabase<FixtureDB>({ url: fixture.runtimeUrl, max: size })
  },
  teardown,
  idleRole: (fixture) => fixture.runtimeRole,
  inspect,
})

// A pooler login with no grants of its own, switching to the runtime role
// transaction-locally, with the tenant filter plugin on top.
isolationSuite({
  name: 'pg pool, pooler login with runtimeRole and the tenant filter',
  setup: () => createTenantFixture(inject('tenantkitPostgresUrl'), 'db_iso_role'),
  open: async (fixture, size) => {
    watch(fixture, fixture.poolerUrl, size)
    return createDatabase<FixtureDB>({
      url: fixture.poolerUrl,
      max: size,
      runtimeRole: fixture.runtimeRole,
      tenantTables: ['orders', 'order_notes'],
    })
  },
  teardown,
  // Read directly, the connection is back on its login role between
  // statements: the runtime role was transaction-local.
  idleRole: (fixture) => new URL(fixture.poolerUrl).username,
  inspect,
})
