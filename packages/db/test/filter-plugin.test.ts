import { Kysely, PostgresDialect, sql, type Generated } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest'
import { createTenantFilterPlugin, TenantFilterError } from '../src/core'
import {
  createTenantFixture,
  type FixtureDB,
  type TenantFixture,
} from './core-support/tenant-fixture'

// The plugin is tested on the SUPERUSER connection, which row-level
// security never restricts: whatever isolation shows here is the plugin's.
interface FilterDB extends Omit<FixtureDB, 'orders'> {
  // The plugin fills in tenant_id, so inserts may leave it out.
  orders: Omit<FixtureDB['orders'], 'tenant_id'> & { tenant_id: Generated<string> }
  slugs: { tenant_id: Generated<string>; slug: string; hits: number }
}

let fixture: TenantFixture
let pool: pg.Pool
let forA: Kysely<FilterDB>
let unfiltered: Kysely<FilterDB>

beforeAll(async () => {
  fixture = await createTenantFixture(inject('tenantkitPostgresUrl'), 'db_filter')
  // A unique key without the tenant column, as the audit would flag.
  await fixture.admin(
    'create table slugs (tenant_id uuid not null, slug text unique, hits int not null)')
  pool = new pg.Pool({ connectionString: fixture.adminUrl, max: 2 })
  unfiltered = new Kysely<FilterDB>({ dialect: new PostgresDialect({ pool }) })
  forA = unfiltered.withPlugin(
    createTenantFilterPlugin({
      tenantId: fixture.tenantA,
      tables: ['orders', 'order_notes', 'slugs'],
    }),
  )
})
afterAll(async () => {
  await pool?.end()
  await fixture?.drop()
})

beforeEach(async () => {
  await fixture.admin('truncate orders, order_notes, slugs')
  await fixture.admin(
    `insert into orders (tenant_id, ref, label, amount)
     values ($1, 'a1', 'A one', 1), ($1, 'a2', 'A two', 2), ($2, 'b1', 'B one', 10)`,
    [fixture.tenantA, fixture.tenantB],
  )
  await fixture.admin(
    `insert into order_notes (tenant_id, order_id, body)
     select tenant_id, id, 'note ' || ref from orders`,
  )
  await fixture.admin(`insert into slugs values ($1, 'shared', 0)`, [fixture.tenantB])
})

const rowsOf = (tenant: string) =>
  fixture.admin<{ ref: string; label: string; amount: number }>(
    'select ref, label, amount from orders where tenant_id = $1 order by ref', [tenant])

describe('reads', () => {
  test('select, with or without an alias, sees only the tenant', async () => {
    const plain = await forA.selectFrom('orders').select('ref').orderBy('ref').execute()
    expect(plain.map((r) => r.ref)).toEqual(['a1', 'a2'])
    const aliased = await forA.selectFrom('orders as o').select('o.ref')
      .where((eb) => eb.or([eb('o.ref', '=', 'b1'), eb('o.ref', '=', 'a2')])).execute()
    expect(aliased).toEqual([{ ref: 'a2' }])
  })

  test('joins, subqueries and CTEs are filtered too', async () => {
    const joined = await unfiltered.withPlugin(
      createTenantFilterPlugin({ tenantId: fixture.tenantA, tables: ['order_notes'] }),
    ).selectFrom('orders').leftJoin('order_notes as n', 'n.order_id', 'orders.id')
      .select(['orders.ref', 'n.body']).orderBy('orders.ref').execute()
    // orders is not registered here, so b1 stays, but its note is hidden.
    expect(joined).toEqual([
      { ref: 'a1', body: 'note a1' }, { ref: 'a2', body: 'note a2' }, { ref: 'b1', body: null },
    ])

    const viaSubquery = await forA.selectFrom('plans').select('code')
      .where('code', 'in', (eb) => eb.selectFrom('orders').select('label')).execute()
    expect(viaSubquery).toEqual([])

    const counted = await forA.with('mine', (db) => db.selectFrom('orders').select('amount'))
      .selectFrom('mine').select((eb) => eb.fn.sum<string>('amount').as('total')).execute()
    expect(counted).toEqual([{ total: '3' }])
  })
})

describe('writes', () => {
  test('update and delete touch only the tenant rows', async () => {
    await forA.updateTable('orders').set({ label: 'changed' }).execute()
    await forA.deleteFrom('order_notes').execute()
    expect((await rowsOf(fixture.tenantB))[0]?.label).toBe('B one')
    expect((await rowsOf(fixture.tenantA)).map((r) => r.label)).toEqual(['changed', 'changed'])
    const notes = await fixture.admin<{ n: string }>('select count(*) as n from order_notes')
    expect(notes[0]?.n).toBe('1')
  })

  test('insert fills in the tenant column, or refuses another tenant', async () => {
    await forA.insertInto('orders').values([{ ref: 'a3', label: 'x' }, { ref: 'a4', label: 'y' }])
      .execute()
    expect((await rowsOf(fixture.tenantA)).map((r) => r.ref)).toEqual(['a1', 'a2', 'a3', 'a4'])

    const forged = forA.insertInto('orders')
      .values({ tenant_id: fixture.tenantB, ref: 'evil', label: 'x' })
    await expect(forged.execute()).rejects.toThrow(TenantFilterError)
    const expression = forA.insertInto('orders')
      .values({ tenant_id: sql<string>`gen_random_uuid()`, ref: 'evil', label: 'x' })
    await expect(expression.execute()).rejects.toThrow(/cannot be checked/)
    expect(await rowsOf(fixture.tenantB)).toHaveLength(1)
  })

  test('update cannot move a row to another tenant', async () => {
    const move = forA.updateTable('orders').set({ tenant_id: fixture.tenantB })
    await expect(move.execute()).rejects.toThrow(/another tenant/)
    const same = forA.updateTable('orders').set({ tenant_id: fixture.tenantA.toUpperCase() })
    await expect(same.execute()).resolves.toBeDefined()
  })

  test('an upsert never updates another tenant row through a global unique key', async () => {
    await forA.insertInto('slugs').values({ slug: 'shared', hits: 1 })
      .onConflict((oc) => oc.column('slug').doUpdateSet({ hits: 99 })).execute()
    const slugs = await fixture.admin<{ hits: number }>('select hits from slugs')
    expect(slugs).toEqual([{ hits: 0 }])
  })

  test('merge and insert ... select into a tenant table are refused', async () => {
    const merge = forA.mergeInto('orders').using('plans', 'plans.code', 'orders.ref')
      .whenMatched().thenDelete()
    await expect(merge.execute()).rejects.toThrow(/MERGE/)
    const copy = forA.insertInto('orders').columns(['ref', 'label'])
      .expression((eb) => eb.selectFrom('plans').select(['code', 'code']))
    await expect(copy.execute()).rejects.toThrow(/insert ... select/)
  })
})

test('a malformed tenant id or table list is refused when the plugin is built', () => {
  expect(() => createTenantFilterPlugin({ tenantId: 'nope', tables: ['orders'] }))
    .toThrow(/expected a UUID/)
  expect(() => createTenantFilterPlugin({ tenantId: fixture.tenantA, tables: [] }))
    .toThrow(/at least one table/)
})
