import { randomUUID } from 'node:crypto'
import { Kafka, logLevel, Partitioners } from 'kafkajs'
import { expect, inject, test } from 'vitest'
import { createWorker, type WorkerLogger } from '../src/worker'
import { until } from './support/wait'
import { useWorkerFixture } from './support/worker-fixture'

// A message that passes validation but holds a value PostgreSQL refuses
// (here a NUL character) fails the same way on every retry: retried, it
// would block its partition for good. It must be refused like any other
// bad message, and the messages behind it recorded.

const brokers = inject('tenantkitKafkaBrokers')
const fixture = useWorkerFixture()

test('a message the database refuses is refused, not retried forever', async () => {
  const topic = `poison-${randomUUID().slice(0, 8)}`
  const tenant = randomUUID()
  const event = (provider: string) => JSON.stringify({
    type: 'integration.connected', eventId: randomUUID(),
    integrationId: randomUUID(), provider,
    occurredAt: new Date().toISOString(),
  })
  const kafka = new Kafka({ brokers: [...brokers], logLevel: logLevel.NOTHING })
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
  })
  await producer.connect()
  // One key, so both land in one partition, the poison first.
  await producer.send({
    topic,
    messages: [
      { key: tenant, value: event('crm\u0000'), headers: { 'tenant-id': tenant } },
      { key: tenant, value: event('crm'), headers: { 'tenant-id': tenant } },
    ],
  })
  await producer.disconnect()

  const refusals: unknown[] = []
  const logger: WorkerLogger = {
    info: () => {},
    warn: (_message, context) => refusals.push(context?.['reason']),
    error: () => {},
  }
  const worker = createWorker({
    brokers, topic, groupId: `poison-${randomUUID()}`, db: fixture.db, logger,
    fromBeginning: true,
  })
  await worker.start()
  try {
    await until(() => worker.stats().recorded === 1, 30_000)
  } finally {
    await worker.stop()
  }
  expect(worker.stats()).toEqual({ recorded: 1, duplicates: 0, refused: 1 })
  expect(refusals).toEqual(['body-refused-by-database'])
  const rows = await fixture.db.forTenant(tenant).selectFrom('integration_activity')
    .select('provider').execute()
  expect(rows).toEqual([{ provider: 'crm' }])
})
