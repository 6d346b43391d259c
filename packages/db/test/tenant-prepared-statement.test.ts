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

describe('the statement that sets the tenant', () => {
  test('is prepared once per connection and serves every tenant', async () => {
    const { db, warnings } = open()
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

  test('prepareTenantStatement: false leaves nothing prepared on the connection', async () => {
    const { db } = open({ prepareTenantStatement: false })
    expect(await refs(db.forTenant(fixture.tenantA))).toEqual([{ ref: 'a1' }])
    expect(await refs(db.forTenant(fixture.tenantB))).toEqual([{ ref: 'b1' }])
    expect(await preparedOnConnection()).toEqual([])
  })

  test('a statement lost from the connection is resent unprepared, and preparing stops', async () => {
    const { db, warnings } = open()
    const a = db.forTenant(fixture.tenantA)
    expect(await refs(a)).toEqual([{ ref: 'a1' }])
    // Raw SQL from the app (or a pooler handing out another server
    // connection) drops the statement tenantkit believes is there.
    await sql`deallocate all`.execute(a)
    expect(await refs(db.forTenant(fixture.tenantB))).toEqual([{ ref: 'b1' }])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/prepareTenantStatement: false/)
    expect(await refs(a)).toEqual([{ ref: 'a1' }])
    expect(await preparedOnConnection()).toEqual([])
    expect(warnings).toHaveLength(1)
  })

  test('inside a transaction, the failed BEGIN is rolled back and the work resent', async () => {
    const { db, warnings } = open()
    const b = db.forTenant(fixture.tenantB)
    await sql`deallocate all`.execute(b)
    const inserted = await b.transaction().execute(async (trx) => {
      const row = await trx.insertInto('orders')
        .values({ tenant_id: fixture.tenantB, ref: 'b2', label: 'B2' })
        .returning('ref').executeTakeFirstOrThrow()
      return [row, await refs(trx)]
    })
    expect(inserted).toEqual([{ ref: 'b2' }, [{ ref: 'b1' }, { ref: 'b2' }]])
    expect(warnings).toHaveLength(1)
    // Committed once, for tenant B only.
    const rows = await fixture.admin<{ tenant_id: string }>(
      "select tenant_id from orders where ref = 'b2'")
    expect(rows).toEqual([{ tenant_id: fixture.tenantB }])
    await fixture.admin("delete from orders where ref = 'b2'")
    // Unprepared from now on, also in transactions.
    await b.transaction().execute((trx) => refs(trx))
    expect(await preparedOnConnection()).toEqual([])
  })

  test('other errors of the statement are not mistaken for a lost statement', async () => {
    const { db, warnings } = open()
    const a = db.forTenant(fixture.tenantA)
    await expect(sql`execute no_such_statement`.execute(a)).rejects.toMatchObject({
      code: '26000',
    })
    expect(await refs(a)).toEqual([{ ref: 'a1' }])
    expect(await preparedOnConnection()).toHaveLength(1)
    expect(warnings).toEqual([])
  })

  test('a value other than a boolean is a configuration error', () => {
    expect(() => open({ prepareTenantStatement: 'yes' as unknown as boolean }))
      .toThrow(ConfigurationError)
    expect(() => open({ prepareTenantStatement: 'yes' as unknown as boolean }))
      .toThrow(/prepareTenantStatement: must be true or false/)
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
