import type { CompiledQuery, QueryResult, TransactionSettings } from 'kysely'
import type pg from 'pg'
import { TransactionAbortedError } from '../errors/transaction-aborted-error'
import { UnsupportedOperationError } from '../errors/unsupported-error'
import { runPipelined, type PipelinedStatement } from '../tenant/tenant-query'
import type { TenantScope } from '../tenant/tenant-scope'
import { beginStatement, type ScopedConnection } from './scoped-connection'

/**
 * One pooled pg client, optionally scoped to a tenant. Outside a
 * transaction each statement travels with its tenant prelude in one round
 * trip; a transaction's BEGIN waits for its first statement and travels
 * with the prelude and that statement.
 */
export class PgConnection implements ScopedConnection {
  readonly client: pg.PoolClient
  readonly #prelude: PipelinedStatement | undefined
  #pendingBegin: string | undefined
  #inTransaction = false
  #broken = false

  constructor(client: pg.PoolClient, scope: TenantScope | undefined) {
    this.client = client
    this.#prelude = scope && { sql: scope.sql, parameters: scope.parameters }
  }

  /** Whether the client must be closed instead of returned to the pool. */
  get broken(): boolean {
    return this.#broken
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.#send(query.sql, query.parameters)
    const { command, rowCount } = result
    const counted = command === 'INSERT' || command === 'UPDATE' ||
      command === 'DELETE' || command === 'MERGE'
    return {
      rows: (result.rows ?? []) as R[],
      ...(counted ? { numAffectedRows: BigInt(rowCount ?? 0) } : {}),
    }
  }

  // Kysely's contract lets a driver refuse streaming; a cursor would have
  // to outlive the one-round-trip implicit transaction that scopes it.
  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new UnsupportedOperationError(
      'Streaming query results',
      'Page through large results with limit and a keyset (where id > last id).',
    )
  }

  async begin(settings: TransactionSettings): Promise<void> {
    const sql = beginStatement(settings)
    if (this.#prelude) {
      this.#pendingBegin = sql
      return
    }
    await this.client.query(sql)
    this.#inTransaction = true
  }

  async commit(): Promise<void> {
    if (this.#settleEmpty()) return
    this.#inTransaction = false
    const result = await this.client.query('commit')
    // PostgreSQL answers COMMIT with ROLLBACK when the transaction failed.
    if (result.command === 'ROLLBACK') throw new TransactionAbortedError()
  }

  async rollback(): Promise<void> {
    if (this.#settleEmpty()) return
    this.#inTransaction = false
    try {
      await this.client.query('rollback')
    } catch (error) {
      this.#broken = true
      throw error
    }
  }

  /**
   * Whether the client is still inside a transaction (a raw BEGIN without
   * COMMIT); such a client is marked for closing.
   */
  leftInTransaction(): boolean {
    // Older pg versions lack getTransactionStatus(); the check is skipped there.
    const status = this.client.getTransactionStatus?.()
    const inside = status === 'T' || status === 'E'
    if (inside) this.#broken = true
    return inside
  }

  // A transaction with no statement never reached the server.
  #settleEmpty(): boolean {
    if (this.#pendingBegin === undefined) return false
    this.#pendingBegin = undefined
    return true
  }

  #send(sql: string, parameters: readonly unknown[]): Promise<pg.QueryResult> {
    const prelude = this.#prelude
    if (this.#pendingBegin !== undefined) {
      const begin = { sql: this.#pendingBegin, parameters: [] }
      this.#pendingBegin = undefined
      this.#inTransaction = true
      return runPipelined(this.client, prelude ? [begin, prelude] : [begin], sql, parameters)
    }
    if (prelude && !this.#inTransaction) {
      return runPipelined(this.client, [prelude], sql, parameters)
    }
    return this.client.query(sql, [...parameters])
  }
}
