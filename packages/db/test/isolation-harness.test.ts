import { randomUUID } from 'node:crypto'
import { kyselyQueryable, runIsolationSuite } from '@tenantkit/testing'
import pg from 'pg'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { createDatabase, type TenantDatabase } from '../src/core'
import {
  createTenantFixture,
  type FixtureDB,
  type TenantFixture,
} from './core-support/tenant-fixture'

// The same gate downstream apps run before deploying: @tenantkit/testing's
// isolation harness, here against tenantkit's own factory on a pool of one.

let fixture: TenantFixture
let admin: pg.Pool
let db: TenantDatabase<FixtureDB>

beforeAll(async () => {
  fixture = await createTenantFixture(inject('tenantkitPostgresUrl'), 'db_harness')
  admin = new pg.Pool({ connectionString: fixture.adminUrl, max: 2 })
  // A forced drop at the end ends these sessions: expected, not a failure.
  admin.on('error', () => {})
  db = createDatabase<FixtureDB>({
    url: fixture.runtimeUrl, max: 1, tenantTables: ['orders'],
  })
})
afterAll(async () => {
  await db?.close()
  await admin?.end()
  await fixture?.drop()
})

test('the isolation harness finds no way across tenants through forTenant', async () => {
  const report = await runIsolationSuite({
    tables: [{
      name: 'orders',
      row: () => ({ ref: `ref-${randomUUID()}`, label: 'harness' }),
    }],
    asTenant: (tenant, work) => db.forTenant(tenant).transaction()
      .execute((trx) => work(kyselyQueryable(trx))),
    admin,
    // What the app sees between tenants on its one pooled connection.
    pool: kyselyQueryable(db.withoutTenant()),
    interleavings: { runs: 15 },
  })
  expect(report.findings).toEqual([])
  expect(report.tables).toEqual(['orders'])
  expect(report.interleavings).toBe(15)
})
