import { sql } from 'kysely'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import type { CrmClient } from '../src/crm/crm-client'
import type { ApiResponse } from '../scripts/demo/api-client'
import { createMigratedDatabase, type TestDatabase } from './support/test-database'
import { startTestService, type TestService } from './support/test-service'

// A refresh holds its integration's row lock, and so a pooled connection,
// while the CRM answers. Requests queued behind that lock must not each
// hold a connection too: one tenant refreshing the same integration many
// times over while the CRM is slow would empty the pool (10), and every
// other tenant's requests would fail.

let database: TestDatabase
let app: TestService
let release!: () => void
const crmHeld = new Promise<void>((resolve) => (release = resolve))
let entered!: () => void
const inCrm = new Promise<void>((resolve) => (entered = resolve))

beforeAll(async () => {
  database = await createMigratedDatabase(inject('tenantkitPostgresUrl'))
  const slow = (crm: CrmClient): CrmClient => ({
    ...crm,
    refresh: async (token) => {
      entered()
      await crmHeld
      return crm.refresh(token)
    },
  })
  app = await startTestService(database, { wrapCrm: slow })
})
afterAll(async () => {
  release()
  await app?.stop()
  await database?.drop()
})

/** Sessions of the service waiting for a row lock. */
async function lockWaiters(): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from pg_stat_activity
    where usename = ${database.runtimeRole} and wait_event_type = 'Lock'`
    .execute(database.owner)
  return rows[0]?.n ?? 0
}

test('concurrent refreshes of one integration leave the pool to others', async () => {
  const a = await app.createTenant('Acme')
  const b = await app.createTenant('Globex')
  const id = await app.connect(a, 'Acme Sales')
  await app.connect(b, 'Globex Sales')

  const first = app.api({
    method: 'POST', path: `/integrations/${id}/refresh`, key: a.key,
  })
  await inCrm
  const answered: ApiResponse[] = []
  for (let i = 0; i < 11; i += 1) {
    void app.api({
      method: 'POST', path: `/integrations/${id}/refresh`, key: a.key,
    }).then((res) => answered.push(res))
  }
  // Either all 11 were answered, or they queue on the lock, each holding
  // a connection (all but the first one's of the pool of 10).
  while (answered.length < 11 && await lockWaiters() < 9) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }

  const others = await app.api({ path: '/integrations', key: b.key })
  expect(others.status).toBe(200)
  release()
  expect((await first).status).toBe(200)
  expect(answered.map((r) => r.status)).toEqual(Array(11).fill(409))
  expect(answered[0]?.body).toEqual({
    error: 'refresh_in_progress',
    message: 'This integration is being refreshed; try again shortly.',
  })
})
