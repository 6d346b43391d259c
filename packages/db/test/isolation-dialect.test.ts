import { PostgresDialect } from 'kysely'
import pg from 'pg'
import { inject } from 'vitest'
import { createDatabase } from '../src/core'
import { isolationSuite } from './core-support/isolation-suite'
import { createTenantFixture, type FixtureDB } from './core-support/tenant-fixture'

// pg-pool's end() resolves before its idle clients' sockets are closed;
// the forced drop of the fixture database can then terminate one, and a
// pool without an 'error' listener would crash the whole test run.
function testPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max })
  pool.on('error', () => {})
  return pool
}

// The generic path any Kysely dialect takes (PGlite in the examples): each
// tenant statement wrapped in BEGIN, set_config, statement, COMMIT.
// withoutTenant() clears the tenant in its own prelude, so the suite reads
// the one-connection pool directly to see what a connection carries.
let runtimeSingle: pg.Pool | undefined
isolationSuite({
  name: 'any Kysely dialect (PostgresDialect), runtime role login',
  setup: () => createTenantFixture(inject('tenantkitPostgresUrl'), 'db_iso_dialect'),
  open: async (fixture, size) => {
    const pool = testPool(fixture.runtimeUrl, size)
    if (size === 1) runtimeSingle = pool
    return createDatabase<FixtureDB>({ dialect: new PostgresDialect({ pool }) })
  },
  idleRole: (fixture) => fixture.runtimeRole,
  inspect: () => readConnection(runtimeSingle),
})

// A single login switching role per transaction, as with embedded
// PostgreSQL. The one-connection pool is also inspected directly, so a
// leaked role or tenant could not hide behind the next prelude.
let single: pg.Pool | undefined
isolationSuite({
  name: 'any Kysely dialect, shared login with runtimeRole',
  setup: () => createTenantFixture(inject('tenantkitPostgresUrl'), 'db_iso_dialect_role'),
  open: async (fixture, size) => {
    const pool = testPool(fixture.poolerUrl, size)
    if (size === 1) single = pool
    return createDatabase<FixtureDB>({
      dialect: new PostgresDialect({ pool }),
      runtimeRole: fixture.runtimeRole,
    })
  },
  idleRole: (fixture) => new URL(fixture.poolerUrl).username,
  inspect: () => readConnection(single),
})

async function readConnection(
  pool: pg.Pool | undefined,
): Promise<{ tenant: unknown; role: unknown }> {
  const { rows } = await (pool as pg.Pool).query<{ tenant: string | null; role: string }>(
    "select current_setting('app.tenant_id', true) as tenant, current_user as role")
  return { tenant: rows[0]?.tenant, role: rows[0]?.role }
}
