import { createHash } from 'node:crypto'
import pg from 'pg'
import type { Log } from '../logger/logger'
import {
  encodeNamedStatement,
  encodeStatements,
  type EncodedStatements,
  type NamedStatement,
} from '../tenant/encode-statements'
import { failedBeforeStatement } from '../tenant/tenant-query'
import type { TenantScope } from '../tenant/tenant-scope'

interface EncodedScope {
  readonly unnamed: EncodedStatements
  readonly named: NamedStatement
}

// Misses a database tolerates (each resent unprepared) before it stops
// preparing: a pooler that does not track prepared statements misses
// again and again, an app's stray DEALLOCATE ALL once in a while.
const MISSES_BEFORE_GIVING_UP = 3

/**
 * The statements that set a scope's tenant (and role), as one database
 * sends them: unnamed by default, parsed and planned before every
 * statement. With `prepare`, each pooled connection keeps the statement
 * prepared under a name derived from its SQL and the server parses and
 * plans it once per connection. The statement holds no tenant (the
 * tenant is a parameter of each use), but it is session state: SQL that
 * runs on the same connection can replace it (see `prepareTenantStatement`).
 *
 * A connection can lose the statement: a transaction pooler that does not
 * track prepared statements (PgBouncer before 1.21) runs the next
 * transaction on a server connection that never saw it, and app SQL can
 * DEALLOCATE it. The server then refuses the prelude before anything of
 * the statement runs; `isMissingStatement` recognizes that, the caller
 * resends the work unprepared, and the connection prepares again next
 * time. After a few misses the database stops preparing, with a warning.
 */
export class TenantStatements {
  readonly #log: Log
  readonly #encoded = new WeakMap<TenantScope, EncodedScope>()
  // Clients that were sent the named statement, by statement name.
  readonly #prepared = new Map<string, WeakSet<pg.ClientBase>>()
  #named: boolean
  #misses = 0

  constructor(prepare: boolean, log: Log) {
    this.#named = prepare
    this.#log = log
  }

  /**
   * What to write ahead of a statement of `scope` on `client`; assumes
   * the client runs it (marks the client as holding the statement).
   */
  prelude(client: pg.ClientBase, scope: TenantScope): EncodedStatements {
    const encoded = this.#encode(scope)
    if (!this.#named) return encoded.unnamed
    const clients = this.#clients(encoded.named.name)
    if (clients.has(client)) return encoded.named.execute
    clients.add(client)
    return encoded.named.prepare
  }

  /** The prelude in the form every server accepts. */
  unnamed(scope: TenantScope): EncodedStatements {
    return this.#encode(scope).unnamed
  }

  /**
   * Whether `error` failed the prepared prelude of `scope` on `client`
   * because the server connection does not hold the statement (SQLSTATE
   * 26000 before the statement ran; messages are not read, they are
   * localized). The client prepares again next time; the caller resends
   * this work unprepared.
   */
  isMissingStatement(error: unknown, client: pg.ClientBase, scope: TenantScope): boolean {
    if (!(error instanceof pg.DatabaseError) || error.code !== '26000') return false
    if (!failedBeforeStatement(error)) return false
    const { name } = this.#encode(scope).named
    if (!this.#clients(name).delete(client)) return false
    if (this.#named && ++this.#misses >= MISSES_BEFORE_GIVING_UP) {
      this.#named = false
      this.#log.warn(
        `the server lost the prepared tenant statement ${MISSES_BEFORE_GIVING_UP} times ` +
          '(a transaction pooler such as PgBouncer before 1.21, or DEALLOCATE in app SQL?); ' +
          'sending it unprepared from now on. Leave prepareTenantStatement off there.',
      )
    }
    return true
  }

  #clients(name: string): WeakSet<pg.ClientBase> {
    let clients = this.#prepared.get(name)
    if (clients === undefined) this.#prepared.set(name, (clients = new WeakSet()))
    return clients
  }

  #encode(scope: TenantScope): EncodedScope {
    let encoded = this.#encoded.get(scope)
    if (encoded === undefined) {
      const statement = { sql: scope.sql, parameters: scope.parameters }
      encoded = {
        unnamed: encodeStatements([statement]),
        named: encodeNamedStatement(statementName(scope.sql), statement),
      }
      this.#encoded.set(scope, encoded)
    }
    return encoded
  }
}

const names = new Map<string, string>()

// The name changes with the SQL, so two databases with different preludes
// never share a name on a server connection.
function statementName(sql: string): string {
  let name = names.get(sql)
  if (name === undefined) {
    name = `tenantkit_${createHash('sha256').update(sql).digest('hex').slice(0, 16)}`
    names.set(sql, name)
  }
  return name
}
