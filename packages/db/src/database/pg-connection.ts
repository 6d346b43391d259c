import type { CompiledQuery, QueryResult, TransactionSettings } from 'kysely'
import type pg from 'pg'
import { ConnectionReleasedError } from '../errors/connection-released-error'
import { TransactionAbortedError } from '../errors/transaction-aborted-error'
import { UnsupportedOperationError } from '../errors/unsupported-error'
import { encodeStatements, type EncodedStatements } from '../tenant/encode-statements'
import { runPipelined } from '../tenant/tenant-query'
import type { TenantScope } from '../tenant/tenant-scope'
import { beginStatement, type ScopedConnection } from './scoped-connection'
import type { TenantStatements } from './tenant-statements'

/**
 * One pooled pg client, optionally scoped to a tenant. Outside a
 * transaction each statement travels with its tenant prelude in one round
 * trip; a transaction's BEGIN waits for its first statement and travels
 * with the prelude and that statement.
 */
export class PgConnection implements ScopedConnection {
  readonly client: pg.PoolClient
  readonly #scope: TenantScope | undefined
  readonly #statements: TenantStatements
  #pendingBegin: EncodedStatements | undefined
  #inTransaction = false
  #broken = false
  #released = false
  #inFlight = 0
  readonly #idleWaiters: Array<() => void> = []

  constructor(client: pg.PoolClient, scope: TenantScope | undefined, statements: TenantStatements) {
    this.client = client
    this.#scope = scope
    this.#statements = statements
  }

  /** Whether the client must be closed instead of returned to the pool. */
  get broken(): boolean {
    return this.#broken
  }

  /**
   * Called as the client goes back to the pool: from now on this object
   * refuses work, since the client may serve another request (and tenant).
   */
  markReleased(): void {
    this.#released = true
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    this.#assertHeld()
    const result = await this.#track(this.#send(query.sql, query.parameters))
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
    this.#assertHeld()
    const sql = beginStatement(settings)
    if (this.#scope) {
      this.#pendingBegin = encodedBegin(sql)
      return
    }
    await this.#track(this.client.query(sql))
    this.#inTransaction = true
  }

  async commit(): Promise<void> {
    this.#assertHeld()
    if (this.#settleEmpty()) return
    this.#inTransaction = false
    const result = await this.#track(this.client.query('commit'))
    // PostgreSQL answers COMMIT with ROLLBACK when the transaction failed.
    if (result.command === 'ROLLBACK') throw new TransactionAbortedError()
  }

  async rollback(): Promise<void> {
    this.#assertHeld()
    if (this.#settleEmpty()) return
    this.#inTransaction = false
    try {
      await this.#track(this.client.query('rollback'))
    } catch (error) {
      this.#broken = true
      throw error
    }
  }

  /**
   * Whether every statement of this connection finished within `millis`.
   * A statement the app did not await (inside `connection().execute()`)
   * may still be on the wire when its connection is released: waiting for
   * it keeps it from sharing the connection with the next request, and
   * lets its promise report the real outcome.
   */
  whenIdle(millis: number): Promise<boolean> {
    if (this.#inFlight === 0) return Promise.resolve(true)
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), millis)
      this.#idleWaiters.push(() => {
        clearTimeout(timer)
        resolve(true)
      })
    })
  }

  /** Whether a statement is still running (see `whenIdle`). */
  get busy(): boolean {
    return this.#inFlight > 0
  }

  /**
   * Whether the client is still inside a transaction (a raw BEGIN without
   * COMMIT, or a transaction the app left unfinished); such a client is
   * marked for closing, which rolls that transaction back.
   */
  leftInTransaction(): boolean {
    // Older pg versions lack getTransactionStatus(); the check is skipped there.
    const status = this.client.getTransactionStatus?.()
    const inside = status === 'T' || status === 'E'
    if (inside) this.#broken = true
    return inside
  }

  async #track<T>(work: Promise<T>): Promise<T> {
    this.#inFlight++
    try {
      return await work
    } finally {
      if (--this.#inFlight === 0) {
        for (const resolve of this.#idleWaiters.splice(0)) resolve()
      }
    }
  }

  #assertHeld(): void {
    if (this.#released) throw new ConnectionReleasedError()
  }

  // A transaction with no statement never reached the server.
  #settleEmpty(): boolean {
    if (this.#pendingBegin === undefined) return false
    this.#pendingBegin = undefined
    return true
  }

  #send(sql: string, parameters: readonly unknown[]): Promise<pg.QueryResult> {
    const scope = this.#scope
    const begin = this.#pendingBegin
    if (begin !== undefined) {
      this.#pendingBegin = undefined
      this.#inTransaction = true
      return scope
        ? this.#scoped(scope, begin, false, sql, parameters)
        : runPipelined(this.client, [begin], sql, parameters)
    }
    if (!scope || this.#inTransaction) return this.client.query(sql, parameters as unknown[])
    // Raw SQL may have begun a transaction on this connection. If it
    // failed, only ROLLBACK or COMMIT runs and nothing is read: a prelude
    // would fail first and keep the app from ever rolling back.
    const status = this.client.getTransactionStatus?.()
    if (status === 'E') return this.client.query(sql, parameters as unknown[])
    return this.#scoped(scope, undefined, status === 'T', sql, parameters)
  }

  // The statement behind its tenant prelude (and BEGIN, if it opens a
  // transaction). If the server lost the prepared prelude, it refused the
  // pipeline before running any of it: send it again, unprepared.
  async #scoped(
    scope: TenantScope,
    begin: EncodedStatements | undefined,
    inRawTransaction: boolean,
    sql: string,
    parameters: readonly unknown[],
  ): Promise<pg.QueryResult> {
    const statements = this.#statements
    // Inside a transaction raw SQL began, a lost statement would abort
    // the app's transaction: send the prelude unprepared there.
    const prelude = inRawTransaction
      ? statements.unnamed(scope)
      : statements.prelude(this.client, scope)
    try {
      return await runPipelined(this.client, begin ? [begin, prelude] : [prelude], sql, parameters)
    } catch (error) {
      if (!statements.isMissingStatement(error, this.client, scope)) throw error
    }
    // BEGIN ran before the prelude failed: end that failed transaction.
    if (begin) await this.client.query('rollback')
    const unnamed = statements.unnamed(scope)
    return runPipelined(this.client, begin ? [begin, unnamed] : [unnamed], sql, parameters)
  }
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
