import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { createMigratedDatabase, type TestDatabase } from './support/test-database'
import { startTestService, type TestService, type TestTenant } from './support/test-service'

// Input a client or a CRM controls, crafted to reach PostgreSQL with a
// value it refuses: every such request must be a 4xx or 502 with a fixed
// message, never a 500, and must never echo what was sent.

let database: TestDatabase
let app: TestService
let a: TestTenant
let b: TestTenant
let mine: string
let theirs: string

beforeAll(async () => {
  database = await createMigratedDatabase(inject('tenantkitPostgresUrl'))
  app = await startTestService(database)
  a = await app.createTenant('Acme')
  b = await app.createTenant('Globex')
  mine = await app.connect(a, 'Acme Sales')
  theirs = await app.connect(b, 'Globex Sales')
})
afterAll(async () => {
  await app?.stop()
  await database?.drop()
})

const cursor = (v: string) =>
  Buffer.from(JSON.stringify({ v, id: mine })).toString('base64url')

test('a forged cursor is a 400, whatever value it carries', async () => {
  const forged = [
    ['accountName', 'Acme\u0000Sales'],
    ['accountName', 'tab\there'],
    ['createdAt', '-271821-04-20T00:00:00Z'],
    ['createdAt', '-005000-01-01T00:00:00Z'],
    ['createdAt', '2020-02-30'],
    ['createdAt', '1'],
  ]
  for (const [sort, v] of forged) {
    const res = await app.api({
      path: `/integrations?sort=${sort}&cursor=${cursor(v!)}`, key: a.key,
    })
    expect(res.status, `${sort} ${JSON.stringify(v)}`).toBe(400)
    expect((res.body as { error: string }).error).toBe('invalid_cursor')
  }
})

test('routes by id refuse a tenantId in the query or the body', async () => {
  const attempts = [
    { method: 'GET', path: `/integrations/${mine}?tenantId=${b.id}` },
    { method: 'POST', path: `/integrations/${mine}/refresh?tenantId=${b.id}` },
    { method: 'POST', path: `/integrations/${mine}/refresh`, body: { tenantId: b.id } },
    { method: 'DELETE', path: `/integrations/${theirs}?tenantId=${b.id}` },
    { method: 'DELETE', path: `/integrations/${mine}`, body: { tenantId: b.id } },
  ] as const
  for (const attempt of attempts) {
    const res = await app.api({ ...attempt, key: a.key })
    expect(res.status, `${attempt.method} ${attempt.path}`).toBe(400)
  }
  // Nothing was refreshed or deleted on either side.
  expect((await app.api({ path: `/integrations/${mine}`, key: a.key })).status)
    .toBe(200)
  expect((await app.api({ path: `/integrations/${theirs}`, key: b.key })).status)
    .toBe(200)
})

test('an unknown route answers in the API\'s error shape, without the URL', async () => {
  const res = await app.api({
    method: 'PATCH', path: `/integrations/${mine}?probe=%3Cscript%3E`, key: a.key,
  })
  expect(res.status).toBe(404)
  expect(res.body).toEqual({ error: 'not_found', message: 'No such route.' })
})

test('an account name the database cannot store is the CRM\'s fault: 502', async () => {
  const res = await app.api({
    method: 'POST', path: '/integrations', key: a.key,
    body: { code: app.crm.authorize('Acme\u0000Support') },
  })
  expect(res.status).toBe(502)
  expect(JSON.stringify(res.body)).not.toContain('Acme')
})

test('a tenant name with a lone surrogate is refused, not stored changed', async () => {
  const res = await fetch(new URL('/admin/tenants', app.service.url), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${app.config.ADMIN_TOKEN.reveal()}`,
      'content-type': 'application/json',
    },
    // PostgreSQL would store U+FFFD while the answer echoed the input.
    body: '{"name":"Acme \\ud800 Corp"}',
  })
  expect(res.status).toBe(400)
})
