import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type Dialect,
  type KyselyPlugin,
} from 'kysely'
import { ConfigurationError } from '../errors/configuration-error'
import { DatabaseClosedError } from '../errors/database-closed-error'
import { createLog } from '../logger/logger'
import { createPluginFor } from '../plugin/tenant-filter-plugin'
import { createManagedPool, type ManagedPool, type PoolStats } from '../pool/managed-pool'
import { normalizeTenantId } from '../tenant/tenant-id'
import { createTenantScope, type TenantScope } from '../tenant/tenant-scope'
import type { DatabaseOptions } from './database-options'
import { createDialectSource } from './dialect-source'
import { checkHealth, type DatabaseHealth } from './health'
import { InstanceCache } from './instance-cache'
import { createPgSource } from './pg-source'
import { resolveOptions, type ResolvedOptions } from './resolve-options'
import type { ConnectionSource } from './scoped-connection'
import { ScopedDriver } from './scoped-driver'
import { TenantStatements } from './tenant-statements'

/** A tenant id as accepted by `forTenant`: validated before any query. */
export type TenantId = string | number | bigint

/** One database per process: a pool and a Kysely view per tenant. */
export interface TenantDatabase<DB> {
  /**
   * A Kysely instance whose every statement runs with `tenantId` set
   * transaction-locally (and the runtime role, if configured). Throws an
   * `InvalidTenantIdError` for a malformed id before anything is sent.
   * @example
   * const orders = await db.forTenant(req.tenantId)
   *   .selectFrom('orders').selectAll().execute()
   */
  forTenant(tenantId: TenantId): Kysely<DB>
  /**
   * A Kysely instance with no tenant (but the runtime role, if one is
   * configured): RLS makes tenant tables read as empty and refuse writes.
   * Each statement clears the tenant setting transaction-locally in the
   * same round trip, so a session-level value left on a pooled connection
   * by raw SQL is never read. For tables shared by all tenants.
   * @example
   * const plans = await db.withoutTenant().selectFrom('plans').selectAll().execute()
   */
  withoutTenant(): Kysely<DB>
  /**
   * Pool counters, a server ping and whether the runtime role would skip
   * RLS. A server problem is reported, never thrown.
   * @example
   * app.get('/health', async () => (await db.health()).ok)
   */
  health(options?: { readonly timeoutMillis?: number }): Promise<DatabaseHealth>
  /**
   * Lets statements already waiting for a connection run, waits for
   * connections in use, then closes the pool (or destroys the dialect's
   * driver). Statements started later throw `DatabaseClosedError`. Safe
   * to call more than once.
   */
  close(): Promise<void>
  /** Whether `close()` was called. */
  readonly closed: boolean
}

/**
 * Creates the process's database: one pg.Pool (or the given dialect) and
 * tenant-scoped Kysely instances over it. Validates every option first.
 *
 * @example
 * const db = createDatabase<DB>({ url: process.env.DATABASE_URL!, max: 20 })
 * const rows = await db.forTenant(tenantId).selectFrom('orders').selectAll().execute()
 * await db.close()
 */
export function createDatabase<DB>(options: DatabaseOptions): TenantDatabase<DB> {
  return openDatabase<DB>('createDatabase', options)
}

/** A database as tenantkit's own factories see it (not exported). */
export interface OpenedDatabase<DB> extends TenantDatabase<DB> {
  /**
   * Kysely with no prelude at all: statements run exactly as written, on
   * the login role. Only for the owner connection (migrations may need the
   * simple protocol and statements that refuse to run in a pipeline).
   */
  unscoped(): Kysely<DB>
}

/** `createDatabase`, with the caller's name for error messages. */
export function openDatabase<DB>(where: string, options: DatabaseOptions): OpenedDatabase<DB> {
  const resolved = resolveOptions(where, options)
  const log = createLog(resolved.logger, 'db.pool')
  let pool: ManagedPool | undefined
  let source: ConnectionSource
  let dialect: DialectParts
  if (resolved.connection.kind === 'url') {
    const { url, pool: poolOptions, prepareTenantStatement } = resolved.connection
    pool = createManagedPool(url, poolOptions, log)
    const statements = new TenantStatements(prepareTenantStatement, createLog(resolved.logger, 'db'))
    // A statement left running at release gets as long as a request may
    // wait for a connection (5 s when that wait is unbounded).
    source = createPgSource(pool, statements, log, poolOptions.connectionTimeoutMillis || 5_000)
    dialect = postgresParts()
  } else {
    source = createDialectSource(resolved.connection.dialect)
    dialect = dialectParts(resolved.connection.dialect)
  }
  return new Database<DB>(resolved, source, dialect, pool)
}

interface DialectParts {
  readonly adapter: ReturnType<Dialect['createAdapter']>
  readonly compiler: ReturnType<Dialect['createQueryCompiler']>
  readonly createIntrospector: Dialect['createIntrospector']
}

function postgresParts(): DialectParts {
  return {
    adapter: new PostgresAdapter(),
    compiler: new PostgresQueryCompiler(),
    createIntrospector: (db) => new PostgresIntrospector(db),
  }
}

function dialectParts(dialect: Dialect): DialectParts {
  return {
    adapter: dialect.createAdapter(),
    compiler: dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  }
}

class Database<DB> implements OpenedDatabase<DB> {
  readonly #options: ResolvedOptions
  readonly #source: ConnectionSource
  readonly #parts: DialectParts
  readonly #pool: ManagedPool | undefined
  readonly #assertOpen = (): void => {
    if (this.#closing) throw new DatabaseClosedError()
  }
  // Tenants served recently; an app with more active tenants than this
  // rebuilds an instance now and then, which costs microseconds.
  readonly #tenants = new InstanceCache<Kysely<DB>>(1_000)
  #withoutTenant: Kysely<DB> | undefined
  #unscoped: Kysely<DB> | undefined
  #closing: Promise<void> | undefined

  constructor(
    options: ResolvedOptions,
    source: ConnectionSource,
    parts: DialectParts,
    pool: ManagedPool | undefined,
  ) {
    this.#options = options
    this.#source = source
    this.#parts = parts
    this.#pool = pool
  }

  get closed(): boolean {
    return this.#closing !== undefined
  }

  forTenant(tenantId: TenantId): Kysely<DB> {
    this.#assertOpen()
    // Validated on every call; the instance for a valid id is reused.
    const id = normalizeTenantId(tenantId, this.#options.tenantIdType)
    return this.#tenants.get(id, () => this.#createForTenant(id))
  }

  #createForTenant(id: string): Kysely<DB> {
    const { tenantSetting, runtimeRole, tenantTables, plugins } = this.#options
    const scope = createTenantScope(tenantSetting, id, runtimeRole)
    // The filter runs last, so it sees the names other plugins produce.
    const filter = tenantTables && createPluginFor(tenantTables, id, this.#options.tenantIdType)
    const all = filter ? [...plugins, filter] : plugins
    const kysely: Kysely<DB> = this.#kysely(scope, all, () => this.#tenants.forget(id, kysely))
    return kysely
  }

  withoutTenant(): Kysely<DB> {
    this.#assertOpen()
    const { tenantSetting, runtimeRole, plugins } = this.#options
    // Clears the tenant, and still sets the runtime role: a superuser
    // login (PGlite) must not skip RLS.
    const scope = createTenantScope(tenantSetting, undefined, runtimeRole)
    return (this.#withoutTenant ??= this.#kysely(scope, plugins, () => {
      this.#withoutTenant = undefined
    }))
  }

  unscoped(): Kysely<DB> {
    this.#assertOpen()
    return (this.#unscoped ??= this.#kysely(undefined, this.#options.plugins, () => {
      this.#unscoped = undefined
    }))
  }

  health(options: { readonly timeoutMillis?: number } = {}): Promise<DatabaseHealth> {
    const timeout = options?.timeoutMillis ?? 5_000
    if (!Number.isSafeInteger(timeout) || timeout < 1) {
      throw new ConfigurationError('health', [
        { path: 'timeoutMillis', message: 'must be an integer >= 1 (milliseconds)' },
      ])
    }
    const stats = (): PoolStats | undefined => this.#pool?.stats()
    if (this.#closing) {
      return Promise.resolve({
        ok: false,
        pool: stats(),
        server: { ok: false, latencyMillis: 0, error: { error: 'DatabaseClosedError' } },
      })
    }
    return checkHealth(this.withoutTenant(), this.#options.runtimeRole, stats, timeout)
  }

  close(): Promise<void> {
    return (this.#closing ??= this.#source.close())
  }

  #kysely(
    scope: TenantScope | undefined,
    plugins: readonly KyselyPlugin[],
    onDestroy: () => void,
  ): Kysely<DB> {
    const parts = this.#parts
    const driver = new ScopedDriver(this.#source, scope, this.#assertOpen, onDestroy)
    return new Kysely<DB>({
      dialect: {
        createDriver: () => driver,
        createAdapter: () => parts.adapter,
        createQueryCompiler: () => parts.compiler,
        createIntrospector: (db) => parts.createIntrospector(db),
      },
      plugins: [...plugins],
    })
  }
}
