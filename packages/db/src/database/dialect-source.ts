import type { Dialect } from 'kysely'
import type { TenantScope } from '../tenant/tenant-scope'
import { DialectConnection } from './dialect-connection'
import type { ConnectionSource, ScopedConnection } from './scoped-connection'

/**
 * Connections from any Kysely dialect's driver, shared by every tenant.
 * `close()` destroys that driver, which usually closes its database.
 */
export function createDialectSource(dialect: Dialect): ConnectionSource {
  const driver = dialect.createDriver()
  let initializing: Promise<void> | undefined
  let closing: Promise<void> | undefined

  return {
    init: () => (initializing ??= driver.init()),
    acquire: async (scope: TenantScope | undefined): Promise<ScopedConnection> => {
      return new DialectConnection(driver, await driver.acquireConnection(), scope)
    },
    release: (connection: ScopedConnection): Promise<void> => {
      connection.markReleased()
      return driver.releaseConnection((connection as DialectConnection).inner)
    },
    close: () => {
      closing ??= (async () => {
        if (initializing) await initializing.catch(() => {})
        await driver.destroy()
      })()
      return closing
    },
  }
}
