import { createTestDatabase, type TestDatabase } from '@tenantkit/testing'
import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { auditTenantIsolation } from '../src/index'
import { connect, dropRoles, roleId, uniqueRoleName, urlAs } from './fixtures/audit/support'
import { migrateDownTo, migrateUp, tenantMigrator } from './fixtures/audit/tenant-migrations'

const serverUrl = inject('tenantkitPostgresUrl')
const ownerRole = uniqueRoleName('owner')
const runtimeRole = uniqueRoleName('owner_rt')
let database: TestDatabase
let owner: Kysely<unknown>

// What production looks like: migrations run as a role that owns the
// schema and may create roles, but is no superuser.
beforeAll(async () => {
  database = await createTestDatabase(serverUrl, { prefix: 'db_rls_owner' })
  const admin = connect(database.url)
  try {
    await sql`create role ${roleId(ownerRole)} login createrole`.execute(admin)
    await sql`alter schema public owner to ${roleId(ownerRole)}`.execute(admin)
  } finally {
    await admin.destroy()
  }
  owner = connect(urlAs(database.url, ownerRole))
})

afterAll(async () => {
  await owner?.destroy()
  await database?.drop()
  await dropRoles(serverUrl, [runtimeRole, ownerRole])
})

test('a CREATEROLE owner migrates up, passes the audit, and migrates down', async () => {
  const migrator = tenantMigrator(owner, runtimeRole, 'owner-set-password')
  await migrateUp(migrator)

  const { rows } = await sql<{ superuser: boolean }>`
    select rolsuper as superuser from pg_roles where rolname = current_user`.execute(owner)
  expect(rows).toEqual([{ superuser: false }])
  expect((await auditTenantIsolation(owner, { role: runtimeRole })).findings).toEqual([])

  // FORCE binds the owner too: without a tenant it writes and sees nothing.
  await expect(
    sql`insert into customers (tenant_id, email)
      values (gen_random_uuid(), 'x@example.test')`.execute(owner),
  ).rejects.toThrow(/new row violates row-level security policy/)
  const { rows: count } = await sql<{ n: number }>`
    select count(*)::int as n from customers`.execute(owner)
  expect(count).toEqual([{ n: 0 }])

  await migrateDownTo(migrator)
  const { rows: left } = await sql<{ n: number }>`
    select count(*)::int as n from pg_roles where rolname = ${runtimeRole}`.execute(owner)
  expect(left).toEqual([{ n: 0 }])
})
