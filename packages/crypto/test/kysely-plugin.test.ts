import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  createKeyRing,
  EncryptedColumnError,
  generateKey,
  isSealed,
  type Sealed,
} from '../src/index'
import { createEncryptedColumnsPlugin } from '../src/kysely/index'
import { createCrmDatabase, storedRow, type Db, type TestDb } from './support/database'

const keyRing = createKeyRing([generateKey(), generateKey()])
const tables = { crm_connections: ['access_token', 'refresh_token'] }
const tenant = randomUUID()
let test: TestDb
let db: Kysely<Db>

beforeAll(async () => {
  test = await createCrmDatabase(inject('tenantkitPostgresUrl'), 'crypto_plugin')
  db = test.db.withPlugin(createEncryptedColumnsPlugin({ keyRing, tables }))
})
afterAll(() => test?.close())

async function insert(access: string | Sealed | null, provider = randomUUID()) {
  const row = await db
    .insertInto('crm_connections')
    .values({ tenant_id: tenant, provider, access_token: access, refresh_token: 'r-1' })
    .returning(['id', 'access_token'])
    .executeTakeFirstOrThrow()
  return row
}

describe('Kysely plugin: writes', () => {
  it('stores ciphertext on INSERT and returns sealed values', async () => {
    const row = await insert('ya29.secret-access')
    const stored = await storedRow(test.pool, row.id)

    expect(stored.access_token).toMatch(/^gAAAAA[A-Za-z0-9_-]+=*$/)
    expect(stored.access_token).not.toContain('secret')
    expect(keyRing.decrypt(stored.access_token!)).toBe('ya29.secret-access')
    expect(keyRing.decrypt(stored.refresh_token!)).toBe('r-1')
    expect(isSealed(row.access_token)).toBe(true)
    expect(row.access_token?.reveal()).toBe('ya29.secret-access')
  })

  it('encrypts every row of a multi-row insert, defaults left alone', async () => {
    const rows = await db
      .insertInto('crm_connections')
      .values([
        { tenant_id: tenant, provider: randomUUID(), access_token: 'a' },
        { tenant_id: tenant, provider: randomUUID(), refresh_token: 'b' },
      ])
      .returning(['id', 'access_token', 'refresh_token'])
      .execute()
    expect(rows.map((r) => [r.access_token?.reveal() ?? null, r.refresh_token?.reveal() ?? null]))
      .toEqual([['a', null], [null, 'b']])
  })

  it('keeps NULL as NULL on insert, update and read', async () => {
    const row = await insert(null)
    expect(row.access_token).toBeNull()
    await db.updateTable('crm_connections').set({ refresh_token: null })
      .where('id', '=', row.id).execute()
    expect(await storedRow(test.pool, row.id)).toEqual({ access_token: null, refresh_token: null })
  })

  it('encrypts on UPDATE', async () => {
    const { id } = await insert('old')
    await db.updateTable('crm_connections').set({ access_token: 'new' })
      .where('id', '=', id).execute()
    expect(keyRing.decrypt((await storedRow(test.pool, id)).access_token!)).toBe('new')
  })

  it('encrypts upserts, in VALUES and in doUpdateSet, excluded.* included', async () => {
    const provider = randomUUID()
    const upsert = (token: string, useExcluded: boolean) =>
      db.insertInto('crm_connections')
        .values({ tenant_id: tenant, provider, access_token: token, refresh_token: 'r' })
        .onConflict((oc) => oc.columns(['tenant_id', 'provider']).doUpdateSet((eb) => ({
          access_token: useExcluded ? eb.ref('excluded.access_token') : `${token}!`,
        })))
        .returning(['id', 'access_token'])
        .executeTakeFirstOrThrow()

    const first = await upsert('one', false)
    const second = await upsert('two', false)
    const third = await upsert('three', true)
    expect([first, second, third].map((r) => r.id)).toEqual([first.id, first.id, first.id])
    expect(second.access_token?.reveal()).toBe('two!')
    expect(third.access_token?.reveal()).toBe('three')
    expect(keyRing.decrypt((await storedRow(test.pool, first.id)).access_token!)).toBe('three')
  })

  it('writes a sealed value back unchanged (read-modify-write never re-encrypts)', async () => {
    const { id } = await insert('keep me')
    const before = await storedRow(test.pool, id)
    const row = await db.selectFrom('crm_connections').selectAll()
      .where('id', '=', id).executeTakeFirstOrThrow()
    await db.updateTable('crm_connections')
      .set({ access_token: row.access_token, note: 'touched' })
      .where('id', '=', id).execute()
    expect(await storedRow(test.pool, id)).toEqual(before)
  })

  it('re-encrypts a sealed value this ring cannot decrypt', async () => {
    const other = createKeyRing([generateKey()])
    const { id } = await insert(other.seal('from elsewhere'))
    const stored = (await storedRow(test.pool, id)).access_token!
    expect(keyRing.decrypt(stored)).toBe('from elsewhere')
  })

  it('encrypts in data-modifying CTEs and MERGE', async () => {
    const provider = randomUUID()
    const inserted = await db
      .with('ins', (qb) => qb.insertInto('crm_connections')
        .values({ tenant_id: tenant, provider, access_token: 'cte' }).returning('id'))
      .selectFrom('ins').select('id').executeTakeFirstOrThrow()
    expect(keyRing.decrypt((await storedRow(test.pool, inserted.id)).access_token!)).toBe('cte')

    await db.mergeInto('crm_connections as c')
      .using(sql<{ p: string }>`(select ${provider}::text as p)`.as('s'), 'c.provider', 's.p')
      .whenMatched().thenUpdateSet({ access_token: 'merged' })
      .execute()
    expect(keyRing.decrypt((await storedRow(test.pool, inserted.id)).access_token!)).toBe('merged')
  })

  it('refuses values it cannot encrypt', async () => {
    const bad = [
      () => db.updateTable('crm_connections').set({ access_token: sql`'x'` }),
      () => db.updateTable('crm_connections')
        .set((eb) => ({ access_token: eb.ref('refresh_token') })),
      () => db.updateTable('crm_connections')
        .set((eb) => ({ note: eb.ref('access_token') as never })),
      () => db.insertInto('crm_connections')
        .columns(['tenant_id', 'provider', 'access_token'])
        .expression((eb) => eb.selectFrom('crm_connections')
          .select(['tenant_id', 'provider', 'note as access_token'])),
      () => db.updateTable('crm_connections').set({ access_token: 42 as never }),
    ]
    for (const build of bad) {
      expect(() => build().compile()).toThrow(EncryptedColumnError)
    }
  })
})

describe('Kysely plugin: reads', () => {
  it('returns sealed values for selectAll, aliases and table.*', async () => {
    const { id } = await insert('read me')
    const all = await db.selectFrom('crm_connections').selectAll()
      .where('id', '=', id).executeTakeFirstOrThrow()
    const aliased = await db.selectFrom('crm_connections as c')
      .select(['c.access_token as token', 'c.id']).where('c.id', '=', id)
      .executeTakeFirstOrThrow()
    const star = await db.selectFrom('crm_connections as c').selectAll('c')
      .where('c.id', '=', id).executeTakeFirstOrThrow()
    for (const value of [all.access_token, aliased.token, star.refresh_token]) {
      expect(isSealed(value)).toBe(true)
    }
    expect(aliased.token?.reveal()).toBe('read me')
    expect(JSON.stringify(all)).not.toContain('read me')
  })

  it('returns plaintext when asked to', async () => {
    const { id } = await insert('plain please')
    const plain = test.db.withPlugin(
      createEncryptedColumnsPlugin({ keyRing, tables, read: 'plaintext' }),
    )
    const row = await plain.selectFrom('crm_connections').select('access_token')
      .where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.access_token).toBe('plain please')
  })

  it('fails on a stored value that is not a token of the ring', async () => {
    const result = await test.pool.query(
      `insert into crm_connections (tenant_id, provider, access_token)
       values ($1, $2, 'plaintext-left-over') returning id`,
      [tenant, randomUUID()],
    )
    const id = (result.rows[0] as { id: number }).id
    const read = db.selectFrom('crm_connections').selectAll().where('id', '=', id)
    const error = await read.execute().then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(EncryptedColumnError)
    expect((error as EncryptedColumnError).code).toBe('invalid_stored_value')
    expect(String(error)).not.toContain('plaintext-left-over')
  })

  it('allows is null / is not null on encrypted columns', async () => {
    const { id } = await insert(null)
    const rows = await db.selectFrom('crm_connections').select('id')
      .where('access_token', 'is', null).where('refresh_token', 'is not', null)
      .execute()
    expect(rows.map((r) => r.id)).toContain(id)
  })

  it('refuses WHERE, ORDER BY and other uses of ciphertext, with a clear error', () => {
    const t = db.selectFrom('crm_connections')
    // SealedColumn types already refuse most of these; the plugin also
    // refuses them at run time, for untyped or loosely typed code.
    const bad = [
      t.selectAll().where('access_token', '=', 'x' as never),
      t.selectAll().orderBy('refresh_token'),
      t.selectAll().orderBy('crm_connections.access_token desc'),
      t.select('id').groupBy('access_token'),
      t.select((eb) => eb.fn('length', ['access_token']).as('n')),
      t.selectAll().where((eb) => eb.exists(eb.selectFrom('crm_connections as x')
        .select('x.id').whereRef('x.access_token', '=', 'crm_connections.refresh_token'))),
      db.deleteFrom('crm_connections').where('access_token', 'like', 'g%' as never),
      t.select('access_token').union(t.select('access_token')),
    ]
    for (const query of bad) {
      let thrown: unknown
      try {
        query.compile()
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(EncryptedColumnError)
      expect((thrown as Error).message).toMatch(
        /crm_connections\.(access|refresh)_token is encrypted and cannot be used in/,
      )
    }
  })

  it('names the clause in the error', () => {
    const query = db.selectFrom('crm_connections').selectAll().orderBy('access_token')
    expect(() => query.compile()).toThrow(/cannot be used in ORDER BY/)
    const where = db.selectFrom('crm_connections').selectAll()
      .where('refresh_token', '=', 'x' as never)
    expect(() => where.compile()).toThrow(/cannot be used in WHERE/)
  })
})
