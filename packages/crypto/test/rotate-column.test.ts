import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  createFernet,
  createKeyRing,
  generateKey,
  type JobProgress,
} from '../src/index'
import { createEncryptedColumnsPlugin, rotateColumn } from '../src/kysely/index'
import { createCrmDatabase, type TestDb } from './support/database'
import { pick, seeded } from './support/random'

const oldKey = generateKey()
const newKey = generateKey()
const tables = { crm_connections: ['access_token', 'refresh_token'] }
const oldRing = createKeyRing([oldKey])
const ring = createKeyRing([newKey, oldKey])
const random = seeded(7)
let test: TestDb

beforeAll(async () => {
  test = await createCrmDatabase(inject('tenantkitPostgresUrl'), 'crypto_rotate')
})
afterAll(() => test?.close())

/** Seeds rows under the old key; returns id -> plaintext. */
async function seed(count: number): Promise<Map<number, string | null>> {
  const db = test.db.withPlugin(createEncryptedColumnsPlugin({ keyRing: oldRing, tables }))
  const expected = new Map<number, string | null>()
  for (let start = 0; start < count; start += 200) {
    const values = Array.from({ length: Math.min(200, count - start) }, (_, i) => ({
      tenant_id: randomUUID(),
      provider: `p${start + i}`,
      access_token: (start + i) % 10 === 0 ? null : `access-${start + i}-${randomUUID()}`,
    }))
    const rows = await db.insertInto('crm_connections').values(values)
      .returning('id').execute()
    rows.forEach((r, i) => expected.set(r.id, values[i]!.access_token))
  }
  return expected
}

/** Rows no key decrypts: plaintext left over and a token of another key. */
async function seedUndecryptable(): Promise<Map<number, string>> {
  const raw = new Map<number, string>()
  for (const value of ['leftover-plaintext', createFernet(generateKey()).encrypt('x'), 'gAAAA']) {
    const result = await test.pool.query(
      `insert into crm_connections (tenant_id, provider, access_token)
       values ($1, $2, $3) returning id`,
      [randomUUID(), randomUUID(), value],
    )
    raw.set((result.rows[0] as { id: number }).id, value)
  }
  return raw
}

/**
 * App instances already deployed with the new ring keep writing: each
 * writer owns the rows whose id % writers === index, so the expected
 * plaintext of every row is known exactly.
 */
function startWriters(expected: Map<number, string | null>, writers: number) {
  const db = test.db.withPlugin(createEncryptedColumnsPlugin({ keyRing: ring, tables }))
  const ids = [...expected.keys()]
  let running = true
  let writes = 0
  const loops = Array.from({ length: writers }, async (_, index) => {
    const mine = ids.filter((id) => id % writers === index)
    while (running) {
      const id = mine[pick(random, mine.length)]!
      const roll = random()
      if (roll < 0.8) {
        const value = roll < 0.1 ? null : `rewritten-${randomUUID()}`
        await db.updateTable('crm_connections').set({ access_token: value })
          .where('id', '=', id).execute()
        expected.set(id, value)
      } else {
        const value = `inserted-${randomUUID()}`
        const row = await db.insertInto('crm_connections')
          .values({ tenant_id: randomUUID(), provider: randomUUID(), access_token: value })
          .returning('id').executeTakeFirstOrThrow()
        expected.set(row.id, value)
      }
      writes++
    }
  })
  return {
    stop: async () => {
      running = false
      await Promise.all(loops)
      return writes
    },
  }
}

describe('rotateColumn', () => {
  it('ends with every row under the new key after an interruption, under writers', async () => {
    const expected = await seed(1500)
    const undecryptable = await seedUndecryptable()
    const writers = startWriters(expected, 3)

    // Run 1: stopped once half the rows were visited.
    const controller = new AbortController()
    const reports: JobProgress[] = []
    const first = await rotateColumn({
      db: test.db, keyRing: ring, table: 'crm_connections', column: 'access_token',
      batchSize: 100, signal: controller.signal,
      onProgress: (p) => {
        reports.push(p)
        if (p.scanned >= (p.total ?? 0) / 2) controller.abort()
      },
    })
    expect(first.done).toBe(false)
    expect(first.cursor).toBeDefined()
    expect(first.scanned).toBeLessThan(first.total!)

    // Run 2: resumed from the cursor, writers still running.
    const second = await rotateColumn({
      db: test.db, keyRing: ring, table: 'crm_connections', column: 'access_token',
      batchSize: 100, after: first.cursor, onProgress: (p) => reports.push(p),
    })
    expect(second.done).toBe(true)
    const writes = await writers.stop()
    expect(writes).toBeGreaterThan(0)

    // Progress moved forward batch by batch.
    const cursors = reports.map((r) => r.cursor as number)
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b))

    // Rows no key decrypts were reported by one of the runs, never touched.
    expect(new Set([...first.failedKeys, ...second.failedKeys]))
      .toEqual(new Set(undecryptable.keys()))

    // Every row: same plaintext as last written, now under the new key.
    const stored = await test.pool.query('select id, access_token from crm_connections')
    const newOnly = createFernet(newKey)
    expect(stored.rows).toHaveLength(expected.size + undecryptable.size)
    for (const row of stored.rows as Array<{ id: number; access_token: string | null }>) {
      if (undecryptable.has(row.id)) {
        expect(row.access_token).toBe(undecryptable.get(row.id))
      } else if (expected.get(row.id) === null) {
        expect(row.access_token).toBeNull()
      } else {
        expect(newOnly.decrypt(row.access_token!)).toBe(expected.get(row.id))
      }
    }

    // Run 3 from the start: nothing left to do (idempotent).
    const third = await rotateColumn({
      db: test.db, keyRing: ring, table: 'crm_connections', column: 'access_token',
    })
    expect(third).toMatchObject({ done: true, updated: 0, failed: undecryptable.size })
    expect(third.skipped).toBe([...expected.values()].filter((v) => v !== null).length)
  })
})
