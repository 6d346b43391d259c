import { createTestDatabase, type TestDatabase } from '@tenantkit/testing'
import { Kysely, PostgresDialect, type LogEvent } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import {
  addTenantForeignKey,
  ConfigurationError,
  createRuntimeRole,
  createTenantIndex,
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
