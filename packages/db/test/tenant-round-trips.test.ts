import { PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, inject, test, vi } from 'vitest'
import { createDatabase, type TenantDatabase } from '../src/core'
import {
  createTenantFixture,
  type FixtureDB,
  type TenantFixture,
} from './core-support/tenant-fixture'

// Counts what crosses the wire through pg's protocol connection: every
// Sync or simple Query the client writes ends one round trip, answered by
// one ReadyForQuery from the server.
interface Protocol {
  sync(): void
  query(text: string): void
  emit(event: string, ...args: unknown[]): boolean
}
const protocol = (pg as unknown as { Connection: { prototype: Protocol } }).Connection.prototype

let fixture: TenantFixture
let db: TenantDatabase<FixtureDB>

beforeAll(async () => {
  fixture = await createTenantFixture(inject('tenantkitPostgresUrl'), 'db_round_trips')
  db = createDatabase<FixtureDB>({ url: fixture.runtimeUrl, max: 1 })
  await db.forTenant(fixture.tenantA).insertInto('orders')
    .values({ tenant_id: fixture.tenantA, ref: 'a1', label: 'A' }).execute()
})
afterAll(async () => {
  await db?.close()
  await fixture?.drop()
})
afterEach(() => {
  vi.restoreAllMocks()
})

async function roundTrips(
  work: () => Promise<unknown>,
): Promise<{ sent: number; answered: number }> {
  const sync = vi.spyOn(protocol, 'sync')
  const query = vi.spyOn(protocol, 'query')
  let answered = 0
  const emit = protocol.emit
  vi.spyOn(protocol, 'emit').mockImplementation(function (this: Protocol, event, ...args) {
    if (event === 'readyForQuery') answered++
    return emit.call(this, event, ...args)
  })
  await work()
  const sent = sync.mock.calls.length + query.mock.calls.length
  vi.restoreAllMocks()
  return { sent, answered }
}

describe('one round trip per tenant statement', () => {
  test('a single statement outside a transaction costs one round trip', async () => {
    const tenant = db.forTenant(fixture.tenantA)
    let rows: unknown[] = []
    const trips = await roundTrips(async () => {
      rows = await tenant.selectFrom('orders').select('ref').where('ref', '=', 'a1').execute()
    })
    expect(rows).toEqual([{ ref: 'a1' }])
    expect(trips).toEqual({ sent: 1, answered: 1 })
  })

  test('a failing statement also costs one round trip and sets nothing', async () => {
    const tenant = db.forTenant(fixture.tenantA)
    const trips = await roundTrips(async () => {
      await expect(sql`select 1 / 0`.execute(tenant)).rejects.toThrow(/division by zero/)
    })
    expect(trips).toEqual({ sent: 1, answered: 1 })
  })

  test('a three-statement transaction costs four: BEGIN travels with the first', async () => {
    const trips = await roundTrips(() =>
      db.forTenant(fixture.tenantA).transaction().execute(async (trx) => {
        await trx.selectFrom('orders').select('id').execute()
        await trx.updateTable('orders').set({ amount: 2 }).execute()
        await trx.selectFrom('orders').select('amount').execute()
      }))
    // The usual BEGIN; set_config; 3 statements; COMMIT would take six.
    expect(trips).toEqual({ sent: 4, answered: 4 })
  })

  test('withoutTenant() clears the tenant in the same single round trip', async () => {
    const none = db.withoutTenant()
    let rows: unknown[] = []
    const trips = await roundTrips(async () => {
      rows = await none.selectFrom('plans').select('code').where('code', '=', 'pro').execute()
    })
    expect(rows).toEqual([{ code: 'pro' }])
    expect(trips).toEqual({ sent: 1, answered: 1 })
    const inTransaction = await roundTrips(() =>
      none.transaction().execute(async (trx) => {
        await trx.selectFrom('plans').select('code').execute()
        await trx.selectFrom('orders').select('id').execute()
        await trx.selectFrom('plans').select('price').execute()
      }))
    expect(inTransaction).toEqual({ sent: 4, answered: 4 })
  })

  test('an empty transaction never reaches the server', async () => {
    const trips = await roundTrips(() =>
      db.forTenant(fixture.tenantA).transaction().execute(async () => 'nothing'))
    expect(trips).toEqual({ sent: 0, answered: 0 })
  })

  test('the generic dialect path costs four round trips per statement', async () => {
    const pool = new pg.Pool({ connectionString: fixture.runtimeUrl, max: 1 })
    const generic = createDatabase<FixtureDB>({ dialect: new PostgresDialect({ pool }) })
    try {
      const tenant = generic.forTenant(fixture.tenantA)
      await tenant.selectFrom('orders').select('id').execute()
      const trips = await roundTrips(() => tenant.selectFrom('orders').select('id').execute())
      expect(trips).toEqual({ sent: 4, answered: 4 })
      // withoutTenant() too: clearing the tenant needs a transaction there.
      const none = generic.withoutTenant()
      const cleared = await roundTrips(() => none.selectFrom('plans').select('code').execute())
      expect(cleared).toEqual({ sent: 4, answered: 4 })
    } finally {
      await generic.close()
    }
  })
})

test('savepoints work inside a pipelined tenant transaction', async () => {
  const tenant = db.forTenant(fixture.tenantA)
  const trx = await tenant.startTransaction().execute()
  const saved = await trx.savepoint('before_update').execute()
  await saved.updateTable('orders').set({ label: 'discarded' }).execute()
  const restored = await saved.rollbackToSavepoint('before_update').execute()
  expect(await restored.selectFrom('orders').select('label').execute()).toEqual([{ label: 'A' }])
  await restored.commit().execute()
})
