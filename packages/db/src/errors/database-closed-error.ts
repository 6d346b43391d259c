import { TenantkitError } from './tenantkit-error'

/**
 * Thrown when a query is started on a database whose `close()` was called.
 *
 * @example
 * await db.close()
 * await db.forTenant(id).selectFrom('orders').selectAll().execute()
 * // DatabaseClosedError
 */
export class DatabaseClosedError extends TenantkitError {
  override readonly name: string = 'DatabaseClosedError'

  constructor() {
    super('database_closed', 'The database was closed; no query can run on it.', {
      fix: 'Create one database per process at startup and close it only at shutdown.',
    })
  }
}
