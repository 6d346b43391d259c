import { sql, type Kysely } from 'kysely'
import type { ConfigurationIssue } from '../errors/configuration-error'
import { checkIdentifier } from './identifiers'
import { runStatements, type Statement } from './run-statements'
import {
  assertObject,
  checkTenantTable,
  defaultName,
  throwIssues,
  type ResolvedTenantTable,
  type TenantTableOptions,
} from './tenant-table-options'
import { quoteColumn, quoteName, quoteQualified } from './sql-names'

/** Options of `createTenantIndex` and `dropTenantIndex`. */
export interface TenantIndexOptions extends TenantTableOptions {
  /**
   * Name of the index.
   * @default '<table>_tenant_idx'
   */
  readonly indexName?: string
}

/**
 * Indexes the tenant column, so the policy's `tenant_id = ...` filter is an
 * index scan instead of reading every tenant's rows.
 *
 * @example
 * await createTenantIndex(db, { table: 'orders' })
 */
export async function createTenantIndex<DB>(
  db: Kysely<DB>,
  options: TenantIndexOptions,
): Promise<void> {
  const { table, indexName } = resolveIndex('createTenantIndex', options)
  await runStatements(db, [createIndexStatement(table, indexName)])
}

/**
 * Undoes `createTenantIndex`.
 *
 * @example
 * await dropTenantIndex(db, { table: 'orders' })
 */
export async function dropTenantIndex<DB>(
  db: Kysely<DB>,
  options: TenantIndexOptions,
): Promise<void> {
  const { table, indexName } = resolveIndex('dropTenantIndex', options)
  await runStatements(db, [sql`drop index ${quoteQualified(table.schema, indexName)}`])
}

/**
 * Whether a valid, non-partial index of the table already starts with its
 * tenant column (a `(tenant_id, id)` primary key, a tenant-scoped unique
 * key): it serves the policy's filter, and another index would only cost
 * writes and planning.
 */
export async function hasLeadingTenantIndex<DB>(
  db: Kysely<DB>,
  options: TenantIndexOptions,
): Promise<boolean> {
  const { table } = resolveIndex('hasLeadingTenantIndex', options)
  const { rows } = await sql<{ covered: boolean }>`
    select exists (
      select 1 from pg_index i
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
      where i.indrelid = to_regclass(format('%I.%I', ${table.schema}::text, ${table.table}::text))
        and a.attname = ${table.column} and i.indisvalid and i.indpred is null
    ) as covered`.execute(db)
  return rows[0]?.covered === true
}

/** `drop index if exists`: undoes an index that may have been skipped. */
export async function dropTenantIndexIfExists<DB>(
  db: Kysely<DB>,
  options: TenantIndexOptions,
): Promise<void> {
  const { table, indexName } = resolveIndex('dropTenantIndex', options)
  await runStatements(db, [
    sql`drop index if exists ${quoteQualified(table.schema, indexName)}`,
  ])
}

/** `create index ... on ... (tenant_id)`. */
export function createIndexStatement(
  table: ResolvedTenantTable,
  indexName: string = defaultIndexName(table),
): Statement {
  const on = quoteQualified(table.schema, table.table)
  return sql`create index ${quoteName(indexName)} on ${on} (${quoteColumn(table.column)})`
}

/** The index name used when none is given: `<table>_tenant_idx`. */
export function defaultIndexName(table: ResolvedTenantTable): string {
  return defaultName(table, 'tenant_idx')
}

function resolveIndex(
  where: string,
  options: TenantIndexOptions,
): { table: ResolvedTenantTable; indexName: string } {
  const issues: ConfigurationIssue[] = []
  const table = checkTenantTable(assertObject(where, options), issues)
  const name = options.indexName ?? defaultIndexName(table)
  const indexName = checkIdentifier(name, 'indexName', issues)
  throwIssues(where, issues)
  return { table, indexName }
}
