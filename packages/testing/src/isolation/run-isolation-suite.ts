import { randomUUID } from 'node:crypto'
import { findDatabaseError } from '../injection/sqlstate'
import { UsageError } from '../usage-error'
import { checkInterleavings } from './interleavings'
import { checkIsolationOptions, type IsolationSuiteOptions } from './isolation-options'
import {
  IsolationSuiteError,
  type IsolationFinding,
  type IsolationReport,
} from './isolation-report'
import { checkPool } from './pool-check'
import { checkTable } from './table-checks'
import { tableSql } from './table-sql'

/**
 * Proves tenant isolation table by table: tenant A cannot read, update,
 * move rows into, insert as or delete tenant B's rows, and B's rows are
 * unchanged afterwards. Then it alternates the tenants on the app's pool
 * and runs random concurrent interleavings (fast-check). Resolves with the
 * report when nothing crossed; throws an `IsolationSuiteError` otherwise.
 *
 * @example
 * await runIsolationSuite({
 *   tables: [{ name: 'notes', row: () => ({ title: 'x' }) }],
 *   asTenant: createPgTenantRunner(appPool),
 *   admin: ownerPool,
 *   pool: appPool,
 * })
 */
export async function runIsolationSuite(
  options: IsolationSuiteOptions,
): Promise<IsolationReport> {
  checkIsolationOptions(options)
  const [a, b] = options.tenants ?? [randomUUID(), randomUUID()]
  const { admin, asTenant } = options

  await seed(options, a, b)

  const findings: IsolationFinding[] = []
  for (const table of options.tables) {
    findings.push(...await checkTable(table, { asTenant, admin, a, b }))
  }
  const unprotected = new Set(findings.filter((f) => f.check === 'read').map((f) => f.table ?? ''))
  findings.push(...await checkPool(options.tables.map(tableSql), {
    asTenant, a, b, pool: options.pool, alternations: options.alternations ?? 6, unprotected,
  }))

  let interleavings = 0
  if (options.interleavings !== false) {
    const result = await checkInterleavings(options.tables,
      { asTenant, admin, pool: options.pool, a, b }, options.interleavings ?? {})
    interleavings = result.runs
    if (result.finding) findings.push(result.finding)
  }

  const report: IsolationReport = {
    tables: options.tables.map((t) => t.name), tenants: [a, b], interleavings, findings,
  }
  if (findings.length > 0) throw new IsolationSuiteError(report)
  return report
}

/** Runs the caller's seed, or inserts two `row()`s per table and tenant. */
async function seed(options: IsolationSuiteOptions, a: string, b: string): Promise<void> {
  for (const tenant of [a, b]) {
    if (options.seed) {
      await options.seed(tenant)
      continue
    }
    for (const table of options.tables) {
      const values = [table.row(), table.row()]
      try {
        for (const row of values) {
          await options.admin.query(tableSql(table).insert(Object.keys(row)),
            [...Object.values(row), tenant])
        }
      } catch (error) {
        const code = findDatabaseError(error)?.code ?? 'unknown'
        throw new UsageError('runIsolationSuite',
          `seeding ${table.name} failed with SQLSTATE ${code}`,
          'check the table name, tenantColumn and the columns row() returns, ' +
            'pass tenants of the tenant column\'s type (the default is two ' +
            'UUIDs), or pass seed() (the database error is attached as cause)', error)
      }
    }
  }
}
