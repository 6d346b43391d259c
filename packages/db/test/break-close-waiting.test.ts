import { sql } from 'kysely'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { createDatabase } from '../src/core'
import {
  createTenantFixture,
  type FixtureDB,
  type TenantFixture,
} from './core-support/tenant-fixture'

let fixture: TenantFixture

beforeAll(async () => {
  fixture = await createTenantFixture(inject('tenantkitPostgresUrl'), 'db_break_close')
})
afterAll(() => fixture?.drop())

/** Resolves with `work`'s outcome, or 'still pending' after `millis`. */
function within<T>(work: Promise<T>, millis: number): Promise<T | 'still pending'> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<'still pending'>((resolve) => {
    timer = setTimeout(() => resolve('still pending'), millis)
  })
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}

test('close() lets queries already waiting for a connection run, then ends', async () => {
  // One connection, and waiting for it never times out on its own.
  const db = createDatabase<FixtureDB>({
    url: fixture.runtimeUrl, max: 1, connectionTimeoutMillis: 0,
  })
  const tenant = db.forTenant(fixture.tenantA)

  // The only connection is busy; three more statements queue behind it.
  const busy = sql`select pg_sleep(0.3)`.execute(tenant)
  const queued = Array.from({ length: 3 }, () =>
    tenant.selectFrom('orders').select('ref').execute().then(() => 'ran', String))
  await new Promise((resolve) => setTimeout(resolve, 50))

  // close() is called while they wait: they still run, none hangs.
  const closed = db.close()
  await busy
  expect(await within(Promise.all(queued), 5_000)).toEqual(['ran', 'ran', 'ran'])
  expect(await within(closed, 5_000)).toBeUndefined()
})
