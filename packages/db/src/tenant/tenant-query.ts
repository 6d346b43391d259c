import pg from 'pg'

/** The part of pg's protocol connection a submittable writes to. */
interface ProtocolWriter {
  parse(message: { text: string; name?: string; types?: unknown[] }): void
  bind(message: { portal?: string; statement?: string; values?: unknown[] }): void
  execute(message: { portal?: string; rows?: number }): void
}

/** The internals of pg.Query this file overrides (not in @types/pg). */
interface QueryInternals {
  prepare(connection: ProtocolWriter): void
  requiresPreparation(): boolean
  handleDataRow(message: unknown): void
  handleCommandComplete(message: unknown, connection: ProtocolWriter): void
}

type Callback = (error: Error | null, result?: pg.QueryResult) => void
type QueryClass = new (
  config: { text: string; values: unknown[] },
  values: undefined,
  callback: Callback,
) => QueryInternals

/** A statement sent ahead of the main one in the same pipeline. */
export interface PipelinedStatement {
  readonly sql: string
  readonly parameters: readonly unknown[]
}

/**
 * A pg submittable that writes `statements` and then the main statement
 * as unnamed extended-protocol statements (Parse/Bind/Execute each) behind
 * ONE Sync: one round trip. Without an explicit BEGIN they share one
 * implicit transaction, so `set_config(..., true)` lasts exactly as long
 * as the statement. The leading statements' results are swallowed; an
 * error in any of them fails the query and skips the rest.
 */
export class PipelinedQuery extends (pg.Query as unknown as QueryClass) {
  readonly #leading: readonly PipelinedStatement[]
  #pendingResults: number

  constructor(
    leading: readonly PipelinedStatement[],
    sql: string,
    parameters: readonly unknown[],
    callback: Callback,
  ) {
    super({ text: sql, values: [...parameters] }, undefined, callback)
    this.#leading = leading
    this.#pendingResults = leading.length
  }

  override requiresPreparation(): boolean {
    return true
  }

  override prepare(connection: ProtocolWriter): void {
    for (const statement of this.#leading) {
      connection.parse({ text: statement.sql, name: '', types: [] })
      connection.bind({ portal: '', statement: '', values: [...statement.parameters] })
      // No Describe: the leading statements' rows are never read.
      connection.execute({ portal: '', rows: 0 })
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
}

/**
 * Runs `sql` on `client` behind the `leading` statements in one round trip.
 *
 * @example
 * await runPipelined(client, [{ sql: 'begin', parameters: [] }], sql, params)
 */
export function runPipelined(
  client: pg.ClientBase,
  leading: readonly PipelinedStatement[],
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
