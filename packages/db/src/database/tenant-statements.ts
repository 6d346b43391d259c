import { createHash } from 'node:crypto'
import pg from 'pg'
import type { Log } from '../logger/logger'
import {
  encodeNamedStatement,
  encodeStatements,
  type EncodedStatements,
  type NamedStatement,
} from '../tenant/encode-statements'
import type { TenantScope } from '../tenant/tenant-scope'

interface EncodedScope {
  readonly unnamed: EncodedStatements
  readonly named: NamedStatement
}

/**
 * The statements that set a scope's tenant (and role), as one database
 * sends them. By default each pooled connection keeps the statement
 * prepared under a name derived from its SQL, so the server parses and
 * plans it once per connection rather than before every statement; the
 * statement holds no tenant (the tenant is a parameter), so nothing
 * tenant-scoped outlives the transaction.
 *
 * A transaction pooler that does not track prepared statements (PgBouncer
 * before 1.21 in transaction mode) may run the next statement on a server
 * connection that never saw the name. The server then refuses the
 * prelude before anything of the statement runs; `isMissingStatement`
 * recognizes that answer, and from then on this database sends the
 * statement unprepared.
 */
export class TenantStatements {
  readonly #log: Log
  readonly #encoded = new WeakMap<TenantScope, EncodedScope>()
  // Clients known to hold the named statement, per statement name.
  readonly #prepared = new Map<string, WeakSet<pg.ClientBase>>()
  #named: boolean

  constructor(prepare: boolean, log: Log) {
    this.#named = prepare
    this.#log = log
  }

  /** Whether statements are still sent prepared. */
  get prepared(): boolean {
    return this.#named
  }

  /**
   * What to write ahead of a statement of `scope` on `client`; assumes
   * the client runs it (marks the client as holding the statement).
   */
  prelude(client: pg.ClientBase, scope: TenantScope): EncodedStatements {
    const encoded = this.#encode(scope)
    if (!this.#named) return encoded.unnamed
    const { name } = encoded.named
    let clients = this.#prepared.get(name)
    if (clients === undefined) this.#prepared.set(name, (clients = new WeakSet()))
    if (clients.has(client)) return encoded.named.execute
    clients.add(client)
    return encoded.named.prepare
  }

  /** The prelude in the form every server accepts. */
  unnamed(scope: TenantScope): EncodedStatements {
    return this.#encode(scope).unnamed
  }

  /**
   * Whether `error` is the server saying a prepared prelude does not
   * exist on its connection. Turns preparing off for this database (with
   * one warning): the caller then resends the work unprepared. Statements
   * already sent prepared on other connections may report it too.
   */
  isMissingStatement(error: unknown, scope: TenantScope): boolean {
    if (!(error instanceof pg.DatabaseError) || error.code !== '26000') return false
    if (!error.message.includes(`"${this.#encode(scope).named.name}"`)) return false
    if (this.#named) {
      this.#named = false
      this.#log.warn(
        'the server lost the prepared tenant statement (a transaction pooler such as ' +
          'PgBouncer before 1.21?); sending it unprepared from now on. ' +
          'Set prepareTenantStatement: false to skip this check.',
      )
    }
    return true
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

// The name changes with the SQL, so a server connection that holds a
// statement of that name holds this very statement (whoever prepared it).
function statementName(sql: string): string {
  let name = names.get(sql)
  if (name === undefined) {
    name = `tenantkit_${createHash('sha256').update(sql).digest('hex').slice(0, 16)}`
    names.set(sql, name)
  }
  return name
}
