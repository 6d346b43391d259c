import type { ColumnType } from 'kysely'

/** Filled in by the tenant filter of `forTenant`; never updated. */
type TenantColumn = ColumnType<string, string | undefined, never>

/**
 * One row per event a tenant's integrations produced: the worker's own
 * record, keyed by event id so a redelivered message changes nothing.
 */
export interface IntegrationActivityTable {
  tenant_id: TenantColumn
  event_id: string
  type: string
  integration_id: string
  provider: string
  occurred_at: Date
  received_at: ColumnType<Date, never, never>
}

export interface WorkerDatabase {
  integration_activity: IntegrationActivityTable
}

/** The worker's tenant tables. */
export const WORKER_TENANT_TABLES: readonly string[] = ['integration_activity']
