import { createTestDatabase, type TestDatabase } from '@tenantkit/testing'
import { sql, type Kysely, type RawBuilder } from 'kysely'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import {
  auditTenantIsolation,
  createRuntimeRole,
  enableTenantIsolation,
  grantTenantAccess,
} from '../src/index'
import { connect, dropRoles, uniqueRoleName, urlAs } from './fixtures/audit/support'

const serverUrl = inject('tenantkitPostgresUrl')
const app = uniqueRoleName('opt_app')
const reporting = uniqueRoleName('opt_report')
let database: TestDatabase
let owner: Kysely<unknown>

const ledger = {
  table: 'billing.ledger',
  tenantColumn: 'account_id',
  tenantSetting: 'acme.account',
  tenantColumnType: 'integer',
  policyName: 'ledger_by_account',
  indexName: 'ledger_account_idx',
  roles: [app],
} as const

beforeAll(async () => {
  database = await createTestDatabase(serverUrl, { prefix: 'db_rls_popts' })
  owner = connect(database.url)
  await sql`create schema billing`.execute(owner)
  await sql`create table billing.ledger (account_id bigint not null, amount int)`.execute(owner)
  await sql`create table labels (tenant_id text not null, label text)`.execute(owner)
  for (const role of [app, reporting]) await createRuntimeRole(owner, { role })
  await enableTenantIsolation(owner, ledger)
  await enableTenantIsolation(owner, { table: 'labels', tenantColumnType: 'text' })
  for (const role of [app, reporting]) {
    await grantTenantAccess(owner, { role, tables: ['billing.ledger', 'labels'] })
  }
  await sql`insert into billing.ledger values (1, 10), (1, 11), (2, 20)`.execute(owner)
  await sql`insert into labels values ('acme', 'a'), ('globex', 'g')`.execute(owner)
})

afterAll(async () => {
  await owner?.destroy()
  await database?.drop()
  await dropRoles(serverUrl, [app, reporting])
})

type Read = 'amounts' | 'labels'

const READS: Record<Read, RawBuilder<number[] | string[]>> = {
  amounts: sql`array(select amount from billing.ledger order by amount)`,
  labels: sql`array(select label from labels order by label)`,
}

/** Reads as `role` with `setting` set to `value` for one transaction. */
async function readAs(role: string, setting: string, value: string, read: Read) {
  const db = connect(urlAs(database.url, role))
  try {
    return await db.transaction().execute(async (trx) => {
      await sql`select set_config(${setting}, ${value}, true)`.execute(trx)
      const { rows } = await sql<{ v: unknown }>`select ${READS[read]} as v`.execute(trx)
      return rows[0]?.v
    })
  } finally {
    await db.destroy()
  }
}

test('an integer tenant column, a custom setting, policy name, index and roles', async () => {
  expect(await readAs(app, 'acme.account', '1', 'amounts')).toEqual([10, 11])
  expect(await readAs(app, 'acme.account', '2', 'amounts')).toEqual([20])
  // The policy names only `app`: another runtime role sees nothing.
  expect(await readAs(reporting, 'acme.account', '1', 'amounts')).toEqual([])
  // A setting that is not a number fails the cast instead of matching.
  await expect(readAs(app, 'acme.account', 'x', 'amounts')).rejects.toThrow(/bigint/)

  const { rows } = await sql<{ policy: string; index: string }>`
    select (select polname::text from pg_policy
              where polrelid = 'billing.ledger'::regclass) as policy,
           (select indexrelid::regclass::text from pg_index
              where indrelid = 'billing.ledger'::regclass) as index`.execute(owner)
  expect(rows).toEqual([{ policy: 'ledger_by_account', index: 'billing.ledger_account_idx' }])
})

test('a text tenant column', async () => {
  expect(await readAs(app, 'app.tenant_id', 'globex', 'labels')).toEqual(['g'])
  expect(await readAs(app, 'app.tenant_id', '', 'labels')).toEqual([])
})

test('the audit agrees when told the same column and setting', async () => {
  const report = await auditTenantIsolation(owner, {
    role: app,
    schemas: ['billing'],
    tenantColumn: 'account_id',
    tenantSetting: 'acme.account',
  })
  expect(report.tenantTables).toEqual(['billing.ledger'])
  expect(report.findings).toEqual([])
})
