import type { InjectionOracle } from './oracles'
import { shorten } from './oracles'
import type { InjectionPayload } from './payload'

/** One oracle that tripped on one payload. */
export interface InjectionFinding {
  readonly payload: InjectionPayload
  readonly oracle: InjectionOracle
  /** What the oracle saw, e.g. `took 2013 ms; the benign input took 4 ms`. */
  readonly detail: string
}

/** What a suite run did. */
export interface InjectionReport {
  readonly name: string
  /** Payloads sent. */
  readonly payloads: number
  /** Median time of the benign calls. */
  readonly baselineMs: number
  /** Empty when the suite passed. */
  readonly findings: readonly InjectionFinding[]
}

const FIXES: Record<InjectionOracle, string> = {
  'canary': 'another tenant\'s row came back: bind the input as a parameter and make ' +
    'sure row-level security (or the tenant filter) covers every table the query reads.',
  'sql-error': 'the input became SQL text: bind values as parameters ($1), ' +
    'allow-list identifiers and sort directions instead of quoting them.',
  'schema': 'the catalog changed: a stacked statement ran. Never build SQL from ' +
    'strings, and run the app as a role that owns nothing and cannot create.',
  'timing': 'the database did extra work the input asked for: bind the input, ' +
    'and keep a statement_timeout on the app role.',
  'session': 'the connection was left with another tenant or role: set both with ' +
    'set_config(..., true) inside the transaction, never session-wide.',
  'baseline': 'the answer differs from the benign one: escape LIKE wildcards, check ' +
    'input types before the query, and declare real differences with `accept`.',
}

/**
 * Thrown by `runInjectionSuite` when any oracle trips. The message lists
 * each payload with the oracles it tripped, then what to fix.
 *
 * @example
 * const error = await runInjectionSuite(options).catch((e: unknown) => e)
 * if (error instanceof InjectionSuiteError) console.table(error.findings)
 */
export class InjectionSuiteError extends Error {
  override readonly name = 'InjectionSuiteError'
  readonly report: InjectionReport

  constructor(report: InjectionReport) {
    super(formatReport(report))
    this.report = report
  }

  /** Shortcut for `report.findings`. */
  get findings(): readonly InjectionFinding[] {
    return this.report.findings
  }
}

/** Renders findings grouped by payload, then the fix for each oracle. */
export function formatReport(report: InjectionReport): string {
  const byPayload = new Map<string, InjectionFinding[]>()
  for (const finding of report.findings) {
    const list = byPayload.get(finding.payload.id) ?? []
    list.push(finding)
    byPayload.set(finding.payload.id, list)
  }
  const lines = [
    `Injection suite "${report.name}": ${byPayload.size} of ${report.payloads} ` +
      'payloads tripped an oracle.',
  ]
  for (const findings of byPayload.values()) {
    const payload = findings[0]?.payload
    if (payload === undefined) continue
    lines.push('', `  ${payload.id} (${payload.target}) "${shorten(payload.value, 60)}"`)
    for (const f of findings) lines.push(`    - ${f.oracle}: ${f.detail}`)
  }
  const tripped = new Set(report.findings.map((f) => f.oracle))
  lines.push('', 'Fix:')
  for (const oracle of tripped) lines.push(`  - ${oracle}: ${FIXES[oracle]}`)
  return lines.join('\n')
}
