import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type TransactionSettings,
} from 'kysely'
import type { TenantScope } from '../tenant/tenant-scope'
import type { ConnectionSource, ScopedConnection } from './scoped-connection'

/**
 * The Kysely driver behind `forTenant` and `withoutTenant`: a thin view of
 * the database's shared connection source with one tenant scope (or none).
 * Destroying it is a no-op; the database's `close()` ends the pool.
 */
export class ScopedDriver implements Driver {
  readonly #source: ConnectionSource
  readonly #scope: TenantScope | undefined
  readonly #assertOpen: () => void

  constructor(source: ConnectionSource, scope: TenantScope | undefined, assertOpen: () => void) {
    this.#source = source
    this.#scope = scope
    this.#assertOpen = assertOpen
  }

  init(): Promise<void> {
    return this.#source.init()
  }

  acquireConnection(): Promise<DatabaseConnection> {
    this.#assertOpen()
    return this.#source.acquire(this.#scope)
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return (connection as ScopedConnection).begin(settings)
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return (connection as ScopedConnection).commit()
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return (connection as ScopedConnection).rollback()
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quote(name)}`))
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quote(name)}`))
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quote(name)}`))
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.#source.release(connection as ScopedConnection)
  }

  async destroy(): Promise<void> {}
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`
}
