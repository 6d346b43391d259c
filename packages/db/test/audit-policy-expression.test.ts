import { createTestDatabase, type TestDatabase } from '@tenantkit/testing'
import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { analysePolicyExpression } from '../src/audit/checks/policy-expression'
import { connect } from './fixtures/audit/support'

let database: TestDatabase
let db: Kysely<unknown>

beforeAll(async () => {
  database = await createTestDatabase(inject('tenantkitPostgresUrl'), { prefix: 'db_audit_expr' })
  db = connect(database.url)
  await sql`create table t (tenant_id uuid, "TenantId" uuid, owner_id uuid,
    other_tenant_id uuid, "OR" text)`.execute(db)
})

afterAll(async () => {
  await db?.destroy()
  await database?.drop()
})

// Policy sources, keyed by a short label; PostgreSQL deparses each one.
const SOURCES = {
  canonical: sql`tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid)`,
  plain: sql`tenant_id = current_setting('app.tenant_id')::uuid`,
  reversed: sql`(select nullif(current_setting('app.tenant_id', true), '')::uuid) = tenant_id`,
  anyOf: sql`tenant_id = any (string_to_array(current_setting('app.tenant_id'), ',')::uuid[])`,
  alwaysTrue: sql`true`,
  orBypass: sql`tenant_id = current_setting('app.tenant_id')::uuid
    or current_setting('app.bypass', true) = 'on'`,
  coalesce: sql`tenant_id = coalesce(
    nullif(current_setting('app.tenant_id', true), '')::uuid, tenant_id)`,
  otherSetting: sql`tenant_id = current_setting('app.user_id')::uuid`,
  otherColumn: sql`owner_id = current_setting('app.tenant_id')::uuid`,
  notEqual: sql`tenant_id <> current_setting('app.tenant_id')::uuid`,
  prefixedColumn: sql`other_tenant_id = current_setting('app.tenant_id')::uuid`,
  orInLiterals: sql`tenant_id = current_setting('app.tenant_id')::uuid and "OR" <> ' OR '`,
}

/** What PostgreSQL stores for a policy written as `source`. */
async function deparsed(label: keyof typeof SOURCES): Promise<string> {
  await sql`drop policy if exists p on t`.execute(db)
  await sql`create policy p on t using (${SOURCES[label]})`.execute(db)
  const { rows } = await sql<{ expr: string }>`
    select pg_get_expr(polqual, polrelid) as expr from pg_policy where polname = 'p'`.execute(db)
  return rows[0]?.expr ?? ''
}

const analyse = async (label: keyof typeof SOURCES, column = 'tenant_id') =>
  analysePolicyExpression(await deparsed(label), column, 'app.tenant_id')

const SCOPED = { alwaysTrue: false, bypass: false, tenantScoped: true }
const UNSCOPED = { alwaysTrue: false, bypass: false, tenantScoped: false }

test.each(['canonical', 'plain', 'reversed', 'anyOf', 'orInLiterals'] as const)(
  'tenant-scoped: %s',
  async (label) => {
    expect(await analyse(label)).toEqual(SCOPED)
  },
)

test.each(['otherSetting', 'otherColumn', 'notEqual', 'prefixedColumn'] as const)(
  'not tenant-scoped: %s',
  async (label) => {
    expect(await analyse(label)).toEqual(UNSCOPED)
  },
)

test('always true', async () => {
  expect(await analyse('alwaysTrue')).toEqual({ ...UNSCOPED, alwaysTrue: true })
})

test.each(['orBypass', 'coalesce'] as const)('a bypass next to the tenant match: %s', async (label) => {
  expect(await analyse(label)).toEqual({ ...SCOPED, bypass: true })
})

test('a quoted mixed-case tenant column', async () => {
  await sql`drop policy if exists p on t`.execute(db)
  await sql`create policy p on t
    using ("TenantId" = current_setting('app.tenant_id')::uuid)`.execute(db)
  const { rows } = await sql<{ expr: string }>`
    select pg_get_expr(polqual, polrelid) as expr from pg_policy where polname = 'p'`.execute(db)
  const expr = rows[0]?.expr ?? ''
  expect(expr).toContain('"TenantId"')
  expect(analysePolicyExpression(expr, 'TenantId', 'app.tenant_id')).toEqual(SCOPED)
})
