import { randomUUID } from 'node:crypto'
import { Kafka, logLevel, Partitioners, type Message } from 'kafkajs'
import { expect, inject, test } from 'vitest'
import { createWorker, type WorkerLogger } from '../src/worker'
import { until } from './support/wait'
import { useWorkerFixture } from './support/worker-fixture'

const brokers = inject('tenantkitKafkaBrokers')
const fixture = useWorkerFixture()

const event = (type = 'integration.connected') => ({
  type, eventId: randomUUID(), integrationId: randomUUID(),
  provider: 'crm', occurredAt: new Date().toISOString(),
})

async function produce(topic: string, messages: Message[]): Promise<void> {
  const kafka = new Kafka({ brokers: [...brokers], logLevel: logLevel.NOTHING })
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner })
  await producer.connect()
  await producer.send({ topic, messages })
  await producer.disconnect()
}

test('records events for their header\'s tenant, refuses the rest, keeps running', async () => {
  const topic = `worker-${randomUUID().slice(0, 8)}`
  const [a, b] = [randomUUID(), randomUUID()]
  const first = event()
  const json = (body: object) => JSON.stringify(body)
  const messages: Message[] = [
    { value: json(first), headers: { 'tenant-id': a } },
    { value: json(event()), headers: {} },
    { value: json(event()), headers: { 'tenant-id': 'not-a-tenant' } },
    { value: json(event()), headers: { 'tenant-id': "' OR 1=1 --" } },
    { value: json(event()), headers: { 'tenant-id': [a, b] } },
    { value: '{not json', headers: { 'tenant-id': a } },
    // The body may not name a tenant: the header alone decides.
    { value: json({ ...event(), tenantId: b }), headers: { 'tenant-id': a } },
    { value: json(event('integration.refreshed')), headers: { 'tenant-id': b } },
    // Redelivery of the first message changes nothing.
    { value: json(first), headers: { 'tenant-id': a } },
    { value: json(event('integration.disconnected')), headers: { 'tenant-id': a } },
  ]
  await produce(topic, messages)

  const warnings: Record<string, unknown>[] = []
  const logger: WorkerLogger = {
    info: () => {},
    warn: (_message, context) => warnings.push(context ?? {}),
    error: (_message, context) => warnings.push({ error: context }),
  }
  const worker = createWorker({
    brokers, topic, groupId: `worker-test-${randomUUID()}`, db: fixture.db, logger,
    fromBeginning: true,
  })
  await worker.start()
  try {
    await until(() => {
      const s = worker.stats()
      return s.recorded + s.duplicates + s.refused === messages.length
    })
  } finally {
    await worker.stop()
  }

  expect(worker.stats()).toEqual({ recorded: 3, duplicates: 1, refused: 6 })
  expect(warnings.map((w) => w['reason']).sort()).toEqual([
    'body-not-an-event', 'body-not-an-event',
    'tenant-header-invalid', 'tenant-header-invalid',
    'tenant-header-missing', 'tenant-header-repeated',
  ])
  // Logs say where and why, never what the message held.
  expect(JSON.stringify(warnings)).not.toContain('OR 1=1')

  const types = async (tenant: string) => (await fixture.db.forTenant(tenant)
    .selectFrom('integration_activity').select('type').orderBy('type').execute())
    .map((row) => row.type)
  expect(await types(a)).toEqual(['integration.connected', 'integration.disconnected'])
  expect(await types(b)).toEqual(['integration.refreshed'])
  const { rows } = await fixture.database.ownerPool.query(
    'select count(*)::int as n from integration_activity')
  expect(rows[0]).toEqual({ n: 3 })
})
