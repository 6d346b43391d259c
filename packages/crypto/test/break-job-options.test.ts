import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  createColumnCodec,
  createKeyRing,
  CryptoArgumentError,
  generateKey,
} from '../src/index'
import {
  createEncryptedColumnsPlugin,
  encryptPlaintextColumn,
  rotateColumn,
  type NullableSealedColumn,
} from '../src/kysely/index'
import { createCrmDatabase, type TestDb } from './support/database'

interface Accounts {
  id: number
  tenant_id: number
  token: NullableSealedColumn
  plain: string | null
}
type AccountsDb = { accounts: Accounts }

const oldKey = generateKey()
const newKey = generateKey()
const ring = createKeyRing([newKey, oldKey])
const tables = { accounts: ['token'] }
let test: TestDb
let db: Kysely<AccountsDb>

beforeAll(async () => {
  test = await createCrmDatabase(inject('tenantkitPostgresUrl'), 'crypto_break_job')
  db = test.db as unknown as Kysely<AccountsDb>
  // Tenants numbered by a serial: pg returns an int4 as a JS number.
  await sql`create table accounts (
    id int primary key, tenant_id int not null, token text, plain text)`
    .execute(db)
})
afterAll(() => test?.close())

/** The plugin an app uses for one numeric tenant, with `keys`. */
function tenantDb(tenantId: number, keys: string[]) {
  const codec = createColumnCodec({
    keyRing: createKeyRing(keys), tables, contextBinding: true,
  })
  return db.withPlugin(
    createEncryptedColumnsPlugin({ codec, tenantId: String(tenantId) }),
  )
}

describe('context binding with a numeric tenant column', () => {
  it('rotates every row instead of reporting them all failed', async () => {
    for (const tenant of [1, 2]) {
      await tenantDb(tenant, [oldKey]).insertInto('accounts').values([
        { id: tenant * 10, tenant_id: tenant, token: `t${tenant}-a` },
        { id: tenant * 10 + 1, tenant_id: tenant, token: `t${tenant}-b` },
      ]).execute()
    }
    const result = await rotateColumn({
      db, keyRing: ring, table: 'accounts', column: 'token',
      contextBinding: { tenantColumn: 'tenant_id' },
    })
    expect(result).toMatchObject({ done: true, updated: 4, failed: 0 })

    // The new key alone now opens them, for the tenant the app names.
    for (const tenant of [1, 2]) {
      const rows = await tenantDb(tenant, [newKey]).selectFrom('accounts')
        .select('token').where('tenant_id', '=', tenant).orderBy('id')
        .execute()
      expect(rows.map((r) => r.token?.reveal()))
        .toEqual([`t${tenant}-a`, `t${tenant}-b`])
    }
  })

  it('encrypts plaintext for the plugin of that tenant', async () => {
    await sql`insert into accounts (id, tenant_id, plain)
      values (100, 7, 'seven')`.execute(db)
    const result = await encryptPlaintextColumn({
      db, keyRing: ring, table: 'accounts', from: 'plain', to: 'token',
      contextBinding: { tenantColumn: 'tenant_id' },
    })
    expect(result).toMatchObject({ done: true, updated: 1, failed: 0 })
    const row = await tenantDb(7, [newKey]).selectFrom('accounts')
      .select('token').where('id', '=', 100).executeTakeFirstOrThrow()
    expect(row.token?.reveal()).toBe('seven')
  })
})

describe('job options of the wrong type', () => {
  it('are refused before anything is read or written', async () => {
    const before = await sql`select id, token from accounts order by id`.execute(db)
    const base = { db, keyRing: ring, table: 'accounts', column: 'token' }
    for (const bad of [
      { onProgress: 'bar.update' },
      { signal: 'stop' },
      { signal: { aborted: false } },
      { countTotal: 'no' },
    ]) {
      await expect(rotateColumn({ ...base, ...bad } as never))
        .rejects.toBeInstanceOf(CryptoArgumentError)
    }
    const after = await sql`select id, token from accounts order by id`.execute(db)
    expect(after.rows).toEqual(before.rows)
  })
})
