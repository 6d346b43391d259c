/** The checks the isolation harness runs. */
export type IsolationCheck =
  | 'read'
  | 'update'
  | 'delete'
  | 'insert'
  | 'unchanged'
  | 'pool'
  | 'interleaving'

/** One way tenant data crossed over. */
export interface IsolationFinding {
  /** The table involved, when the check is about one table. */
  readonly table?: string
  readonly check: IsolationCheck
  readonly detail: string
}

/** What a suite run did. */
export interface IsolationReport {
  readonly tables: readonly string[]
  /** The attacking and the attacked tenant. */
  readonly tenants: readonly [string, string]
  /** Random interleavings tried (0 when turned off). */
  readonly interleavings: number
  /** Empty when the suite passed. */
  readonly findings: readonly IsolationFinding[]
}

const FIXES: Record<IsolationCheck, string> = {
  read: 'enable and FORCE row-level security on the table and add a policy ' +
    'comparing the tenant column with the tenant setting.',
  update: 'the policy needs a USING clause for UPDATE (a FOR ALL policy has one) ' +
    'and a WITH CHECK clause so rows cannot move to another tenant.',
  delete: 'the policy needs a USING clause that covers DELETE.',
  insert: 'add WITH CHECK (tenant column = tenant setting) to the policy.',
  unchanged: 'another tenant could change these rows: fix the checks above first.',
  pool: 'set the tenant transaction-locally (set_config with is_local true, ' +
    'inside a transaction), never with a session-level SET, so it cannot ' +
    'outlive the unit of work.',
  interleaving: 'replay the seed, then look for a tenant setting shared between ' +
    'concurrent requests (a global, a session-level SET, a connection reused ' +
    'outside its transaction).',
}

/**
 * Thrown by `runIsolationSuite` when tenant data crosses over. The message
 * lists each finding by table and check, then what to fix.
 *
 * @example
 * const error = await runIsolationSuite(options).catch((e: unknown) => e)
 * if (error instanceof IsolationSuiteError) console.table(error.findings)
 */
export class IsolationSuiteError extends Error {
  override readonly name = 'IsolationSuiteError'
  readonly report: IsolationReport

  constructor(report: IsolationReport) {
    super(formatIsolationReport(report))
    this.report = report
  }

  /** Shortcut for `report.findings`. */
  get findings(): readonly IsolationFinding[] {
    return this.report.findings
  }
}

function formatIsolationReport(report: IsolationReport): string {
  const [a, b] = report.tenants
  const lines = [
    `Isolation suite: ${report.findings.length} finding(s); tenant A = ${a}, ` +
      `tenant B = ${b}.`,
    '',
  ]
  for (const f of report.findings) {
    lines.push(`  - ${f.table === undefined ? '' : `${f.table}: `}${f.check}: ${f.detail}`)
  }
  lines.push('', 'Fix:')
  for (const check of new Set(report.findings.map((f) => f.check))) {
    lines.push(`  - ${check}: ${FIXES[check]}`)
  }
  return lines.join('\n')
}
