import {
  createRuntimeRole,
  grantTenantAccess,
  type RuntimeRoleOptions,
} from '@tenantkit/db'
import { Migrator, sql, type Kysely } from 'kysely'
import { migrationProvider } from './migrations/index'
import { TENANT_TABLES } from './schema'

/** Options of {@link migrateDatabase}. */
export interface MigrateOptions {
  /**
   * The least-privilege role the service runs as; it is granted
   * SELECT/INSERT/UPDATE/DELETE on the tenant tables, nothing more.
   * @example 'integrations_runtime'
   */
  readonly runtimeRole: string
  /**
   * Create the runtime role when it does not exist yet (needs CREATEROLE).
   * @default false
   */
  readonly createRole?: boolean
  /**
   * Login password for a role created here; stored only as a SCRAM hash.
   * @default undefined (no password)
   */
  readonly runtimePassword?: string
}

/** What {@link migrateDatabase} did. */
export interface MigrateResult {
  /** Migrations applied by this run, in order (empty when up to date). */
  readonly applied: readonly string[]
  /** Whether the runtime role was created by this run. */
  readonly createdRole: boolean
}

/**
 * Brings the schema up to date through the OWNER connection (the service
 * itself never could: its role owns nothing), then grants the runtime role
 * exactly what the service needs. Safe to run again.
 *
 * @example
 * await migrateDatabase(ownerDb, { runtimeRole: 'integrations_runtime' })
 */
export async function migrateDatabase(
  owner: Kysely<unknown>,
  options: MigrateOptions,
): Promise<MigrateResult> {
  const migrator = new Migrator({ db: owner, provider: migrationProvider })
  const { error, results = [] } = await migrator.migrateToLatest()
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName
    throw new Error(
      `Migration ${failed ?? '(unknown)'} failed; nothing after it ran. ` +
        'Fix the migration or the database, then run migrate again.',
      { cause: error },
    )
  }

  let createdRole = false
  if (options.createRole === true && !(await roleExists(owner, options))) {
    const role: RuntimeRoleOptions = options.runtimePassword === undefined
      ? { role: options.runtimeRole }
      : { role: options.runtimeRole, password: options.runtimePassword }
    await createRuntimeRole(owner, role)
    createdRole = true
  }
  await grantTenantAccess(owner, {
    role: options.runtimeRole,
    tables: TENANT_TABLES,
  })
  return {
    applied: results.map((r) => r.migrationName),
    createdRole,
  }
}

async function roleExists(
  owner: Kysely<unknown>,
  options: MigrateOptions,
): Promise<boolean> {
  const { rows } = await sql<{ found: number }>`
    select 1 as found from pg_catalog.pg_roles
    where rolname = ${options.runtimeRole}`.execute(owner)
  return rows.length > 0
}
