import { randomBytes, randomUUID } from 'node:crypto'
import { createTestDatabase, type TestDatabase } from '@tenantkit/testing'
import { sql, type Generated, type Kysely, type Transaction } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { scramSha256Verifier } from '../src/rls/scram-verifier'
import { connect, dropRoles, uniqueRoleName, urlAs } from './fixtures/audit/support'
import { migrateUp, tenantMigrator } from './fixtures/audit/tenant-migrations'

interface Schema {
  customers: { tenant_id: string; id: Generated<string>; email: string }
  orders: { tenant_id: string; id: Generated<string>; customer_id: string; total: number }
}

const serverUrl = inject('tenantkitPostgresUrl')
const role = uniqueRoleName('rt')
const password = randomBytes(12).toString('hex')
const tenantA = randomUUID()
const tenantB = randomUUID()
let database: TestDatabase
let owner: Kysely<Schema>
let runtime: Kysely<Schema>

beforeAll(async () => {
  database = await createTestDatabase(serverUrl, { prefix: 'db_rls_runtime' })
  owner = connect<Schema>(database.url)
  await migrateUp(tenantMigrator(owner as Kysely<unknown>, role, password))
  runtime = connect<Schema>(urlAs(database.url, role, password))
})

afterAll(async () => {
  await runtime?.destroy()
  await owner?.destroy()
  await database?.drop()
  await dropRoles(serverUrl, [role])
})

/** Runs `work` as the runtime role with the tenant set for one transaction. */
function asTenant<T>(tenant: string, work: (trx: Transaction<Schema>) => Promise<T>): Promise<T> {
  return runtime.transaction().execute(async (trx) => {
    await sql`select set_config('app.tenant_id', ${tenant}, true)`.execute(trx)
    return work(trx)
  })
}

async function addCustomer(tenant: string, email: string): Promise<string> {
  return asTenant(tenant, async (trx) => {
    const row = await trx
      .insertInto('customers')
      .values({ tenant_id: tenant, email })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  })
}

describe('the runtime role created by createRuntimeRole', () => {
  test('has no attribute, ownership or privilege that skips row-level security', async () => {
    const { rows } = await sql<Record<string, unknown>>`
      select rolsuper, rolbypassrls, rolcreatedb, rolcreaterole, rolreplication, rolcanlogin,
        (select count(*)::int from pg_class where relowner = r.oid) as owned,
        has_table_privilege(rolname, 'customers', 'TRUNCATE') as truncate,
        has_table_privilege(rolname, 'customers', 'TRIGGER') as trigger,
        has_table_privilege(rolname, 'orders', 'REFERENCES') as references,
        has_table_privilege(rolname, 'orders', 'SELECT, INSERT, UPDATE, DELETE') as crud,
        has_sequence_privilege(rolname, 'orders_id_seq', 'USAGE') as sequence
      from pg_roles r where rolname = ${role}`.execute(owner)
    expect(rows).toEqual([
      {
        rolsuper: false,
        rolbypassrls: false,
        rolcreatedb: false,
        rolcreaterole: false,
        rolreplication: false,
        rolcanlogin: true,
        owned: 0,
        truncate: false,
        trigger: false,
        references: false,
        crud: true,
        sequence: true,
      },
    ])
  })

  test('stores the password only as a SCRAM verifier derived from it', async () => {
    const { rows } = await sql<{ rolpassword: string }>`
      select rolpassword from pg_authid where rolname = ${role}`.execute(owner)
    const stored = rows[0]?.rolpassword ?? ''
    const match = /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$/.exec(stored)
    expect(match).not.toBeNull()
    const salt = Buffer.from(match?.[2] ?? '', 'base64')
    expect(stored).toBe(scramSha256Verifier(password, salt, Number(match?.[1])))
    expect(stored).not.toContain(password)
  })

  test('a tenant reads, updates and deletes only its own rows', async () => {
    const a1 = await addCustomer(tenantA, 'a1@example.test')
    await addCustomer(tenantA, 'a2@example.test')
    const b1 = await addCustomer(tenantB, 'b1@example.test')

    const seenByA = await asTenant(tenantA, (trx) =>
      trx.selectFrom('customers').select(['tenant_id', 'email']).orderBy('email').execute(),
    )
    expect(seenByA).toEqual([
      { tenant_id: tenantA, email: 'a1@example.test' },
      { tenant_id: tenantA, email: 'a2@example.test' },
    ])

    // A's unfiltered update and delete touch none of B's rows.
    const updated = await asTenant(tenantA, (trx) =>
      trx.updateTable('customers').set({ email: sql`email || '.old'` }).executeTakeFirst(),
    )
    expect(updated.numUpdatedRows).toBe(2n)
    const deleted = await asTenant(tenantA, (trx) =>
      trx.deleteFrom('customers').where('id', '=', b1).executeTakeFirst(),
    )
    expect(deleted.numDeletedRows).toBe(0n)
    const seenByB = await asTenant(tenantB, (trx) =>
      trx.selectFrom('customers').select(['id', 'email']).execute(),
    )
    expect(seenByB).toEqual([{ id: b1, email: 'b1@example.test' }])
    expect(a1).not.toBe(b1)
  })

  test('with no tenant set, reads return nothing and writes fail', async () => {
    await addCustomer(tenantA, 'unset@example.test')
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from customers`.execute(runtime)
    expect(rows).toEqual([{ n: 0 }])
    await expect(
      runtime.insertInto('customers').values({ tenant_id: tenantA, email: 'x@example.test' })
        .execute(),
    ).rejects.toThrow(/row-level security policy/)
  })

  test('after a tenant transaction the same connection sees nothing and no error', async () => {
    const single = connect<Schema>(urlAs(database.url, role, password))
    try {
      await single.transaction().execute(async (trx) => {
        await sql`select set_config('app.tenant_id', ${tenantA}, true)`.execute(trx)
        await trx.selectFrom('customers').select('id').execute()
      })
      // The setting now reads as '' on this connection: nullif keeps it closed.
      const { rows } = await sql<{ setting: string; n: number }>`
        select current_setting('app.tenant_id', true) as setting,
          (select count(*)::int from customers) as n`.execute(single)
      expect(rows).toEqual([{ setting: '', n: 0 }])
    } finally {
      await single.destroy()
    }
  })

  test("WITH CHECK refuses writing another tenant's id", async () => {
    await expect(
      asTenant(tenantA, (trx) =>
        trx.insertInto('customers').values({ tenant_id: tenantB, email: 'x@b.test' }).execute(),
      ),
    ).rejects.toThrow(/new row violates row-level security policy/)
    await addCustomer(tenantA, 'move@example.test')
    await expect(
      asTenant(tenantA, (trx) =>
        trx.updateTable('customers').set({ tenant_id: tenantB })
          .where('email', '=', 'move@example.test').execute(),
      ),
    ).rejects.toThrow(/new row violates row-level security policy/)
  })

  test("the tenant foreign key refuses pointing at another tenant's row", async () => {
    const foreign = await addCustomer(tenantB, 'target@b.test')
    const own = await addCustomer(tenantA, 'buyer@a.test')
    await asTenant(tenantA, (trx) =>
      trx.insertInto('orders').values({ tenant_id: tenantA, customer_id: own, total: 5 })
        .execute(),
    )
    await expect(
      asTenant(tenantA, (trx) =>
        trx.insertInto('orders').values({ tenant_id: tenantA, customer_id: foreign, total: 5 })
          .execute(),
      ),
    ).rejects.toThrow(/violates foreign key constraint "orders_customer_id_tenant_fkey"/)
  })

  test('the policy reads the setting once per statement and can use the tenant index', async () => {
    const plan = await asTenant(tenantA, async (trx) => {
      // The tables are tiny: make the planner show the plan an index allows.
      await sql`set local enable_seqscan = off`.execute(trx)
      const { rows } = await sql<{ 'QUERY PLAN': string }>`
        explain select email from customers`.execute(trx)
      return rows.map((r) => r['QUERY PLAN']).join('\n')
    })
    expect(plan).toMatch(/InitPlan 1 \(returns \$0\)/)
    expect(plan).toMatch(/Index Cond: \(tenant_id = \$0\)/)
  })

  test('cannot switch row-level security off, truncate or become another role', async () => {
    await expect(
      sql`alter table customers disable row level security`.execute(runtime),
    ).rejects.toThrow(/must be owner/)
    await expect(sql`truncate customers`.execute(runtime)).rejects.toThrow(/permission denied/)
    await expect(sql`set role postgres`.execute(runtime)).rejects.toThrow(/permission denied/)
  })
})
