import { randomUUID } from 'node:crypto'
import { createDatabase, type TenantDatabase } from '@tenantkit/db'
import { createProducer } from '@tenantkit/kafka'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { WORKER_TENANT_TABLES, type WorkerDatabase } from '../src/db/schema'
import { createWorker } from '../src/worker'
import { until } from './support/wait'
import { createWorkerDatabase, type WorkerTestDatabase } from './support/worker-database'

const brokers = inject('tenantkitKafkaBrokers')
let database: WorkerTestDatabase
let db: TenantDatabase<WorkerDatabase>

beforeAll(async () => {
  database = await createWorkerDatabase(inject('tenantkitPostgresUrl'))
  db = createDatabase<WorkerDatabase>({
    url: database.runtimeUrl, tenantTables: WORKER_TENANT_TABLES,
  })
})
afterAll(async () => {
  await db?.close()
  await database?.drop()
})

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
    brokers, topic, groupId: `contract-${randomUUID()}`, db,
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
    const rows = await db.forTenant(tenantId)
      .selectFrom('integration_activity').select('event_id').execute()
    expect(rows).toHaveLength(i + 1)
  }
})
