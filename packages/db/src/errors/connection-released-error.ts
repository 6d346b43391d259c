import { TenantkitError } from './tenantkit-error'

/**
 * Thrown when a statement runs on a connection that already went back to
 * the pool: the Kysely instance a `connection().execute()` callback got,
 * kept and used after the callback returned. Nothing is sent: the pooled
 * connection may by then serve another request, and another tenant.
 *
 * @example
 * let kept
 * await db.forTenant(id).connection().execute(async (conn) => { kept = conn })
 * await kept.selectFrom('orders').selectAll().execute() // ConnectionReleasedError
 */
export class ConnectionReleasedError extends TenantkitError {
  override readonly name: string = 'ConnectionReleasedError'

  constructor() {
    super('connection_released', 'This connection already went back to the pool.', {
      fix: 'Run every statement of a connection() inside its callback, ' +
        'and await them before the callback returns.',
    })
  }
}
