import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { createDatabase, InvalidTenantIdError, type TenantDatabase } from '../src/core'
import { watchPooledClients, type PooledClients } from './core-support/pooled-clients'
import {
  createTenantFixture,
  type FixtureDB,
  type TenantFixture,
} from './core-support/tenant-fixture'

const row = (tenant: string, ref: string, label: string) =>
  ({ tenant_id: tenant, ref, label })

let fixture: TenantFixture
let db: TenantDatabase<FixtureDB>
let clients: PooledClients

beforeAll(async () => {
  fixture = await createTenantFixture(inject('tenantkitPostgresUrl'), 'db_tenant_ctx')
  clients = watchPooledClients(fixture.runtimeRole, fixture.database.name)
  db = createDatabase<FixtureDB>({ url: fixture.runtimeUrl, max: 1 })
})
afterAll(async () => {
  clients?.stop()
  await db?.close()
  await fixture?.drop()
})

// Read on the pooled connection itself: withoutTenant() would clear the
// setting in its own prelude and hide a leftover.
const settingNow = async (): Promise<string | null> => {
  const rows = await clients.query<{ value: string | null }>(
    "select current_setting('app.tenant_id', true) as value")
  return rows[0]?.value ?? null
}

describe('forTenant on a pool of one connection', () => {
  test('each tenant sees only its own rows, and the setting never lingers', async () => {
    const a = db.forTenant(fixture.tenantA)
    const b = db.forTenant(fixture.tenantB)
    await a.insertInto('orders').values(row(fixture.tenantA, 'a1', 'A')).execute()
    await b.insertInto('orders').values(row(fixture.tenantB, 'b1', 'B')).execute()

    const seenByA = await a.selectFrom('orders').select(['ref', 'tenant_id']).execute()
    expect(seenByA).toEqual([{ ref: 'a1', tenant_id: fixture.tenantA }])
    expect(['', null]).toContain(await settingNow())

    const seenByB = await b.selectFrom('orders').select('ref').execute()
    expect(seenByB).toEqual([{ ref: 'b1' }])
    expect(['', null]).toContain(await settingNow())
  })

  test('a transaction keeps the tenant for every statement, then drops it', async () => {
    const result = await db.forTenant(fixture.tenantA).transaction().execute(async (trx) => {
      const { rows } = await sql<{ value: string }>`
        select current_setting('app.tenant_id') as value`.execute(trx)
      const orders = await trx.selectFrom('orders').select('ref').execute()
      return { setting: rows[0]?.value, orders }
    })
    expect(result).toEqual({ setting: fixture.tenantA, orders: [{ ref: 'a1' }] })
    expect(['', null]).toContain(await settingNow())
  })

  test('without a tenant, reads are empty and writes are refused', async () => {
    const none = db.withoutTenant()
    expect(await none.selectFrom('orders').selectAll().execute()).toEqual([])
    await expect(
      none.insertInto('orders').values(row(fixture.tenantA, 'x', 'x')).execute(),
    ).rejects.toThrow(/row-level security/)
    expect(await none.selectFrom('plans').select('code').orderBy('code').execute()).toHaveLength(2)
  })

  test('a connection left inside a raw BEGIN is closed, not reused', async () => {
    const pid = async (): Promise<number | undefined> => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`
        .execute(db.withoutTenant())
      return rows[0]?.pid
    }
    const before = await pid()
    await db.forTenant(fixture.tenantA).connection().execute(async (conn) => {
      await sql`begin`.execute(conn)
      await sql`select set_config('app.tenant_id', ${fixture.tenantA}, true)`.execute(conn)
    })
    expect(await pid()).not.toBe(before)
    expect(['', null]).toContain(await settingNow())
  })

  test('a malformed tenant id is refused before any query', () => {
    expect(() => db.forTenant('not-a-uuid')).toThrow(InvalidTenantIdError)
    expect(() => db.forTenant('')).toThrow(/an empty string/)
  })
})
