import { randomBytes } from 'node:crypto'
import { createTestDatabase } from '@tenantkit/testing'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { migrateDatabase } from '../../src/db/migrate'

/** A migrated database of its own, with a runtime role of its own. */
export interface TestDatabase {
  /** URL that logs in as the runtime role (what the service gets). */
  readonly runtimeUrl: string
  readonly runtimeRole: string
  /** Superuser URL of this database (migrations, ground truth). */
  readonly ownerUrl: string
  /** Superuser pool: seeds and reads every row. */
  readonly ownerPool: pg.Pool
  readonly owner: Kysely<unknown>
  drop(): Promise<void>
}

/**
 * Creates a fresh database on the test server, a uniquely named runtime
 * role (roles are cluster-wide, so never a fixed name) and migrates it
 * the way `migrate` does.
 */
export async function createMigratedDatabase(
  serverUrl: string,
): Promise<TestDatabase> {
  const database = await createTestDatabase(serverUrl, { prefix: 'integ' })
  const runtimeRole = `tk_integ_${randomBytes(5).toString('hex')}`
  const password = randomBytes(18).toString('base64url')
  const ownerPool = new pg.Pool({ connectionString: database.url, max: 3 })
  // Dropping the database terminates sessions still closing; that is the
  // point of the drop, not a test failure.
  ownerPool.on('error', () => {})
  ownerPool.on('connect', (client) => client.on('error', () => {}))
  const owner = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: ownerPool }),
  })
  await migrateDatabase(owner, {
    runtimeRole,
    createRole: true,
    runtimePassword: password,
  })
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
      // The role held grants only in the dropped database: it can go now.
      const admin = kyselyOn(serverUrl)
      try {
        await sql`drop role if exists ${sql.id(runtimeRole)}`.execute(admin)
      } finally {
        await admin.destroy()
      }
    },
  }
}

function kyselyOn(url: string): Kysely<unknown> {
  const pool = new pg.Pool({ connectionString: url, max: 1 })
  return new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) })
}
