import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { consume, uniqueTopic } from './support/consume'
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

interface Body { type: string; integrationId: string; provider: string; eventId: string }

test('connected, refreshed and disconnected reach Kafka with the tenant header', async () => {
  const topic = uniqueTopic('integration-events')
  const app = await startTestService(database, { kafka: { brokers, topic } })
  try {
    const a = await app.createTenant('Acme')
    const b = await app.createTenant('Globex')
    const first = await app.connect(a, 'Acme Sales')
    const second = await app.connect(b, 'Globex Sales')
    expect((await app.api({
      method: 'POST', path: `/integrations/${first}/refresh`, key: a.key,
    })).status).toBe(200)
    expect((await app.api({
      method: 'DELETE', path: `/integrations/${second}`, key: b.key,
    })).status).toBe(204)

    const received = await consume(brokers, topic, 4)
    const events = received.map((m) => ({
      tenant: m.headers['tenant-id'], key: m.key, body: JSON.parse(m.value ?? '') as Body,
    }))
    const summary = events.map((e) => `${e.tenant} ${e.body.type} ${e.body.integrationId}`)
    expect(summary.sort()).toEqual([
      `${a.id} integration.connected ${first}`,
      `${a.id} integration.refreshed ${first}`,
      `${b.id} integration.connected ${second}`,
      `${b.id} integration.disconnected ${second}`,
    ].sort())
    for (const event of events) {
      // Keyed by tenant, so one tenant's events stay in order.
      expect(event.key).toBe(event.tenant)
      // The body names no tenant and carries no token.
      expect(Object.keys(event.body).sort())
        .toEqual(['eventId', 'integrationId', 'occurredAt', 'provider', 'type'])
      expect(JSON.stringify(event.body)).not.toMatch(/crm_(at|rt)_|gAAAAA/)
    }
    expect(new Set(events.map((e) => e.body.eventId)).size).toBe(4)
  } finally {
    await app.stop()
  }
})
