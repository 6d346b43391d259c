import { sql } from 'kysely'
import { enableRlsStatements, forceRlsStatement } from '../../rls/row-level-security'
import { createIndexStatement } from '../../rls/tenant-index'
import type { AuditFinding } from '../audit-types'
import type { TenantTableRow } from '../catalog/tenant-tables'
import {
  displayName,
  finding,
  partitionNote,
  resolvedTable,
  type AuditContext,
} from './audit-context'
import { castType, quoteColumn, quoteQualified } from '../../rls/sql-names'

/**
 * Checks each tenant table on its own: tenant column, row-level security
 * enabled and forced, an index leading with the tenant column, and no
 * privileges granted to PUBLIC.
 */
export function checkTables(context: AuditContext): AuditFinding[] {
  return context.tables.flatMap((row) => checkTable(context, row))
}

function checkTable(context: AuditContext, row: TenantTableRow): AuditFinding[] {
  const name = displayName(row)
  const table = resolvedTable(context, row)
  const column = context.options.tenant.column
  const note = partitionNote(row)
  const found: AuditFinding[] = []

  if (row.tenantAttnum === null) {
    found.push(finding('tenant-column-missing', 'table', name,
      `${name} is listed as a tenant table but has no column ${column}, so no ` +
        'tenant policy or tenant key can refer to it.',
      '-- add the tenant column, backfill it, then make it not null:\n' +
        context.render(() => [sql`alter table ${quoteQualified(row.schema, row.name)}
          add column ${quoteColumn(column)} ${castType(table.castType)}`]),
      name))
  }
  if (!row.rls) {
    found.push(finding('rls-disabled', 'table', name,
      `Row-level security is disabled on ${name}: its policies are ignored and ` +
        `every role with a grant reads and writes all tenants' rows.${note}`,
      context.render(() => enableRlsStatements(table)), name))
  }
  if (row.rls && !row.forced) {
    found.push(finding('rls-not-forced', 'table', name,
      `Row-level security on ${name} is not forced: its owner (${row.owner}) ` +
        `skips every policy.${note}`,
      context.render(() => [forceRlsStatement(table)]), name))
  }
  if (row.tenantAttnum !== null && !row.hasTenantIndex) {
    found.push(finding('tenant-index-missing', 'table', name,
      `No index on ${name} starts with ${column}: every statement filtered ` +
        'by the tenant policy reads the rows of all tenants.',
      context.render(() => [createIndexStatement(table)]), name))
  }
  if (row.publicPrivileges.length > 0) {
    found.push(finding('public-grant', 'table', name,
      `PUBLIC holds ${row.publicPrivileges.join(', ')} on ${name}: every role, ` +
        'including ones created later, gets these privileges.',
      context.render(() => [
        sql`revoke all on table ${quoteQualified(row.schema, row.name)} from public`,
      ]),
      name))
  }
  return found
}
