import { sql } from 'kysely'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { ConfigurationError, createDatabase, createOwnerDatabase } from '../src/core'
import {
  createTenantFixture,
  type FixtureDB,
  type TenantFixture,
} from './core-support/tenant-fixture'

let fixture: TenantFixture

beforeAll(async () => {
  fixture = await createTenantFixture(inject('tenantkitPostgresUrl'), 'db_owner')
  await fixture.admin(
    `insert into orders (tenant_id, ref, label) values ($1, 'a1', 'A'), ($2, 'b1', 'B')`,
    [fixture.tenantA, fixture.tenantB],
  )
})
afterAll(() => fixture?.drop())

test('cross-tenant work goes through the owner connection, never the runtime one', async () => {
  // The fixture's tables belong to a superuser, which skips every policy.
  const owner = createOwnerDatabase<FixtureDB>({ url: fixture.adminUrl, max: 1 })
  const runtime = createDatabase<FixtureDB>({ url: fixture.runtimeUrl, max: 1 })
  try {
    const all = await owner.kysely.selectFrom('orders').select('ref').orderBy('ref').execute()
    expect(all).toEqual([{ ref: 'a1' }, { ref: 'b1' }])
    expect(await owner.health()).toMatchObject({ ok: true, role: { bypassesRls: true } })

    // The runtime role has no way to ask for the same: no tenant, no rows.
    expect(await runtime.withoutTenant().selectFrom('orders').select('ref').execute()).toEqual([])
  } finally {
    await owner.close()
    await owner.close()
    await runtime.close()
  }
})

test('the owner connection sends statements as written, with no prelude', async () => {
  const owner = createOwnerDatabase<FixtureDB>({ url: fixture.adminUrl, max: 1 })
  try {
    // Several statements in one string need the simple query protocol,
    // which a pipelined prelude would rule out (migrations rely on it).
    await sql.raw('create temporary table t (n int); insert into t values (7)')
      .execute(owner.kysely)
    const { rows } = await sql<{ n: number }>`select n from t`.execute(owner.kysely)
    expect(rows).toEqual([{ n: 7 }])
  } finally {
    await owner.close()
  }
})

test('owner options are validated under their own name', () => {
  expect(() => createOwnerDatabase({ url: 'not a url' })).toThrow(ConfigurationError)
  expect(() => createOwnerDatabase({ url: 'not a url' })).toThrow(/^createOwnerDatabase: 1 invalid/)
})
