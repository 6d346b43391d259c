import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { createDatabase, type LogEvent, type TenantDatabase } from '../src/core'
import { startPgBouncer, type PgBouncer } from './core-support/pgbouncer'
import {
  createTenantFixture,
  type FixtureDB,
  type TenantFixture,
} from './core-support/tenant-fixture'

// With prepareTenantStatement on behind PgBouncer 1.18 in transaction
// mode, which does not track prepared statements:
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
    prepareTenantStatement: true,
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
async function hold(): Promise<{
  pid: number
  run(text: string): Promise<void>
  release(): Promise<void>
}> {
  const holder = new pg.Client({ connectionString: bouncer.url(fixture.runtimeUrl) })
  holders.push(holder)
  await holder.connect()
  await holder.query('begin')
  const { rows } = await holder.query<{ pid: number }>('select pg_backend_pid() as pid')
  return {
    pid: rows[0]?.pid as number,
    run: async (text) => void (await holder.query(text)),
    release: async () => void (await holder.query('commit')),
  }
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
  await keep.release()

  // The connection prepares again; every statement keeps its tenant.
  for (const [tenant, ref] of [[fixture.tenantA, 'a1'], [fixture.tenantB, 'b1']] as const) {
    for (let i = 0; i < 10; i++) {
      expect(await db.forTenant(tenant).selectFrom('orders').select('ref').execute())
        .toEqual([{ ref }])
    }
  }
  // One miss is no reason to stop preparing.
  expect(warnings).toEqual([])
})

test('statements in flight on several connections all recover when the statement is lost', async () => {
  const seen: string[] = []
  const size = 6
  const busy = createDatabase<FixtureDB>({
    url: bouncer.url(fixture.runtimeUrl),
    max: size,
    prepareTenantStatement: true,
    logger: { level: 'warn', log: (event: LogEvent) => void seen.push(event.message) },
  })
  // Runs `size` statements at once, one on each client connection of the pool.
  const onEveryConnection = async (work: (db: Kysely<FixtureDB>) => Promise<unknown>) => {
    let started = 0
    let open!: () => void
    const allStarted = new Promise<void>((resolve) => (open = resolve))
    return Promise.all(Array.from({ length: size }, (_, i) =>
      busy.forTenant(i % 2 === 0 ? fixture.tenantA : fixture.tenantB).connection()
        .execute(async (connection) => {
          if (++started === size) open()
          await allStarted
          return work(connection)
        })))
  }
  const refs = (db: Kysely<FixtureDB>) =>
    db.selectFrom('orders').select('ref').execute().then((rows) => rows.map((r) => r.ref).join())
  try {
    // Every client connection prepares the statement (on whichever server
    // connection it gets), then both server connections forget it.
    await onEveryConnection(refs)
    const pinned = [await hold(), await hold()]
    for (const server of pinned) await server.run('deallocate all')
    await Promise.all(pinned.map((server) => server.release()))

    // All six now send the prepared form to servers that lack it, at once:
    // each is resent unprepared, and so many misses stop the preparing.
    const results = await onEveryConnection(refs)
    expect(results).toEqual(Array.from({ length: size }, (_, i) => (i % 2 === 0 ? 'a1' : 'b1')))
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatch(/lost the prepared tenant statement 3 times/)
  } finally {
    await busy.close()
  }
})
