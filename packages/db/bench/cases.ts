import type { BenchCase } from '@tenantkit/bench'
import { sql, type Kysely } from 'kysely'
import type { TenantDatabase } from '../src/core'
import type { FixtureDB } from '../test/core-support/tenant-fixture'
import { ROWS_PER_TENANT } from './setup'

/** `orders_plain` has the same columns as `orders`, without RLS. */
export interface BenchDB extends FixtureDB {
  orders_plain: FixtureDB['orders']
}

export interface Contenders {
  /** Plain Kysely over a pg.Pool of the runtime role. */
  readonly plain: Kysely<BenchDB>
  readonly tenantkit: TenantDatabase<BenchDB>
  /** tenantkit with the opt-in `prepareTenantStatement: true`. */
  readonly prepared: TenantDatabase<BenchDB>
  readonly tenants: readonly string[]
}

type Op = (tenant: string, id: string) => Promise<unknown>

/** Runs `ops` operations on `clients` concurrent workers, tenants rotating. */
function runner(op: Op, clients: number, tenants: readonly string[]): BenchCase['run'] {
  return async (ops) => {
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < ops) {
        const n = next++
        const tenant = tenants[n % tenants.length] as string
        await op(tenant, String((n * 7919) % ROWS_PER_TENANT + 1))
      }
    }
    await Promise.all(Array.from({ length: clients }, worker))
  }
}

// Diagnostic row, not a target: tenantkit's pipeline on the baseline's own
// table (no RLS). The gap between it and the plain query is what the
// one-round-trip prelude costs; the gap between it and the tenantkit row
// is what the server spends evaluating the RLS policy, which any tenant
// context pays (the BEGIN/set_config row reads the RLS table too).
const PRELUDE_ONLY = 'tenantkit, baseline table (no RLS)'

const setTenant = (tenant: string) => sql`select set_config('app.tenant_id', ${tenant}, true)`

/** A single-row lookup: baseline, the usual transaction, tenantkit. */
export function lookupCases(c: Contenders, clients: number): BenchCase[] {
  const plain: Op = (tenant, id) => c.plain.selectFrom('orders_plain').selectAll()
    .where('tenant_id', '=', tenant).where('id', '=', id).executeTakeFirstOrThrow()
  const usual: Op = (tenant, id) => c.plain.transaction().execute(async (trx) => {
    await setTenant(tenant).execute(trx)
    return trx.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  })
  const tenantkit: Op = (tenant, id) => c.tenantkit.forTenant(tenant)
    .selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const preludeOnly: Op = (tenant, id) => c.tenantkit.forTenant(tenant)
    .selectFrom('orders_plain').selectAll()
    .where('tenant_id', '=', tenant).where('id', '=', id).executeTakeFirstOrThrow()
  const prepared: Op = (tenant, id) => c.prepared.forTenant(tenant)
    .selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  return [
    { name: 'plain query, no tenant context', run: runner(plain, clients, c.tenants) },
    { name: 'BEGIN; set_config; query; COMMIT', run: runner(usual, clients, c.tenants) },
    { name: 'tenantkit forTenant()', run: runner(tenantkit, clients, c.tenants) },
    { name: PRELUDE_ONLY, run: runner(preludeOnly, clients, c.tenants) },
    { name: 'tenantkit, prepareTenantStatement', run: runner(prepared, clients, c.tenants) },
  ]
}

/** Read, update, read again in one transaction, three ways. */
export function transactionCases(c: Contenders, clients: number): BenchCase[] {
  type Table = 'orders' | 'orders_plain'
  const work = async (trx: Kysely<BenchDB>, table: Table, tenant: string, id: string) => {
    const scoped = () =>
      trx.selectFrom(table).where('tenant_id', '=', tenant).where('id', '=', id)
    await scoped().select('amount').executeTakeFirstOrThrow()
    await trx.updateTable(table).set((eb) => ({ amount: eb('amount', '+', 1) }))
      .where('tenant_id', '=', tenant).where('id', '=', id).execute()
    return scoped().select('amount').executeTakeFirstOrThrow()
  }
  const plain: Op = (tenant, id) =>
    c.plain.transaction().execute((trx) => work(trx, 'orders_plain', tenant, id))
  const usual: Op = (tenant, id) => c.plain.transaction().execute(async (trx) => {
    await setTenant(tenant).execute(trx)
    return work(trx, 'orders', tenant, id)
  })
  const tenantkit: Op = (tenant, id) =>
    c.tenantkit.forTenant(tenant).transaction().execute((trx) => work(trx, 'orders', tenant, id))
  // Also evens out the updates: two cases write each table.
  const preludeOnly: Op = (tenant, id) => c.tenantkit.forTenant(tenant).transaction()
    .execute((trx) => work(trx, 'orders_plain', tenant, id))
  return [
    { name: 'plain transaction, no tenant context', run: runner(plain, clients, c.tenants) },
    { name: 'BEGIN; set_config; 3 statements; COMMIT', run: runner(usual, clients, c.tenants) },
    { name: 'tenantkit forTenant().transaction()', run: runner(tenantkit, clients, c.tenants) },
    { name: PRELUDE_ONLY, run: runner(preludeOnly, clients, c.tenants) },
  ]
}

/**
 * A read of a shared table: plain, and tenantkit's withoutTenant(), which
 * clears the tenant setting in the same round trip.
 */
export function sharedCases(c: Contenders, clients: number): BenchCase[] {
  const plain: Op = () => c.plain.selectFrom('plans').select('price')
    .where('code', '=', 'pro').executeTakeFirstOrThrow()
  const tenantkit: Op = () => c.tenantkit.withoutTenant().selectFrom('plans').select('price')
    .where('code', '=', 'pro').executeTakeFirstOrThrow()
  return [
    { name: 'plain query', run: runner(plain, clients, c.tenants) },
    { name: 'tenantkit withoutTenant()', run: runner(tenantkit, clients, c.tenants) },
  ]
}
