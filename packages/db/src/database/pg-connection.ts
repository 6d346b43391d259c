import type { CompiledQuery, QueryResult, TransactionSettings } from 'kysely'
import type pg from 'pg'
import { TransactionAbortedError } from '../errors/transaction-aborted-error'
import { UnsupportedOperationError } from '../errors/unsupported-error'
import { encodeStatements, type EncodedStatements } from '../tenant/encode-statements'
import { runPipelined } from '../tenant/tenant-query'
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
  readonly #prelude: EncodedStatements | undefined
  #pendingBegin: EncodedStatements | undefined
  #inTransaction = false
  #broken = false

  constructor(client: pg.PoolClient, scope: TenantScope | undefined) {
    this.client = client
    this.#prelude = scope && encodedPrelude(scope)
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
      this.#pendingBegin = encodedBegin(sql)
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
      const begin = this.#pendingBegin
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

// Each scope's prelude, encoded once: a scope lives as long as its
// (cached) Kysely instance, and every statement writes the same bytes.
const preludes = new WeakMap<TenantScope, EncodedStatements>()

function encodedPrelude(scope: TenantScope): EncodedStatements {
  let encoded = preludes.get(scope)
  if (encoded === undefined) {
    encoded = encodeStatements([{ sql: scope.sql, parameters: scope.parameters }])
    preludes.set(scope, encoded)
  }
  return encoded
}

// BEGIN with Kysely's settings: a handful of variants, encoded once each.
const begins = new Map<string, EncodedStatements>()

function encodedBegin(sql: string): EncodedStatements {
  let encoded = begins.get(sql)
  if (encoded === undefined) {
    encoded = encodeStatements([{ sql, parameters: [] }])
    begins.set(sql, encoded)
  }
  return encoded
}
