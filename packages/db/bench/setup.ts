import pg from 'pg'
import { findPostgres, type PostgresServer } from '@tenantkit/testing'
import { createTenantFixture, type TenantFixture } from '../test/core-support/tenant-fixture'

export const TENANTS = 10
export const ROWS_PER_TENANT = 1_000

/** The bench database: the test fixture plus a copy of orders without RLS. */
export interface BenchSetup {
  readonly fixture: TenantFixture
  readonly tenants: readonly string[]
  stop(): Promise<void>
}

/**
 * Seeds `orders` (RLS, FORCE, the tenant policy) and `orders_plain` (same
 * rows and keys, no RLS) so the baseline does the same lookup with an
 * explicit tenant predicate and no tenant context.
 */
export async function setupBench(): Promise<BenchSetup> {
  const server: PostgresServer = await findPostgres()
  const fixture = await createTenantFixture(server.url, 'db_bench')
  const tenants = Array.from({ length: TENANTS }, (_, i) =>
    `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`)

  try {
    await seed(fixture, tenants)
  } catch (error) {
    await fixture.drop()
    await server.stop()
    throw error
  }
  return {
    fixture,
    tenants,
    stop: async () => {
      await fixture.drop()
      await server.stop()
    },
  }
}

async function seed(fixture: TenantFixture, tenants: readonly string[]): Promise<void> {
  await fixture.admin(
    `insert into orders (tenant_id, id, ref, label, amount)
     select t::uuid, n, 'ref-' || n, 'label ' || n, n % 100
     from unnest($1::text[]) as t, generate_series(1, $2::int) as n`,
    [tenants, ROWS_PER_TENANT],
  )
  await fixture.admin('create table orders_plain (like orders including all)')
  await fixture.admin('insert into orders_plain select * from orders')
  const role = pg.escapeIdentifier(fixture.runtimeRole)
  await fixture.admin(`grant select, update on orders_plain to ${role}`)
  await fixture.admin('analyze orders; analyze orders_plain')
}
