import { sql, type Kysely } from 'kysely'
import type { ConfigurationIssue } from '../errors/configuration-error'
import { checkIdentifier, checkTableName, type QualifiedName } from './identifiers'
import { runStatements, type Statement } from './run-statements'
import { assertObject, DEFAULT_SCHEMA, throwIssues } from './tenant-table-options'
import { quoteName, quoteQualified } from './sql-names'

/** Options of `grantTenantAccess` and `revokeTenantAccess`. */
export interface TenantAccessOptions {
  /**
   * The runtime role to grant to.
   * @example 'app_runtime'
   */
  readonly role: string
  /**
   * Tenant tables, as `'orders'` or `'schema.orders'`.
   * @example ['customers', 'orders']
   */
  readonly tables: readonly string[]
  /**
   * Schema used for tables without a `schema.` prefix.
   * @default 'public'
   */
  readonly schema?: string
}

/**
 * Grants the runtime role exactly what an application needs: USAGE on the
 * tables' schemas, SELECT, INSERT, UPDATE and DELETE on the tables, and
 * USAGE on the sequences they own (serial and identity columns). Never
 * TRUNCATE (it skips row-level security), TRIGGER or REFERENCES.
 *
 * @example
 * await grantTenantAccess(db, { role: 'app_runtime', tables: ['orders'] })
 */
export async function grantTenantAccess<DB>(
  db: Kysely<DB>,
  options: TenantAccessOptions,
): Promise<void> {
  const { role, tables } = resolveAccess('grantTenantAccess', options)
  const to = quoteName(role)
  const statements: Statement[] = schemasOf(tables).map(
    (schema) => sql`grant usage on schema ${quoteName(schema)} to ${to}`,
  )
  statements.push(sql`grant select, insert, update, delete on table ${list(tables)} to ${to}`)
  const sequences = await ownedSequences(db, tables)
  if (sequences.length > 0) {
    statements.push(sql`grant usage on sequence ${list(sequences)} to ${to}`)
  }
  await runStatements(db, statements)
}

/**
 * Undoes `grantTenantAccess`: revokes every privilege on the tables and
 * their sequences, and USAGE on their schemas.
 *
 * @example
 * await revokeTenantAccess(db, { role: 'app_runtime', tables: ['orders'] })
 */
export async function revokeTenantAccess<DB>(
  db: Kysely<DB>,
  options: TenantAccessOptions,
): Promise<void> {
  const { role, tables } = resolveAccess('revokeTenantAccess', options)
  const from = quoteName(role)
  const statements: Statement[] = [sql`revoke all on table ${list(tables)} from ${from}`]
  const sequences = await ownedSequences(db, tables)
  if (sequences.length > 0) {
    statements.push(sql`revoke all on sequence ${list(sequences)} from ${from}`)
  }
  for (const schema of schemasOf(tables)) {
    statements.push(sql`revoke usage on schema ${quoteName(schema)} from ${from}`)
  }
  await runStatements(db, statements)
}

async function ownedSequences<DB>(
  db: Kysely<DB>,
  tables: readonly QualifiedName[],
): Promise<QualifiedName[]> {
  const { rows } = await sql<QualifiedName>`
    select sn.nspname as schema, s.relname as name
    from unnest(${tables.map((t) => t.schema)}::text[], ${tables.map((t) => t.name)}::text[])
      as wanted(schema, name)
    join pg_namespace tn on tn.nspname = wanted.schema
    join pg_class t on t.relnamespace = tn.oid and t.relname = wanted.name
    join pg_depend d on d.refclassid = 'pg_class'::regclass and d.refobjid = t.oid
      and d.classid = 'pg_class'::regclass and d.deptype in ('a', 'i')
    join pg_class s on s.oid = d.objid and s.relkind = 'S'
    join pg_namespace sn on sn.oid = s.relnamespace
    order by 1, 2`.execute(db)
  return rows
}

function list(names: readonly QualifiedName[]): Statement {
  return sql.join(names.map((n) => quoteQualified(n.schema, n.name)))
}

function schemasOf(tables: readonly QualifiedName[]): string[] {
  return [...new Set(tables.map((t) => t.schema))]
}

function resolveAccess(where: string, options: TenantAccessOptions) {
  const issues: ConfigurationIssue[] = []
  const role = checkIdentifier(assertObject(where, options).role, 'role', issues)
  const schema = checkIdentifier(options.schema ?? DEFAULT_SCHEMA, 'schema', issues)
  const tables: QualifiedName[] = []
  if (!Array.isArray(options.tables) || options.tables.length === 0) {
    issues.push({ path: 'tables', message: 'must be a non-empty array of table names' })
  } else {
    options.tables.forEach((t, i) => {
      tables.push(checkTableName(t, schema, `tables[${i}]`, issues))
    })
  }
  throwIssues(where, issues)
  return { role, tables }
}
