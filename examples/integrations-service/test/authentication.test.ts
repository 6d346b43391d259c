import { sql } from 'kysely'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { createMigratedDatabase, type TestDatabase } from './support/test-database'
import { startTestService, type TestService, type TestTenant } from './support/test-service'

let database: TestDatabase
let app: TestService
let a: TestTenant
let b: TestTenant

beforeAll(async () => {
  database = await createMigratedDatabase(inject('tenantkitPostgresUrl'))
  app = await startTestService(database)
  a = await app.createTenant('Acme')
  b = await app.createTenant('Globex')
  await app.connect(a, 'Acme Sales')
  await app.connect(b, 'Globex Sales')
})
afterAll(async () => {
  await app?.stop()
  await database?.drop()
})

test('requests without a valid API key get 401 and no data', async () => {
  const secret = a.key.slice(-43)
  const attempts: (string | undefined)[] = [
    undefined,
    'not-a-key',
    `tk_${a.id}_${'A'.repeat(43)}`,
    // A's secret, presented as B's: the key names the tenant, the secret
    // must match one of THAT tenant's hashes.
    `tk_${b.id}_${secret}`,
    `tk_00000000-0000-4000-8000-000000000000_${secret}`,
    `${a.key}x`,
  ]
  for (const key of attempts) {
    const res = await app.api({ path: '/integrations', ...(key ? { key } : {}) })
    expect(res.status, String(key)).toBe(401)
    expect(JSON.stringify(res.body)).not.toContain('Acme Sales')
  }
  const basic = await app.api({
    path: '/integrations', headers: { authorization: `Basic ${a.key}` },
  })
  expect(basic.status).toBe(401)
})

test('a valid key acts as its own tenant only', async () => {
  const res = await app.api({ path: '/integrations', key: a.key })
  expect(res.status).toBe(200)
  const names = (res.body as { items: { accountName: string }[] }).items
    .map((i) => i.accountName)
  expect(names).toEqual(['Acme Sales'])
})

test('no header, query parameter or body field chooses another tenant', async () => {
  const header = await app.api({
    path: '/integrations', key: a.key,
    headers: { 'x-tenant-id': b.id, 'tenant-id': b.id },
  })
  expect(header.status).toBe(200)
  expect(JSON.stringify(header.body)).not.toContain('Globex')

  for (const name of ['tenantId', 'tenant_id', 'tenant']) {
    const query = await app.api({ path: `/integrations?${name}=${b.id}`, key: a.key })
    expect(query.status).toBe(400)
    const body = await app.api({
      method: 'POST', path: '/integrations', key: a.key,
      body: { code: app.crm.authorize('Forged'), [name]: b.id },
    })
    expect(body.status).toBe(400)
  }
  // Nothing was connected for anyone by the refused requests.
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from integrations
    where account_name = 'Forged'`.execute(database.owner)
  expect(rows[0]?.n).toBe(0)
})

test('only a hash of the API key is stored', async () => {
  const { rows } = await sql<{ tenant_id: string; key_hash: string }>`
    select tenant_id, key_hash from api_keys`.execute(database.owner)
  const secret = a.key.slice(-43)
  expect(rows).toHaveLength(2)
  for (const row of rows) {
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(row.key_hash).not.toContain(secret)
  }
})

test('the admin endpoint needs the admin token', async () => {
  for (const key of [undefined, a.key, 'x'.repeat(48)]) {
    const res = await app.api({
      method: 'POST', path: '/admin/tenants', body: { name: 'Intruder' },
      ...(key ? { key } : {}),
    })
    expect(res.status).toBe(401)
  }
  const forged = await app.api({
    method: 'POST', path: '/admin/tenants',
    key: app.config.ADMIN_TOKEN.reveal(),
    body: { name: 'Chosen id', tenantId: b.id },
  })
  expect(forged.status).toBe(400)
})
