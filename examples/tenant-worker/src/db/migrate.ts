import { createRuntimeRole, grantTenantAccess } from '@tenantkit/db'
import { Migrator, sql, type Kysely } from 'kysely'
import { integrationActivity } from './migrations/001-integration-activity'
import { WORKER_TENANT_TABLES } from './schema'

/** Options of {@link migrateWorkerDatabase}. */
export interface WorkerMigrateOptions {
  /** The role the worker runs as. */
  readonly runtimeRole: string
  /**
   * Create the role (LOGIN, NOSUPERUSER, NOBYPASSRLS) when missing.
   * @default false
   */
  readonly createRole?: boolean
  /** Password of a role created here. @default undefined */
  readonly runtimePassword?: string
}

/**
 * Migrates the worker's tables through the owner connection, in a
 * migration table of its own so it can share a database with the
 * service, then grants the runtime role least privilege.
 *
 * @example
 * await migrateWorkerDatabase(owner, { runtimeRole: 'tenant_worker_runtime' })
 */
export async function migrateWorkerDatabase(
  owner: Kysely<unknown>,
  options: WorkerMigrateOptions,
): Promise<readonly string[]> {
  const migrator = new Migrator({
    db: owner,
    migrationTableName: 'tenant_worker_migrations',
    migrationLockTableName: 'tenant_worker_migrations_lock',
    provider: {
      getMigrations: async () => ({
        '001-integration-activity': integrationActivity,
      }),
    },
  })
  const { error, results = [] } = await migrator.migrateToLatest()
  if (error !== undefined) {
    throw new Error('A worker migration failed; fix it and migrate again.',
      { cause: error })
  }
  if (options.createRole === true) {
    const { rows } = await sql`select 1 from pg_catalog.pg_roles
      where rolname = ${options.runtimeRole}`.execute(owner)
    if (rows.length === 0) {
      await createRuntimeRole(owner, {
        role: options.runtimeRole,
        ...(options.runtimePassword === undefined
          ? {}
          : { password: options.runtimePassword }),
      })
    }
  }
  await grantTenantAccess(owner, {
    role: options.runtimeRole,
    tables: WORKER_TENANT_TABLES,
  })
  return results.map((r) => r.migrationName)
}
