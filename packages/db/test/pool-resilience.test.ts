import { sql } from 'kysely'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { createDatabase, type LogEvent, type TenantDatabase } from '../src/core'
import { startTcpProxy, type TcpProxy } from './core-support/tcp-proxy'
import {
  createTenantFixture,
  type FixtureDB,
  type TenantFixture,
} from './core-support/tenant-fixture'

let fixture: TenantFixture
let proxy: TcpProxy

beforeAll(async () => {
  fixture = await createTenantFixture(inject('tenantkitPostgresUrl'), 'db_pool_resilience')
  const server = new URL(fixture.adminUrl)
  proxy = await startTcpProxy(server.hostname, Number(server.port || 5432))
})
afterAll(async () => {
  await proxy?.close()
  await fixture?.drop()
})

const open = (
  events: LogEvent[],
  extra: { prePingAfterIdleMillis?: number; connectionTimeoutMillis?: number } = {},
) =>
  createDatabase<FixtureDB>({
    url: proxy.url(fixture.runtimeUrl),
    max: 2,
    connectionTimeoutMillis: 2_000,
    logger: { level: 'debug', log: (event) => events.push(event) },
    ...extra,
  })

const countOrders = (db: TenantDatabase<FixtureDB>) =>
  db.forTenant(fixture.tenantA).selectFrom('orders').select('id').execute()

const until = async (condition: () => boolean): Promise<void> => {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 20))
  expect(condition()).toBe(true)
}

test('an idle connection killed by pg_terminate_backend is dropped, logged, replaced', async () => {
  const events: LogEvent[] = []
  const db = open(events)
  try {
    await countOrders(db)
    const killed = await fixture.admin<{ ok: boolean }>(
      `select pg_terminate_backend(pid) as ok from pg_stat_activity
       where usename = $1 and datname = current_database()`, [fixture.runtimeRole])
    expect(killed).toEqual([{ ok: true }])

    await until(() => events.some((e) => e.message.includes('idle connection died')))
    expect(await countOrders(db)).toEqual([])
    expect((await db.health()).pool?.total).toBe(1)
  } finally {
    await db.close()
  }
})

test('a connection killed while in use fails its transaction, then the pool recovers', async () => {
  const events: LogEvent[] = []
  const db = open(events)
  try {
    const doomed = db.forTenant(fixture.tenantA).transaction().execute(async (trx) => {
      await trx.selectFrom('orders').select('id').execute()
      await fixture.admin(
        `select pg_terminate_backend(pid) from pg_stat_activity
         where usename = $1 and datname = current_database()`, [fixture.runtimeRole])
      await trx.selectFrom('orders').select('id').execute()
    })
    await expect(doomed).rejects.toThrow()
    await until(() => events.some((e) => e.message.includes('in use died')))
    expect(await countOrders(db)).toEqual([])
  } finally {
    await db.close()
  }
})

test('connections reset under the pool (a server restart) are replaced', async () => {
  const events: LogEvent[] = []
  const db = open(events)
  try {
    await Promise.all([countOrders(db), countOrders(db)])
    proxy.resetExisting()
    await until(() => events.filter((e) => e.level === 'warn').length >= 2)
    expect(await countOrders(db)).toEqual([])
    // The logger gets the error kind, never its message.
    expect(Object.keys(events[0]?.context ?? {}).sort()).toEqual(['code', 'error'])
  } finally {
    await db.close()
  }
})

test('pre-ping replaces a connection that silently stopped answering', async () => {
  const events: LogEvent[] = []
  const db = open(events, { prePingAfterIdleMillis: 50 })
  try {
    await countOrders(db)
    proxy.blackholeExisting()
    await new Promise((r) => setTimeout(r, 100))
    // Without the pre-ping this query would wait forever on a dead socket.
    expect(await countOrders(db)).toEqual([])
    expect(events.map((e) => e.message)).toContain('pre-ping found a dead connection; replacing it')
  } finally {
    await db.close()
  }
})

test('close() lets a request that is replacing a dead connection finish first', async () => {
  const events: LogEvent[] = []
  const db = open(events, { prePingAfterIdleMillis: 1, connectionTimeoutMillis: 300 })
  await countOrders(db)
  proxy.blackholeExisting()
  await new Promise((r) => setTimeout(r, 20))
  // The request pre-pings the dead connection (up to 300 ms) while close()
  // is called; it must still get a fresh connection and run.
  const request = countOrders(db).then(() => 'ran', (error: Error) => error.message)
  await new Promise((r) => setTimeout(r, 5))
  await db.close()
  expect(await request).toBe('ran')
  expect(events.map((e) => e.message)).toContain('pre-ping found a dead connection; replacing it')
})

test('a statement left running on a connection that went silent does not hold the pool', async () => {
  const events: LogEvent[] = []
  const db = open(events, { connectionTimeoutMillis: 1_000 })
  try {
    let leaked: Promise<unknown> | undefined
    const released = db.forTenant(fixture.tenantA).connection().execute(async (connection) => {
      // An app bug: not awaited, and the network goes silent under it.
      leaked = sql`select pg_sleep(0.3)`.execute(connection)
        .then(() => 'finished', (error: Error) => error)
    })
    await new Promise((r) => setTimeout(r, 50))
    proxy.blackholeExisting()
    const started = Date.now()
    await released
    // Released after the bounded wait (connectionTimeoutMillis), not never.
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(await leaked).toBeInstanceOf(Error)
    expect(events.map((e) => e.message)).toContain(
      'that statement did not finish within 1000 ms; closing its connection, so its outcome is unknown')
    expect(await countOrders(db)).toEqual([])
  } finally {
    await db.close()
  }
})
