import { afterAll, beforeAll, expect, test } from 'vitest'
import { createSessionProbe } from '../../src/injection/session-probe'
import { createPgTenantRunner } from '../../src/isolation/tenant-runner'
import { UsageError } from '../../src/usage-error'
import { createTenantDatabase, type TenantDatabase } from '../fixtures/tenant-database'

let t: TenantDatabase
beforeAll(async () => {
  t = await createTenantDatabase('testing_runner')
})
afterAll(() => t?.close())

test('scopes the work to the tenant and leaves nothing on the connection', async () => {
  const asTenant = createPgTenantRunner(t.app)
  const titles = await asTenant(t.tenantA, async (db) =>
    (await db.query('select title from notes order by position')).rows.map((r) => r['title']))
  expect(titles).toEqual(['alpha report', 'beta plan', 'gamma list'])

  const probe = createSessionProbe(t.app)
  expect(await probe()).toMatchObject({ 'app.tenant_id': null, role: 'none' })
})

test('rolls back when the work fails and keeps the connection usable', async () => {
  const asTenant = createPgTenantRunner(t.app)
  const failure = await asTenant(t.tenantA, async (db) => {
    await db.query("insert into notes (tenant_id, title) values ($1, 'rolled back')", [t.tenantA])
    await db.query('select 1/0')
  }).catch((error: unknown) => error)
  expect(failure).toMatchObject({ code: '22012' })

  const { rows } = await t.admin.query(
    "select count(*)::int as n from notes where title = 'rolled back'")
  expect(rows).toEqual([{ n: 0 }])
  expect(await asTenant(t.tenantB, async (db) => (await db.query('select 1 as one')).rows))
    .toEqual([{ one: 1 }])
})

test('switches role for the transaction only', async () => {
  const asTenant = createPgTenantRunner(t.admin, { role: t.appRole })
  const who = await asTenant(t.tenantA, async (db) =>
    (await db.query('select current_user::text as u, count(*)::int as n from notes')).rows[0])
  // As the app role, the policy applies: only tenant A's three notes.
  expect(who).toEqual({ u: t.appRole, n: 3 })
  const after = await t.admin.query('select current_user::text as u')
  expect(after.rows).toEqual([{ u: 'postgres' }])
})

test('bad options are refused with a fix', () => {
  expect(() => createPgTenantRunner({} as never)).toThrow(UsageError)
  expect(() => createPgTenantRunner(t.app, { setting: 'tenant' })).toThrow(/dotted lower-case/)
})
