import type { DatabaseConnection, TransactionSettings } from 'kysely'
import type { TenantScope } from '../tenant/tenant-scope'

/**
 * A connection that knows its tenant scope (or none) and owns the
 * transaction statements, so it can pipeline them with the tenant prelude.
 */
export interface ScopedConnection extends DatabaseConnection {
  begin(settings: TransactionSettings): Promise<void>
  commit(): Promise<void>
  rollback(): Promise<void>
  /** The connection went back to its pool: refuse any further work. */
  markReleased(): void
}

/** Hands out scoped connections: one implementation per connection kind. */
export interface ConnectionSource {
  init(): Promise<void>
  acquire(scope: TenantScope | undefined): Promise<ScopedConnection>
  release(connection: ScopedConnection): Promise<void>
  close(): Promise<void>
}

/** The SQL that opens a transaction with Kysely's settings. */
export function beginStatement(settings: TransactionSettings): string {
  let sql = 'begin'
  if (settings.isolationLevel) sql += ` isolation level ${settings.isolationLevel}`
  if (settings.accessMode) sql += ` ${settings.accessMode}`
  return sql
}
