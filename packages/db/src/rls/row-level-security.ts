import { sql, type Kysely } from 'kysely'
import { runStatements, type Statement } from './run-statements'
import {
  resolveTenantTable,
  type ResolvedTenantTable,
  type TenantTableOptions,
} from './tenant-table-options'
import { quoteQualified } from './sql-names'

/** Options of `enableRowLevelSecurity` and `disableRowLevelSecurity`. */
export type RowLevelSecurityOptions = Pick<TenantTableOptions, 'table' | 'schema'>

/**
 * Enables row-level security on a table and FORCEs it, so the table's owner
 * is bound by the policies too (only superusers and BYPASSRLS roles skip
 * them). Undo with `disableRowLevelSecurity`.
 *
 * @example
 * export async function up(db: Kysely<any>) {
 *   await enableRowLevelSecurity(db, { table: 'orders' })
 * }
 */
export async function enableRowLevelSecurity<DB>(
  db: Kysely<DB>,
  options: RowLevelSecurityOptions,
): Promise<void> {
  const table = resolveTenantTable('enableRowLevelSecurity', options)
  await runStatements(db, enableRlsStatements(table))
}

/**
 * Undoes `enableRowLevelSecurity`: drops FORCE, then disables row-level
 * security. Policies stay in place (drop them with `dropTenantPolicy`).
 *
 * @example
 * export async function down(db: Kysely<any>) {
 *   await disableRowLevelSecurity(db, { table: 'orders' })
 * }
 */
export async function disableRowLevelSecurity<DB>(
  db: Kysely<DB>,
  options: RowLevelSecurityOptions,
): Promise<void> {
  const table = resolveTenantTable('disableRowLevelSecurity', options)
  const id = quoteQualified(table.schema, table.table)
  await runStatements(db, [
    sql`alter table ${id} no force row level security`,
    sql`alter table ${id} disable row level security`,
  ])
}

/** `enable` and `force` row-level security statements for one table. */
export function enableRlsStatements(table: ResolvedTenantTable): Statement[] {
  return [enableRlsStatement(table), forceRlsStatement(table)]
}

/** `alter table ... enable row level security`. */
export function enableRlsStatement(table: ResolvedTenantTable): Statement {
  return sql`alter table ${quoteQualified(table.schema, table.table)} enable row level security`
}

/** `alter table ... force row level security`. */
export function forceRlsStatement(table: ResolvedTenantTable): Statement {
  return sql`alter table ${quoteQualified(table.schema, table.table)} force row level security`
}
