import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import type { TenantDatabase } from '../../src/core'
import type { FixtureDB, TenantFixture } from './tenant-fixture'

/** How one way of connecting is opened for the shared isolation suite. */
export interface IsolationTarget {
  readonly name: string
  /** Creates the fixture (database and roles) for this suite. */
  readonly setup: () => Promise<TenantFixture>
  /** Opens the database under test; `size` is the pool size to use. */
  readonly open: (fixture: TenantFixture, size: number) => Promise<TenantDatabase<FixtureDB>>
  readonly teardown?: () => Promise<void>
  /** The role a statement with no tenant runs as (login or runtime role). */
  readonly idleRole: (fixture: TenantFixture) => string
  /**
   * Reads the tenant setting and role a connection carries between
   * statements. Defaults to a `withoutTenant()` query; a target that can
   * reach the very server connection directly (PgBouncer with one server
   * connection) passes a raw check that no prelude can mask.
   */
  readonly inspect?: (fixture: TenantFixture) => Promise<{ tenant: unknown; role: unknown }>
}

const EMPTY = ['', null]

const row = (tenant: string, ref: string, label: string) =>
  ({ tenant_id: tenant, ref, label })

/**
 * The isolation contract every way of connecting must keep: for every
 * verb, inside and outside transactions, after errors, under concurrency
 * and with no tenant, tenant A never reads or changes tenant B's rows,
 * and no tenant (or role) is left on a connection.
 */
export function isolationSuite(target: IsolationTarget): void {
  describe(target.name, () => {
    let fixture: TenantFixture
    let db: TenantDatabase<FixtureDB>
    let a: Kysely<FixtureDB>
    let b: Kysely<FixtureDB>

    beforeAll(async () => {
      fixture = await target.setup()
      db = await target.open(fixture, 1)
      a = db.forTenant(fixture.tenantA)
      b = db.forTenant(fixture.tenantB)
    })
    afterAll(async () => {
      await db?.close()
      await target.teardown?.()
      await fixture?.drop()
    })
    beforeEach(async () => {
      await fixture.admin('truncate orders, order_notes')
      await fixture.admin(
        `insert into orders (tenant_id, ref, label, amount) values ($1, 'b1', 'B', 10)`,
        [fixture.tenantB],
      )
    })

    const untouchedB = async (): Promise<void> => {
      const rows = await fixture.admin(
        'select ref, label, amount from orders where tenant_id = $1', [fixture.tenantB])
      expect(rows).toEqual([{ ref: 'b1', label: 'B', amount: 10 }])
    }
    const leftOnConnection = async (): Promise<{ tenant: unknown; role: unknown }> => {
      if (target.inspect) return target.inspect(fixture)
      const { rows } = await sql<{ tenant: string | null; role: string }>`
        select current_setting('app.tenant_id', true) as tenant, current_user as role`
        .execute(db.withoutTenant())
      return { tenant: rows[0]?.tenant, role: rows[0]?.role }
    }
    const expectClean = async (): Promise<void> => {
      const left = await leftOnConnection()
      expect(EMPTY).toContain(left.tenant)
      expect(left.role).toBe(target.idleRole(fixture))
    }

    test('every verb outside a transaction stays within the tenant', async () => {
      await a.insertInto('orders').values(row(fixture.tenantA, 'a1', 'A')).execute()
      expect(await a.selectFrom('orders').select('ref').execute()).toEqual([{ ref: 'a1' }])
      const updated = await a.updateTable('orders').set({ label: 'A!' }).executeTakeFirst()
      expect(updated.numUpdatedRows).toBe(1n)
      await a.insertInto('orders').values(row(fixture.tenantA, 'b1', 'up'))
        .onConflict((oc) => oc.columns(['tenant_id', 'ref']).doUpdateSet({ amount: 7 })).execute()
      const deleted = await a.deleteFrom('orders').where('ref', '=', 'a1').executeTakeFirst()
      expect(deleted.numDeletedRows).toBe(1n)
      expect(await a.selectFrom('orders').select(['ref', 'label']).execute())
        .toEqual([{ ref: 'b1', label: 'up' }])
      await untouchedB()
      await expectClean()
    })

    test('every verb inside a transaction stays within the tenant', async () => {
      await a.transaction().execute(async (trx) => {
        await trx.insertInto('orders').values(row(fixture.tenantA, 'a1', 'A')).execute()
        await trx.updateTable('orders').set({ amount: 5 }).execute()
        await trx.insertInto('orders').values(row(fixture.tenantA, 'a1', 'x'))
          .onConflict((oc) => oc.columns(['tenant_id', 'ref']).doUpdateSet({ label: 'upserted' }))
          .execute()
        expect(await trx.selectFrom('orders').select(['ref', 'label', 'amount']).execute())
          .toEqual([{ ref: 'a1', label: 'upserted', amount: 5 }])
        await trx.deleteFrom('orders').where('amount', '=', 10).execute()
      })
      await untouchedB()
      await expectClean()
    })

    test('writes naming another tenant are refused by the policy', async () => {
      const forged = a.insertInto('orders').values(row(fixture.tenantB, 'x', 'x'))
      // The policy refuses it; with the filter plugin, tenantkit refuses first.
      await expect(forged.execute()).rejects.toThrow(/row-level security|Tenant filter/)
      await a.insertInto('orders').values(row(fixture.tenantA, 'a1', 'A')).execute()
      const moved = a.updateTable('orders').set({ tenant_id: fixture.tenantB })
      await expect(moved.execute()).rejects.toThrow(/row-level security|Tenant filter/)
      await untouchedB()
      await expectClean()
    })

    test('with no tenant, reads are empty and writes fail or touch nothing', async () => {
      const none = db.withoutTenant()
      expect(await none.selectFrom('orders').selectAll().execute()).toEqual([])
      const insert = none.insertInto('orders').values(row(fixture.tenantB, 'n', 'n'))
      await expect(insert.execute()).rejects.toThrow(/row-level security/)
      const updated = await none.updateTable('orders').set({ label: 'n' }).executeTakeFirst()
      expect(updated.numUpdatedRows).toBe(0n)
      expect((await none.deleteFrom('orders').executeTakeFirst()).numDeletedRows).toBe(0n)
      await untouchedB()
    })

    test('errors and rollbacks leave no tenant behind', async () => {
      await a.insertInto('orders').values(row(fixture.tenantA, 'a1', 'A')).execute()
      // A failing single statement (unique violation).
      const duplicate = a.insertInto('orders').values(row(fixture.tenantA, 'a1', 'A'))
      await expect(duplicate.execute()).rejects.toThrow(/duplicate key/)
      await expectClean()
      // An application error thrown mid-transaction rolls everything back.
      const boom = a.transaction().execute(async (trx) => {
        await trx.updateTable('orders').set({ label: 'lost' }).execute()
        throw new Error('boom')
      })
      await expect(boom).rejects.toThrow('boom')
      await expectClean()
      // A failing statement inside a transaction.
      const failing = a.transaction().execute(async (trx) => {
        await trx.updateTable('orders').set({ label: 'lost' }).execute()
        await sql`select 1 / 0`.execute(trx)
      })
      await expect(failing).rejects.toThrow(/division by zero/)
      await expectClean()
      expect(await b.selectFrom('orders').select('label').execute()).toEqual([{ label: 'B' }])
      expect(await a.selectFrom('orders').select('label').execute()).toEqual([{ label: 'A' }])
    })

    test('one connection alternating tenants never mixes them', async () => {
      for (let i = 0; i < 20; i++) {
        const [tenant, kysely] = i % 2 === 0 ? [fixture.tenantA, a] : [fixture.tenantB, b]
        await kysely.insertInto('orders').values(row(tenant, `r${i}`, 'x')).execute()
        const seen = await kysely.selectFrom('orders').select('tenant_id').distinct().execute()
        expect(seen).toEqual([{ tenant_id: tenant }])
        await expectClean()
      }
    })

    test('hundreds of interleaved operations on a small pool stay isolated', async () => {
      const small = await target.open(fixture, 3)
      try {
        const tenants = [fixture.tenantA, fixture.tenantB, randomUUID(), randomUUID()]
        const work = Array.from({ length: 240 }, async (_, i) => {
          const tenant = tenants[i % tenants.length] as string
          const scoped = small.forTenant(tenant)
          if (i % 3 === 0) {
            return scoped.transaction().execute(async (trx) => {
              await trx.insertInto('orders').values(row(tenant, `t${i}`, 'tx')).execute()
              return trx.selectFrom('orders').select('tenant_id').execute()
            })
          }
          await scoped.insertInto('orders').values(row(tenant, `s${i}`, 's')).execute()
          return scoped.selectFrom('orders').select('tenant_id').execute()
        })
        const seen = await Promise.all(work)
        seen.forEach((rows, i) => {
          const tenant = tenants[i % tenants.length]
          expect(rows.length).toBeGreaterThan(0)
          expect(rows.every((r) => r.tenant_id === tenant)).toBe(true)
        })
        const counts = await fixture.admin<{ n: string }>(
          'select count(*) as n from orders group by tenant_id order by tenant_id')
        expect(counts.map((c) => Number(c.n)).reduce((x, y) => x + y)).toBe(241)
      } finally {
        await small.close()
      }
    })
  })
}
