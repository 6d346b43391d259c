/**
 * What an expression is known to be, as far as SQL goes. Resolved from
 * imports and `require` calls, never from a variable's name alone.
 */
export type Kind =
  | 'kysely-module'
  | 'kysely-sql'
  | 'kysely-sql.raw'
  | 'kysely-sql.lit'
  | 'kysely-sql.ref'
  | 'kysely-sql.id'
  | 'kysely-sql.table'
  | 'kysely-sql.join'
  | 'kysely-compiled-query'
  | 'kysely-compiled-query.raw'
  | 'kysely-class'
  | 'kysely-db'
  | 'kysely-db-method'
  | 'kysely-dynamic'
  | 'kysely-dynamic.ref'
  | 'kysely-dynamic.table'
  | 'pg-module'
  | 'pg-class'
  | 'pg-client'
  | 'pg-client.query'
  | 'pg-client.connect'
  | 'pg-submittable-class'
  | 'pg-escape'
  | 'postgres-module'
  | 'postgres-class'
  | 'postgres-sql'
  | 'postgres-sql.unsafe'
  | 'postgres-sql.begin'
  | 'crypto-module'
  | 'crypto-random-bytes'
  | 'crypto-random-uuid'
  | 'random-bytes'
  | 'assert'

/** The kind a module's default export, namespace or `require` gives. */
export function moduleKind(source: string): Kind | undefined {
  switch (source) {
    case 'kysely':
      return 'kysely-module'
    case 'pg':
    case '@neondatabase/serverless':
      return 'pg-module'
    case 'pg-pool':
      return 'pg-class'
    case 'pg-cursor':
    case 'pg-query-stream':
      return 'pg-submittable-class'
    case 'postgres':
      return 'postgres-module'
    case 'crypto':
    case 'node:crypto':
      return 'crypto-module'
    case 'assert':
    case 'node:assert':
    case 'assert/strict':
    case 'node:assert/strict':
      return 'assert'
    default:
      return undefined
  }
}

const KYSELY_SQL_HELPERS = new Set(['raw', 'lit', 'ref', 'id', 'table', 'join'])
const KYSELY_DB_TYPES = new Set([
  'Kysely', 'Transaction', 'ControlledTransaction', 'ExpressionBuilder',
  'SelectQueryBuilder', 'InsertQueryBuilder', 'UpdateQueryBuilder',
  'DeleteQueryBuilder', 'QueryCreator', 'JoinBuilder', 'WhereInterface',
])
const PG_CLASSES = new Set(['Pool', 'Client', 'PoolClient', 'ClientBase'])
const ESCAPES = new Set(['escapeIdentifier', 'escapeLiteral'])
const POSTGRES_TYPES = new Set(['Sql', 'TransactionSql', 'ReservedSql'])

/** The kind of `object.name` when `object` has kind `kind`. */
export function memberKind(kind: Kind, name: string): Kind | undefined {
  switch (kind) {
    case 'kysely-module':
      if (name === 'sql') return 'kysely-sql'
      if (name === 'CompiledQuery') return 'kysely-compiled-query'
      return KYSELY_DB_TYPES.has(name) ? 'kysely-class' : undefined
    case 'kysely-sql':
      return KYSELY_SQL_HELPERS.has(name) ? (`kysely-sql.${name}` as Kind) : undefined
    case 'kysely-compiled-query':
      return name === 'raw' ? 'kysely-compiled-query.raw' : undefined
    case 'kysely-db':
      return name === 'dynamic' ? 'kysely-dynamic' : 'kysely-db-method'
    case 'kysely-dynamic':
      if (name === 'ref') return 'kysely-dynamic.ref'
      return name === 'table' ? 'kysely-dynamic.table' : undefined
    case 'pg-module':
      if (PG_CLASSES.has(name)) return 'pg-class'
      if (name === 'Query') return 'pg-submittable-class'
      if (ESCAPES.has(name)) return 'pg-escape'
      return name === 'native' || name === 'default' ? 'pg-module' : undefined
    case 'pg-client':
      if (name === 'query') return 'pg-client.query'
      if (name === 'connect') return 'pg-client.connect'
      return ESCAPES.has(name) ? 'pg-escape' : undefined
    case 'postgres-module':
      return POSTGRES_TYPES.has(name) ? 'postgres-class' : undefined
    case 'postgres-sql':
      if (name === 'unsafe') return 'postgres-sql.unsafe'
      if (name === 'begin' || name === 'reserve') return 'postgres-sql.begin'
      return undefined
    case 'crypto-module':
      if (name === 'randomBytes') return 'crypto-random-bytes'
      return name === 'randomUUID' ? 'crypto-random-uuid' : undefined
    case 'assert':
      return name === 'ok' || name === 'strict' ? 'assert' : undefined
    default:
      return undefined
  }
}

/** What calling a value of this kind returns. */
export function callKind(kind: Kind, method?: string): Kind | undefined {
  switch (kind) {
    case 'postgres-module':
    case 'postgres-sql.begin':
      return 'postgres-sql'
    case 'kysely-db-method':
      return method !== undefined && /^(execute|stream|compile)/.test(method)
        ? undefined
        : 'kysely-db'
    case 'pg-client.connect':
      return 'pg-client'
    case 'crypto-random-bytes':
      return 'random-bytes'
    default:
      return undefined
  }
}

/** The instance kind a class or type of this kind describes. */
export function instanceKind(kind: Kind): Kind | undefined {
  switch (kind) {
    case 'kysely-class':
      return 'kysely-db'
    case 'pg-class':
      return 'pg-client'
    case 'postgres-class':
      return 'postgres-sql'
    default:
      return undefined
  }
}
