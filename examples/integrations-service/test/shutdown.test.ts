import { sql } from 'kysely'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import type { CrmClient } from '../src/crm/crm-client'
import { consume, uniqueTopic } from './support/consume'
import { startDevService } from './support/run-script'
import { createMigratedDatabase, type TestDatabase } from './support/test-database'
import { startTestService } from './support/test-service'

const brokers = inject('tenantkitKafkaBrokers')
let database: TestDatabase

beforeAll(async () => {
  database = await createMigratedDatabase(inject('tenantkitPostgresUrl'))
})
afterAll(async () => {
  await database?.drop()
})

async function runtimeSessions(): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from pg_stat_activity
    where usename = ${database.runtimeRole}`.execute(database.owner)
  return rows[0]?.n ?? -1
}

test('stop(): in-flight done, new requests refused, events flushed, pool closed', async () => {
  const topic = uniqueTopic('shutdown')
  let entered!: () => void
  const inExchange = new Promise<void>((resolve) => (entered = resolve))
  // The real CRM call, held up so that shutdown starts in the middle of it.
  const slow = (crm: CrmClient): CrmClient => ({
    ...crm,
    exchangeCode: async (code) => {
      entered()
      await new Promise((resolve) => setTimeout(resolve, 700))
      return crm.exchangeCode(code)
    },
  })
  const app = await startTestService(database, {
    kafka: { brokers, topic }, wrapCrm: slow,
  })
  const tenant = await app.createTenant('Acme')
  expect(await runtimeSessions()).toBeGreaterThan(0)

  const inFlight = app.api({
    method: 'POST', path: '/integrations', key: tenant.key,
    body: { code: app.crm.authorize('Acme Sales') },
  })
  await inExchange
  const stopping = app.service.stop()

  // New requests are refused while the one in flight finishes.
  const late = await app.api({ path: '/integrations', key: tenant.key })
    .then((res) => res.status, () => 'refused')
  expect([503, 'refused']).toContain(late)
  expect((await inFlight).status).toBe(201)
  await stopping

  // Its event was flushed before the producer disconnected.
  const [event] = await consume(brokers, topic, 1)
  expect(event?.headers['tenant-id']).toBe(tenant.id)
  expect(await runtimeSessions()).toBe(0)
  await app.stop()
})

test('SIGTERM stops the server process cleanly with exit code 0', async () => {
  const { port, running } = await startDevService(database)
  await running.waitFor('listening on')
  const health = await fetch(`http://127.0.0.1:${port}/health`)
  expect(health.status).toBe(200)
  running.child.kill('SIGTERM')
  const result = await running.done
  expect(result.code).toBe(0)
  expect(result.stdout).toContain('SIGTERM: shutting down')
  await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow()
})
