/** How bad a finding is, from the worst. */
export type AuditSeverity = 'critical' | 'high' | 'medium' | 'low'

/** A stable, machine-readable finding code. */
export type AuditFindingCode =
  | 'rls-disabled'
  | 'rls-not-forced'
  | 'policy-missing'
  | 'policy-without-with-check'
  | 'policy-not-tenant-scoped'
  | 'policy-bypass'
  | 'tenant-column-missing'
  | 'tenant-index-missing'
  | 'public-grant'
  | 'runtime-role-missing'
  | 'runtime-role-superuser'
  | 'runtime-role-bypassrls'
  | 'runtime-role-createrole'
  | 'runtime-role-owns-table'
  | 'runtime-role-inherits-privileged'
  | 'runtime-role-dangerous-privilege'
  | 'view-not-security-invoker'
  | 'materialized-view-over-tenant-table'
  | 'security-definer-function'
  | 'function-mutable-search-path'
  | 'foreign-key-without-tenant'
  | 'unique-without-tenant'

/** What a finding code stands for. */
export interface AuditFindingCodeInfo {
  readonly severity: AuditSeverity
  /** One sentence: what is wrong. */
  readonly meaning: string
}

/**
 * Every finding the audit can report, with its severity and meaning.
 *
 * @example
 * AUDIT_FINDING_CODES['rls-not-forced'].severity // 'high'
 */
export const AUDIT_FINDING_CODES: Readonly<Record<AuditFindingCode, AuditFindingCodeInfo>> = {
  'rls-disabled': {
    severity: 'critical',
    meaning: 'Row-level security is off: every role with access reads all tenants.',
  },
  'rls-not-forced': {
    severity: 'high',
    meaning: 'Row-level security is not FORCEd: the table owner skips every policy.',
  },
  'policy-missing': {
    severity: 'medium',
    meaning: 'No policy lets the runtime role in: it sees no rows and cannot write.',
  },
  'policy-without-with-check': {
    severity: 'medium',
    meaning: 'A write policy has no WITH CHECK: what rows may be written is implicit.',
  },
  'policy-not-tenant-scoped': {
    severity: 'critical',
    meaning: 'A permissive policy does not compare the tenant column to the setting.',
  },
  'policy-bypass': {
    severity: 'critical',
    meaning: 'A policy is always true, or ORs (COALESCE, CASE) a way around the tenant.',
  },
  'tenant-column-missing': {
    severity: 'high',
    meaning: 'A table listed as a tenant table has no tenant column.',
  },
  'tenant-index-missing': {
    severity: 'low',
    meaning: 'No index starts with the tenant column: every policy check scans.',
  },
  'public-grant': {
    severity: 'high',
    meaning: 'PUBLIC (every role, present and future) holds privileges on the table.',
  },
  'runtime-role-missing': {
    severity: 'high',
    meaning: 'The runtime role does not exist, so its privileges cannot be checked.',
  },
  'runtime-role-superuser': {
    severity: 'critical',
    meaning: 'The runtime role is a superuser: it skips row-level security.',
  },
  'runtime-role-bypassrls': {
    severity: 'critical',
    meaning: 'The runtime role has BYPASSRLS: it skips row-level security.',
  },
  'runtime-role-createrole': {
    severity: 'high',
    meaning: 'The runtime role has CREATEROLE: it can create or take over other roles.',
  },
  'runtime-role-owns-table': {
    severity: 'critical',
    meaning: 'The runtime role owns a tenant table: it can disable RLS or drop FORCE.',
  },
  'runtime-role-inherits-privileged': {
    severity: 'critical',
    meaning: 'The runtime role is a member of a superuser, BYPASSRLS or CREATEROLE role.',
  },
  'runtime-role-dangerous-privilege': {
    severity: 'high',
    meaning: 'The runtime role holds TRUNCATE, TRIGGER or REFERENCES on a tenant table.',
  },
  'view-not-security-invoker': {
    severity: 'high',
    meaning: "A view over tenant tables runs with its owner's rights, not the caller's.",
  },
  'materialized-view-over-tenant-table': {
    severity: 'high',
    meaning: 'A materialized view copies tenant rows where no policy can apply.',
  },
  'security-definer-function': {
    severity: 'high',
    meaning: "A SECURITY DEFINER function touches a tenant table with its owner's rights.",
  },
  'function-mutable-search-path': {
    severity: 'medium',
    meaning: 'A SECURITY DEFINER function has no fixed search_path and can be hijacked.',
  },
  'foreign-key-without-tenant': {
    severity: 'medium',
    meaning: 'A foreign key into a tenant table ignores the tenant column.',
  },
  'unique-without-tenant': {
    severity: 'medium',
    meaning: "A unique key without the tenant column reveals other tenants' values.",
  },
}

/**
 * Severities from the worst, for sorting and summaries.
 *
 * @example
 * const worst = AUDIT_SEVERITIES.find((s) => report.findings.some((f) => f.severity === s))
 */
export const AUDIT_SEVERITIES: readonly AuditSeverity[] = ['critical', 'high', 'medium', 'low']
