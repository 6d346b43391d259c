import { TenantkitError } from './tenantkit-error'

// Kysely recognises an aborted commit by this registered symbol.
const KYSELY_ABORTED = Symbol.for('kysely.AbortedTransactionError')

/**
 * Thrown by COMMIT when an earlier statement failed and PostgreSQL rolled
 * the transaction back instead.
 *
 * @example
 * await db.forTenant(id).transaction().execute(async (trx) => {
 *   await sql`select 1/0`.execute(trx).catch(() => {}) // swallowed error
 * }) // TransactionAbortedError
 */
export class TransactionAbortedError extends TenantkitError {
  override readonly name: string = 'TransactionAbortedError'
  constructor() {
    super('transaction_aborted', 'The transaction was rolled back instead of committed.', {
      fix:
        'A statement in the transaction failed and its error was caught; ' +
        'let it propagate, or use a savepoint to recover from it.',
    })
    Object.defineProperty(this, KYSELY_ABORTED, { value: true })
  }
}
