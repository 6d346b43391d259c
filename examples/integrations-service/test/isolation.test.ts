import { randomBytes, randomUUID } from 'node:crypto'
import { createDatabase, type TenantDatabase } from '@tenantkit/db'
import { kyselyQueryable, runIsolationSuite, type TenantTable } from '@tenantkit/testing'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { TENANT_TABLES, type Database } from '../src/db/schema'
import { createMigratedDatabase, type TestDatabase } from './support/test-database'

let database: TestDatabase
let db: TenantDatabase<Database>

beforeAll(async () => {
  database = await createMigratedDatabase(inject('tenantkitPostgresUrl'))
  // The app's own factory, on the runtime role, at one connection so
  // every tenant takes turns on the same server session.
  db = createDatabase<Database>({
    url: database.runtimeUrl, max: 1, tenantTables: TENANT_TABLES,
  })
})
afterAll(async () => {
  await db?.close()
  await database?.drop()
})

const hex = (n: number) => randomBytes(n).toString('hex')

const tables: TenantTable[] = [
  { name: 'api_keys', row: () => ({ id: randomUUID(), key_hash: hex(32) }) },
  {
    name: 'integrations',
    row: () => ({
      id: randomUUID(),
      provider: 'crm',
      account_name: `account ${hex(4)}`,
      encrypted_access_token: `gAAAAA${hex(20)}`,
      encrypted_refresh_token: `gAAAAA${hex(20)}`,
      token_fingerprint: `sha256:${hex(6)}`,
      expires_at: new Date().toISOString(),
    }),
  },
]

test('no tenant reads, changes or inserts as another, on any table', async () => {
  const report = await runIsolationSuite({
    tables,
    // The app's way: a forTenant transaction on the runtime role.
    asTenant: (tenant, work) => db.forTenant(tenant).transaction()
      .execute((trx) => work(kyselyQueryable(trx))),
    admin: database.ownerPool,
    pool: kyselyQueryable(db.withoutTenant()),
    // Child rows need their tenant's row first (foreign keys).
    seed: async (tenant) => {
      await database.ownerPool.query(
        'insert into tenants (tenant_id, name) values ($1, $2)',
        [tenant, `tenant ${hex(3)}`])
      for (const table of tables) {
        for (let i = 0; i < 2; i++) {
          const row = { ...table.row(), tenant_id: tenant }
          const names = Object.keys(row)
          const marks = names.map((_, n) => `$${n + 1}`)
          await database.ownerPool.query(
            `insert into ${table.name} (${names.join(', ')}) ` +
              `values (${marks.join(', ')})`,
            Object.values(row))
        }
      }
    },
    interleavings: { runs: 10 },
  })
  expect(report.findings).toEqual([])
  expect(report.tables).toEqual(['api_keys', 'integrations'])
  expect(report.interleavings).toBe(10)
})

test('the tenants table shows each tenant only its own row', async () => {
  const [a, b] = [randomUUID(), randomUUID()]
  await db.forTenant(a).insertInto('tenants').values({ tenant_id: a, name: 'A' }).execute()
  await db.forTenant(b).insertInto('tenants').values({ tenant_id: b, name: 'B' }).execute()

  const seen = await db.forTenant(a).selectFrom('tenants').select('name').execute()
  expect(seen).toEqual([{ name: 'A' }])
  await expect(db.forTenant(a).insertInto('tenants')
    .values({ tenant_id: randomUUID(), name: 'C' }).execute()).rejects.toThrow()
  const renamed = await db.forTenant(a).updateTable('tenants')
    .set({ name: 'hijacked' }).where('name', '=', 'B').executeTakeFirst()
  expect(renamed.numUpdatedRows).toBe(0n)
  expect(await db.withoutTenant().selectFrom('tenants').selectAll().execute())
    .toEqual([])
})
