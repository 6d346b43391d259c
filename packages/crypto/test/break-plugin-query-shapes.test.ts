import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createKeyRing, EncryptedColumnError, generateKey } from '../src/index'
import { createEncryptedColumnsPlugin } from '../src/kysely/index'
import { createCrmDatabase, type Db, type TestDb } from './support/database'

interface Providers {
  id: string
  name: string
  // A plaintext column of an undeclared table, named like an encrypted one.
  access_token: string | null
}
type BreakDb = Db & { providers: Providers }

const keyRing = createKeyRing([generateKey()])
const tables = { crm_connections: ['access_token', 'refresh_token'] }
const tenant = randomUUID()
let test: TestDb
let db: Kysely<BreakDb>

beforeAll(async () => {
  test = await createCrmDatabase(inject('tenantkitPostgresUrl'), 'crypto_break')
  await sql`create table providers (
    id text primary key, name text not null, access_token text)`.execute(test.db)
  await sql`insert into providers values ('crm', 'CRM', 'app-level')`
    .execute(test.db)
  db = (test.db as unknown as Kysely<BreakDb>)
    .withPlugin(createEncryptedColumnsPlugin({ keyRing, tables }))
  await db.insertInto('crm_connections').values([
    { tenant_id: tenant, provider: 'crm', access_token: 'zz-secret' },
    { tenant_id: tenant, provider: 'crm2', access_token: 'aa-secret' },
  ]).execute()
})
afterAll(() => test?.close())

const refused = (clause: RegExp) => expect.objectContaining({
  name: 'EncryptedColumnError',
  code: 'encrypted_column_in_expression',
  message: expect.stringMatching(clause) as unknown,
})

describe('a qualified column of an undeclared table named like an encrypted one', () => {
  const joined = () => db.selectFrom('crm_connections')
    .innerJoin('providers', 'providers.id', 'crm_connections.provider')

  it('may be selected next to the encrypted column', async () => {
    const rows = await joined()
      .select(['crm_connections.access_token', 'providers.access_token as app'])
      .where('providers.access_token', '=', 'app-level')
      .execute()
    expect(rows.map((r) => [r.access_token?.reveal(), r.app]))
      .toEqual([['zz-secret', 'app-level']])
  })

  it('may be filtered, sorted and returned', async () => {
    const rows = await db.updateTable('crm_connections').from('providers')
      .set({ note: 'seen' })
      .whereRef('providers.id', '=', 'crm_connections.provider')
      .where('providers.access_token', 'is not', null)
      .returning(['crm_connections.id', 'providers.access_token as app'])
      .execute()
    expect(rows.map((r) => r.app)).toEqual(['app-level'])
    const sorted = await joined().select('providers.name')
      .orderBy('providers.access_token').execute()
    expect(sorted).toEqual([{ name: 'CRM' }])
  })
})

describe('an output alias of an encrypted column', () => {
  const aliased = () => db.selectFrom('crm_connections')
    .select(['id', 'access_token as token'])

  it('is refused in ORDER BY, which would sort ciphertext', async () => {
    await expect(aliased().orderBy('token').execute())
      .rejects.toEqual(refused(/access_token .* ORDER BY/))
  })

  it('is refused in GROUP BY and DISTINCT ON', async () => {
    // Kysely's types list input columns only; PostgreSQL takes the alias.
    await expect(aliased().groupBy(['id', 'token' as never]).execute())
      .rejects.toEqual(refused(/GROUP BY/))
    await expect(aliased().distinctOn('token' as never).execute())
      .rejects.toEqual(refused(/DISTINCT ON/))
  })

  it('is refused when selected by its own name too', async () => {
    await expect(db.selectFrom('crm_connections').select('access_token')
      .orderBy(sql.ref('access_token')).execute())
      .rejects.toBeInstanceOf(EncryptedColumnError)
    await expect(db.selectFrom('crm_connections').selectAll()
      .orderBy('refresh_token').execute())
      .rejects.toEqual(refused(/refresh_token .* ORDER BY/))
  })

  it('leaves ORDER BY on other aliases alone', async () => {
    const rows = await db.selectFrom('crm_connections')
      .select(['provider as p', 'access_token as token'])
      .orderBy('p').execute()
    expect(rows.map((r) => [r.p, r.token?.reveal()]))
      .toEqual([['crm', 'zz-secret'], ['crm2', 'aa-secret']])
  })
})
