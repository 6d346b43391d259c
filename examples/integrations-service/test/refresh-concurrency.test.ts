import { sql } from 'kysely'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import type { CrmClient } from '../src/crm/crm-client'
import type { ApiRequest, ApiResponse } from '../scripts/demo/api-client'
import { createMigratedDatabase, type TestDatabase } from './support/test-database'
import { startTestService, type TestService } from './support/test-service'

// A refresh holds its integration's row lock, and so a pooled connection,
// while the CRM answers. Requests that would queue behind that lock must
// not each hold a connection too: one tenant sending a dozen of them
// while the CRM is slow would empty the pool (10), and every other
// tenant's requests would fail.

interface CrmGate {
  readonly entered: Promise<void>
  enter(): void
  readonly released: Promise<void>
  release(): void
}

let database: TestDatabase
let app: TestService
let gate: CrmGate | undefined

beforeAll(async () => {
  database = await createMigratedDatabase(inject('tenantkitPostgresUrl'))
  const slow = (crm: CrmClient): CrmClient => ({
    ...crm,
    refresh: async (token) => {
      if (gate !== undefined) {
        gate.enter()
        await gate.released
      }
      return crm.refresh(token)
    },
  })
  app = await startTestService(database, { wrapCrm: slow })
})
afterAll(async () => {
  gate?.release()
  await app?.stop()
  await database?.drop()
})

/** Holds refreshes at the CRM until `release()`. */
function holdCrm(): CrmGate {
  let enter!: () => void
  let release!: () => void
  const entered = new Promise<void>((resolve) => (enter = resolve))
  const released = new Promise<void>((resolve) => (release = resolve))
  const held = { entered, enter, released, release }
  gate = held
  return held
}

/** Sessions of the service waiting for a row lock. */
async function lockWaiters(): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from pg_stat_activity
    where usename = ${database.runtimeRole} and wait_event_type = 'Lock'`
    .execute(database.owner)
  return rows[0]?.n ?? 0
}

/**
 * Starts a refresh of `id`, holds it at the CRM, sends `request` 11 times
 * and checks that another tenant is still served. Returns the refresh's
 * answer and the 11 answers.
 */
async function whileRefreshing(
  id: string, key: string, otherKey: string, request: ApiRequest,
): Promise<{ refresh: ApiResponse; answered: ApiResponse[] }> {
  const crm = holdCrm()
  const refresh = app.api({
    method: 'POST', path: `/integrations/${id}/refresh`, key,
  })
  await crm.entered
  const answered: ApiResponse[] = []
  for (let i = 0; i < 11; i += 1) {
    void app.api(request).then((res) => answered.push(res))
  }
  // Either all 11 were answered, or they queue on the lock, each holding
  // a connection (all of the pool but the refresh's own).
  while (answered.length < 11 && await lockWaiters() < 9) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  const others = await app.api({ path: '/integrations', key: otherKey })
  expect(others.status).toBe(200)
  gate = undefined
  crm.release()
  return { refresh: await refresh, answered }
}

const inProgress = {
  error: 'refresh_in_progress',
  message: 'This integration is being refreshed; try again shortly.',
}

test('concurrent refreshes of one integration leave the pool to others', async () => {
  const a = await app.createTenant('Acme')
  const b = await app.createTenant('Globex')
  const id = await app.connect(a, 'Acme Sales')
  const { refresh, answered } = await whileRefreshing(id, a.key, b.key, {
    method: 'POST', path: `/integrations/${id}/refresh`, key: a.key,
  })
  expect(refresh.status).toBe(200)
  expect(answered.map((r) => r.status)).toEqual(Array(11).fill(409))
  expect(answered[0]?.body).toEqual(inProgress)
})

test('deletes during a refresh are told so instead of queuing', async () => {
  const a = await app.createTenant('Acme')
  const b = await app.createTenant('Globex')
  const id = await app.connect(a, 'Acme Sales')
  const { refresh, answered } = await whileRefreshing(id, a.key, b.key, {
    method: 'DELETE', path: `/integrations/${id}`, key: a.key,
  })
  expect(refresh.status).toBe(200)
  expect(answered.map((r) => r.status)).toEqual(Array(11).fill(409))
  expect(answered[0]?.body).toEqual(inProgress)
  // Once the refresh is done, the delete goes through.
  const removal = await app.api({
    method: 'DELETE', path: `/integrations/${id}`, key: a.key,
  })
  expect(removal.status).toBe(204)
})
