import type { Queryable } from '../queryable'
import type { IsolationFinding } from './isolation-report'
import type { TableSql } from './table-sql'
import type { TenantRunner } from './tenant-runner'

export interface PoolCheckContext {
  readonly asTenant: TenantRunner
  readonly a: string
  readonly b: string
  /** The app's pool, queried with no tenant between runs. */
  readonly pool: Queryable | undefined
  readonly alternations: number
  /** Tables already reported as readable across tenants; not flagged twice. */
  readonly unprotected: ReadonlySet<string>
}

/**
 * Alternates between the tenants on the app's pool: each run must see only
 * its own rows, and a query with no tenant right after must see none.
 */
export async function checkPool(
  tables: readonly TableSql[],
  ctx: PoolCheckContext,
): Promise<IsolationFinding[]> {
  const findings: IsolationFinding[] = []
  const name = (tenant: string): string =>
    tenant === ctx.a ? 'tenant A' : tenant === ctx.b ? 'tenant B' : 'another tenant'
  const flagged = new Set<string>(ctx.unprotected)
  const flag = (table: string, detail: string): void => {
    if (flagged.has(table)) return
    flagged.add(table)
    findings.push({ table, check: 'pool', detail })
  }

  for (let run = 0; run < ctx.alternations; run++) {
    const tenant = run % 2 === 0 ? ctx.a : ctx.b
    for (const sql of tables) {
      const rows = await ctx.asTenant(tenant, (db) => db.query(sql.readAll))
        .then((r) => r.rows, () => [])
      const wrong = rows.find((r) => String(r['tenant']) !== tenant)
      if (wrong !== undefined) {
        flag(sql.label, `run ${run + 1}, as ${name(tenant)}, saw rows of ` +
          `${name(String(wrong['tenant']))}`)
      }
    }
    if (ctx.pool === undefined) continue
    for (const sql of tables) {
      // Errors count as closed: a policy may fail on an empty setting.
      const rows = await ctx.pool.query(sql.readAll).then((r) => r.rows, () => [])
      if (rows.length === 0) continue
      const owners = new Set(rows.map((r) => String(r['tenant'])))
      if (owners.size === 1 && owners.has(tenant)) {
        flag(sql.label, `right after a run as ${name(tenant)}, a query with no ` +
          `tenant on the same pool saw ${rows.length} row(s) of ${name(tenant)}: ` +
          'the tenant setting outlived its unit of work')
      } else {
        flag(sql.label, `a query with no tenant saw ${rows.length} row(s) of ` +
          `${owners.size} tenant(s): with no tenant set, the table must show nothing`)
      }
    }
  }
  return findings
}
