import type { Dialect, KyselyPlugin } from 'kysely'
import type { Logger } from '../logger/logger'
import type { PoolOptions } from '../pool/pool-options'
import type { TenantIdType } from '../tenant/tenant-id'

/** Options shared by both ways of connecting. */
export interface CommonDatabaseOptions {
  /**
   * The custom PostgreSQL setting your RLS policies read the tenant from.
   * @default 'app.tenant_id'
   */
  readonly tenantSetting?: string
  /**
   * How tenant ids look; `forTenant` rejects anything else before a query
   * is sent.
   * @default 'uuid'
   */
  readonly tenantIdType?: TenantIdType
  /**
   * A role every tenant transaction switches to with
   * `set_config('role', ..., true)`, in the same round trip as the tenant.
   * Use it when the login role is a pooler user or, with embedded
   * PostgreSQL (PGlite), the only (super)user. The login role must be a
   * member of it; RLS then applies as this role.
   * @default undefined (the login role runs the statements)
   * @example
   * createDatabase({ dialect: pgliteDialect, runtimeRole: 'app_runtime' })
   */
  readonly runtimeRole?: string
  /**
   * Tables the tenant filter plugin guards in `forTenant` instances: a
   * list of names (all using `tenantColumn`) or a map of name to column.
   * Defense in depth on top of RLS, which stays the real guarantee.
   * @default undefined (no filter plugin)
   * @example
   * tenantTables: ['orders', 'invoices']
   */
  readonly tenantTables?: readonly string[] | Readonly<Record<string, string>>
  /**
   * Column holding the tenant id, for `tenantTables` given as a list.
   * @default 'tenant_id'
   */
  readonly tenantColumn?: string
  /**
   * Kysely plugins applied to every instance, before the tenant filter.
   * @default []
   */
  readonly plugins?: readonly KyselyPlugin[]
  /**
   * Receives pool events (connections lost, pre-ping failures). tenantkit
   * never logs SQL parameters or error messages, only error kinds.
   * @default undefined (nothing is logged)
   */
  readonly logger?: Logger
}

/** Connect with tenantkit's own pg.Pool: the fast path. */
export interface UrlDatabaseOptions extends CommonDatabaseOptions, PoolOptions {
  /**
   * Runtime URL: log in as the least-privilege role (NOSUPERUSER,
   * NOBYPASSRLS, owning no table). Never the owner URL used by migrations.
   * @example
   * url: process.env.DATABASE_URL // postgres://app_runtime:...@db/app
   */
  readonly url: string
  /**
   * Keep the statement that sets the tenant prepared on each connection
   * (a named statement, parsed and planned once per connection) instead
   * of parsing it ahead of every statement: less server CPU per statement.
   * The statement holds no tenant, but it is session state: SQL that runs
   * on the same connection (raw SQL of the app, an injected statement, or
   * another client of the same transaction pooler) could deallocate it and
   * prepare one that sets another tenant, for every later statement on
   * that connection. Turn it on only when all SQL on these connections is
   * your own, and not behind a pooler that loses prepared statements
   * (PgBouncer before 1.21, or with `max_prepared_statements = 0`). A lost
   * statement is resent unprepared; after a few losses tenantkit stops
   * preparing and logs a warning.
   * @default false
   */
  readonly prepareTenantStatement?: boolean
  readonly dialect?: undefined
}

/** Connect through any PostgreSQL Kysely dialect (PGlite, postgres.js...). */
export interface DialectDatabaseOptions extends CommonDatabaseOptions {
  /**
   * A Kysely dialect for PostgreSQL. Tenant statements outside a
   * transaction are wrapped in one (four round trips instead of one).
   * @example
   * dialect: new PGliteDialect(pglite)
   */
  readonly dialect: Dialect
  readonly url?: undefined
}

/** Options of `createDatabase`. */
export type DatabaseOptions = UrlDatabaseOptions | DialectDatabaseOptions
