import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { createTenantFilterPlugin, TenantFilterError } from '../src/core'
import {
  createTenantFixture,
  type FixtureDB,
  type TenantFixture,
} from './core-support/tenant-fixture'

// As in filter-plugin.test.ts, the plugin runs on the SUPERUSER connection,
// which row-level security never restricts: any isolation is the plugin's.
let fixture: TenantFixture
let pool: pg.Pool
let unfiltered: Kysely<FixtureDB>
let forA: Kysely<FixtureDB>

beforeAll(async () => {
  fixture = await createTenantFixture(inject('tenantkitPostgresUrl'), 'db_break_joins')
  await fixture.admin(
    `insert into orders (tenant_id, ref, label) values ($1, 'a1', 'x'), ($2, 'b1', 'y')`,
    [fixture.tenantA, fixture.tenantB])
  await fixture.admin(
    `insert into order_notes (tenant_id, order_id, body)
     select tenant_id, id, 'note ' || ref from orders`)
  pool = new pg.Pool({ connectionString: fixture.adminUrl, max: 2 })
  unfiltered = new Kysely<FixtureDB>({ dialect: new PostgresDialect({ pool }) })
  forA = unfiltered.withPlugin(createTenantFilterPlugin({
    tenantId: fixture.tenantA, tables: ['orders', 'order_notes'],
  }))
})
afterAll(async () => {
  await pool?.end()
  await fixture?.drop()
})

const refs = (rows: ReadonlyArray<{ ref: string | null }>): Array<string | null> =>
  rows.map((r) => r.ref).filter((r) => r !== null).sort()

describe('joins that keep every row of a tenant table', () => {
  test('a right join of a tenant table shows only the tenant rows', async () => {
    // No order label matches a plan code: every order comes null-extended.
    const rows = await forA.selectFrom('plans')
      .rightJoin('orders as o', 'o.label', 'plans.code')
      .select(['o.ref', 'plans.code']).execute()
    expect(refs(rows)).toEqual(['a1'])
  })

  test('a full join of a tenant table shows only the tenant rows', async () => {
    const rows = await forA.selectFrom('plans')
      .fullJoin('orders as o', 'o.label', 'plans.code')
      .select(['o.ref', 'plans.code']).execute()
    expect(refs(rows)).toEqual(['a1'])
  })

  test('a right join between two tenant tables stays within the tenant', async () => {
    const rows = await forA.selectFrom('order_notes as n')
      .rightJoin('orders as o', 'o.id', 'n.order_id')
      .select(['o.ref', 'n.body']).execute()
    expect(rows).toEqual([{ ref: 'a1', body: 'note a1' }])
  })
})

test('MERGE reading a tenant table as its source is refused', async () => {
  // MERGE's ON cannot filter a source: unmatched rows still reach WHEN NOT
  // MATCHED, so B's orders would be copied into the shared table.
  const copy = forA.mergeInto('plans')
    .using('orders as o', 'o.ref', 'plans.code')
    .whenNotMatched()
    .thenInsertValues((eb) => ({ code: eb.ref('o.ref'), price: 0 }))
  await expect(copy.execute()).rejects.toThrow(TenantFilterError)
  const plans = await unfiltered.selectFrom('plans').select('code').orderBy('code').execute()
  expect(plans.map((p) => p.code)).toEqual(['basic', 'pro'])
})
