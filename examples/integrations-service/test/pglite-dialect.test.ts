import { randomUUID } from 'node:crypto'
import { PGlite } from '@electric-sql/pglite'
import { createDatabase, type TenantDatabase } from '@tenantkit/db'
import { Kysely, sql } from 'kysely'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { migrateDatabase } from '../src/db/migrate'
import { createPgliteDialect } from '../src/db/pglite-dialect'
import { TENANT_TABLES, type Database } from '../src/db/schema'

// Embedded PostgreSQL: the demo's default. Same migrations, role, policies.
let pglite: PGlite
let owner: Kysely<unknown>
let db: TenantDatabase<Database>

beforeAll(async () => {
  pglite = await PGlite.create()
  owner = new Kysely<unknown>({
    dialect: createPgliteDialect(pglite, { closeOnDestroy: false }),
  })
  await migrateDatabase(owner, { runtimeRole: 'integrations_runtime', createRole: true })
  db = createDatabase<Database>({
    dialect: createPgliteDialect(pglite, { closeOnDestroy: false }),
    runtimeRole: 'integrations_runtime',
    tenantTables: TENANT_TABLES,
  })
})
afterAll(async () => {
  await db?.close()
  await owner?.destroy()
  await pglite?.close()
})

const addTenant = (id: string) =>
  db.forTenant(id).insertInto('tenants').values({ tenant_id: id, name: id }).execute()

test('statements run as the runtime role under RLS; PGlite logs in as superuser', async () => {
  const [a, b] = [randomUUID(), randomUUID()]
  await addTenant(a)
  await addTenant(b)
  const who = await sql<{ role: string }>`select current_user as role`.execute(db.forTenant(a))
  expect(who.rows).toEqual([{ role: 'integrations_runtime' }])
  expect(await db.forTenant(a).selectFrom('tenants').select('tenant_id').execute())
    .toEqual([{ tenant_id: a }])
  expect(await db.withoutTenant().selectFrom('tenants').selectAll().execute()).toEqual([])
  // Raw SQL skips the tenant filter plugin; the policy still refuses.
  await expect(sql`insert into tenants (tenant_id, name) values (${b}::uuid, 'x')`
    .execute(db.forTenant(a))).rejects.toThrow(/row-level security/)
})

test('concurrent transactions never interleave on the one PGlite session', async () => {
  const ids = Array.from({ length: 8 }, () => randomUUID())
  await Promise.all(ids.map((id) => db.forTenant(id).transaction().execute(async (trx) => {
    await trx.insertInto('tenants').values({ tenant_id: id, name: 'concurrent' }).execute()
    // Each transaction sees only its own tenant, even mid-flight.
    const seen = await trx.selectFrom('tenants').select('tenant_id').execute()
    expect(seen).toEqual([{ tenant_id: id }])
  })))
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from tenants where name = 'concurrent'`.execute(owner)
  expect(rows).toEqual([{ n: 8 }])
})

test('a failed transaction rolls back and leaves no tenant or role behind', async () => {
  const id = randomUUID()
  await expect(db.forTenant(id).transaction().execute(async (trx) => {
    await trx.insertInto('tenants').values({ tenant_id: id, name: 'rolled back' }).execute()
    throw new Error('abort')
  })).rejects.toThrow('abort')
  const state = await sql<{ role: string; tenant: string | null }>`
    select current_user as role,
      nullif(current_setting('app.tenant_id', true), '') as tenant`.execute(owner)
  expect(state.rows).toEqual([{ role: 'postgres', tenant: null }])
  const { rows } = await sql`select 1 from tenants where tenant_id = ${id}::uuid`.execute(owner)
  expect(rows).toEqual([])
})
