import type { Kysely } from 'kysely'
import { disableRowLevelSecurity, enableRowLevelSecurity } from './row-level-security'
import {
  createTenantIndex,
  dropTenantIndex,
  dropTenantIndexIfExists,
  hasLeadingTenantIndex,
} from './tenant-index'
import { createTenantPolicy, dropTenantPolicy, type TenantPolicyOptions } from './tenant-policy'

/** Options of `enableTenantIsolation` and `disableTenantIsolation`. */
export interface TenantIsolationOptions extends TenantPolicyOptions {
  /**
   * Name of the tenant column index; `false` skips the index. Left out,
   * the index is `<table>_tenant_idx`, and it is not created when an index
   * already starts with the tenant column (a `(tenant_id, id)` primary
   * key): that one serves the policy, another would only slow writes.
   * @default '<table>_tenant_idx', unless such an index exists
   */
  readonly indexName?: string | false
}

/**
 * Everything one tenant table needs, in one call: row-level security
 * enabled and forced, the tenant policy, and the tenant column index
 * (unless an index already starts with the tenant column).
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
  const { indexName } = options
  if (indexName === false) return
  if (indexName === undefined && await hasLeadingTenantIndex(db, indexOptions(options))) return
  await createTenantIndex(db, indexOptions(options))
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
  // The default index may have been skipped for an existing one.
  if (options.indexName === undefined) await dropTenantIndexIfExists(db, indexOptions(options))
  else if (options.indexName !== false) await dropTenantIndex(db, indexOptions(options))
  await dropTenantPolicy(db, options)
  await disableRowLevelSecurity(db, options)
}

function indexOptions(options: TenantIsolationOptions) {
  const { indexName, ...rest } = options
  return typeof indexName === 'string' ? { ...rest, indexName } : rest
}
