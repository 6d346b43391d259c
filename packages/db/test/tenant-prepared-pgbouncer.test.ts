import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { createDatabase, type LogEvent, type TenantDatabase } from '../src/core'
import { startPgBouncer, type PgBouncer } from './core-support/pgbouncer'
import {
  createTenantFixture,
  type FixtureDB,
  type TenantFixture,
} from './core-support/tenant-fixture'

// PgBouncer 1.18 in transaction mode does not track prepared statements:
// each transaction runs on whichever server connection is free, and a
// statement prepared on one is unknown to the other. Raw clients hold
// server connections open inside transactions to steer tenantkit's next
// statement onto the connection that never saw its prepared statement.
let fixture: TenantFixture
let bouncer: PgBouncer
let db: TenantDatabase<FixtureDB>
const holders: pg.Client[] = []
const warnings: string[] = []

beforeAll(async () => {
  fixture = await createTenantFixture(inject('tenantkitPostgresUrl'), 'db_prepared_bouncer')
  await fixture.admin(
    `insert into orders (tenant_id, ref, label) values ($1, 'a1', 'A'), ($2, 'b1', 'B')`,
    [fixture.tenantA, fixture.tenantB],
  )
  bouncer = await startPgBouncer({
    database: fixture.database.name,
    users: [fixture.runtimeRole],
    serverConnections: 2,
  })
  db = createDatabase<FixtureDB>({
    url: bouncer.url(fixture.runtimeUrl),
    max: 1,
    logger: {
      level: 'warn',
      log: (event: LogEvent) => void warnings.push(event.message),
    },
  })
})
afterAll(async () => {
  await Promise.all(holders.map((holder) => holder.end()))
  await db?.close()
  await bouncer?.stop()
  await fixture?.drop()
})

/** A raw client through PgBouncer, inside a transaction: it pins one server connection. */
async function hold(): Promise<{ pid: number; release(): Promise<void> }> {
  const holder = new pg.Client({ connectionString: bouncer.url(fixture.runtimeUrl) })
  holders.push(holder)
  await holder.connect()
  await holder.query('begin')
  const { rows } = await holder.query<{ pid: number }>('select pg_backend_pid() as pid')
  return { pid: rows[0]?.pid as number, release: async () => void (await holder.query('commit')) }
}

const serverPid = async (tenant: string): Promise<number> => {
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`
    .execute(db.forTenant(tenant))
  return rows[0]?.pid as number
}

test('a statement routed to a server connection without the prepared statement still runs', async () => {
  // tenantkit prepares its statement on whichever server connection it gets.
  const preparedOn = await serverPid(fixture.tenantA)
  expect(warnings).toEqual([])

  // Pin both server connections, then free only the other one.
  const first = await hold()
  const second = await hold()
  expect(first.pid).not.toBe(second.pid)
  expect([first.pid, second.pid]).toContain(preparedOn)
  const [keep, free] = first.pid === preparedOn ? [first, second] : [second, first]
  await free.release()

  // The server connection never saw the statement: the server refuses
  // the prelude, tenantkit resends it unprepared, and the tenant holds.
  const rows = await db.forTenant(fixture.tenantB).selectFrom('orders').select('ref').execute()
  expect(rows).toEqual([{ ref: 'b1' }])
  expect(warnings).toHaveLength(1)
  expect(warnings[0]).toMatch(/transaction pooler/)

  // From now on nothing is prepared, so any server connection will do.
  await keep.release()
  for (const [tenant, ref] of [[fixture.tenantA, 'a1'], [fixture.tenantB, 'b1']] as const) {
    for (let i = 0; i < 10; i++) {
      expect(await db.forTenant(tenant).selectFrom('orders').select('ref').execute())
        .toEqual([{ ref }])
    }
  }
  expect(warnings).toHaveLength(1)
})
