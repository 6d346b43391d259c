import { createTestDatabase, type TestDatabase } from '@tenantkit/testing'
import { Kysely, PostgresDialect, sql, type LogEvent } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import {
  addTenantForeignKey,
  ConfigurationError,
  createRuntimeRole,
  createTenantIndex,
  disableTenantIsolation,
  enableTenantIsolation,
  grantTenantAccess,
} from '../src/index'
import { quoteColumn, quoteName, quoteQualified, UnsafeNameError } from '../src/rls/sql-names'

let database: TestDatabase
let db: Kysely<unknown>
const sent: LogEvent[] = []

beforeAll(async () => {
  database = await createTestDatabase(inject('tenantkitPostgresUrl'), { prefix: 'db_rls_opts' })
  const pool = new pg.Pool({ connectionString: database.url, max: 1 })
  db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }), log: (e) => void sent.push(e) })
})

afterAll(async () => {
  await db?.destroy()
  await database?.drop()
})

async function rejection(work: Promise<unknown>): Promise<ConfigurationError> {
  const error = await work.then(() => undefined, (e: unknown) => e)
  expect(error).toBeInstanceOf(ConfigurationError)
  return error as ConfigurationError
}

test('every invalid option is reported at once, and no SQL is sent', async () => {
  const error = await rejection(
    enableTenantIsolation(db, {
      table: 'orders"; drop table users; --',
      tenantColumn: '1tenant',
      tenantSetting: 'tenant',
      tenantColumnType: 'float' as 'uuid',
      policyName: 'a b',
    }),
  )
  expect(error.issues.map((i) => i.path)).toEqual([
    'table', 'tenantColumn', 'tenantSetting', 'tenantColumnType',
  ])
  expect(error.code).toBe('invalid_options')
  expect(error.message).toContain('enableRowLevelSecurity: 4 invalid options')
  expect(sent).toEqual([])
})

test('schema-qualified names are split, and anything more is refused', async () => {
  const error = await rejection(createTenantIndex(db, { table: 'a.b.c' }))
  expect(error.issues).toEqual([{ path: 'table', message: "must be 'table' or 'schema.table'" }])
  const fk = await rejection(
    addTenantForeignKey(db, { table: 'orders', column: 'x', references: 'bad name' }),
  )
  expect(fk.issues.map((i) => i.path)).toEqual(['references'])
  expect(sent).toEqual([])
})

test('a bad password is refused without being echoed', async () => {
  const password = 'caf\u00e9-secret-value'
  const error = await rejection(createRuntimeRole(db, { role: 'tk_db_never', password }))
  expect(error.issues.map((i) => i.path)).toEqual(['password'])
  expect(error.message).not.toContain('secret-value')
  expect(JSON.stringify(error)).not.toContain('secret-value')
  expect(sent).toEqual([])
})

test('grants need a role and at least one table', async () => {
  const error = await rejection(grantTenantAccess(db, { role: '', tables: [] }))
  expect(error.issues.map((i) => i.path)).toEqual(['role', 'tables'])
})

test('the quoting choke point refuses anything but a plain identifier', () => {
  for (const bad of ['a"b', 'a b', '', '1a', 'a'.repeat(64), 'x;y']) {
    expect(() => quoteName(bad)).toThrow(UnsafeNameError)
    expect(() => quoteColumn(bad)).toThrow(UnsafeNameError)
    expect(() => quoteQualified('public', bad)).toThrow(UnsafeNameError)
  }
  expect(quoteQualified('App', 'Orders').compile(db).sql).toBe('"App"."Orders"')
})

test('the tenant index is skipped when an index already starts with the tenant column', async () => {
  await sql`create table keyed (tenant_id uuid not null, id bigint not null,
    primary key (tenant_id, id))`.execute(db)
  await sql`create table plain_keyed (tenant_id uuid not null, id bigint primary key)`.execute(db)
  await sql`create table partial_keyed (tenant_id uuid not null, id bigint not null)`.execute(db)
  await sql`create index partial_keyed_open on partial_keyed (tenant_id) where id > 0`.execute(db)
  for (const table of ['keyed', 'plain_keyed', 'partial_keyed']) {
    await enableTenantIsolation(db, { table })
  }
  // An explicit name is always honoured.
  await sql`create table named_keyed (tenant_id uuid not null, id bigint not null,
    primary key (tenant_id, id))`.execute(db)
  await enableTenantIsolation(db, { table: 'named_keyed', indexName: 'named_keyed_by_tenant' })

  const indexes = async () => (await sql<{ name: string }>`
    select indexrelid::regclass::text as name from pg_index i
    join pg_class c on c.oid = i.indrelid
    where c.relname in ('keyed', 'plain_keyed', 'partial_keyed', 'named_keyed')
    order by 1`.execute(db)).rows.map((row) => row.name)
  expect(await indexes()).toEqual([
    'keyed_pkey',
    'named_keyed_by_tenant', 'named_keyed_pkey',
    'partial_keyed_open', 'partial_keyed_tenant_idx',
    'plain_keyed_pkey', 'plain_keyed_tenant_idx',
  ])

  // The undo drops what was created and nothing else.
  for (const table of ['keyed', 'plain_keyed', 'partial_keyed']) {
    await disableTenantIsolation(db, { table })
  }
  await disableTenantIsolation(db, { table: 'named_keyed', indexName: 'named_keyed_by_tenant' })
  expect(await indexes()).toEqual([
    'keyed_pkey', 'named_keyed_pkey', 'partial_keyed_open', 'plain_keyed_pkey',
  ])
})
