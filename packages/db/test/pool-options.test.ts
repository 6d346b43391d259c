import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import {
  ConfigurationError,
  createDatabase,
  DatabaseClosedError,
  type DatabaseOptions,
} from '../src/core'
import {
  createTenantFixture,
  type FixtureDB,
  type TenantFixture,
} from './core-support/tenant-fixture'

let fixture: TenantFixture

beforeAll(async () => {
  fixture = await createTenantFixture(inject('tenantkitPostgresUrl'), 'db_pool_options')
})
afterAll(() => fixture?.drop())

const backend = async (db: ReturnType<typeof createDatabase<FixtureDB>>) => {
  const { rows } = await sql<{ pid: number; app: string; timeout: string }>`
    select pg_backend_pid() as pid, current_setting('application_name') as app,
           current_setting('statement_timeout') as timeout`.execute(db.withoutTenant())
  return rows[0]
}

describe('validation', () => {
  test('every invalid option is reported at once, without echoing the URL', () => {
    const options = {
      url: 'mysql://app:s3cret-password@db/app',
      max: 0,
      min: -1,
      idleTimeoutMillis: 1.5,
      tenantSetting: 'tenant',
      runtimeRole: 'Robert"; drop table x',
      maxConnections: 5,
    } as unknown as DatabaseOptions
    let error: unknown
    try {
      createDatabase(options)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConfigurationError)
    const issues = (error as ConfigurationError).issues.map((i) => i.path).sort()
    expect(issues).toEqual(
      ['idleTimeoutMillis', 'max', 'maxConnections', 'min', 'runtimeRole', 'tenantSetting', 'url'])
    expect(String((error as Error).message)).not.toContain('s3cret')
  })

  test('url and dialect together, or neither, are refused', () => {
    expect(() => createDatabase({} as DatabaseOptions)).toThrow(/url: must be a postgres/)
    expect(() => createDatabase({ url: fixture.runtimeUrl, min: 5, max: 2 }))
      .toThrow(/min: must not exceed max/)
  })
})

describe('pool settings reach PostgreSQL', () => {
  test('application name and statement timeout are set on the connection', async () => {
    const db = createDatabase<FixtureDB>({
      url: fixture.runtimeUrl, applicationName: 'tk-orders', statementTimeoutMillis: 250,
    })
    try {
      expect(await backend(db)).toMatchObject({ app: 'tk-orders', timeout: '250ms' })
      const slow = sql`select pg_sleep(2)`.execute(db.forTenant(fixture.tenantA))
      await expect(slow).rejects.toThrow(/statement timeout/)
    } finally {
      await db.close()
    }
  })

  test('maxUses recycles a connection after that many uses', async () => {
    const db = createDatabase<FixtureDB>({ url: fixture.runtimeUrl, max: 1, maxUses: 2 })
    try {
      const first = (await backend(db))?.pid
      expect((await backend(db))?.pid).toBe(first)
      expect((await backend(db))?.pid).not.toBe(first)
    } finally {
      await db.close()
    }
  })

  test('maxLifetimeSeconds recycles a connection by age', async () => {
    const db = createDatabase<FixtureDB>({ url: fixture.runtimeUrl, max: 1, maxLifetimeSeconds: 1 })
    try {
      const first = (await backend(db))?.pid
      await new Promise((r) => setTimeout(r, 1_300))
      expect((await backend(db))?.pid).not.toBe(first)
    } finally {
      await db.close()
    }
  })
})

describe('health and close', () => {
  test('health reports the pool, the server and a role that cannot bypass RLS', async () => {
    const db = createDatabase<FixtureDB>({ url: fixture.runtimeUrl, max: 3 })
    const health = await db.health()
    expect(health).toMatchObject({
      ok: true,
      pool: { total: 1, idle: 1, waiting: 0, max: 3 },
      server: { ok: true },
      role: { name: fixture.runtimeRole, bypassesRls: false },
    })
    expect(() => db.health({ timeoutMillis: 0 })).toThrow(/timeoutMillis: must be an integer/)
    await db.close()
    expect((await db.health()).ok).toBe(false)
  })

  test('health is not ok for a superuser, which skips every policy', async () => {
    const db = createDatabase<FixtureDB>({ url: fixture.adminUrl })
    try {
      const health = await db.health()
      expect(health.server.ok).toBe(true)
      expect(health).toMatchObject({ ok: false, role: { bypassesRls: true } })
    } finally {
      await db.close()
    }
  })

  test('health reports an unreachable server instead of throwing', async () => {
    const url = new URL(fixture.runtimeUrl)
    url.port = '1'
    const db = createDatabase<FixtureDB>({ url: url.toString(), connectionTimeoutMillis: 500 })
    try {
      const health = await db.health()
      expect(health).toMatchObject({
        ok: false,
        server: { ok: false, error: { code: 'ECONNREFUSED' } },
      })
    } finally {
      await db.close()
    }
  })

  test('close() is idempotent and later use fails clearly', async () => {
    const db = createDatabase<FixtureDB>({ url: fixture.runtimeUrl })
    const tenant = db.forTenant(fixture.tenantA)
    await tenant.selectFrom('orders').selectAll().execute()
    await Promise.all([db.close(), db.close()])
    await db.close()
    expect(db.closed).toBe(true)
    const late = tenant.selectFrom('orders').selectAll().execute()
    await expect(late).rejects.toThrow(DatabaseClosedError)
    expect(() => db.forTenant(fixture.tenantA)).toThrow(DatabaseClosedError)
  })
})
