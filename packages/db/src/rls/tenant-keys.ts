import { sql, type Kysely } from 'kysely'
import type { ConfigurationIssue } from '../errors/configuration-error'
import { checkIdentifier, checkTableName, derivedName } from './identifiers'
import { runStatements, type Statement } from './run-statements'
import {
  assertObject,
  checkTenantTable,
  throwIssues,
  type ResolvedTenantTable,
  type TenantTableOptions,
} from './tenant-table-options'
import { quoteColumn, quoteName, quoteQualified } from './sql-names'

/** Options of `addTenantUniqueKey` and `dropTenantUniqueKey`. */
export interface TenantUniqueKeyOptions extends TenantTableOptions {
  /**
   * Column made unique per tenant: the key is `(tenant_id, <column>)`.
   * @default 'id'
   */
  readonly column?: string
  /**
   * Name of the constraint.
   * @default '<table>_tenant_<column>_key'
   */
  readonly constraintName?: string
}

/** What happens to referencing rows when the referenced row is deleted. */
export type TenantForeignKeyAction = 'no action' | 'restrict' | 'cascade' | 'set null'

/** Options of `addTenantForeignKey` and `dropTenantForeignKey`. */
export interface TenantForeignKeyOptions extends TenantTableOptions {
  /**
   * Referencing column of `table`, for example `customer_id`.
   * @example 'customer_id'
   */
  readonly column: string
  /**
   * Referenced tenant table, as `'customers'` or `'schema.customers'`; it
   * needs a unique key on `(tenant_id, <referencedColumn>)`.
   * @example 'customers'
   */
  readonly references: string
  /**
   * Referenced column.
   * @default 'id'
   */
  readonly referencedColumn?: string
  /**
   * Name of the constraint.
   * @default '<table>_<column>_tenant_fkey'
   */
  readonly constraintName?: string
  /**
   * `ON DELETE` action. `'set null'` clears only `column`, never the
   * tenant column.
   * @default 'no action'
   */
  readonly onDelete?: TenantForeignKeyAction
}

/**
 * Adds `unique (tenant_id, <column>)`, the key composite foreign keys point
 * at. Uniqueness and foreign-key checks ignore row-level security, so keys
 * that include the tenant column keep one tenant from probing or linking
 * to another tenant's rows.
 *
 * @example
 * await addTenantUniqueKey(db, { table: 'customers' }) // (tenant_id, id)
 */
export async function addTenantUniqueKey<DB>(
  db: Kysely<DB>,
  options: TenantUniqueKeyOptions,
): Promise<void> {
  const key = resolveUniqueKey('addTenantUniqueKey', options)
  await runStatements(db, [addUniqueKeyStatement(key.table, key.column, key.name)])
}

/**
 * Undoes `addTenantUniqueKey`.
 *
 * @example
 * await dropTenantUniqueKey(db, { table: 'customers' })
 */
export async function dropTenantUniqueKey<DB>(
  db: Kysely<DB>,
  options: TenantUniqueKeyOptions,
): Promise<void> {
  const key = resolveUniqueKey('dropTenantUniqueKey', options)
  await runStatements(db, [dropConstraintStatement(key.table, key.name)])
}

/**
 * Adds `foreign key (tenant_id, <column>) references <references>
 * (tenant_id, <referencedColumn>)`: a row can only point at a row of its
 * own tenant.
 *
 * @example
 * await addTenantForeignKey(db, {
 *   table: 'orders', column: 'customer_id', references: 'customers',
 * })
 */
export async function addTenantForeignKey<DB>(
  db: Kysely<DB>,
  options: TenantForeignKeyOptions,
): Promise<void> {
  const key = resolveForeignKey('addTenantForeignKey', options)
  const { table, column, target, targetColumn } = key
  const onDelete = onDeleteClause(key.onDelete, column)
  await runStatements(db, [
    sql`alter table ${quoteQualified(table.schema, table.table)}
      add constraint ${quoteName(key.name)}
      foreign key (${quoteColumn(table.column)}, ${quoteColumn(column)})
      references ${quoteQualified(target.schema, target.name)}
        (${quoteColumn(table.column)}, ${quoteColumn(targetColumn)})
      on delete ${onDelete}`,
  ])
}

/**
 * Undoes `addTenantForeignKey`.
 *
 * @example
 * await dropTenantForeignKey(db, {
 *   table: 'orders', column: 'customer_id', references: 'customers',
 * })
 */
export async function dropTenantForeignKey<DB>(
  db: Kysely<DB>,
  options: TenantForeignKeyOptions,
): Promise<void> {
  const key = resolveForeignKey('dropTenantForeignKey', options)
  await runStatements(db, [dropConstraintStatement(key.table, key.name)])
}

/** `alter table ... add constraint ... unique (tenant_id, <column>)`. */
export function addUniqueKeyStatement(
  table: ResolvedTenantTable,
  column: string,
  name: string,
): Statement {
  return sql`alter table ${quoteQualified(table.schema, table.table)}
    add constraint ${quoteName(name)} unique (${quoteColumn(table.column)}, ${quoteColumn(column)})`
}

function dropConstraintStatement(table: ResolvedTenantTable, name: string): Statement {
  const id = quoteQualified(table.schema, table.table)
  return sql`alter table ${id} drop constraint ${quoteName(name)}`
}

function onDeleteClause(action: TenantForeignKeyAction, column: string): Statement {
  switch (action) {
    case 'restrict':
      return sql`restrict`
    case 'cascade':
      return sql`cascade`
    case 'set null':
      return sql`set null (${quoteColumn(column)})`
    default:
      return sql`no action`
  }
}

function resolveUniqueKey(where: string, options: TenantUniqueKeyOptions) {
  const issues: ConfigurationIssue[] = []
  const table = checkTenantTable(assertObject(where, options), issues)
  const column = checkIdentifier(options.column ?? 'id', 'column', issues)
  const defaultKey = derivedName(table.table, 'tenant', column, 'key')
  const name = checkIdentifier(options.constraintName ?? defaultKey, 'constraintName', issues)
  throwIssues(where, issues)
  return { table, column, name }
}

const ACTIONS: readonly string[] = ['no action', 'restrict', 'cascade', 'set null']

function resolveForeignKey(where: string, options: TenantForeignKeyOptions) {
  const issues: ConfigurationIssue[] = []
  const table = checkTenantTable(assertObject(where, options), issues)
  const column = checkIdentifier(options.column, 'column', issues)
  const target = checkTableName(options.references, table.schema, 'references', issues)
  const targetColumn = checkIdentifier(options.referencedColumn ?? 'id', 'referencedColumn', issues)
  const defaultKey = derivedName(table.table, column, 'tenant_fkey')
  const name = checkIdentifier(options.constraintName ?? defaultKey, 'constraintName', issues)
  const onDelete = options.onDelete ?? 'no action'
  if (!ACTIONS.includes(onDelete)) {
    issues.push({ path: 'onDelete', message: `must be one of ${ACTIONS.join(', ')}` })
  }
  throwIssues(where, issues)
  return { table, column, target, targetColumn, name, onDelete }
}
