import { sql, type Kysely } from 'kysely'
import type { ConfigurationIssue } from '../errors/configuration-error'
import { checkIdentifier } from './identifiers'
import { runStatements, type Statement } from './run-statements'
import { isHashablePassword, scramSha256Verifier } from './scram-verifier'
import { assertObject, throwIssues } from './tenant-table-options'
import { integerLiteral, quoteName } from './sql-names'

/** Options of `createRuntimeRole`. */
export interface RuntimeRoleOptions {
  /**
   * Name of the role the application logs in as.
   * @example 'app_runtime'
   */
  readonly role: string
  /**
   * Login password (printable ASCII). It is hashed here into a
   * SCRAM-SHA-256 verifier, so the password itself never appears in a
   * statement, a log or an error.
   * @default undefined (no password: log in through another method)
   */
  readonly password?: string
  /**
   * Most connections the role may hold at once.
   * @default -1 (no limit)
   */
  readonly connectionLimit?: number
}

/** Options of `dropRuntimeRole`. */
export interface DropRuntimeRoleOptions {
  /**
   * Name of the role to drop.
   * @example 'app_runtime'
   */
  readonly role: string
}

/**
 * Creates the least-privilege role the application runs as: it can log in
 * and nothing else (NOSUPERUSER, NOBYPASSRLS, NOCREATEDB, NOCREATEROLE,
 * NOREPLICATION) and owns nothing, so every tenant policy binds it. Grant
 * it table access with `grantTenantAccess`. Needs CREATEROLE.
 *
 * @example
 * await createRuntimeRole(db, { role: 'app_runtime', password: env.DB_PASSWORD })
 */
export async function createRuntimeRole<DB>(
  db: Kysely<DB>,
  options: RuntimeRoleOptions,
): Promise<void> {
  const where = 'createRuntimeRole'
  const issues: ConfigurationIssue[] = []
  const role = checkIdentifier(assertObject(where, options).role, 'role', issues)
  const { password, connectionLimit = -1 } = options
  if (password !== undefined && !isHashablePassword(password)) {
    issues.push({
      path: 'password',
      message: 'must be 1 to 1024 printable ASCII characters (the value is not shown)',
    })
  }
  if (!Number.isSafeInteger(connectionLimit) || connectionLimit < -1) {
    issues.push({ path: 'connectionLimit', message: 'must be an integer >= -1' })
  }
  throwIssues(where, issues)

  const create = async (trx: Kysely<DB>): Promise<void> => {
    await createRoleStatement(role, connectionLimit).execute(trx)
    if (password !== undefined) await setPassword(trx, role, password)
  }
  // The role and its password land together or not at all.
  if (db.isTransaction || password === undefined) await create(db)
  else await db.transaction().execute(create)
}

/**
 * Undoes `createRuntimeRole`: revokes what the role was granted in this
 * database (`drop owned by`), then drops it. A migration role that is not
 * a superuser (CREATEROLE only) first grants itself the role, which
 * `drop owned by` requires; the membership goes with the role. A role
 * granted access in other databases must be cleared there first.
 *
 * @example
 * await dropRuntimeRole(db, { role: 'app_runtime' })
 */
export async function dropRuntimeRole<DB>(
  db: Kysely<DB>,
  options: DropRuntimeRoleOptions,
): Promise<void> {
  const where = 'dropRuntimeRole'
  const issues: ConfigurationIssue[] = []
  const role = checkIdentifier(assertObject(where, options).role, 'role', issues)
  throwIssues(where, issues)

  const drop = async (trx: Kysely<DB>): Promise<void> => {
    const id = quoteName(role)
    const { rows } = await sql<{ held: boolean }>`
      select pg_has_role(current_user, ${role}, 'USAGE') as held`.execute(trx)
    if (rows[0]?.held !== true) await sql`grant ${id} to current_user`.execute(trx)
    await runStatements(trx, [sql`drop owned by ${id}`, sql`drop role ${id}`])
  }
  if (db.isTransaction) await drop(db)
  else await db.transaction().execute(drop)
}

/** `create role ... login nosuperuser nobypassrls ...`. */
export function createRoleStatement(role: string, connectionLimit: number = -1): Statement {
  return sql`create role ${quoteName(role)} with login nosuperuser nobypassrls
    nocreatedb nocreaterole noreplication inherit
    connection limit ${integerLiteral(connectionLimit)}`
}

/**
 * Sets the password as a SCRAM verifier. DDL takes no bound parameters,
 * so the verifier travels as one into a transaction-local setting and a
 * DO block quotes it server-side with `format('%L')`: no statement text,
 * log line or error ever holds it. Runs inside a transaction.
 */
async function setPassword<DB>(trx: Kysely<DB>, role: string, password: string): Promise<void> {
  const verifier = scramSha256Verifier(password)
  await sql`select set_config('tenantkit.role_name', ${role}, true),
    set_config('tenantkit.role_verifier', ${verifier}, true)`.execute(trx)
  await sql`do $$ begin
    execute format('alter role %I password %L',
      current_setting('tenantkit.role_name'), current_setting('tenantkit.role_verifier'));
  end $$`.execute(trx)
  await sql`select set_config('tenantkit.role_verifier', '', true)`.execute(trx)
}
