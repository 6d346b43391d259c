import pg from 'pg'
import { inject } from 'vitest'
import { createDatabase } from '../src/core'
import { isolationSuite } from './core-support/isolation-suite'
import { startPgBouncer, type PgBouncer } from './core-support/pgbouncer'
import {
  createTenantFixture,
  type FixtureDB,
  type TenantFixture,
} from './core-support/tenant-fixture'

// PgBouncer in transaction mode hands every transaction to whichever
// server connection is free. With ONE server connection per login, every
// statement of the database under test and every raw inspection below
// share the same backend: a tenant or role left behind would be seen.
let bouncer: PgBouncer | undefined
let inspector: pg.Pool | undefined

async function setup(prefix: string): Promise<TenantFixture> {
  const fixture = await createTenantFixture(inject('tenantkitPostgresUrl'), prefix)
  bouncer = await startPgBouncer({
    database: fixture.database.name,
    users: [fixture.runtimeRole, new URL(fixture.poolerUrl).username],
    serverConnections: 1,
  })
  return fixture
}

async function teardown(): Promise<void> {
  await inspector?.end()
  inspector = undefined
  await bouncer?.stop()
  bouncer = undefined
}

async function inspect(loginUrl: string): Promise<{ tenant: unknown; role: unknown }> {
  inspector ??= new pg.Pool({ connectionString: (bouncer as PgBouncer).url(loginUrl), max: 1 })
  const { rows } = await inspector.query<{ tenant: string | null; role: string }>(
    "select current_setting('app.tenant_id', true) as tenant, current_user as role")
  return { tenant: rows[0]?.tenant, role: rows[0]?.role }
}

isolationSuite({
  name: 'through PgBouncer (transaction mode), runtime role login',
  setup: () => setup('db_iso_bouncer'),
  open: async (fixture, size) =>
    createDatabase<FixtureDB>({ url: (bouncer as PgBouncer).url(fixture.runtimeUrl), max: size }),
  teardown,
  idleRole: (fixture) => fixture.runtimeRole,
  inspect: (fixture) => inspect(fixture.runtimeUrl),
})

isolationSuite({
  name: 'through PgBouncer (transaction mode), pooler login with runtimeRole',
  setup: () => setup('db_iso_bouncer_role'),
  open: async (fixture, size) => createDatabase<FixtureDB>({
    url: (bouncer as PgBouncer).url(fixture.poolerUrl),
    max: size,
    runtimeRole: fixture.runtimeRole,
  }),
  teardown,
  idleRole: (fixture) => new URL(fixture.poolerUrl).username,
  inspect: (fixture) => inspect(fixture.poolerUrl),
})
