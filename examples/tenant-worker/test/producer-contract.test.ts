import { randomUUID } from 'node:crypto'
import { createProducer } from '@tenantkit/kafka'
import { expect, inject, test } from 'vitest'
import { createWorker } from '../src/worker'
import { until } from './support/wait'
import { useWorkerFixture } from './support/worker-fixture'

const brokers = inject('tenantkitKafkaBrokers')
const fixture = useWorkerFixture()

test('events published the way the service publishes them are recorded per tenant', async () => {
  const topic = `contract-${randomUUID().slice(0, 8)}`
  // The service's path: @tenantkit/kafka sets the tenant header and key.
  const producer = createProducer({ brokers, clientId: 'worker-contract-test' })
  const tenants = [randomUUID(), randomUUID(), randomUUID()]
  for (const [i, tenantId] of tenants.entries()) {
    for (let n = 0; n <= i; n++) {
      await producer.publish(topic, {
        type: 'integration.connected', eventId: randomUUID(),
        integrationId: randomUUID(), provider: 'crm',
        occurredAt: new Date().toISOString(),
      }, { tenantId })
    }
  }
  await producer.shutdown()

  const worker = createWorker({
    brokers, topic, groupId: `contract-${randomUUID()}`, db: fixture.db,
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    fromBeginning: true,
  })
  await worker.start()
  try {
    await until(() => worker.stats().recorded === 6)
  } finally {
    await worker.stop()
  }
  expect(worker.stats()).toEqual({ recorded: 6, duplicates: 0, refused: 0 })
  for (const [i, tenantId] of tenants.entries()) {
    const rows = await fixture.db.forTenant(tenantId)
      .selectFrom('integration_activity').select('event_id').execute()
    expect(rows).toHaveLength(i + 1)
  }
})
