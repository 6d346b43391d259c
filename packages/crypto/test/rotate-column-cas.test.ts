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
import { createEncryptedColumnsPlugin, rotateColumn } from '../src/kysely/index'
import { untilBlocked } from './support/locks'
import { createCrmDatabase, type TestDb } from './support/database'

const oldKey = generateKey()
const newKey = generateKey()
const oldRing = createKeyRing([oldKey])
const ring = createKeyRing([newKey, oldKey])
let test: TestDb

beforeAll(async () => {
  test = await createCrmDatabase(inject('tenantkitPostgresUrl'), 'crypto_cas')
})
afterAll(() => test?.close())
beforeEach(async () => {
  await sql`truncate crm_connections`.execute(test.db)
})

async function insertRaw(token: string, tenantId = randomUUID()): Promise<number> {
  const result = await test.pool.query(
    `insert into crm_connections (tenant_id, provider, access_token)
     values ($1, $2, $3) returning id`,
    [tenantId, randomUUID(), token],
  )
  return (result.rows[0] as { id: number }).id
}

/**
 * Holds a row lock, lets the job read the row and block on its update,
 * then changes the row as the app would and commits.
 */
async function rotateWhileAppWrites(maxAttempts: number) {
  const id = await insertRaw(oldRing.encrypt('before'))
  const app = await test.pool.connect()
  try {
    await app.query('begin')
    await app.query('select 1 from crm_connections where id = $1 for update', [id])
    const job = rotateColumn({
      db: test.db, keyRing: ring, table: 'crm_connections', column: 'access_token',
      maxAttempts,
    })
    await untilBlocked(test.pool)
    await app.query('update crm_connections set access_token = $1 where id = $2',
      [ring.encrypt('written by the app'), id])
    await app.query('commit')
    const result = await job
    const { rows } = await test.pool.query(
      'select access_token from crm_connections where id = $1', [id],
    )
    return { id, result, stored: (rows[0] as { access_token: string }).access_token }
  } finally {
    app.release()
  }
}

describe('rotateColumn compare-and-swap', () => {
  it('re-reads a row changed between its read and its write, never overwrites it', async () => {
    const { result, stored } = await rotateWhileAppWrites(3)
    expect(createFernet(newKey).decrypt(stored)).toBe('written by the app')
    expect(result).toMatchObject({ done: true, updated: 0, skipped: 1, conflicts: 0 })
  })

  it('reports the row as a conflict when it is out of attempts', async () => {
    const { id, result, stored } = await rotateWhileAppWrites(1)
    expect(createFernet(newKey).decrypt(stored)).toBe('written by the app')
    expect(result).toMatchObject({ updated: 0, conflicts: 1, conflictKeys: [id] })
  })
})

describe('rotateColumn with context binding', () => {
  it('derives each row\'s key from its tenant and leaves moved tokens alone', async () => {
    const tables = { crm_connections: ['access_token'] }
    const oldCodec = createColumnCodec({ keyRing: oldRing, tables, contextBinding: true })
    const tenants = [randomUUID(), randomUUID(), randomUUID()]
    const ids = new Map<number, string>()
    for (const tenantId of tenants) {
      const db = test.db.withPlugin(createEncryptedColumnsPlugin({ codec: oldCodec, tenantId }))
      const row = await db.insertInto('crm_connections')
        .values({ tenant_id: tenantId, provider: 'crm', access_token: `of ${tenantId}` })
        .returning('id').executeTakeFirstOrThrow()
      ids.set(row.id, tenantId)
    }
    // A token copied into another tenant's row must not be "repaired".
    const [first, second] = [...ids.keys()]
    await test.pool.query(
      `update crm_connections set access_token =
         (select access_token from crm_connections where id = $1) where id = $2`,
      [first, second],
    )

    const result = await rotateColumn({
      db: test.db, keyRing: ring, table: 'crm_connections', column: 'access_token',
      contextBinding: { tenantColumn: 'tenant_id' },
    })
    expect(result).toMatchObject({ done: true, updated: 2, failed: 1, failedKeys: [second] })

    const newCodec = createColumnCodec({
      keyRing: createKeyRing([newKey]), tables, contextBinding: true,
    })
    for (const [id, tenantId] of ids) {
      if (id === second) continue
      const db = test.db.withPlugin(createEncryptedColumnsPlugin({ codec: newCodec, tenantId }))
      const row = await db.selectFrom('crm_connections').select('access_token')
        .where('id', '=', id).executeTakeFirstOrThrow()
      expect(row.access_token?.reveal()).toBe(`of ${tenantId}`)
    }
  })
})

describe('rotateColumn options', () => {
  it('rejects names that are not plain identifiers and bad numbers', async () => {
    const base = { db: test.db, keyRing: ring, table: 'crm_connections', column: 'access_token' }
    for (const bad of [
      { table: 'crm_connections; drop table x' },
      { column: 'access_token"' },
      { primaryKey: '' },
      { batchSize: 0 },
      { maxAttempts: 1.5 },
      { contextBinding: { tenantColumn: 'tenant id' } },
      { keyRing: {} },
    ]) {
      await expect(rotateColumn({ ...base, ...bad } as never)).rejects.toThrow(CryptoArgumentError)
    }
  })
})
