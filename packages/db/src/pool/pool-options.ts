import type { ConnectionOptions } from 'node:tls'

/**
 * How the runtime pool behaves. Every option maps onto pg-pool's own
 * setting where one exists; tenantkit adds only the pre-ping.
 */
export interface PoolOptions {
  /**
   * Connections kept open even when idle (pg-pool `min`). They are opened
   * on demand and then never closed for idleness.
   * @default 0
   */
  readonly min?: number
  /**
   * Most connections open at once (pg-pool `max`). Queries beyond it wait
   * for a free connection, up to `connectionTimeoutMillis`.
   * @default 10
   */
  readonly max?: number
  /**
   * Idle time after which a connection above `min` is closed (pg-pool
   * `idleTimeoutMillis`); `0` keeps idle connections forever.
   * @default 10_000
   */
  readonly idleTimeoutMillis?: number
  /**
   * Longest wait for a connection, new or from the pool, before the query
   * fails (pg-pool `connectionTimeoutMillis`); `0` waits forever.
   * @default 5_000
   */
  readonly connectionTimeoutMillis?: number
  /**
   * Age after which a connection is closed instead of reused (pg-pool
   * `maxLifetimeSeconds`), so credentials, DNS and server-side memory get
   * refreshed; `0` never recycles.
   * @default 1_800
   */
  readonly maxLifetimeSeconds?: number
  /**
   * Uses after which a connection is closed (pg-pool `maxUses`); useful to
   * spread connections across replicas behind a load balancer.
   * @default Infinity
   */
  readonly maxUses?: number
  /**
   * A connection idle for longer than this is checked with `select 1`
   * before it is handed out; a dead one is discarded and replaced. `false`
   * never checks.
   * @default 30_000
   */
  readonly prePingAfterIdleMillis?: number | false
  /**
   * Server-side limit for every statement on the connection (sent as the
   * `statement_timeout` startup parameter). PgBouncer refuses unknown
   * startup parameters: behind it, leave this unset and use
   * `alter role app set statement_timeout = '5s'` instead.
   * @default undefined (the server's setting)
   */
  readonly statementTimeoutMillis?: number
  /**
   * `application_name` shown in `pg_stat_activity` and server logs.
   * @default 'tenantkit'
   */
  readonly applicationName?: string
  /**
   * TLS for the connection: `true` verifies the server against the system
   * CAs, an object is passed to `tls.connect`. Prefer `sslmode` in the URL
   * only if you know pg's interpretation of it.
   * @default undefined (taken from the URL)
   */
  readonly ssl?: boolean | ConnectionOptions
}

/** `PoolOptions` after defaults are applied. */
export interface ResolvedPoolOptions {
  readonly min: number
  readonly max: number
  readonly idleTimeoutMillis: number
  readonly connectionTimeoutMillis: number
  readonly maxLifetimeSeconds: number
  readonly maxUses: number
  readonly prePingAfterIdleMillis: number | false
  readonly statementTimeoutMillis: number | undefined
  readonly applicationName: string
  readonly ssl: boolean | ConnectionOptions | undefined
}

/** Defaults for `PoolOptions`. */
export const POOL_DEFAULTS: Omit<ResolvedPoolOptions, 'ssl' | 'statementTimeoutMillis'> = {
  min: 0,
  max: 10,
  idleTimeoutMillis: 10_000,
  connectionTimeoutMillis: 5_000,
  maxLifetimeSeconds: 1_800,
  maxUses: Number.POSITIVE_INFINITY,
  prePingAfterIdleMillis: 30_000,
  applicationName: 'tenantkit',
}
