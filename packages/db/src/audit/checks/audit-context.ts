import type { ResolvedTenantTable } from '../../rls/tenant-table-options'
import type { Statement } from '../../rls/run-statements'
import type { ResolvedAuditOptions } from '../audit-options'
import type { AuditFinding, AuditObjectKind } from '../audit-types'
import { AUDIT_FINDING_CODES, type AuditFindingCode } from '../finding-codes'
import type { RoleRow } from '../catalog/roles'
import type { TenantTableRow } from '../catalog/tenant-tables'

/** What every check reads: options, tenant tables, roles, a renderer. */
export interface AuditContext {
  readonly options: ResolvedAuditOptions
  readonly tables: readonly TenantTableRow[]
  readonly byOid: ReadonlyMap<string, TenantTableRow>
  /** The runtime role and the roles it belongs to; empty when missing. */
  readonly roles: readonly RoleRow[]
  /**
   * Renders the statements `build` returns as runnable SQL text, or as a
   * comment when a name found in the catalogs cannot be quoted safely.
   */
  readonly render: (build: () => readonly Statement[]) => string
}

/** `schema.name`, unquoted, as findings show objects. */
export function displayName(row: { readonly schema: string; readonly name: string }): string {
  return `${row.schema}.${row.name}`
}

/** The tenant settings applied to one tenant table, for the builders. */
export function resolvedTable(
  context: AuditContext,
  row: { readonly schema: string; readonly name: string },
): ResolvedTenantTable {
  return { ...context.options.tenant, schema: row.schema, table: row.name }
}

/** Names of the runtime role and every role it belongs to. */
export function memberNames(context: AuditContext): ReadonlySet<string> {
  return new Set(context.roles.map((r) => r.name))
}

/** A sentence naming the parent of a partition, or nothing. */
export function partitionNote(row: TenantTableRow): string {
  if (row.parent === null) return ''
  return (
    ` It is a partition (or child) of ${row.parent}: the parent's policies ` +
    'do not apply when it is queried directly.'
  )
}

/** Builds a finding with the severity its code carries. */
export function finding(
  code: AuditFindingCode,
  kind: AuditObjectKind,
  object: string,
  message: string,
  fix: string,
  table?: string,
): AuditFinding {
  const severity = AUDIT_FINDING_CODES[code].severity
  const base = { code, severity, kind, object, message, fix }
  return table === undefined ? base : { ...base, table }
}
