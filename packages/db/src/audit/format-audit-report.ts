import type { AuditReport } from './audit-types'
import { AUDIT_SEVERITIES } from './finding-codes'

/**
 * Renders a report for a terminal: a summary line, then each finding with
 * its severity, code, object, explanation and fix.
 *
 * @example
 * process.stdout.write(formatAuditReport(report))
 */
export function formatAuditReport(report: AuditReport): string {
  const { findings, tenantTables, role } = report
  const tables = `${tenantTables.length} tenant table${tenantTables.length === 1 ? '' : 's'}`
  if (findings.length === 0) {
    return `tenantkit audit: no findings (${tables}, runtime role ${role})\n`
  }
  const counts = AUDIT_SEVERITIES.map((s) => ({
    severity: s,
    count: findings.filter((f) => f.severity === s).length,
  }))
    .filter((c) => c.count > 0)
    .map((c) => `${c.count} ${c.severity}`)
    .join(', ')
  const lines = [
    `tenantkit audit: ${findings.length} finding${findings.length === 1 ? '' : 's'} ` +
      `(${counts}) on ${tables}, runtime role ${role}`,
  ]
  for (const f of findings) {
    lines.push(
      '',
      `${f.severity.toUpperCase()} ${f.code} ${f.object}`,
      `  ${f.message}`,
      '  fix:',
      ...f.fix.split('\n').map((l) => `    ${l.trim()}`),
    )
  }
  return `${lines.join('\n')}\n`
}
