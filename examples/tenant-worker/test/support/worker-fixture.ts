import { createDatabase, type TenantDatabase } from '@tenantkit/db'
import { afterAll, beforeAll, inject } from 'vitest'
import { WORKER_TENANT_TABLES, type WorkerDatabase } from '../../src/db/schema'
import { createWorkerDatabase, type WorkerTestDatabase } from './worker-database'

/** What a worker test file gets: its own database and the app's factory. */
export interface WorkerFixture {
  /** The migrated database of this file, with its owner pool. */
  readonly database: WorkerTestDatabase
  /** The tenant-aware factory, logged in as the runtime role. */
  readonly db: TenantDatabase<WorkerDatabase>
}

/**
 * Registers the file's setup and teardown: a fresh migrated database and a
 * runtime role, and `createDatabase` over it as the worker uses it. Read the
 * fields inside tests, once `beforeAll` has run.
 */
export function useWorkerFixture(): WorkerFixture {
  let database: WorkerTestDatabase | undefined
  let db: TenantDatabase<WorkerDatabase> | undefined
  beforeAll(async () => {
    database = await createWorkerDatabase(inject('tenantkitPostgresUrl'))
    db = createDatabase<WorkerDatabase>({
      url: database.runtimeUrl, tenantTables: WORKER_TENANT_TABLES,
    })
  })
  afterAll(async () => {
    await db?.close()
    await database?.drop()
  })
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useWorkerFixture: read it inside a test')
    return value
  }
  return {
    get database() { return ready(database) },
    get db() { return ready(db) },
  }
}
