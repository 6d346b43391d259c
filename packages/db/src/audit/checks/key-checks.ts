import { sql } from 'kysely'
import { type Statement } from '../../rls/run-statements'
import type { AuditFinding } from '../audit-types'
import type { ForeignKeyRow, UniqueIndexRow } from '../catalog/keys'
import type { TenantTableRow } from '../catalog/tenant-tables'
import { displayName, finding, type AuditContext } from './audit-context'
import { quoteColumns, quoteName, quoteQualified } from '../../rls/sql-names'

/**
 * Checks keys, whose checks run without row-level security: a unique key
 * without the tenant column tells one tenant that another already has a
 * value, and a foreign key without it lets a row point at (and probe for)
 * another tenant's row.
 */
export function checkKeys(
  context: AuditContext,
  uniques: readonly UniqueIndexRow[],
  foreignKeys: readonly ForeignKeyRow[],
): AuditFinding[] {
  return [
    ...uniques.flatMap((u) => checkUnique(context, u)),
    ...foreignKeys.flatMap((fk) => checkForeignKey(context, fk, uniques)),
  ]
}

function checkUnique(context: AuditContext, index: UniqueIndexRow): AuditFinding[] {
  const table = context.byOid.get(index.tableOid)
  if (table === undefined || table.tenantAttnum === null) return []
  if (index.keys.includes(table.tenantAttnum)) return []
  if (index.primary && !context.options.includePrimaryKeys) return []

  const name = displayName(table)
  const column = context.options.tenant.column
  const plain = !index.partial && index.columns.every((c) => c !== null)
  const columns = [column, ...index.columns.filter((c): c is string => c !== null)]
  const byConstraint = index.constraintName !== null
  const object = byConstraint
    ? `${name}.${index.constraintName}`
    : `${index.schema}.${index.name}`
  const fix = plain
    ? context.render(() => uniqueFix(table, index, columns))
    : `-- recreate ${index.schema}.${index.name} with ${column} as its first key column`
  return [finding('unique-without-tenant', byConstraint ? 'constraint' : 'index', object,
    `Unique ${byConstraint ? 'constraint' : 'index'} ${object} on ${name} does not ` +
      `include ${column}: inserting a value another tenant already uses fails, ` +
      'which tells the caller that the value exists.',
    fix, name)]
}

function uniqueFix(
  table: TenantTableRow,
  index: UniqueIndexRow,
  columns: readonly string[],
): Statement[] {
  const id = quoteQualified(table.schema, table.name)
  const list = quoteColumns(columns)
  if (index.constraintName === null) {
    return [
      sql`drop index ${quoteQualified(index.schema, index.name)}`,
      sql`create unique index ${quoteName(index.name)} on ${id} (${list})`,
    ]
  }
  const constraint = quoteName(index.constraintName)
  const kind = index.primary ? sql`primary key` : sql`unique`
  return [
    sql`alter table ${id} drop constraint ${constraint}`,
    sql`alter table ${id} add constraint ${constraint} ${kind} (${list})`,
  ]
}

function checkForeignKey(
  context: AuditContext,
  fk: ForeignKeyRow,
  uniques: readonly UniqueIndexRow[],
): AuditFinding[] {
  const target = context.byOid.get(fk.refOid)
  if (target === undefined || target.tenantAttnum === null) return []
  const at = fk.refKeys.indexOf(target.tenantAttnum)
  if (at >= 0 && fk.tenantAttnum !== null && fk.keys[at] === fk.tenantAttnum) return []

  const referencing = `${fk.schema}.${fk.table}`
  const object = `${referencing}.${fk.name}`
  const column = context.options.tenant.column
  const reason =
    fk.tenantAttnum === null
      ? `${referencing} has no ${column} column to match`
      : `its columns (${fk.columns.join(', ')}) do not pair ${column} with ${column}`
  return [finding('foreign-key-without-tenant', 'constraint', object,
    `Foreign key ${object} references tenant table ${displayName(target)} but ` +
      `${reason}: a row can point at, and so probe for, another tenant's row.`,
    foreignKeyFix(context, fk, target, uniques), displayName(target))]
}

function foreignKeyFix(
  context: AuditContext,
  fk: ForeignKeyRow,
  target: TenantTableRow,
  uniques: readonly UniqueIndexRow[],
): string {
  const column = context.options.tenant.column
  const prefix = fk.tenantAttnum === null ? `-- first add ${column} to ${fk.table}\n` : ''
  return prefix + context.render(() => foreignKeyStatements(fk, target, uniques, column))
}

function foreignKeyStatements(
  fk: ForeignKeyRow,
  target: TenantTableRow,
  uniques: readonly UniqueIndexRow[],
  column: string,
): Statement[] {
  const refColumns = [column, ...fk.refColumns.filter((c) => c !== column)]
  const columns = [column, ...fk.columns.filter((c) => c !== column)]
  const statements: Statement[] = []
  const targetId = quoteQualified(target.schema, target.name)
  const refList = quoteColumns(refColumns)
  if (!hasUniqueOn(uniques, target, refColumns)) {
    const key = `${target.name}_tenant_${fk.refColumns.join('_')}_key`.slice(0, 63)
    statements.push(
      sql`alter table ${targetId} add constraint ${quoteName(key)} unique (${refList})`,
    )
  }
  const id = quoteQualified(fk.schema, fk.table)
  statements.push(
    sql`alter table ${id} drop constraint ${quoteName(fk.name)}`,
    sql`alter table ${id} add constraint ${quoteName(fk.name)}
      foreign key (${quoteColumns(columns)})
      references ${targetId} (${refList})`,
  )
  return statements
}

function hasUniqueOn(
  uniques: readonly UniqueIndexRow[],
  table: TenantTableRow,
  columns: readonly string[],
): boolean {
  const wanted = [...columns].sort().join(',')
  return uniques.some(
    (u) =>
      u.tableOid === table.oid &&
      !u.partial &&
      [...u.columns].sort().join(',') === wanted,
  )
}
