import type { ManagedPool } from '../pool/managed-pool'
import type { Log } from '../logger/logger'
import type { TenantScope } from '../tenant/tenant-scope'
import { PgConnection } from './pg-connection'
import type { ConnectionSource, ScopedConnection } from './scoped-connection'
import type { TenantStatements } from './tenant-statements'

/**
 * Connections from tenantkit's own pg.Pool. A client that comes back with
 * a statement still running (the app did not await it) is held until the
 * statement finishes, for up to `leakWaitMillis`, then closed (a silent
 * network would otherwise hold it, and `close()`, forever). A client
 * still inside a transaction (a raw BEGIN without COMMIT) or that died is
 * closed instead of reused, so no transaction-local setting can linger.
 */
export function createPgSource(
  pool: ManagedPool,
  statements: TenantStatements,
  log: Log,
  leakWaitMillis: number,
): ConnectionSource {
  return {
    init: async () => {},
    acquire: async (scope: TenantScope | undefined): Promise<ScopedConnection> => {
      return new PgConnection(await pool.acquire(), scope, statements)
    },
    release: async (connection: ScopedConnection): Promise<void> => {
      const pgConnection = connection as PgConnection
      pgConnection.markReleased()
      if (pgConnection.busy) {
        log.warn('a connection came back with a statement still running; waiting for it')
        if (!await pgConnection.whenIdle(leakWaitMillis)) {
          log.warn(`that statement did not finish within ${leakWaitMillis} ms; closing ` +
            'its connection, so its outcome is unknown')
          pool.release(pgConnection.client, true)
          return
        }
      }
      if (pgConnection.leftInTransaction() && !pool.isBroken(pgConnection.client)) {
        log.warn('a connection came back inside a transaction; closing it')
      }
      pool.release(pgConnection.client, pgConnection.broken)
    },
    close: () => pool.end(),
  }
}
