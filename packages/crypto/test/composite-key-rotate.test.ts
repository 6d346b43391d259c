import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  createFernet,
  createKeyRing,
  generateKey,
  type JobProgress,
} from '../src/index'
import { rotateColumn } from '../src/kysely/index'
import { pick, seeded } from './support/random'
import {
  createTenantTable,
  insertRows,
  rowId,
  type TenantTableDb,
} from './support/tenant-table'

const oldKey = generateKey()
const newKey = generateKey()
const oldRing = createKeyRing([oldKey])
const ring = createKeyRing([newKey, oldKey])
const random = seeded(11)
// Sorted as PostgreSQL orders uuids, so the expected walk order is known.
const tenants = Array.from({ length: 5 }, () => randomUUID()).sort()
const PER_TENANT = 120
let test: TenantTableDb

beforeAll(async () => {
  test = await createTenantTable(inject('tenantkitPostgresUrl'), 'crypto_composite')
})
afterAll(() => test?.close())

type Cursor = [string, number]
const compare = ([t1, i1]: Cursor, [t2, i2]: Cursor) =>
  t1 === t2 ? i1 - i2 : t1 < t2 ? -1 : 1

/** An app writing new tokens to existing rows, addressed by (tenant, id). */
function startWriter(expected: Map<string, string | null>) {
  let running = true
  let writes = 0
  const loop = (async () => {
    while (running) {
      const tenantId = tenants[pick(random, tenants.length)]!
      const id = 1 + pick(random, PER_TENANT)
      if (expected.get(rowId(tenantId, id)) === null) continue
      const value = `rewritten-${randomUUID()}`
      await test.pool.query(
        'update tenant_connections set access_token = $1 where tenant_id = $2 and id = $3',
        [ring.encrypt(value), tenantId, id],
      )
      expected.set(rowId(tenantId, id), value)
      writes++
    }
  })()
  return { stop: async () => { running = false; await loop; return writes } }
}

describe('rotateColumn over a (tenant_id, id) key', () => {
  it('visits every row once across an interruption, under a writer', async () => {
    const expected = new Map<string, string | null>()
    await insertRows(test, tenants, PER_TENANT, 'access_token', (t, id) => {
      const value = id % 9 === 0 ? null : `access-${t}-${id}`
      expected.set(rowId(t, id), value)
      return value === null ? null : oldRing.encrypt(value)
    })
    // The same token at the same id in two tenants: a swap that ignored
    // the tenant would hit both rows and count as a conflict.
    const [a, b] = tenants
    await test.pool.query(
      `update tenant_connections set access_token =
         (select access_token from tenant_connections where tenant_id = $1 and id = 5)
       where tenant_id = $2 and id = 5`, [a, b],
    )
    expected.set(rowId(b!, 5), expected.get(rowId(a!, 5))!)
    const pending = [...expected.values()].filter((v) => v !== null).length
    const writer = startWriter(expected)

    // Run 1: stopped after about half of the rows, mid-tenant.
    const options = {
      db: test.db, keyRing: ring, table: 'tenant_connections',
      column: 'access_token', primaryKey: ['tenant_id', 'id'], batchSize: 37,
    }
    const controller = new AbortController()
    const reports: JobProgress[] = []
    const first = await rotateColumn({
      ...options, signal: controller.signal,
      onProgress: (p) => {
        reports.push(p)
        if (p.scanned >= pending / 2) controller.abort()
      },
    })
    expect(first).toMatchObject({ done: false, total: pending })
    expect(first.cursor).toEqual([expect.any(String), expect.any(Number)])

    // Run 2: resumed from the tuple cursor, with the writer still going.
    const second = await rotateColumn({
      ...options, after: first.cursor, onProgress: (p) => reports.push(p),
    })
    expect(await writer.stop()).toBeGreaterThan(0)
    expect(second).toMatchObject({ done: true, failed: 0, conflicts: 0 })

    // Every row was visited exactly once, in (tenant_id, id) order.
    expect(first.scanned + second.scanned).toBe(pending)
    expect(second.total).toBe(pending - first.scanned)
    const cursors = reports.map((r) => r.cursor as Cursor)
    expect(cursors).toEqual([...cursors].sort(compare))
    expect(new Set(cursors.map((c) => c[0])).size).toBe(tenants.length)

    // Every row holds the plaintext last written, under the new key only.
    const { rows } = await test.pool.query(
      'select tenant_id, id, access_token from tenant_connections',
    )
    const newOnly = createFernet(newKey)
    expect(rows).toHaveLength(tenants.length * PER_TENANT)
    for (const row of rows as Array<{ tenant_id: string; id: number; access_token: string }>) {
      const value = expected.get(rowId(row.tenant_id, row.id))
      if (value === null) expect(row.access_token).toBeNull()
      else expect(newOnly.decrypt(row.access_token)).toBe(value)
    }

    // Run 3 from the start finds nothing left to do.
    const third = await rotateColumn(options)
    expect(third).toMatchObject({ done: true, updated: 0, skipped: pending })
  })
})
