import { compare, target } from '@tenantkit/bench'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
// The built package, as users run it (turbo builds it before `bench`).
import { createDatabase } from '@tenantkit/db'
import { lookupCases, sharedCases, transactionCases, type BenchDB, type Contenders } from './cases'
import { setupBench } from './setup'

// Tenant context against a plain query on the same server, in one run:
// a one-row lookup (target: tenantkit within 1.10x of the plain query)
// and a three-statement transaction (within 1.05x of a plain one). A
// shared-table read through withoutTenant(), which clears the tenant in
// the same round trip, is compared with the plain read (within 1.10x).
//
// The baseline is the plain query with no tenant context, on a copy of
// the table without RLS. So the tenantkit ratio includes the server
// evaluating the RLS policy, which a real deployment pays with any way of
// setting the tenant. A diagnostic row runs tenantkit on the baseline's
// table to show the two costs apart, and another shows what the opt-in
// prepareTenantStatement saves (see cases.ts).
//
// Rounds stay long (thousands of statements): with rounds of a few
// hundred, the 1-client ratios swung with each case's place in the round
// (a case run first came out up to 2x faster), which long rounds damp.
const POOL_SIZE = 20
const interleaved = (ops: number, unit: string) =>
  ({ ops, rounds: 7, metric: 'time', unit }) as const
const setup = await setupBench()
const pool = new pg.Pool({ connectionString: setup.fixture.runtimeUrl, max: POOL_SIZE })
// Another process may end our idle connections; report it, do not crash.
pool.on('error', (error) => console.error('baseline pool: idle connection lost:', error.message))
const contenders: Contenders = {
  plain: new Kysely<BenchDB>({ dialect: new PostgresDialect({ pool }) }),
  tenantkit: createDatabase<BenchDB>({ url: setup.fixture.runtimeUrl, max: POOL_SIZE }),
  prepared: createDatabase<BenchDB>({
    url: setup.fixture.runtimeUrl,
    max: POOL_SIZE,
    prepareTenantStatement: true,
  }),
  tenants: setup.tenants,
}

try {
  for (const clients of [1, 20]) {
    const lookups = await compare(
      `single-row tenant lookup, ${clients} client${clients > 1 ? 's' : ''}`,
      lookupCases(contenders, clients),
      interleaved(clients === 1 ? 2_000 : 6_000, 'lookups'),
    )
    target('tenantkit lookup vs plain', lookups[2]?.timeRatio ?? Number.NaN, '<=', 1.1)

    const transactions = await compare(
      `three-statement tenant transaction, ${clients} client${clients > 1 ? 's' : ''}`,
      transactionCases(contenders, clients),
      interleaved(clients === 1 ? 600 : 2_000, 'transactions'),
    )
    target('tenantkit transaction vs plain', transactions[2]?.timeRatio ?? Number.NaN, '<=', 1.05)

    const shared = await compare(
      `shared-table read, ${clients} client${clients > 1 ? 's' : ''}`,
      sharedCases(contenders, clients),
      interleaved(clients === 1 ? 2_000 : 6_000, 'reads'),
    )
    target('tenantkit withoutTenant() vs plain', shared[1]?.timeRatio ?? Number.NaN, '<=', 1.1)
  }
} finally {
  await contenders.plain.destroy()
  await contenders.tenantkit.close()
  await contenders.prepared.close()
  // pg-pool's end() resolves while its sockets still close; dropping the
  // database then ends them, which is no longer news.
  pool.removeAllListeners('error').on('error', () => {})
  await setup.stop()
}
