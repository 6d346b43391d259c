import type { PGlite } from '@electric-sql/pglite'
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely'

/** Options of {@link createPgliteDialect}. */
export interface PgliteDialectOptions {
  /**
   * Close the PGlite instance when Kysely destroys the driver. Turn it off
   * for a second dialect over the same instance (an owner connection).
   * @default true
   */
  readonly closeOnDestroy?: boolean
}

/**
 * A Kysely dialect for PGlite (PostgreSQL compiled to WebAssembly, running
 * in this process). PGlite is one session, so every dialect over the same
 * instance shares one lock and hands out one connection at a time: a
 * transaction owns the database until it ends, and no other statement
 * can slip into it.
 *
 * @example
 * const dialect = createPgliteDialect(await PGlite.create())
 * const db = createDatabase({ dialect, runtimeRole: 'app_runtime' })
 */
export function createPgliteDialect(
  pglite: PGlite,
  options: PgliteDialectOptions = {},
): Dialect {
  const close = options.closeOnDestroy ?? true
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PgliteDriver(pglite, close),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  }
}

/** One FIFO lock per PGlite instance, shared by all its dialects. */
interface Lock {
  tail: Promise<void>
}
const locks = new WeakMap<PGlite, Lock>()

class PgliteDriver implements Driver {
  readonly #pglite: PGlite
  readonly #lock: Lock
  readonly #close: boolean

  constructor(pglite: PGlite, close: boolean) {
    this.#pglite = pglite
    this.#close = close
    let lock = locks.get(pglite)
    if (lock === undefined) {
      lock = { tail: Promise.resolve() }
      locks.set(pglite, lock)
    }
    this.#lock = lock
  }

  async init(): Promise<void> {
    await this.#pglite.waitReady
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    // Each acquirer waits for the previous holder's release.
    let release!: () => void
    const previous = this.#lock.tail
    this.#lock.tail = new Promise<void>((resolve) => (release = resolve))
    await previous
    return new PgliteConnection(this.#pglite, release)
  }

  async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    const level = settings.isolationLevel
    // The isolation level comes from Kysely's closed list, never from input.
    const begin = level ? `begin isolation level ${level}` : 'begin'
    await connection.executeQuery(CompiledQuery.raw(begin))
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'))
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'))
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    ;(connection as PgliteConnection).release()
  }

  async destroy(): Promise<void> {
    await this.#lock.tail
    if (this.#close && !this.#pglite.closed) await this.#pglite.close()
  }
}

class PgliteConnection implements DatabaseConnection {
  readonly pglite: PGlite
  readonly release: () => void

  constructor(pglite: PGlite, release: () => void) {
    this.pglite = pglite
    this.release = release
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pglite.query<R>(query.sql, [...query.parameters])
    const affected = result.affectedRows
    return {
      rows: result.rows,
      ...(affected === undefined ? {} : { numAffectedRows: BigInt(affected) }),
    }
  }

  // eslint-disable-next-line require-yield -- Kysely's Driver requires a generator
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error(
      'The PGlite dialect does not stream results: page with limit instead.',
    )
  }
}
