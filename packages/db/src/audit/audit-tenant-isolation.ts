import type { Kysely } from 'kysely'
import { ConfigurationError } from '../errors/configuration-error'
import { renderStatements, type Statement } from '../rls/run-statements'
import { UnsafeNameError } from '../rls/sql-names'
import { resolveAuditOptions, type AuditOptions } from './audit-options'
import type { AuditFinding, AuditReport } from './audit-types'
import { loadDefinerFunctions } from './catalog/functions'
import { loadForeignKeys, loadUniqueIndexes } from './catalog/keys'
import { loadPolicies } from './catalog/policies'
import { loadDangerousPrivileges, loadRoles } from './catalog/roles'
import { loadTenantTables, type TenantTableRow } from './catalog/tenant-tables'
import { loadViews } from './catalog/views'
import { displayName, type AuditContext } from './checks/audit-context'
import { checkFunctions } from './checks/function-checks'
import { checkKeys } from './checks/key-checks'
import { checkPolicies } from './checks/policy-checks'
import { checkRole } from './checks/role-checks'
import { checkTables } from './checks/table-checks'
import { checkViews } from './checks/view-checks'
import { AUDIT_SEVERITIES } from './finding-codes'

/**
 * Inspects a live database through its catalogs and reports every way
 * tenant isolation can fail, each finding with the SQL that fixes it.
 * Connect as the owner (migration) role or any role that can read the
 * catalogs; the audit only reads.
 *
 * @example
 * const report = await auditTenantIsolation(db, { role: 'app_runtime' })
 * for (const f of report.findings) log.warn(f.code, { object: f.object })
 */
export async function auditTenantIsolation<DB>(
  db: Kysely<DB>,
  options: AuditOptions,
): Promise<AuditReport> {
  const resolved = resolveAuditOptions(options)
  const tables = await loadTenantTables(db, resolved)
  assertListedTablesExist(resolved.tables, tables)

  const oids = tables.map((t) => t.oid)
  const roles = await loadRoles(db, resolved.role)
  const context: AuditContext = {
    options: resolved,
    tables,
    byOid: new Map(tables.map((t) => [t.oid, t])),
    roles,
    render: (build: () => readonly Statement[]) => renderFix(db, build),
  }
  // A superuser holds every privilege; its own finding already says so.
  const superuser = roles.some((r) => r.self && r.superuser)
  const privileges =
    roles.length > 0 && !superuser
      ? await loadDangerousPrivileges(db, resolved.role, oids)
      : []
  const uniques = await loadUniqueIndexes(db, oids)
  const findings: AuditFinding[] = [
    ...checkTables(context),
    ...checkPolicies(context, await loadPolicies(db, oids)),
    ...checkRole(context, privileges),
    ...checkViews(context, await loadViews(db, resolved.role, roles.length > 0)),
    ...checkFunctions(context, await loadDefinerFunctions(db, resolved.schemas)),
    ...checkKeys(context, uniques, await loadForeignKeys(db, oids, resolved.tenant.column)),
  ]
  return {
    role: resolved.role,
    tenantTables: tables.map(displayName),
    findings: findings.sort(compareFindings),
  }
}

function renderFix<DB>(db: Kysely<DB>, build: () => readonly Statement[]): string {
  try {
    return renderStatements(db, build())
  } catch (error) {
    if (!(error instanceof UnsafeNameError)) throw error
    return '-- a name involved is not a plain identifier: write this fix by hand'
  }
}

function assertListedTablesExist(
  listed: readonly { schema: string; name: string }[],
  found: readonly TenantTableRow[],
): void {
  const names = new Set(found.map(displayName))
  const issues = listed
    .map((t, i) => ({ name: displayName(t), i }))
    .filter(({ name }) => !names.has(name))
    .map(({ name, i }) => ({
      path: `tables[${i}]`,
      message: `no table ${name} exists (check the name and the schema)`,
    }))
  if (issues.length > 0) throw new ConfigurationError('auditTenantIsolation', issues)
}

function compareFindings(a: AuditFinding, b: AuditFinding): number {
  const rank = AUDIT_SEVERITIES.indexOf(a.severity) - AUDIT_SEVERITIES.indexOf(b.severity)
  if (rank !== 0) return rank
  return a.code.localeCompare(b.code) || a.object.localeCompare(b.object)
}
