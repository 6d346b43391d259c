import { compare, target } from '@tenantkit/bench'
import pg from 'pg'
import { createCanary } from '../src/injection/canary'
import { fingerprintCatalog } from '../src/injection/catalog-fingerprint'
import { injectionPayloads } from '../src/injection/corpus/index'
import { runInjectionSuite } from '../src/injection/run-injection-suite'
import { createSessionProbe } from '../src/injection/session-probe'
import { createTestDatabase } from '../src/provision/database'
import type { Queryable } from '../src/queryable'

/**
 * What the oracles cost per payload, against a parameterised lookup:
 * calling it with every payload directly (baseline), through the harness
 * with only the built-in oracles, and with every oracle on.
 */
export async function benchOracleOverhead(serverUrl: string): Promise<void> {
  const database = await createTestDatabase(serverUrl, { prefix: 'bench_oracles' })
  const pool = new pg.Pool({ connectionString: database.url, max: 1 })
  pool.on('error', () => {})
  try {
    await pool.query(`create table notes (id serial primary key, title text not null);
      insert into notes (title) select 'note ' || g from generate_series(1, 100) g`)
    // A payload's outcome, not its speed, is what differs; keep sleeps out.
    const payloads = injectionPayloads().filter((p) => p.category !== 'time')
    const call = async (input: string): Promise<unknown[]> =>
      (await pool.query('select id, title from notes where title = $1', [input])).rows
    const suite = { name: 'bench', call, benign: 'note 1', payloads }

    const results = await compare(`injection oracles (${payloads.length} payloads per op)`, [
      {
        name: 'direct calls',
        run: async (ops) => {
          for (let i = 0; i < ops; i++) {
            for (const p of payloads) await call(p.value).catch(() => undefined)
          }
        },
      },
      {
        name: 'suite, built-in oracles',
        run: async (ops) => {
          for (let i = 0; i < ops; i++) await runInjectionSuite(suite)
        },
      },
      {
        name: 'suite + session probe',
        run: async (ops) => {
          for (let i = 0; i < ops; i++) {
            await runInjectionSuite({ ...suite, session: createSessionProbe(pool) })
          }
        },
      },
      {
        name: 'suite + every oracle',
        run: async (ops) => {
          for (let i = 0; i < ops; i++) {
            await runInjectionSuite({
              ...suite,
              canaries: [createCanary('bench')],
              catalog: pool,
              session: createSessionProbe(pool),
            })
          }
        },
      },
    ], { ops: 1, rounds: 3, unit: 'suites', metric: 'time' })
    // The catalog fingerprint after every payload dominates; it stays well
    // under a second for the whole corpus.
    target('every oracle vs direct calls (time)', results[3]?.timeRatio ?? Number.NaN, '<=', 20)
    await benchFingerprint(pool)
  } finally {
    await pool.end()
    await database.drop()
  }
}

/**
 * One catalog fingerprint, the schema oracle's cost per payload: the query
 * sent as text each time (through a wrapper, as a Kysely adapter would)
 * against node-postgres, which prepares it once per connection.
 */
async function benchFingerprint(pool: pg.Pool): Promise<void> {
  const asText: Queryable = { query: (text, values) => pool.query(text, values) }
  const results = await compare('catalog fingerprint', [
    {
      name: 'text each time',
      run: async (ops) => {
        for (let i = 0; i < ops; i++) await fingerprintCatalog(asText)
      },
    },
    {
      name: 'prepared (pg.Pool)',
      run: async (ops) => {
        for (let i = 0; i < ops; i++) await fingerprintCatalog(pool)
      },
    },
  ], { ops: 100, rounds: 5, unit: 'fingerprints', metric: 'time' })
  target('prepared vs text (time)', results[1]?.timeRatio ?? Number.NaN, '<=', 0.8)
}
