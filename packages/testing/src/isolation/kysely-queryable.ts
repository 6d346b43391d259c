import type { Queryable } from '../queryable'
import { UsageError } from '../usage-error'

/**
 * The part of a Kysely instance or transaction the adapter uses. The
 * parameter is typed `never` so any Kysely version's signature fits without
 * this package's types depending on Kysely's.
 */
export interface KyselyExecutor {
  executeQuery(query: never): Promise<{
    readonly rows: readonly unknown[]
    readonly numAffectedRows?: bigint
  }>
}

/**
 * Lets the harnesses run SQL through a Kysely instance or transaction, so
 * a `TenantRunner` can hand them the app's own tenant-scoped transaction.
 * Kysely is loaded only when a query runs (it is an optional peer).
 *
 * @example
 * const asTenant: TenantRunner = (tenant, work) =>
 *   tenantDb.withTenant(tenant, (trx) => work(kyselyQueryable(trx)))
 */
export function kyselyQueryable(executor: KyselyExecutor): Queryable {
  if (typeof executor?.executeQuery !== 'function') {
    throw new UsageError('kyselyQueryable', 'executor has no executeQuery method',
      'pass a Kysely instance or transaction')
  }
  return {
    async query(text, values = []) {
      const { CompiledQuery } = await import('kysely')
      const result = await executor.executeQuery(CompiledQuery.raw(text, values) as never)
      const rows = [...result.rows] as Array<Record<string, unknown>>
      const affected = result.numAffectedRows
      return { rows, rowCount: affected === undefined ? rows.length : Number(affected) }
    },
  }
}
