import pg from 'pg'
import type { EncodedStatements } from './encode-statements'

/** The part of pg's protocol connection a submittable writes to. */
interface ProtocolWriter {
  readonly stream: { readonly writable: boolean; write(bytes: Uint8Array): boolean }
  once(event: 'readyForQuery' | 'end', listener: () => void): unknown
  off(event: 'readyForQuery' | 'end', listener: () => void): unknown
}

/** The internals of pg.Query this file overrides (not in @types/pg). */
interface QueryInternals {
  prepare(connection: ProtocolWriter): void
  requiresPreparation(): boolean
  handleDataRow(message: unknown): void
  handleCommandComplete(message: unknown, connection: ProtocolWriter): void
  handleError(error: Error, connection?: ProtocolWriter): void
}

type Callback = (error: Error | null, result?: pg.QueryResult) => void
type QueryClass = new (text: string, values: readonly unknown[], callback: Callback) => QueryInternals

/**
 * A pg submittable that writes `statements` and then the main statement
 * as unnamed extended-protocol statements (Parse/Bind/Execute each) behind
 * ONE Sync: one round trip. The leading statements come pre-encoded, and
 * pg corks the socket around prepare(), so all of it leaves in one write.
 * Without an explicit BEGIN they share one implicit transaction, so
 * `set_config(..., true)` lasts exactly as long as the statement. The
 * leading statements' results are swallowed; an error in any of them fails
 * the query and skips the rest (`failedBeforeStatement` then says so).
 */
export class PipelinedQuery extends (pg.Query as unknown as QueryClass) {
  readonly #leading: readonly EncodedStatements[]
  #pendingResults = 0

  constructor(
    leading: readonly EncodedStatements[],
    sql: string,
    parameters: readonly unknown[],
    callback: Callback,
  ) {
    // Text and values apart: pg copies a config object's every property.
    super(sql, parameters, callback)
    this.#leading = leading
    for (const statements of leading) this.#pendingResults += statements.count
  }

  override requiresPreparation(): boolean {
    return true
  }

  override prepare(connection: ProtocolWriter): void {
    // As pg's own writes do, skip writing to a closed socket: the
    // connection's end or error event then fails the query.
    if (connection.stream.writable) {
      for (const statements of this.#leading) connection.stream.write(statements.bytes)
    }
    super.prepare(connection)
  }

  override handleDataRow(message: unknown): void {
    if (this.#pendingResults === 0) super.handleDataRow(message)
  }

  override handleCommandComplete(message: unknown, connection: ProtocolWriter): void {
    if (this.#pendingResults > 0) {
      this.#pendingResults--
      return
    }
    super.handleCommandComplete(message, connection)
  }

  // The server reports an error before it is ready again (it still ends
  // the pipeline's implicit transaction). Fail the query only then, so
  // the connection never goes back to the pool with that work unfinished
  // and its transaction status is current when it does.
  override handleError(error: Error, connection?: ProtocolWriter): void {
    if (this.#pendingResults > 0) leadingFailures.add(error)
    if (!(error instanceof pg.DatabaseError) || connection === undefined) {
      super.handleError(error, connection)
      return
    }
    const settle = (): void => {
      connection.off('readyForQuery', settle)
      connection.off('end', settle)
      super.handleError(error, connection)
    }
    connection.once('readyForQuery', settle)
    connection.once('end', settle)
  }
}

const leadingFailures = new WeakSet<Error>()

/**
 * Whether `error` failed a pipelined query in one of its leading
 * statements, so the main statement never ran.
 */
export function failedBeforeStatement(error: unknown): boolean {
  return error instanceof Error && leadingFailures.has(error)
}

/**
 * Runs `sql` on `client` behind the `leading` statements in one round trip.
 *
 * @example
 * const begin = encodeStatements([{ sql: 'begin', parameters: [] }])
 * await runPipelined(client, [begin], sql, params)
 */
export function runPipelined(
  client: pg.ClientBase,
  leading: readonly EncodedStatements[],
  sql: string,
  parameters: readonly unknown[],
): Promise<pg.QueryResult> {
  return new Promise((resolve, reject) => {
    const query = new PipelinedQuery(leading, sql, parameters, (error, result) => {
      if (error) reject(error)
      else resolve(result as pg.QueryResult)
    })
    client.query(query as unknown as pg.QueryConfig)
  })
}
