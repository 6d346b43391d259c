import { createTestDatabase, type TestDatabase } from '@tenantkit/testing'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { auditTenantIsolation, formatAuditReport } from '../src/index'
import { connect, dropRoles, uniqueRoleName } from './fixtures/audit/support'
import { migrateUp, tenantMigrator } from './fixtures/audit/tenant-migrations'

const serverUrl = inject('tenantkitPostgresUrl')
const role = uniqueRoleName('clean')
let database: TestDatabase
let owner: Kysely<unknown>

beforeAll(async () => {
  database = await createTestDatabase(serverUrl, { prefix: 'db_audit_clean' })
  owner = connect(database.url)
  await migrateUp(tenantMigrator(owner, role, 'a-long-random-password'))
})

afterAll(async () => {
  await owner?.destroy()
  await database?.drop()
  await dropRoles(serverUrl, [role])
})

test('a schema migrated with the helpers has no finding', async () => {
  const report = await auditTenantIsolation(owner, { role })
  expect(report).toEqual({
    role,
    tenantTables: ['public.customers', 'public.orders'],
    findings: [],
  })
  expect(formatAuditReport(report)).toBe(
    `tenantkit audit: no findings (2 tenant tables, runtime role ${role})\n`,
  )
})

test('the same schema seen with primary keys included reports exactly those', async () => {
  const report = await auditTenantIsolation(owner, { role, includePrimaryKeys: true })
  expect(report.findings.map((f) => `${f.code} ${f.object}`)).toEqual([
    'unique-without-tenant public.customers.customers_pkey',
    'unique-without-tenant public.orders.orders_pkey',
  ])
})
