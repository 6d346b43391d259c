import pg from 'pg'

type Connect = (this: pg.Client, ...args: unknown[]) => unknown

/** The pg clients one database's pool opened, reachable behind its back. */
export interface PooledClients {
  /**
   * Runs `text` on the newest open client of the watched login, directly:
   * no tenantkit prelude can mask what the connection carries. Use it
   * while the pool is idle and has one connection.
   */
  query<R extends pg.QueryResultRow>(text: string): Promise<R[]>
  /** Stops recording new clients. */
  stop(): void
}

/**
 * Records every pg.Client that connects as `user` to `database` from now
 * on, so a test can read the session state of a pooled connection the
 * way the next statement will find it.
 */
export function watchPooledClients(user: string, database: string): PooledClients {
  const prototype = pg.Client.prototype as unknown as { connect: Connect }
  const original = prototype.connect
  const open: pg.Client[] = []
  prototype.connect = function (this: pg.Client, ...args: unknown[]): unknown {
    if (this.user === user && this.database === database) {
      open.push(this)
      this.once('end', () => {
        const at = open.indexOf(this)
        if (at >= 0) open.splice(at, 1)
      })
    }
    return original.apply(this, args)
  }
  let stopped = false
  return {
    query: async <R extends pg.QueryResultRow>(text: string): Promise<R[]> => {
      const client = open.at(-1)
      if (!client) throw new Error(`no open pooled client for ${user}`)
      return (await client.query<R>(text)).rows
    },
    stop: () => {
      if (stopped) return
      stopped = true
      prototype.connect = original
    },
  }
}
