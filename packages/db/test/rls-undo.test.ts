import { createTestDatabase, type TestDatabase } from '@tenantkit/testing'
import { sql, type Kysely, type Migrator } from 'kysely'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { connect, dropRoles, uniqueRoleName } from './fixtures/audit/support'
import { migrateDownTo, migrateUp, tenantMigrator } from './fixtures/audit/tenant-migrations'

const serverUrl = inject('tenantkitPostgresUrl')
const role = uniqueRoleName('undo')
let database: TestDatabase
let owner: Kysely<unknown>
let migrator: Migrator

beforeAll(async () => {
  database = await createTestDatabase(serverUrl, { prefix: 'db_rls_undo' })
  owner = connect(database.url)
  migrator = tenantMigrator(owner, role)
  await migrateUp(migrator)
})

afterAll(async () => {
  await owner?.destroy()
  await database?.drop()
  await dropRoles(serverUrl, [role])
})

/** What the migrations put in place, read back from the catalogs. */
async function state() {
  const { rows } = await sql<{
    role: boolean
    grants: number
    rls: string[]
    policies: string[]
    indexes: string[]
    constraints: string[]
    tables: string[]
  }>`select
      exists (select 1 from pg_roles where rolname = ${role}) as role,
      (select count(*)::int from information_schema.role_table_grants
        where grantee = ${role}) as grants,
      array(select relname || ':' || relrowsecurity || ':' || relforcerowsecurity
        from pg_class where relname in ('customers', 'orders') order by 1) as rls,
      array(select polname::text from pg_policy order by 1) as policies,
      array(select indexrelid::regclass::text from pg_index i
        join pg_class c on c.oid = i.indrelid
        where c.relname in ('customers', 'orders') order by 1) as indexes,
      array(select conname::text from pg_constraint
        where contype in ('u', 'f') and connamespace = 'public'::regnamespace
        order by 1) as constraints,
      array(select tablename::text from pg_tables where schemaname = 'public'
        and tablename not like 'kysely%' order by 1) as tables`.execute(owner)
  return rows[0]
}

test('every migration helper has an undo that leaves nothing behind', async () => {
  expect(await state()).toEqual({
    role: true,
    grants: 8,
    rls: ['customers:true:true', 'orders:true:true'],
    policies: ['customers_tenant_isolation', 'orders_tenant_isolation'],
    // customers_tenant_id_key starts with tenant_id: no customers_tenant_idx.
    indexes: [
      'customers_pkey', 'customers_tenant_email_key', 'customers_tenant_id_key',
      'orders_pkey', 'orders_tenant_idx',
    ],
    constraints: [
      'customers_tenant_email_key', 'customers_tenant_id_key', 'orders_customer_id_tenant_fkey',
    ],
    tables: ['customers', 'orders'],
  })

  // revokeTenantAccess + dropRuntimeRole
  await migrateDownTo(migrator, '003_isolation')
  expect(await state()).toMatchObject({ role: false, grants: 0 })

  // disableTenantIsolation: policy, index, FORCE and RLS gone
  await migrateDownTo(migrator, '002_keys')
  expect(await state()).toMatchObject({
    rls: ['customers:false:false', 'orders:false:false'],
    policies: [],
    indexes: ['customers_pkey', 'customers_tenant_email_key', 'customers_tenant_id_key',
      'orders_pkey'],
  })

  // dropTenantForeignKey + dropTenantUniqueKey
  await migrateDownTo(migrator, '001_tables')
  expect(await state()).toMatchObject({
    constraints: [],
    indexes: ['customers_pkey', 'orders_pkey'],
  })

  await migrateDownTo(migrator)
  expect(await state()).toMatchObject({ tables: [] })

  // The undone database migrates up again cleanly.
  await migrateUp(migrator)
  expect(await state()).toMatchObject({ role: true, policies: [
    'customers_tenant_isolation', 'orders_tenant_isolation',
  ] })
  await migrateDownTo(migrator)
  expect(await state()).toMatchObject({ role: false, tables: [] })
})
