import { randomUUID } from 'node:crypto'
import { Kysely, PostgresDialect, sql, type Generated } from 'kysely'
import pg from 'pg'
import { createTestDatabase, type TestDatabase } from '@tenantkit/testing'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createKeyRing, generateKey } from '../src/index'
import {
  createEncryptedColumnsPlugin,
  encryptPlaintextColumn,
  type NullableSealedColumn,
} from '../src/kysely/index'
import { runPython, type PythonResult } from './support/python'

interface Db {
  crm_connections: {
    id: Generated<number>
    tenant_id: string
    access_token: string | null
    encrypted_access_token: NullableSealedColumn
  }
}

const key = generateKey()
const keyRing = createKeyRing([key])
const tables = { crm_connections: ['encrypted_access_token'] }
let database: TestDatabase
let pool: pg.Pool
let db: Kysely<Db>

beforeAll(async () => {
  database = await createTestDatabase(inject('tenantkitPostgresUrl'), { prefix: 'crypto_migrate' })
  pool = new pg.Pool({ connectionString: database.url, max: 4 })
  pool.on('error', () => {})
  db = new Kysely<Db>({ dialect: new PostgresDialect({ pool }) })
  // The legacy table: tokens stored in clear.
  await sql`create table crm_connections (
    id serial primary key, tenant_id uuid not null, access_token text)`.execute(db)
})
afterAll(async () => {
  await db?.destroy()
  await database?.drop()
})

describe('migrating access_token (plaintext) to encrypted_access_token', () => {
  it('follows the documented path under a running app, with a restart', async () => {
    const expected = new Map<number, string | null>()
    for (let i = 0; i < 600; i++) {
      const value = i % 7 === 0 ? null : `plain-${i}-${randomUUID()}`
      const { rows } = await pool.query(
        'insert into crm_connections (tenant_id, access_token) values ($1, $2) returning id',
        [randomUUID(), value],
      )
      expected.set((rows[0] as { id: number }).id, value)
    }

    // Step 1: the migration adds the encrypted column, nullable.
    await sql`alter table crm_connections add column encrypted_access_token text`.execute(db)

    // Step 2: the new app version writes only the encrypted column.
    const app = db.withPlugin(createEncryptedColumnsPlugin({ keyRing, tables }))
    const ids = [...expected.keys()]
    let running = true
    const appWrites = (async () => {
      for (let n = 0; running; n++) {
        const id = ids[(n * 37) % ids.length]!
        const value = `new-${randomUUID()}`
        await app.updateTable('crm_connections')
          .set({ encrypted_access_token: value, access_token: null })
          .where('id', '=', id).execute()
        expected.set(id, value)
      }
    })()

    // Step 3: the backfill, stopped after its first batches and resumed.
    const controller = new AbortController()
    const first = await encryptPlaintextColumn({
      db, keyRing, table: 'crm_connections', from: 'access_token',
      to: 'encrypted_access_token', batchSize: 50, signal: controller.signal,
      onProgress: (p) => { if (p.scanned >= 200) controller.abort() },
    })
    expect(first.done).toBe(false)
    const second = await encryptPlaintextColumn({
      db, keyRing, table: 'crm_connections', from: 'access_token',
      to: 'encrypted_access_token', batchSize: 50, after: first.cursor,
    })
    running = false
    await appWrites
    expect(second).toMatchObject({ done: true, failed: 0, conflicts: 0 })

    // Step 4: verify: no plaintext left, every value readable and right.
    const left = await pool.query(
      'select count(*)::int as n from crm_connections where access_token is not null',
    )
    expect((left.rows[0] as { n: number }).n).toBe(0)
    const rows = await app.selectFrom('crm_connections')
      .select(['id', 'encrypted_access_token']).execute()
    expect(rows).toHaveLength(expected.size)
    for (const row of rows) {
      expect(row.encrypted_access_token?.reveal() ?? null).toBe(expected.get(row.id))
    }

    // The migrated tokens are plain Fernet: Python reads them too.
    const { rows: raw } = await pool.query(
      `select encrypted_access_token as t from crm_connections
       where encrypted_access_token is not null limit 5`,
    )
    const tokens = (raw as Array<{ t: string }>).map((r) => r.t)
    const python = await runPython<PythonResult<string>[]>({ op: 'decrypt', keys: [key], tokens })
    expect(python.every((r) => r.ok)).toBe(true)

    // Step 5: a later migration drops the plaintext column.
    await sql`alter table crm_connections drop column access_token`.execute(db)
    const again = await app.selectFrom('crm_connections').select('encrypted_access_token')
      .where('id', '=', rows[1]!.id).executeTakeFirstOrThrow()
    expect(again.encrypted_access_token?.reveal() ?? null).toBe(expected.get(rows[1]!.id))
  })
})
