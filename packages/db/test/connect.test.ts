import { createTestDatabase, type TestDatabase } from '@tenantkit/testing'
import pg from 'pg'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'

let database: TestDatabase

beforeAll(async () => {
  database = await createTestDatabase(inject('tenantkitPostgresUrl'), { prefix: 'db_connect' })
})
afterAll(() => database.drop())

test('the provisioned database is a real, fresh PostgreSQL database', async () => {
  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  try {
    const { rows } = await client.query<{ db: string; tables: string }>(
      `select current_database() as db,
              (select count(*) from pg_tables where schemaname = 'public') as tables`,
    )
    expect(rows).toEqual([{ db: database.name, tables: '0' }])
  } finally {
    await client.end()
  }
})
