import { PostgresDialect, sql, type Kysely } from 'kysely'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest'
import { createDatabase, type TenantDatabase } from '../src/core'
import { watchPooledClients, type PooledClients } from './core-support/pooled-clients'
import {
  createTenantFixture,
  type FixtureDB,
  type TenantFixture,
} from './core-support/tenant-fixture'

// Raw SQL run through tenantkit can set the tenant setting at session
// level (is_local = false). That value outlives the statement on the
// pooled connection; no later statement may read it.
let fixture: TenantFixture

beforeAll(async () => {
  fixture = await createTenantFixture(inject('tenantkitPostgresUrl'), 'db_leftover')
  await fixture.admin(
    `insert into orders (tenant_id, ref, label) values ($1, 'a1', 'A'), ($2, 'b1', 'B')`,
    [fixture.tenantA, fixture.tenantB],
  )
})
afterAll(() => fixture?.drop())

const leaveTenantB = (kysely: Kysely<FixtureDB>) =>
  // eslint-disable-next-line tenantkit/no-session-tenant-setting -- the leftover under test
  sql`select set_config('app.tenant_id', ${fixture.tenantB}, false)`.execute(kysely)

const settingSeenBy = async (kysely: Kysely<FixtureDB>): Promise<string | undefined> => {
  const { rows } = await sql<{ value: string }>`
    select current_setting('app.tenant_id') as value`.execute(kysely)
  return rows[0]?.value
}

const expectFailsClosed = async (none: Kysely<FixtureDB>): Promise<void> => {
  expect(await none.selectFrom('orders').select('ref').execute()).toEqual([])
  expect(await settingSeenBy(none)).toBe('')
  const updated = await none.updateTable('orders').set({ label: 'x' }).executeTakeFirst()
  expect(updated.numUpdatedRows).toBe(0n)
  const inTransaction = await none.transaction().execute((trx) =>
    trx.selectFrom('orders').select('ref').execute())
  expect(inTransaction).toEqual([])
  // The shared table still reads normally.
  expect(await none.selectFrom('plans').select('code').execute()).toHaveLength(2)
}

describe('tenantkit pg pool with one connection', () => {
  let db: TenantDatabase<FixtureDB>
  let clients: PooledClients

  beforeAll(() => {
    clients = watchPooledClients(fixture.runtimeRole, fixture.database.name)
    db = createDatabase<FixtureDB>({ url: fixture.runtimeUrl, max: 1 })
  })
  afterAll(async () => {
    clients?.stop()
    await db?.close()
  })
  afterEach(() => clients.query("reset app.tenant_id"))

  test('the leftover really stays on the connection', async () => {
    await leaveTenantB(db.forTenant(fixture.tenantA))
    const rows = await clients.query<{ value: string }>(
      "select current_setting('app.tenant_id') as value")
    expect(rows).toEqual([{ value: fixture.tenantB }])
  })

  test('withoutTenant() clears it: no rows of B, inside or outside a transaction', async () => {
    await leaveTenantB(db.forTenant(fixture.tenantA))
    await expectFailsClosed(db.withoutTenant())
  })

  test('forTenant(A) shadows it: A reads and writes only its own rows', async () => {
    await leaveTenantB(db.forTenant(fixture.tenantA))
    const a = db.forTenant(fixture.tenantA)
    expect(await a.selectFrom('orders').select('ref').execute()).toEqual([{ ref: 'a1' }])
    expect(await settingSeenBy(a)).toBe(fixture.tenantA)
    const inTransaction = await a.transaction().execute(async (trx) => ({
      rows: await trx.selectFrom('orders').select('ref').execute(),
      setting: await settingSeenBy(trx),
    }))
    expect(inTransaction).toEqual({ rows: [{ ref: 'a1' }], setting: fixture.tenantA })
    const forged = a.insertInto('orders')
      .values({ tenant_id: fixture.tenantB, ref: 'forged', label: 'x' })
    await expect(forged.execute()).rejects.toThrow(/row-level security/)
  })
})

test('a Kysely dialect database fails closed the same way', async () => {
  const pool = new pg.Pool({ connectionString: fixture.runtimeUrl, max: 1 })
  pool.on('error', () => {})
  const db = createDatabase<FixtureDB>({ dialect: new PostgresDialect({ pool }) })
  try {
    await leaveTenantB(db.forTenant(fixture.tenantA))
    const { rows } = await pool.query("select current_setting('app.tenant_id') as value")
    expect(rows).toEqual([{ value: fixture.tenantB }])
    await expectFailsClosed(db.withoutTenant())
    const a = db.forTenant(fixture.tenantA)
    expect(await a.selectFrom('orders').select('ref').execute()).toEqual([{ ref: 'a1' }])
  } finally {
    await db.close()
  }
})
