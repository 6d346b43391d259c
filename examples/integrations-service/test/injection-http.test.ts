import { createCanary, httpCall, runInjectionSuite, type PayloadTarget } from '@tenantkit/testing'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { TENANT_TABLES } from '../src/db/schema'
import { encodeCursor } from '../src/repo/list-query'
import { createMigratedDatabase, type TestDatabase } from './support/test-database'
import { startTestService, type TestService, type TestTenant } from './support/test-service'

let database: TestDatabase
let app: TestService
let a: TestTenant
let canary: string
let ownId: string

beforeAll(async () => {
  database = await createMigratedDatabase(inject('tenantkitPostgresUrl'))
  app = await startTestService(database)
  a = await app.createTenant('Attacker')
  const b = await app.createTenant('Victim')
  canary = createCanary('tenant_b')
  ownId = await app.connect(a, 'Acme Sales')
  await app.connect(a, 'Acme Support')
  // Tenant B's rows carry the canary: if it ever comes back, a row crossed.
  await app.connect(b, `Acme ${canary}`)
  await app.connect(b, canary)
})
afterAll(async () => {
  await app?.stop()
  await database?.drop()
})

interface Surface {
  readonly name: string
  readonly targets: readonly PayloadTarget[]
  readonly benign: () => string
  readonly call: () => (input: string) => Promise<unknown>
}

const list = (name: string) => () => httpCall({
  url: `${app.service.url}/integrations`, name,
  headers: { authorization: `Bearer ${a.key}` },
})

const surfaces: Surface[] = [
  { name: 'GET /integrations ?q', targets: ['value', 'like-pattern'],
    benign: () => 'Sales', call: list('q') },
  { name: 'GET /integrations ?sort', targets: ['identifier', 'order-direction'],
    benign: () => 'accountName', call: list('sort') },
  { name: 'GET /integrations ?order', targets: ['order-direction', 'identifier'],
    benign: () => 'asc', call: list('order') },
  { name: 'GET /integrations ?limit', targets: ['value'],
    benign: () => '10', call: list('limit') },
  { name: 'GET /integrations ?cursor', targets: ['value'],
    benign: () => encodeCursor({
      value: '2000-01-01T00:00:00.000Z', id: '00000000-0000-4000-8000-000000000000',
    }),
    call: list('cursor') },
  { name: 'GET /integrations/:id', targets: ['value'],
    benign: () => ownId,
    call: () => httpCall({
      url: `${app.service.url}/integrations/{input}`, place: 'path',
      headers: { authorization: `Bearer ${a.key}` },
    }) },
  { name: 'Authorization header', targets: ['value'],
    benign: () => `Bearer ${a.key}`,
    call: () => httpCall({
      url: `${app.service.url}/integrations`, place: 'header', name: 'authorization',
    }) },
  { name: 'POST /admin/tenants name', targets: ['value'],
    benign: () => 'New tenant',
    call: () => httpCall({
      url: `${app.service.url}/admin/tenants`, place: 'json', name: 'name',
      headers: { authorization: `Bearer ${app.config.ADMIN_TOKEN.reveal()}` },
    }) },
]

for (const surface of surfaces) {
  test(`${surface.name}: no payload crosses tenants or reaches SQL`, async () => {
    const report = await runInjectionSuite({
      name: surface.name,
      call: surface.call(),
      benign: surface.benign(),
      targets: surface.targets,
      canaries: [canary],
      // Roles are cluster-wide and other suites create theirs in parallel:
      // compare this database's objects and our own role only.
      catalog: {
        db: database.ownerPool,
        roles: (name) => name === database.runtimeRole,
      },
      tables: [...TENANT_TABLES],
    })
    expect(report.findings).toEqual([])
    expect(report.payloads).toBeGreaterThan(10)
  }, 120_000)
}
