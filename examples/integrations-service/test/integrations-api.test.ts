import { createKeyRing } from '@tenantkit/crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { createMigratedDatabase, type TestDatabase } from './support/test-database'
import { startTestService, type TestService, type TestTenant } from './support/test-service'

interface View { id: string; accountName: string; tokenFingerprint: string }

let database: TestDatabase
let app: TestService
let a: TestTenant
let b: TestTenant
const ids: Record<string, string> = {}

beforeAll(async () => {
  database = await createMigratedDatabase(inject('tenantkitPostgresUrl'))
  app = await startTestService(database)
  a = await app.createTenant('Acme')
  b = await app.createTenant('Globex')
  for (const name of ['Alpha 100%', 'Beta_one', 'Gamma', 'alphabet', 'Delta']) {
    ids[name] = await app.connect(a, name)
  }
  ids['Globex Alpha'] = await app.connect(b, 'Globex Alpha')
})
afterAll(async () => {
  await app?.stop()
  await database?.drop()
})

const list = async (query: string, key = a.key) => {
  const res = await app.api({ path: `/integrations${query}`, key })
  return { status: res.status, ...(res.body as { items: View[]; nextCursor: string | null }) }
}

test('tokens are stored as Fernet ciphertext and never returned', async () => {
  const id = ids['Gamma']!
  const res = await app.api({ path: `/integrations/${id}`, key: a.key })
  expect(res.status).toBe(200)
  const text = JSON.stringify(res.body)
  expect(text).not.toMatch(/crm_(at|rt)_|gAAAAA/)
  expect((res.body as View).tokenFingerprint).toMatch(/^sha256:[0-9a-f]{12}$/)

  const { rows } = await sql<{ access: string; refresh: string }>`
    select encrypted_access_token as access, encrypted_refresh_token as refresh
    from integrations where id = ${id}`.execute(database.owner)
  const row = rows[0]!
  // The configured (development) key ring decrypts what the CRM issued.
  const ring = createKeyRing(app.config.ENCRYPTION_KEYS.reveal())
  expect(row.access.startsWith('gAAAAA')).toBe(true)
  expect(app.crm.isValidAccessToken(row.access)).toBe(false)
  expect(app.crm.isValidAccessToken(ring.decrypt(row.access))).toBe(true)
  expect(ring.decrypt(row.refresh)).toMatch(/^crm_rt_/)
})

test('the filter matches text literally: % and _ are not wildcards', async () => {
  expect((await list('?q=alpha')).items.map((i) => i.accountName).sort())
    .toEqual(['Alpha 100%', 'alphabet'])
  expect((await list('?q=100%25')).items.map((i) => i.accountName))
    .toEqual(['Alpha 100%'])
  expect((await list('?q=%25')).items.map((i) => i.accountName))
    .toEqual(['Alpha 100%'])
  expect((await list('?q=l_')).items).toEqual([])
  expect((await list('?q=_')).items.map((i) => i.accountName))
    .toEqual(['Beta_one'])
  // Another tenant's account never matches.
  expect((await list('?q=Globex')).items).toEqual([])
})

test('sorting is limited to an allowlist of keys and directions', async () => {
  const asc = await list('?sort=accountName&order=asc')
  expect(asc.items.map((i) => i.accountName)).toEqual(
    ['Alpha 100%', 'Beta_one', 'Delta', 'Gamma', 'alphabet'])
  for (const bad of ['sort=account_name', 'sort=tenant_id', 'order=up',
    'sort=createdAt;drop', 'order=desc,id']) {
    expect((await list(`?${bad}`)).status, bad).toBe(400)
  }
})

test('limits are validated', async () => {
  for (const limit of ['0', '101', '-1', 'abc', '1e2', '10.5', '']) {
    expect((await list(`?limit=${limit}`)).status, limit).toBe(400)
  }
  expect((await list('?limit=100')).items).toHaveLength(5)
})

test('keyset pagination visits every row once, in every sort order', async () => {
  for (const sort of ['createdAt', 'accountName', 'provider']) {
    for (const order of ['asc', 'desc']) {
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const page = await list(`?sort=${sort}&order=${order}&limit=2` +
          (cursor ? `&cursor=${cursor}` : ''))
        expect(page.status).toBe(200)
        seen.push(...page.items.map((i) => i.id))
        cursor = page.nextCursor
      } while (cursor !== null)
      expect(seen.sort(), `${sort} ${order}`).toEqual(
        Object.entries(ids).filter(([n]) => !n.startsWith('Globex'))
          .map(([, id]) => id).sort())
    }
  }
  const forged = Buffer.from(JSON.stringify({ v: "x' or 1=1", id: 'nope' }))
    .toString('base64url')
  expect((await list(`?cursor=${forged}`)).status).toBe(400)
  expect((await list('?cursor=!!!')).status).toBe(400)
})

test('another tenant\'s integration is not found by any verb', async () => {
  const theirs = ids['Globex Alpha']!
  for (const [method, path] of [
    ['GET', `/integrations/${theirs}`],
    ['POST', `/integrations/${theirs}/refresh`],
    ['DELETE', `/integrations/${theirs}`],
    ['GET', '/integrations/not-a-uuid'],
  ] as const) {
    const res = await app.api({ method, path, key: a.key })
    expect(res.status, `${method} ${path}`).toBe(404)
  }
  expect((await list('', b.key)).items.map((i) => i.id)).toEqual([theirs])
})

test('refresh decrypts the refresh token, rotates both and emits an event', async () => {
  const id = ids['Delta']!
  const before = await app.api({ path: `/integrations/${id}`, key: a.key })
  const requests = app.crm.requests['refresh_token'] ?? 0
  const res = await app.api({
    method: 'POST', path: `/integrations/${id}/refresh`, key: a.key,
  })
  expect(res.status).toBe(200)
  expect(app.crm.requests['refresh_token']).toBe(requests + 1)
  expect((res.body as View).tokenFingerprint)
    .not.toBe((before.body as View).tokenFingerprint)
  expect(JSON.stringify(res.body)).not.toMatch(/crm_(at|rt)_/)
  expect(app.printed.at(-1)).toContain(
    `[event NOT SENT: no KAFKA_BROKERS] integration.refreshed tenant=${a.id}`)
})

test('connecting with a bad code is refused without storing anything', async () => {
  const res = await app.api({
    method: 'POST', path: '/integrations', key: a.key,
    body: { code: 'crm_code_never_issued' },
  })
  expect(res.status).toBe(400)
  expect((res.body as { error: string }).error).toBe('invalid_grant')
  expect((await list('')).items).toHaveLength(5)
})

test('disconnecting deletes the row and emits an event', async () => {
  const id = ids['Beta_one']!
  const res = await app.api({ method: 'DELETE', path: `/integrations/${id}`, key: a.key })
  expect(res.status).toBe(204)
  expect((await app.api({ path: `/integrations/${id}`, key: a.key })).status).toBe(404)
  expect(app.printed.at(-1)).toContain(`integration.disconnected tenant=${a.id}`)
  delete ids['Beta_one']
})
