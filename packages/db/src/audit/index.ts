export { auditTenantIsolation } from './audit-tenant-isolation'
export type { AuditOptions } from './audit-options'
export type { AuditFinding, AuditObjectKind, AuditReport } from './audit-types'
export {
  AUDIT_FINDING_CODES,
  AUDIT_SEVERITIES,
  type AuditFindingCode,
  type AuditFindingCodeInfo,
  type AuditSeverity,
} from './finding-codes'
export { formatAuditReport } from './format-audit-report'
