import { compare, target } from '@tenantkit/bench'
import pg from 'pg'
import { createCanary } from '../src/injection/canary'
import { injectionPayloads } from '../src/injection/corpus/index'
import { runInjectionSuite } from '../src/injection/run-injection-suite'
import { createSessionProbe } from '../src/injection/session-probe'
import { createTestDatabase } from '../src/provision/database'

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
              catalog: { db: pool, roles: () => false },
              session: createSessionProbe(pool),
            })
          }
        },
      },
    ], { ops: 1, rounds: 3, unit: 'suites', metric: 'time' })
    // The catalog fingerprint is planned afresh for every payload (a few ms
    // on a busy 2-core machine); it dominates, and stays well under a second
    // for the whole corpus.
    target('every oracle vs direct calls (time)', results[3]?.timeRatio ?? Number.NaN, '<=', 20)
  } finally {
    await pool.end()
    await database.drop()
  }
}
