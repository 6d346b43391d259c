import type { Queryable } from '../queryable'
import { UsageError } from '../usage-error'

/**
 * Runs `work` as `tenant`, the way the app scopes its queries: the
 * isolation harness calls it for every operation. `work` gets a connection
 * already scoped to the tenant and must only use that one.
 *
 * @example
 * const asTenant: TenantRunner = (tenant, work) =>
 *   db.transaction().execute(async (trx) => {
 *     await sql`select set_config('app.tenant_id', ${tenant}, true)`.execute(trx)
 *     return work(kyselyQueryable(trx))
 *   })
 */
export type TenantRunner = <T>(
  tenant: string,
  work: (db: Queryable) => Promise<T>,
) => Promise<T>

/** The part of `pg.Pool` the runner needs. */
export interface ConnectablePool {
  connect(): Promise<Queryable & { release(error?: Error | boolean): void }>
}

export interface PgTenantRunnerOptions {
  /**
   * The setting the row-level security policies read.
   * @default 'app.tenant_id'
   */
  readonly setting?: string
  /**
   * A role to switch to for the transaction (`set_config('role', ...,
   * true)`), when the pool logs in as a role that only may assume it.
   * @default undefined (stay the login role)
   */
  readonly role?: string
}

const SETTING = /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/

/**
 * The common node-postgres pattern: one transaction per unit of work, the
 * tenant (and optionally the role) set with `set_config(..., true)` so both
 * vanish at commit and never leak to the next user of the connection.
 *
 * @example
 * const asTenant = createPgTenantRunner(appPool, { setting: 'app.tenant_id' })
 * await asTenant(tenantA, (db) => db.query('select * from notes'))
 */
export function createPgTenantRunner(
  pool: ConnectablePool,
  options: PgTenantRunnerOptions = {},
): TenantRunner {
  const setting = options.setting ?? 'app.tenant_id'
  if (typeof pool?.connect !== 'function') {
    throw new UsageError('createPgTenantRunner', 'pool has no connect method',
      'pass a pg.Pool connected as the app role')
  }
  if (!SETTING.test(setting)) {
    throw new UsageError('createPgTenantRunner', 'setting is not a custom setting name',
      "pass a dotted lower-case name such as 'app.tenant_id'")
  }
  return async (tenant, work) => {
    const client = await pool.connect()
    let broken: Error | undefined
    try {
      await client.query('begin')
      await client.query('select set_config($1, $2, true)', [setting, tenant])
      if (options.role !== undefined) {
        await client.query("select set_config('role', $1, true)", [options.role])
      }
      const result = await work(client)
      await client.query('commit')
      return result
    } catch (error) {
      // A connection that cannot roll back is discarded, not reused.
      await client.query('rollback').catch((e: unknown) => {
        broken = e instanceof Error ? e : new Error(String(e))
      })
      throw error
    } finally {
      client.release(broken)
    }
  }
}
