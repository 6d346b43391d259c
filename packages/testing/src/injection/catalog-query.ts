import { createHash } from 'node:crypto'
import type { Queryable } from '../queryable'
import { findDatabaseError } from './sqlstate'
import { CATALOG_SQL } from './catalog-sql'

type Rows = Array<Record<string, unknown>>

// A suite reads the catalog after every payload. node-postgres prepares a
// named statement once per connection and then only binds it, which spares
// the planner's work on this many-way union each time. The name follows the
// text, so two versions of the kit never share one.
const STATEMENT = 'tenantkit_catalog_' +
  createHash('sha256').update(CATALOG_SQL).digest('hex').slice(0, 16)

/** node-postgres pools and clients, which take `{ name, text }`. */
interface NamedQueryable {
  query(config: { name: string; text: string }): Promise<{ rows: Rows }>
}

// Connections that lost or refused the statement: DISCARD ALL, or a
// PgBouncer in transaction mode that hands each query another server.
const textOnly = new WeakSet<object>()
const REFUSED = new Set(['26000', '42P05'])

/** Runs the catalog query; its rows are `{ key, value }`. */
export async function readCatalog(db: Queryable): Promise<Rows> {
  if (!isNodePostgres(db) || textOnly.has(db)) return (await db.query(CATALOG_SQL)).rows
  try {
    return (await db.query({ name: STATEMENT, text: CATALOG_SQL })).rows
  } catch (error) {
    if (!REFUSED.has(findDatabaseError(error)?.code ?? '')) throw error
    textOnly.add(db)
    return (await db.query(CATALOG_SQL)).rows
  }
}

function isNodePostgres(db: Queryable): db is Queryable & NamedQueryable {
  // pg.Client (pool clients too) and pg.Pool, told apart from wrappers.
  return 'connectionParameters' in db || ('totalCount' in db && 'idleCount' in db)
}
