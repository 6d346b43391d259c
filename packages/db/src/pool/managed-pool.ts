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

interface ClientState {
  /** Checked out by tenantkit right now. */
  inUse: boolean
  /** Died or failed its pre-ping: close it instead of reusing it. */
  broken: boolean
  /** When it last went back to the pool (Date.now()). */
  releasedAt: number | undefined
}

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
  const states = new WeakMap<pg.PoolClient, ClientState>()
  let ending: Promise<void> | undefined

  pool.on('error', (error) => {
    log.warn('an idle connection died; the pool dropped it', () => describe(error))
  })

  // What the pool knows of a client, kept from its first checkout on.
  // pg-pool listens for errors only while a client is idle; without the
  // listener added here a connection dying mid-query would crash the process.
  const stateOf = (client: pg.PoolClient): ClientState => {
    const state = states.get(client)
    if (state !== undefined) return state
    const created: ClientState = { inUse: false, broken: false, releasedAt: undefined }
    states.set(client, created)
    client.on('error', (error) => {
      // An idle client's death is reported by the pool's 'error' event.
      if (!created.inUse || created.broken) return
      created.broken = true
      log.warn('a connection in use died; it will be discarded', () => describe(error))
    })
    return created
  }

  const isStale = (state: ClientState): boolean => {
    const threshold = options.prePingAfterIdleMillis
    return threshold !== false && state.releasedAt !== undefined &&
      Date.now() - state.releasedAt > threshold
  }

  // Requests still getting a connection (waiting for one, or pre-pinging
  // it): pg-pool's end() would strand them (with no connection timeout,
  // forever), so end() lets them finish first.
  let acquiring = 0
  let allServed: (() => void) | undefined
  const connect = (): Promise<pg.PoolClient> => new Promise((resolve, reject) => {
    pool.connect((error, client) => {
      if (error || client === undefined) reject(error)
      else resolve(client)
    })
  })
  const drainThenEnd = async (): Promise<void> => {
    while (acquiring > 0) await new Promise<void>((resolve) => (allServed = resolve))
    allServed = undefined
    await pool.end()
  }

  // A silently dead connection (lost network) never answers the ping.
  const pingTimeout = options.connectionTimeoutMillis || 5_000
  const checkOut = async (): Promise<pg.PoolClient> => {
    for (let attempt = 1; ; attempt++) {
      const client = await connect()
      const state = stateOf(client)
      state.inUse = true
      if (!isStale(state)) return client
      try {
        await withTimeout(client.query('select 1'), pingTimeout)
        return client
      } catch (error) {
        state.broken = true
        state.inUse = false
        client.release(true)
        log.info('pre-ping found a dead connection; replacing it', () => describe(error))
        if (attempt >= PRE_PING_ATTEMPTS) throw error
      }
    }
  }
  const acquire = async (): Promise<pg.PoolClient> => {
    acquiring++
    try {
      return await checkOut()
    } finally {
      if (--acquiring === 0) allServed?.()
    }
  }

  return {
    acquire,
    release: (client, isBroken) => {
      const state = stateOf(client)
      state.inUse = false
      state.releasedAt = Date.now()
      client.release(isBroken || state.broken ? true : undefined)
    },
    isBroken: (client) => states.get(client)?.broken === true,
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
