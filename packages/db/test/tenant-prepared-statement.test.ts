import { sql, type Kysely } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest'
import {
  ConfigurationError,
  ConnectionReleasedError,
  createDatabase,
  type DatabaseOptions,
  type LogEvent,
  type TenantDatabase,
} from '../src/core'
import { watchPooledClients, type PooledClients } from './core-support/pooled-clients'
import {
  createTenantFixture,
  type FixtureDB,
  type TenantFixture,
} from './core-support/tenant-fixture'

let fixture: TenantFixture
let clients: PooledClients
const opened: Array<TenantDatabase<FixtureDB>> = []

beforeAll(async () => {
  fixture = await createTenantFixture(inject('tenantkitPostgresUrl'), 'db_prepared')
  clients = watchPooledClients(fixture.runtimeRole, fixture.database.name)
  await fixture.admin(
    `insert into orders (tenant_id, ref, label) values ($1, 'a1', 'A'), ($2, 'b1', 'B')`,
    [fixture.tenantA, fixture.tenantB],
  )
})
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()))
})
afterAll(async () => {
  clients?.stop()
  await fixture?.drop()
})

function open(
  options: Partial<DatabaseOptions> = {},
): { db: TenantDatabase<FixtureDB>; warnings: string[] } {
  const warnings: string[] = []
  const log = (event: LogEvent): void => {
    if (event.level === 'warn') warnings.push(event.message)
  }
  const db = createDatabase<FixtureDB>({
    url: fixture.runtimeUrl,
    max: 1,
    logger: { level: 'warn', log },
    ...options,
  } as DatabaseOptions)
  opened.push(db)
  return { db, warnings }
}

// Read straight off the pooled connection, with no tenantkit prelude.
const preparedOnConnection = async (): Promise<string[]> =>
  (await clients.query<{ name: string }>('select name from pg_prepared_statements order by 1'))
    .map((row) => row.name)

const refs = (kysely: Kysely<FixtureDB>) =>
  kysely.selectFrom('orders').select('ref').orderBy('ref').execute()

const prepared = { prepareTenantStatement: true } as const

describe('the statement that sets the tenant', () => {
  test('is unnamed by default: nothing on the connection can stand in for it', async () => {
    // Learn the name a preparing database uses, then plant a statement of
    // that name which sets tenant B, as injected SQL could.
    const { db: preparing } = open(prepared)
    await refs(preparing.forTenant(fixture.tenantA))
    const [name] = await preparedOnConnection()
    await preparing.close()
    const { db } = open()
    const a = db.forTenant(fixture.tenantA)
    await sql`select set_config('tk.plant_name', ${name}, false),
      set_config('tk.plant_tenant', ${fixture.tenantB}, false)`.execute(a)
    await sql`do $$ begin execute format(
      'prepare %I(text, text) as select set_config($1, %L, true)',
      current_setting('tk.plant_name'), current_setting('tk.plant_tenant')); end $$`.execute(a)
    expect(await refs(a)).toEqual([{ ref: 'a1' }])
    expect(await refs(db.withoutTenant())).toEqual([])
    expect(await refs(db.forTenant(fixture.tenantB))).toEqual([{ ref: 'b1' }])
    expect(await preparedOnConnection()).toEqual([name])
  })

  test('with prepareTenantStatement, is prepared once per connection and serves every tenant', async () => {
    const { db, warnings } = open(prepared)
    for (let i = 0; i < 3; i++) {
      expect(await refs(db.forTenant(fixture.tenantA))).toEqual([{ ref: 'a1' }])
      expect(await refs(db.forTenant(fixture.tenantB))).toEqual([{ ref: 'b1' }])
    }
    expect(await refs(db.withoutTenant())).toEqual([])
    const names = await preparedOnConnection()
    expect(names).toHaveLength(1)
    expect(names[0]).toMatch(/^tenantkit_[0-9a-f]{16}$/)
    // The prepared statement holds no tenant: the setting is gone.
    const [row] = await clients.query<{ value: string | null }>(
      "select current_setting('app.tenant_id', true) as value")
    expect(row?.value ?? '').toBe('')
    expect(warnings).toEqual([])
  })

  test('a lost statement is resent unprepared and prepared again next time', async () => {
    const { db, warnings } = open(prepared)
    const a = db.forTenant(fixture.tenantA)
    expect(await refs(a)).toEqual([{ ref: 'a1' }])
    await sql`deallocate all`.execute(a)
    expect(await refs(db.forTenant(fixture.tenantB))).toEqual([{ ref: 'b1' }])
    expect(await refs(a)).toEqual([{ ref: 'a1' }])
    expect(await preparedOnConnection()).toHaveLength(1)
    expect(warnings).toEqual([])
  })

  test('after three losses the database stops preparing, with one warning', async () => {
    const { db, warnings } = open(prepared)
    const a = db.forTenant(fixture.tenantA)
    for (let lost = 0; lost < 3; lost++) {
      expect(await refs(a)).toEqual([{ ref: 'a1' }])
      await sql`deallocate all`.execute(a)
    }
    expect(await refs(a)).toEqual([{ ref: 'a1' }])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/lost the prepared tenant statement 3 times/)
    expect(await refs(db.forTenant(fixture.tenantB))).toEqual([{ ref: 'b1' }])
    expect(await preparedOnConnection()).toEqual([])
    expect(warnings).toHaveLength(1)
  })

  test('inside a transaction, the failed BEGIN is rolled back and the work resent once', async () => {
    const { db } = open(prepared)
    const b = db.forTenant(fixture.tenantB)
    await refs(b)
    await sql`deallocate all`.execute(b)
    const inserted = await b.transaction().execute(async (trx) => {
      const row = await trx.insertInto('orders')
        .values({ tenant_id: fixture.tenantB, ref: 'b2', label: 'B2' })
        .returning('ref').executeTakeFirstOrThrow()
      return [row, await refs(trx)]
    })
    expect(inserted).toEqual([{ ref: 'b2' }, [{ ref: 'b1' }, { ref: 'b2' }]])
    const rows = await fixture.admin<{ tenant_id: string }>(
      "select tenant_id from orders where ref = 'b2'")
    expect(rows).toEqual([{ tenant_id: fixture.tenantB }])
    await fixture.admin("delete from orders where ref = 'b2'")
  })

  test('a lost statement does not abort a transaction that raw SQL began', async () => {
    const { db } = open(prepared)
    const a = db.forTenant(fixture.tenantA)
    await refs(a)
    const seen = await a.connection().execute(async (connection) => {
      await sql`begin`.execute(connection)
      await sql`deallocate all`.execute(connection)
      const inside = await refs(connection)
      await sql`commit`.execute(connection)
      return inside
    })
    expect(seen).toEqual([{ ref: 'a1' }])
  })

  test('other errors of the statement are not mistaken for a lost statement', async () => {
    const { db, warnings } = open(prepared)
    const a = db.forTenant(fixture.tenantA)
    await refs(a)
    await expect(sql`execute no_such_statement`.execute(a)).rejects.toMatchObject({
      code: '26000',
    })
    expect(await refs(a)).toEqual([{ ref: 'a1' }])
    expect(await preparedOnConnection()).toHaveLength(1)
    expect(warnings).toEqual([])
  })

  test('a value other than a boolean is a configuration error', () => {
    for (const value of ['yes', null, 1]) {
      expect(() => open({ prepareTenantStatement: value as unknown as boolean }))
        .toThrow(ConfigurationError)
      expect(() => open({ prepareTenantStatement: value as unknown as boolean }))
        .toThrow(/prepareTenantStatement: must be true or false/)
    }
  })
})

describe('raw transactions through connection()', () => {
  test('a transaction that failed can still be rolled back', async () => {
    const { db } = open()
    await db.forTenant(fixture.tenantA).connection().execute(async (connection) => {
      await sql`begin`.execute(connection)
      await expect(sql`select 1 / 0`.execute(connection)).rejects.toThrow(/division by zero/)
      await sql`rollback`.execute(connection)
      expect(await refs(connection)).toEqual([{ ref: 'a1' }])
    })
  })

  test('a transaction left running by the app is rolled back, not joined by the next request', async () => {
    const { db, warnings } = open()
    let leaked: Promise<unknown> | undefined
    await db.forTenant(fixture.tenantA).connection().execute(async (connection) => {
      // An app bug: the transaction is not awaited before the callback returns.
      leaked = connection.transaction().execute(async (trx) => {
        await trx.updateTable('orders').set({ label: 'A leaked' }).where('ref', '=', 'a1').execute()
        await trx.updateTable('orders').set({ label: 'A leaked 2' }).where('ref', '=', 'a1').execute()
      }).then(() => 'committed', (error: unknown) => error)
    })
    const b = db.forTenant(fixture.tenantB)
    const [row] = await b.insertInto('orders')
      .values({ tenant_id: fixture.tenantB, ref: 'b-next', label: 'B next' })
      .returning('ref').execute()
    expect(row).toEqual({ ref: 'b-next' })
    expect(await leaked).toBeInstanceOf(ConnectionReleasedError)
    // B's insert committed on its own; A's unfinished work was rolled back.
    const stored = await fixture.admin<{ ref: string; label: string }>(
      "select ref, label from orders where ref in ('a1', 'b-next') order by ref")
    expect(stored).toEqual([{ ref: 'a1', label: 'A' }, { ref: 'b-next', label: 'B next' }])
    expect(warnings).toEqual([
      'a connection came back with a statement still running; waiting for it',
      'a connection came back inside a transaction; closing it',
    ])
    await fixture.admin("delete from orders where ref = 'b-next'")
  })

  test('a statement left running by the app finishes, and its promise tells the truth', async () => {
    const { db } = open()
    let leaked: Promise<unknown> | undefined
    await db.forTenant(fixture.tenantA).connection().execute(async (connection) => {
      leaked = sql`insert into orders (tenant_id, ref, label)
        select ${fixture.tenantA}::uuid, 'a-late', 'late' from pg_sleep(0.2)`.execute(connection)
        .then(() => 'inserted', (error: unknown) => error)
    })
    // The release waited for the insert: it is in, exactly once.
    expect(await leaked).toBe('inserted')
    const stored = await fixture.admin<{ tenant_id: string }>(
      "select tenant_id from orders where ref = 'a-late'")
    expect(stored).toEqual([{ tenant_id: fixture.tenantA }])
    expect(await refs(db.forTenant(fixture.tenantB))).toEqual([{ ref: 'b1' }])
    await fixture.admin("delete from orders where ref = 'a-late'")
  })
})

// Kysely refuses a transaction used after it ended; a connection() has
// no such guard of its own.
describe('a connection that went back to the pool', () => {
  test('refuses statements from a connection() kept past its callback', async () => {
    const { db } = open()
    let kept: Kysely<FixtureDB> | undefined
    await db.forTenant(fixture.tenantA).connection().execute(async (connection) => {
      kept = connection
      await refs(connection)
    })
    const stale = kept as Kysely<FixtureDB>
    await expect(refs(stale)).rejects.toBeInstanceOf(ConnectionReleasedError)
    await expect(refs(stale)).rejects.toMatchObject({ code: 'connection_released' })
    expect(await refs(db.forTenant(fixture.tenantA))).toEqual([{ ref: 'a1' }])
  })
})
