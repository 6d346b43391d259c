import pg from 'pg'
import type { Log } from '../logger/logger'
import type { ResolvedPoolOptions } from './pool-options'

/** Counters of a pool at one instant. */
export interface PoolStats {
  /** Open connections, idle or in use. */
  readonly total: number
  /** Open connections waiting in the pool. */
  readonly idle: number
  /** Requests waiting for a connection. */
  readonly waiting: number
  /** The configured maximum. */
  readonly max: number
}

/** A pg.Pool that survives dead connections and pre-pings stale ones. */
export interface ManagedPool {
  acquire(): Promise<pg.PoolClient>
  /** Returns a client; a broken one is closed instead of reused. */
  release(client: pg.PoolClient, broken: boolean): void
  isBroken(client: pg.PoolClient): boolean
  stats(): PoolStats
  end(): Promise<void>
}

const PRE_PING_ATTEMPTS = 3

/**
 * Builds the pg.Pool behind a database. Idle connections that die (server
 * restart, `pg_terminate_backend`) are dropped and logged, never thrown;
 * a connection that dies while in use fails its query and is discarded.
 */
export function createManagedPool(
  url: string,
  options: ResolvedPoolOptions,
  log: Log,
): ManagedPool {
  const pool = new pg.Pool(toPgConfig(url, options))
  const lastReleased = new WeakMap<pg.PoolClient, number>()
  const broken = new WeakSet<pg.PoolClient>()
  const watched = new WeakSet<pg.PoolClient>()
  const inUse = new WeakSet<pg.PoolClient>()
  let ending: Promise<void> | undefined

  pool.on('error', (error) => {
    log.warn('an idle connection died; the pool dropped it', () => describe(error))
  })
  pool.on('release', (_error: unknown, client: pg.PoolClient) => {
    lastReleased.set(client, Date.now())
  })

  // pg-pool listens for errors only while a client is idle; without this
  // listener a connection dying mid-query would crash the process.
  const watch = (client: pg.PoolClient): void => {
    if (watched.has(client)) return
    watched.add(client)
    client.on('error', (error) => {
      // An idle client's death is reported by the pool's 'error' event.
      if (!inUse.has(client) || broken.has(client)) return
      broken.add(client)
      log.warn('a connection in use died; it will be discarded', () => describe(error))
    })
  }

  const isStale = (client: pg.PoolClient): boolean => {
    const threshold = options.prePingAfterIdleMillis
    const since = lastReleased.get(client)
    return threshold !== false && since !== undefined && Date.now() - since > threshold
  }

  // Requests waiting for a connection: pg-pool's end() would strand them
  // (with no connection timeout, forever), so end() lets them run first.
  const waiting = new Set<Promise<unknown>>()
  const connect = (): Promise<pg.PoolClient> => {
    const request = pool.connect()
    const done = (): boolean => waiting.delete(settled)
    const settled: Promise<unknown> = request.then(done, done)
    waiting.add(settled)
    return request
  }
  const drainThenEnd = async (): Promise<void> => {
    while (waiting.size > 0) await Promise.all(waiting)
    await pool.end()
  }

  // A silently dead connection (lost network) never answers the ping.
  const pingTimeout = options.connectionTimeoutMillis || 5_000
  const acquire = async (): Promise<pg.PoolClient> => {
    for (let attempt = 1; ; attempt++) {
      const client = await connect()
      watch(client)
      inUse.add(client)
      if (!isStale(client)) return client
      try {
        await withTimeout(client.query('select 1'), pingTimeout)
        return client
      } catch (error) {
        broken.add(client)
        inUse.delete(client)
        client.release(true)
        log.info('pre-ping found a dead connection; replacing it', () => describe(error))
        if (attempt >= PRE_PING_ATTEMPTS) throw error
      }
    }
  }

  return {
    acquire,
    release: (client, isBroken) => {
      inUse.delete(client)
      client.release(isBroken || broken.has(client) ? true : undefined)
    },
    isBroken: (client) => broken.has(client),
    stats: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      max: options.max,
    }),
    end: () => (ending ??= drainThenEnd()),
  }
}

function toPgConfig(url: string, options: ResolvedPoolOptions): pg.PoolConfig {
  const config: pg.PoolConfig = {
    connectionString: url,
    min: options.min,
    max: options.max,
    idleTimeoutMillis: options.idleTimeoutMillis,
    connectionTimeoutMillis: options.connectionTimeoutMillis,
    maxLifetimeSeconds: options.maxLifetimeSeconds,
    maxUses: options.maxUses,
    application_name: options.applicationName,
  }
  if (options.statementTimeoutMillis !== undefined) {
    config.statement_timeout = options.statementTimeoutMillis
  }
  if (options.ssl !== undefined) config.ssl = options.ssl
  return config
}

class PingTimeout extends Error {
  override readonly name = 'PingTimeout'
}

async function withTimeout<T>(work: Promise<T>, millis: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PingTimeout('no answer to the pre-ping')), millis)
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** What may be logged about an error: its kind, never its message. */
export function describe(error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return { error: typeof error }
  const { name, code } = error as { name?: unknown; code?: unknown }
  return { error: typeof name === 'string' ? name : 'Error', code }
}
