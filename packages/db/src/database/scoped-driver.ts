import {
  createQueryId,
  IdentifierNode,
  RawNode,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type TransactionSettings,
} from 'kysely'
import type { TenantScope } from '../tenant/tenant-scope'
import type { ConnectionSource, ScopedConnection } from './scoped-connection'

/**
 * The Kysely driver behind `forTenant` and `withoutTenant`: a thin view of
 * the database's shared connection source with one tenant scope (or none).
 * Destroying it only tells the database to stop handing out this
 * instance (`onDestroy`); the database's `close()` ends the pool.
 */
export class ScopedDriver implements Driver {
  readonly #source: ConnectionSource
  readonly #scope: TenantScope | undefined
  readonly #assertOpen: () => void
  readonly #onDestroy: () => void

  constructor(
    source: ConnectionSource,
    scope: TenantScope | undefined,
    assertOpen: () => void,
    onDestroy: () => void,
  ) {
    this.#source = source
    this.#scope = scope
    this.#assertOpen = assertOpen
    this.#onDestroy = onDestroy
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

  savepoint(connection: DatabaseConnection, name: string, compile: Compile): Promise<void> {
    return command(connection, 'savepoint', name, compile)
  }

  rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: Compile,
  ): Promise<void> {
    return command(connection, 'rollback to savepoint', name, compile)
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compile: Compile): Promise<void> {
    return command(connection, 'release savepoint', name, compile)
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.#source.release(connection as ScopedConnection)
  }

  async destroy(): Promise<void> {
    this.#onDestroy()
  }
}

type Compile = QueryCompiler['compileQuery']

// The savepoint name is an identifier node, quoted by the query compiler.
async function command(
  connection: DatabaseConnection,
  verb: string,
  name: string,
  compile: Compile,
): Promise<void> {
  const node = RawNode.createWithChildren([
    RawNode.createWithSql(`${verb} `),
    IdentifierNode.create(name),
  ])
  await connection.executeQuery(compile(node, createQueryId()))
}
