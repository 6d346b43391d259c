import { randomBytes, randomUUID } from 'node:crypto'
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { createKeyRing, generateKey } from '../src/index'
import { encryptPlaintextColumn } from '../src/kysely/index'
import { untilBlocked } from './support/locks'
import { createTenantTable, insertRows, type TenantTableDb } from './support/tenant-table'

const keyRing = createKeyRing([generateKey()])
const primaryKey = ['tenant_id', 'id']
const migrate = { keyRing, table: 'tenant_connections', primaryKey,
  from: 'plain_token', to: 'encrypted_token' }
let test: TenantTableDb
let sent: CompiledQuery[]
// The database as the job sees it, with every statement it sends recorded.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the jobs take any schema
let logged: Kysely<any>

beforeAll(async () => {
  test = await createTenantTable(inject('tenantkitPostgresUrl'), 'crypto_plain_cas')
  // The job drops plugins (withoutPlugins), so record at Kysely's log hook.
  logged = new Kysely({
    dialect: new PostgresDialect({ pool: test.pool }),
    log: (event) => { sent.push(event.query) },
  })
})
// Closing the test database ends the pool both instances share.
afterAll(() => test?.close())
beforeEach(async () => {
  sent = []
  await sql`truncate tenant_connections`.execute(test.db)
})

/** Every bound parameter of every statement sent. */
function sentParameters(): unknown[] {
  return sent.flatMap((query) => query.parameters)
}

/** No statement text or parameter holds a secret, in any form. */
function expectNeverSent(secrets: ReadonlyArray<string | Buffer>): void {
  const parameters = sentParameters()
  expect(parameters.length).toBeGreaterThan(0)
  for (const secret of secrets) {
    const bytes = Buffer.from(secret)
    const texts = typeof secret === 'string' ? [secret] : [bytes.toString('hex')]
    for (const parameter of parameters) {
      if (Buffer.isBuffer(parameter)) expect(parameter.includes(bytes)).toBe(false)
      else for (const text of texts) expect(String(parameter)).not.toContain(text)
    }
    for (const text of texts) {
      expect(sent.some((query) => query.sql.includes(text))).toBe(false)
    }
  }
}

describe('encryptPlaintextColumn and statement logs', () => {
  it('never binds a plaintext, yet every swap matches the stored value', async () => {
    const tenants = [randomUUID(), randomUUID()]
    const plaintexts = new Set<string>()
    await insertRows(test, tenants, 15, 'plain_token', (_, id) => {
      const value = id === 3 ? `ünïcödé ✓ 🔐 ${randomUUID()}` : `secret-${randomUUID()}`
      plaintexts.add(value)
      return value
    })

    const result = await encryptPlaintextColumn({ ...migrate, db: logged, batchSize: 7 })
    expect(result).toMatchObject({ done: true, updated: 30, conflicts: 0, failed: 0 })
    expectNeverSent([...plaintexts])

    // The hook did see the writes: 30 swaps by digest, binding the tokens.
    const updates = sent.filter((q) => /^update/i.test(q.sql))
    expect(updates).toHaveLength(30)
    expect(updates.every((q) => q.sql.includes('sha256('))).toBe(true)
    const tokens = sentParameters().filter((p) => typeof p === 'string' && keyRing.verify(p))
    expect(new Set(tokens.map((t) => keyRing.decrypt(t as string)))).toEqual(plaintexts)
  })

  it('still refuses to overwrite a value the app changed meanwhile', async () => {
    const tenantId = randomUUID()
    await insertRows(test, [tenantId], 1, 'plain_token', () => 'before')
    const outcome = async (maxAttempts: number) => {
      const app = await test.pool.connect()
      try {
        await app.query('begin')
        await app.query(`select 1 from tenant_connections
          where tenant_id = $1 and id = 1 for update`, [tenantId])
        const job = encryptPlaintextColumn({ ...migrate, db: logged, maxAttempts })
        await untilBlocked(test.pool)
        // An old app version, still writing plaintext, changes the row.
        await app.query(`update tenant_connections set plain_token = $1
          where tenant_id = $2 and id = 1`, [`changed-${maxAttempts}`, tenantId])
        await app.query('commit')
        const result = await job
        const { rows } = await test.pool.query(
          'select plain_token, encrypted_token from tenant_connections',
        )
        return { result, row: rows[0] as Record<string, string | null> }
      } finally {
        app.release()
      }
    }

    // Out of attempts: reported, and the row keeps the app's value.
    const once = await outcome(1)
    expect(once.result).toMatchObject({ updated: 0, conflicts: 1,
      conflictKeys: [[tenantId, 1]] })
    expect(once.row).toEqual({ plain_token: 'changed-1', encrypted_token: null })

    // With a retry, the app's new value is what gets encrypted.
    const retried = await outcome(3)
    expect(retried.result).toMatchObject({ updated: 1, conflicts: 0 })
    expect(retried.row['plain_token']).toBeNull()
    expect(keyRing.decrypt(retried.row['encrypted_token']!)).toBe('changed-3')
    expectNeverSent(['before', 'changed-1', 'changed-3'])
  })

  it('compares a bytea source by digest too', async () => {
    await sql`create table if not exists blobs (id int primary key, plain bytea, token text)`
      .execute(test.db)
    const values = [Buffer.from([0, 255, 1, 254]), randomBytes(64), Buffer.alloc(0)]
    for (const [i, value] of values.entries()) {
      await test.pool.query('insert into blobs values ($1, $2)', [i, value])
    }
    const result = await encryptPlaintextColumn({
      db: logged, keyRing, table: 'blobs', from: 'plain', to: 'token',
    })
    expect(result).toMatchObject({ done: true, updated: 3, conflicts: 0 })
    expectNeverSent(values.filter((v) => v.length > 0))
    const { rows } = await test.pool.query('select id, plain, token from blobs order by id')
    for (const row of rows as Array<{ id: number; plain: null; token: string }>) {
      expect(row.plain).toBeNull()
      expect(keyRing.decryptBytes(row.token)).toEqual(values[row.id])
    }
  })
})
