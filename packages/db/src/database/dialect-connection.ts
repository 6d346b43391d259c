import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely'
import { ConnectionReleasedError } from '../errors/connection-released-error'
import { UnsupportedOperationError } from '../errors/unsupported-error'
import type { TenantScope } from '../tenant/tenant-scope'
import type { ScopedConnection } from './scoped-connection'

/**
 * A connection from any Kysely dialect (PGlite, postgres.js, ...). With no
 * access to the wire protocol, a tenant statement outside a transaction
 * is wrapped in its own: BEGIN, the prelude, the statement, COMMIT.
 */
export class DialectConnection implements ScopedConnection {
  readonly inner: DatabaseConnection
  readonly #driver: Driver
  readonly #prelude: CompiledQuery | undefined
  #inTransaction = false
  #released = false

  constructor(driver: Driver, inner: DatabaseConnection, scope: TenantScope | undefined) {
    this.#driver = driver
    this.inner = inner
    this.#prelude = scope && CompiledQuery.raw(scope.sql, [...scope.parameters])
  }

  markReleased(): void {
    this.#released = true
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    this.#assertHeld()
    if (!this.#prelude || this.#inTransaction) return this.inner.executeQuery<R>(query)
    await this.begin({})
    let result: QueryResult<R>
    try {
      result = await this.inner.executeQuery<R>(query)
    } catch (error) {
      await this.#rollbackQuietly()
      throw error
    }
    await this.commit()
    return result
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    this.#assertHeld()
    if (this.#prelude && !this.#inTransaction) {
      throw new UnsupportedOperationError(
        'Streaming a tenant query outside a transaction',
        'Stream inside db.forTenant(id).transaction(), or page with limit.',
      )
    }
    return this.inner.streamQuery<R>(query, chunkSize)
  }

  async begin(settings: TransactionSettings): Promise<void> {
    this.#assertHeld()
    await this.#driver.beginTransaction(this.inner, settings)
    this.#inTransaction = true
    if (!this.#prelude) return
    try {
      await this.inner.executeQuery(this.#prelude)
    } catch (error) {
      // Kysely does not roll back a transaction whose begin failed.
      await this.#rollbackQuietly()
      throw error
    }
  }

  async commit(): Promise<void> {
    this.#assertHeld()
    this.#inTransaction = false
    await this.#driver.commitTransaction(this.inner)
  }

  async rollback(): Promise<void> {
    this.#assertHeld()
    this.#inTransaction = false
    await this.#driver.rollbackTransaction(this.inner)
  }

  #assertHeld(): void {
    if (this.#released) throw new ConnectionReleasedError()
  }

  async #rollbackQuietly(): Promise<void> {
    try {
      await this.rollback()
    } catch {
      // The statement's error is the one worth reporting.
    }
  }
}
