import { PostgresDialect } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { createDatabase, UnsupportedOperationError } from '../src/core'
import {
  createTenantFixture,
  type FixtureDB,
  type TenantFixture,
} from './core-support/tenant-fixture'

let fixture: TenantFixture

beforeAll(async () => {
  fixture = await createTenantFixture(inject('tenantkitPostgresUrl'), 'db_tenant_dialect')
})
afterAll(() => fixture?.drop())

test('a dialect database reports health without pool counters and closes its driver', async () => {
  const pool = new pg.Pool({ connectionString: fixture.runtimeUrl, max: 1 })
  const db = createDatabase<FixtureDB>({ dialect: new PostgresDialect({ pool }) })
  expect(await db.health()).toMatchObject({
    ok: true,
    pool: undefined,
    role: { name: fixture.runtimeRole, bypassesRls: false },
  })
  await db.close()
  await db.close()
  expect(pool.ended).toBe(true)
})

test('streaming a tenant query is refused with a way out', async () => {
  const db = createDatabase<FixtureDB>({ url: fixture.runtimeUrl, max: 1 })
  try {
    const stream = db.forTenant(fixture.tenantA).selectFrom('orders').selectAll().stream()
    await expect(stream.next()).rejects.toThrow(UnsupportedOperationError)
    await expect(stream.next()).resolves.toMatchObject({ done: true })
    // The connection went back to the pool in a usable state.
    expect(await db.forTenant(fixture.tenantA).selectFrom('orders').selectAll().execute())
      .toEqual([])
  } finally {
    await db.close()
  }
})
