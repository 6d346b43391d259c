import { randomBytes } from 'node:crypto'
import { createTestDatabase } from '@tenantkit/testing'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { migrateWorkerDatabase } from '../../src/db/migrate'

/** A migrated database and a runtime role of this test file's own. */
export interface WorkerTestDatabase {
  readonly runtimeUrl: string
  readonly runtimeRole: string
  /** Superuser URL of this database (migrations). */
  readonly ownerUrl: string
  /** Superuser pool on the database: seeds and ground truth. */
  readonly ownerPool: pg.Pool
  readonly owner: Kysely<unknown>
  drop(): Promise<void>
}

/** Creates, migrates and (on `drop`) removes a database and its role. */
export async function createWorkerDatabase(serverUrl: string): Promise<WorkerTestDatabase> {
  const database = await createTestDatabase(serverUrl, { prefix: 'worker' })
  const runtimeRole = `tk_worker_${randomBytes(5).toString('hex')}`
  const password = randomBytes(18).toString('base64url')
  const ownerPool = new pg.Pool({ connectionString: database.url, max: 2 })
  // A forced drop terminates sessions still closing: expected, not a failure.
  ownerPool.on('error', () => {})
  ownerPool.on('connect', (client) => client.on('error', () => {}))
  const owner = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: ownerPool }) })
  await migrateWorkerDatabase(owner, { runtimeRole, createRole: true, runtimePassword: password })

  const runtime = new URL(database.url)
  runtime.username = runtimeRole
  runtime.password = password
  return {
    runtimeUrl: runtime.toString(),
    runtimeRole,
    ownerUrl: database.url,
    ownerPool,
    owner,
    drop: async () => {
      await owner.destroy()
      await database.drop()
      const admin = new Kysely<unknown>({
        dialect: new PostgresDialect({
          pool: new pg.Pool({ connectionString: serverUrl, max: 1 }),
        }),
      })
      await sql`drop role if exists ${sql.id(runtimeRole)}`.execute(admin)
      await admin.destroy()
    },
  }
}
