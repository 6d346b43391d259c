import type { AuditFindingCode, AuditSeverity } from './finding-codes'

/** What kind of database object a finding is about. */
export type AuditObjectKind =
  | 'table'
  | 'policy'
  | 'role'
  | 'view'
  | 'function'
  | 'constraint'
  | 'index'

/** One way tenant isolation can fail, and how to fix it. */
export interface AuditFinding {
  /** Stable identifier of the problem, for example `rls-disabled`. */
  readonly code: AuditFindingCode
  readonly severity: AuditSeverity
  readonly kind: AuditObjectKind
  /**
   * The object at fault, unquoted: `schema.table` for tables and views,
   * `schema.table.name` for policies and constraints, `schema.index` for
   * indexes, `schema.function(args)` for functions, the name for roles.
   */
  readonly object: string
  /** The tenant table concerned, as `schema.table`, when there is one. */
  readonly table?: string
  /** What is wrong and why it matters. */
  readonly message: string
  /** SQL that fixes it; lines starting with `--` need a decision first. */
  readonly fix: string
}

/** Result of `auditTenantIsolation`. */
export interface AuditReport {
  /** The runtime role that was checked. */
  readonly role: string
  /** Every tenant table found, as `schema.table`, partitions included. */
  readonly tenantTables: readonly string[]
  /** Findings, worst first. Empty when isolation holds. */
  readonly findings: readonly AuditFinding[]
}
