import { createTestDatabase, type TestDatabase } from '@tenantkit/testing'
import { Kysely, PostgresDialect, sql, type Generated } from 'kysely'
import pg from 'pg'
import type { NullableSealedColumn } from '../../src/kysely/index'

export interface CrmConnections {
  id: Generated<number>
  tenant_id: string
  provider: string
  access_token: NullableSealedColumn
  refresh_token: NullableSealedColumn
  note: string | null
}

export interface Db {
  crm_connections: CrmConnections
}

/** A fresh database with a plain Kysely over it (no plugins). */
export interface OpenedDb<Schema> {
  readonly database: TestDatabase
  readonly db: Kysely<Schema>
  readonly pool: pg.Pool
  close(): Promise<void>
}

export type TestDb = OpenedDb<Db>

/** Creates a database of this test file's own and opens a pool on it. */
export async function openTestDatabase<Schema>(
  serverUrl: string,
  prefix: string,
): Promise<OpenedDb<Schema>> {
  const database = await createTestDatabase(serverUrl, { prefix })
  const pool = new pg.Pool({ connectionString: database.url, max: 6 })
  // Dropping the database ends idle connections; that is expected here.
  pool.on('error', () => {})
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) })
  return {
    database,
    db,
    pool,
    close: async () => {
      await db.destroy()
      await database.drop()
    },
  }
}

/** A fresh database with the crm_connections table of the examples. */
export async function createCrmDatabase(serverUrl: string, prefix: string): Promise<TestDb> {
  const opened = await openTestDatabase<Db>(serverUrl, prefix)
  await sql`
    create table crm_connections (
      id serial primary key,
      tenant_id uuid not null,
      provider text not null,
      access_token text,
      refresh_token text,
      note text,
      unique (tenant_id, provider)
    )`.execute(opened.db)
  return opened
}

/** What is really stored, read without any plugin. */
export async function storedRow(
  pool: pg.Pool,
  id: number,
): Promise<{ access_token: string | null; refresh_token: string | null }> {
  const result = await pool.query(
    'select access_token, refresh_token from crm_connections where id = $1',
    [id],
  )
  return result.rows[0] as { access_token: string | null; refresh_token: string | null }
}
