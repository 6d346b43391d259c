import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import {
  createColumnCodec,
  createFernet,
  createKeyRing,
  CryptoArgumentError,
  generateKey,
} from '../src/index'
import { encryptPlaintextColumn, rotateColumn } from '../src/kysely/index'
import { untilBlocked } from './support/locks'
import { createTenantTable, insertRows, type TenantTableDb } from './support/tenant-table'

const oldKey = generateKey()
const newKey = generateKey()
const oldRing = createKeyRing([oldKey])
const ring = createKeyRing([newKey, oldKey])
const tenants = Array.from({ length: 3 }, () => randomUUID()).sort()
const primaryKey = ['tenant_id', 'id']
let test: TenantTableDb

beforeAll(async () => {
  test = await createTenantTable(inject('tenantkitPostgresUrl'), 'crypto_composite_cas')
})
afterAll(() => test?.close())
beforeEach(async () => {
  await sql`truncate tenant_connections`.execute(test.db)
})

/** The stored access_token of one row, read without any plugin. */
async function stored(tenantId: string, id: number): Promise<string | null> {
  const { rows } = await test.pool.query(
    'select access_token from tenant_connections where tenant_id = $1 and id = $2',
    [tenantId, id],
  )
  return (rows[0] as { access_token: string | null }).access_token
}

/**
 * Row 1 of the first two tenants holds an old token, the third tenant's
 * row 1 a leftover plaintext no key decrypts. The app locks the middle
 * tenant's row 1, lets the job block on it, then rewrites it and commits.
 */
async function rotateWhileAppWrites(maxAttempts: number) {
  await insertRows(test, tenants, 1, 'access_token', (t) =>
    t === tenants[2] ? 'leftover-plaintext' : oldRing.encrypt(t))
  const locked = tenants[1]!
  const app = await test.pool.connect()
  try {
    await app.query('begin')
    await app.query(
      'select 1 from tenant_connections where tenant_id = $1 and id = 1 for update',
      [locked],
    )
    const job = rotateColumn({
      db: test.db, keyRing: ring, table: 'tenant_connections',
      column: 'access_token', primaryKey, maxAttempts,
    })
    await untilBlocked(test.pool)
    await app.query(
      'update tenant_connections set access_token = $1 where tenant_id = $2 and id = 1',
      [ring.encrypt('written by the app'), locked],
    )
    await app.query('commit')
    return { locked, result: await job }
  } finally {
    app.release()
  }
}

describe('compare-and-swap on a (tenant_id, id) key', () => {
  it('re-reads the changed row by its tuple and never overwrites it', async () => {
    const { locked, result } = await rotateWhileAppWrites(3)
    // Only the locked row is re-read: the others of id 1 are planned once.
    expect(result).toMatchObject({
      done: true, updated: 1, skipped: 1, conflicts: 0,
      failed: 1, failedKeys: [[tenants[2], 1]],
    })
    const newOnly = createFernet(newKey)
    expect(newOnly.decrypt((await stored(locked, 1))!)).toBe('written by the app')
    expect(newOnly.decrypt((await stored(tenants[0]!, 1))!)).toBe(tenants[0])
    expect(await stored(tenants[2]!, 1)).toBe('leftover-plaintext')
  })

  it('reports a row out of attempts by its [tenant_id, id] tuple', async () => {
    const { locked, result } = await rotateWhileAppWrites(1)
    expect(result).toMatchObject({
      updated: 1, conflicts: 1, conflictKeys: [[locked, 1]],
      failedKeys: [[tenants[2], 1]],
    })
  })

  it('writes only the row of its own tenant when ids repeat', async () => {
    // Context-bound tokens; tenant B's row 5 holds a copy of tenant A's.
    const tables = { tenant_connections: ['access_token'] }
    const codec = createColumnCodec({ keyRing: oldRing, tables, contextBinding: true })
    await insertRows(test, tenants, 5, 'access_token', (tenantId, id) =>
      codec.encode({ table: 'tenant_connections', column: 'access_token', tenantId },
        `${tenantId}-${id}`) as string)
    const [a, b] = tenants as [string, string]
    const copied = (await stored(a, 5))!
    await test.pool.query(
      'update tenant_connections set access_token = $1 where tenant_id = $2 and id = 5',
      [copied, b],
    )
    const result = await rotateColumn({
      db: test.db, keyRing: ring, table: 'tenant_connections', column: 'access_token',
      primaryKey, contextBinding: { tenantColumn: 'tenant_id' },
    })
    expect(result).toMatchObject({
      done: true, updated: 14, failed: 1, failedKeys: [[b, 5]], conflicts: 0,
    })
    // The swap of A's row 5 must not have touched B's row 5.
    expect(await stored(b, 5)).toBe(copied)
  })
})

describe('encryptPlaintextColumn on a (tenant_id, id) key', () => {
  it('encrypts every row across an interruption, resuming from the tuple', async () => {
    await insertRows(test, tenants, 50, 'plain_token', (t, id) => `plain-${t}-${id}`)
    const options = {
      db: test.db, keyRing: ring, table: 'tenant_connections', primaryKey,
      from: 'plain_token', to: 'encrypted_token', batchSize: 20,
    }
    const controller = new AbortController()
    const first = await encryptPlaintextColumn({
      ...options, signal: controller.signal,
      onProgress: (p) => { if (p.scanned >= 60) controller.abort() },
    })
    expect(first).toMatchObject({ done: false, scanned: 60, cursor: [tenants[1], 10] })
    const second = await encryptPlaintextColumn({ ...options, after: first.cursor })
    expect(second).toMatchObject({ done: true, scanned: 90, updated: 90, failed: 0 })

    const { rows } = await test.pool.query(
      'select tenant_id, id, plain_token, encrypted_token from tenant_connections',
    )
    expect(rows).toHaveLength(150)
    for (const row of rows as Array<Record<string, string | number | null>>) {
      expect(row['plain_token']).toBeNull()
      expect(ring.decrypt(row['encrypted_token'] as string))
        .toBe(`plain-${row['tenant_id']}-${row['id']}`)
    }
  })
})

describe('primaryKey and after of the wrong shape', () => {
  it('are refused before anything is read or written', async () => {
    await insertRows(test, tenants, 2, 'access_token', () => oldRing.encrypt('x'))
    const before = await test.pool.query('select * from tenant_connections order by 1, 2')
    const base = {
      db: test.db, keyRing: ring, table: 'tenant_connections', column: 'access_token',
    }
    for (const bad of [
      { primaryKey: [] },
      { primaryKey: ['tenant_id', 'tenant_id'] },
      { primaryKey: ['tenant_id', 'id; drop table x'] },
      { primaryKey, after: 5 },
      { primaryKey, after: [tenants[0]] },
      { primaryKey, after: [tenants[0], null] },
      { primaryKey: 'id', after: [tenants[0], 1] },
      { primaryKey: 'id', after: null },
    ]) {
      await expect(rotateColumn({ ...base, ...bad } as never))
        .rejects.toThrow(CryptoArgumentError)
    }
    const after = await test.pool.query('select * from tenant_connections order by 1, 2')
    expect(after.rows).toEqual(before.rows)
  })
})
