import { PGlite } from '@electric-sql/pglite'
import { createDatabase, type Logger, type TenantDatabase } from '@tenantkit/db'
import { Kysely, type KyselyPlugin } from 'kysely'
import { migrateDatabase } from './migrate'
import { createPgliteDialect } from './pglite-dialect'
import { TENANT_TABLES, type Database } from './schema'

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /**
   * Runtime URL (logging in as the runtime role). Undefined: embedded
   * PostgreSQL in this process, migrated on the spot.
   */
  readonly url: string | undefined
  /** The least-privilege role the service's statements run as. */
  readonly runtimeRole: string
  /** Kysely plugins for every query (the encrypted-column plugin). */
  readonly plugins: readonly KyselyPlugin[]
  readonly logger?: Logger
  /**
   * An embedded database to use (and leave open on close) instead of a
   * new one, so it can outlive a restart of the service (the demo's key
   * rotation does that).
   * @default a new in-memory PGlite, closed with the service
   */
  readonly pglite?: PGlite
}

/** The service's database, and what it runs on. */
export interface OpenedDatabase {
  readonly db: TenantDatabase<Database>
  /**
   * The owner connection of an embedded database (for the demo's raw
   * queries, audit and key rotation); undefined on a server, where the
   * service never holds the owner's credentials.
   */
  readonly owner: Kysely<unknown> | undefined
  readonly embedded: boolean
}

/**
 * Opens the tenant-aware database: one pool on the runtime URL, or an
 * embedded PGlite with the same migrations, runtime role and policies.
 * PGlite's only login is a superuser, so every statement switches to the
 * runtime role transaction-locally (`runtimeRole`), where RLS binds.
 *
 * @example
 * const { db } = await openDatabase({ url, runtimeRole, plugins: [] })
 */
export async function openDatabase(
  options: OpenDatabaseOptions,
): Promise<OpenedDatabase> {
  const common = {
    tenantTables: TENANT_TABLES,
    plugins: options.plugins,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  }
  if (options.url !== undefined) {
    const db = createDatabase<Database>({ ...common, url: options.url })
    return { db, owner: undefined, embedded: false }
  }

  const pglite = options.pglite ?? await PGlite.create()
  const owner = new Kysely<unknown>({
    dialect: createPgliteDialect(pglite, { closeOnDestroy: false }),
  })
  await migrateDatabase(owner, {
    runtimeRole: options.runtimeRole,
    createRole: true,
  })
  const db = createDatabase<Database>({
    ...common,
    dialect: createPgliteDialect(pglite, {
      closeOnDestroy: options.pglite === undefined,
    }),
    runtimeRole: options.runtimeRole,
  })
  return { db, owner, embedded: true }
}
