import pg from 'pg'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { fingerprintCatalog } from '../../src/injection/catalog-fingerprint'
import { createTestDatabase, type TestDatabase } from '../../src/provision/database'
import type { Queryable } from '../../src/queryable'

let database: TestDatabase
let pool: pg.Pool
beforeAll(async () => {
  database = await createTestDatabase(inject('tenantkitPostgresUrl'), {
    prefix: 'testing_catalog_query',
    template: inject('tenantkitTemplateDatabase'),
  })
  // One connection, so every query below sees the same session.
  pool = new pg.Pool({ connectionString: database.url, max: 1 })
  pool.on('error', () => {})
})
afterAll(async () => {
  await pool?.end()
  await database?.drop()
})

// Other suites change roles meanwhile: compare the database's own objects.
const noRoles = { roles: () => false }
const prepared = async (): Promise<string[]> => (await pool.query<{ name: string }>(
  "select name from pg_prepared_statements where starts_with(name, 'tenantkit_catalog_')",
)).rows.map((row) => row.name)

test('a wrapper runs the query as text, and prepares nothing', async () => {
  const wrapper: Queryable = { query: (text, values) => pool.query(text, values) }
  const fingerprint = await fingerprintCatalog(wrapper, noRoles)
  expect(fingerprint.get('table public.notes')).toMatch(/^r rls=true force=true/)
  expect(await prepared()).toEqual([])
})

test('a pg pool prepares it once per connection, with the same result', async () => {
  const wrapper: Queryable = { query: (text, values) => pool.query(text, values) }
  const asText = await fingerprintCatalog(wrapper, noRoles)
  const first = await fingerprintCatalog(pool, noRoles)
  const second = await fingerprintCatalog(pool, noRoles)

  expect([...first]).toEqual([...asText])
  expect([...second]).toEqual([...asText])
  expect(await prepared()).toHaveLength(1)
})

test('a connection that lost the statement falls back to text', async () => {
  await fingerprintCatalog(pool, noRoles)
  // What a payload or a pooler can do: every prepared statement is gone.
  await pool.query('discard all')
  expect(await prepared()).toEqual([])

  const after = await fingerprintCatalog(pool, noRoles)
  expect(after.get('policy public.notes.notes_tenant')).toContain('ALL')
  expect(await prepared()).toEqual([])
})
