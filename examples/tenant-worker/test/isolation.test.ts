import { randomUUID } from 'node:crypto'
import { createDatabase, type TenantDatabase } from '@tenantkit/db'
import { kyselyQueryable, runIsolationSuite } from '@tenantkit/testing'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { WORKER_TENANT_TABLES, type WorkerDatabase } from '../src/db/schema'
import { createWorkerDatabase, type WorkerTestDatabase } from './support/worker-database'

let database: WorkerTestDatabase
let db: TenantDatabase<WorkerDatabase>

beforeAll(async () => {
  database = await createWorkerDatabase(inject('tenantkitPostgresUrl'))
  db = createDatabase<WorkerDatabase>({
    url: database.runtimeUrl, max: 1, tenantTables: WORKER_TENANT_TABLES,
  })
})
afterAll(async () => {
  await db?.close()
  await database?.drop()
})

test('the activity table isolates tenants for every verb', async () => {
  const report = await runIsolationSuite({
    tables: [{
      name: 'integration_activity',
      key: 'event_id',
      row: () => ({
        event_id: randomUUID(), type: 'integration.connected',
        integration_id: randomUUID(), provider: 'crm',
        occurred_at: new Date().toISOString(),
      }),
    }],
    asTenant: (tenant, work) => db.forTenant(tenant).transaction()
      .execute((trx) => work(kyselyQueryable(trx))),
    admin: database.ownerPool,
    pool: kyselyQueryable(db.withoutTenant()),
    interleavings: { runs: 10 },
  })
  expect(report.findings).toEqual([])
  expect(report.interleavings).toBe(10)
})
