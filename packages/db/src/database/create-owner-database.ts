import type { Kysely, KyselyPlugin } from 'kysely'
import type { Logger } from '../logger/logger'
import type { PoolOptions } from '../pool/pool-options'
import { openDatabase } from './create-database'
import type { DatabaseHealth } from './health'

/** Options of `createOwnerDatabase`: an owner URL and pool settings. */
export interface OwnerDatabaseOptions extends PoolOptions {
  /**
   * Owner URL: the role that owns the tables and runs migrations. Keep it
   * out of the request-serving process; give it to migration jobs and
   * support tooling only.
   * @example
   * url: process.env.DATABASE_OWNER_URL
   */
  readonly url: string
  /** @default [] */
  readonly plugins?: readonly KyselyPlugin[]
  /** @default undefined (nothing is logged) */
  readonly logger?: Logger
}

/** The cross-tenant escape hatch: a separate role on a separate pool. */
export interface OwnerDatabase<DB> {
  /**
   * Kysely as the owner. Tables with FORCE ROW LEVEL SECURITY still apply
   * their policies to the owner, so cross-tenant reads need a policy-free
   * path you choose deliberately (a BYPASSRLS maintenance role, or
   * migrations that disable RLS inside their own transaction).
   */
  readonly kysely: Kysely<DB>
  /** Pool counters and a server ping; `ok` means the server answered. */
  health(options?: { readonly timeoutMillis?: number }): Promise<DatabaseHealth>
  /** Closes the owner pool; safe to call more than once. */
  close(): Promise<void>
}

/**
 * Opens the owner connection used by migrations and support tooling. It is
 * a different function, URL and role from `createDatabase`, so tenant code
 * cannot reach it by accident, and no setting inside a policy lets the
 * runtime role act as it.
 *
 * @example
 * const owner = createOwnerDatabase<DB>({ url: process.env.DATABASE_OWNER_URL!, max: 2 })
 * await migrator(owner.kysely).migrateToLatest()
 * await owner.close()
 */
export function createOwnerDatabase<DB>(options: OwnerDatabaseOptions): OwnerDatabase<DB> {
  const { url, plugins, logger, ...pool } = options ?? ({} as OwnerDatabaseOptions)
  const inner = openDatabase<DB>('createOwnerDatabase', {
    url,
    ...pool,
    ...(plugins === undefined ? {} : { plugins }),
    ...(logger === undefined ? {} : { logger }),
  })
  return {
    kysely: inner.unscoped(),
    health: async (healthOptions) => {
      const health = await inner.health(healthOptions)
      return { ...health, ok: health.server.ok }
    },
    close: () => inner.close(),
  }
}
