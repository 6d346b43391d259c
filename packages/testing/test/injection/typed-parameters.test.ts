import { afterAll, beforeAll, expect, test } from 'vitest'
import { runInjectionSuite } from '../../src/injection/run-injection-suite'
import { createSessionProbe } from '../../src/injection/session-probe'
import { createTenantDatabase, type TenantDatabase } from '../fixtures/tenant-database'

let t: TenantDatabase
beforeAll(async () => {
  t = await createTenantDatabase('testing_inj_typed')
})
afterAll(() => t?.close())

// Bound parameters of other types make PostgreSQL reject most payloads as
// data (22P02, 22003, 22021). Those errors quote the input itself, so the
// harness must not mistake them for output leaking through a cast.
test.each([
  ['uuid', 'select id from notes where id = $1::uuid', () => t.tenantA],
  ['int', 'select id from notes where position = $1::int', () => '2'],
  ['bigint', 'select id from notes where position = $1::bigint', () => '2'],
  ['numeric', 'select id from notes where position = $1::numeric', () => '2'],
  ['jsonb key', "select id from notes where meta ->> $1 = 'red'", () => 'color'],
  ['text[]', 'select id from notes where title = any($1::text[])', () => '{"beta plan"}'],
])('a %s parameter passes the value corpus', async (_, text, benign) => {
  const report = await runInjectionSuite({
    name: `typed parameter`,
    call: async (input) => (await t.app.query(text, [input])).rows,
    benign: benign(),
    catalog: { db: t.admin, roles: (name) => name === t.appRole },
    session: createSessionProbe(t.app),
    canaries: [t.canaryB],
  })
  expect(report.findings).toEqual([])
}, 120_000)
