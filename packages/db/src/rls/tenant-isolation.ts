import type { Kysely } from 'kysely'
import { disableRowLevelSecurity, enableRowLevelSecurity } from './row-level-security'
import { createTenantIndex, dropTenantIndex } from './tenant-index'
import { createTenantPolicy, dropTenantPolicy, type TenantPolicyOptions } from './tenant-policy'

/** Options of `enableTenantIsolation` and `disableTenantIsolation`. */
export interface TenantIsolationOptions extends TenantPolicyOptions {
  /**
   * Name of the tenant column index; `false` skips the index (for example
   * when a unique key already starts with the tenant column).
   * @default '<table>_tenant_idx'
   */
  readonly indexName?: string | false
}

/**
 * Everything one tenant table needs, in one call: row-level security
 * enabled and forced, the tenant policy, and the tenant column index.
 *
 * @example
 * export async function up(db: Kysely<any>) {
 *   await db.schema.createTable('orders')
 *     .addColumn('tenant_id', 'uuid', (c) => c.notNull())
 *     .addColumn('id', 'uuid', (c) => c.primaryKey())
 *     .execute()
 *   await enableTenantIsolation(db, { table: 'orders' })
 * }
 */
export async function enableTenantIsolation<DB>(
  db: Kysely<DB>,
  options: TenantIsolationOptions,
): Promise<void> {
  await enableRowLevelSecurity(db, options)
  await createTenantPolicy(db, options)
  if (options.indexName !== false) await createTenantIndex(db, indexOptions(options))
}

/**
 * Undoes `enableTenantIsolation`: drops the index and the policy, then
 * disables row-level security.
 *
 * @example
 * export async function down(db: Kysely<any>) {
 *   await disableTenantIsolation(db, { table: 'orders' })
 * }
 */
export async function disableTenantIsolation<DB>(
  db: Kysely<DB>,
  options: TenantIsolationOptions,
): Promise<void> {
  if (options.indexName !== false) await dropTenantIndex(db, indexOptions(options))
  await dropTenantPolicy(db, options)
  await disableRowLevelSecurity(db, options)
}

function indexOptions(options: TenantIsolationOptions) {
  const { indexName, ...rest } = options
  return typeof indexName === 'string' ? { ...rest, indexName } : rest
}
