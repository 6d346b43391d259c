import { UsageError } from '../usage-error'
import {
  createTestDatabase,
  withAdmin,
  type TestDatabase,
} from './database'

/** A migrated database that test databases are copied from. */
export interface TemplateDatabase {
  /** Name to pass as `template` to `createTestDatabase`. */
  readonly name: string
  /**
   * Creates a fresh database copied from the template: the migrated schema
   * in milliseconds instead of a full migration run.
   */
  clone(options?: { readonly prefix?: string }): Promise<TestDatabase>
  /** Drops the template; drop the clones first or they keep their copy. */
  drop(): Promise<void>
}

export interface CreateTemplateDatabaseOptions {
  /**
   * Brings an empty database to the current schema. It receives the
   * template's superuser URL and must close every connection it opened.
   * @example async (url) => { await migrateToLatest(url) }
   */
  readonly migrate: (url: string) => Promise<void>
  /**
   * Short label that makes the template name recognisable.
   * @default 'template'
   */
  readonly prefix?: string
}

/**
 * Creates a database, runs `migrate` on it once and marks it as a template,
 * so each test file or worker gets a migrated copy with `clone()` (or
 * `createTestDatabase(url, { template: name })`).
 *
 * @example
 * const template = await createTemplateDatabase(serverUrl, {
 *   migrate: (url) => runMigrations(url),
 * })
 * const db = await template.clone({ prefix: 'orders' })
 */
export async function createTemplateDatabase(
  serverUrl: string,
  options: CreateTemplateDatabaseOptions,
): Promise<TemplateDatabase> {
  if (typeof options?.migrate !== 'function') {
    throw new UsageError('createTemplateDatabase', 'migrate is not a function',
      'pass migrate: async (url) => { ...apply your migrations to url... }')
  }
  const database = await createTestDatabase(serverUrl, {
    prefix: options.prefix ?? 'template',
  })
  try {
    await options.migrate(database.url)
    await withAdmin(serverUrl, async (client) => {
      // Connections the migration left open would block every copy.
      await client.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
          where datname = $1 and pid <> pg_backend_pid()`,
        [database.name],
      )
      await client.query(
        `alter database ${database.name} with is_template true allow_connections false`)
    })
  } catch (error) {
    await database.drop().catch(() => {})
    throw new Error(
      `createTemplateDatabase: migrating ${database.name} failed. ` +
        'Fix: run the migration against an empty database to see the error ' +
        '(it is attached as cause).',
      { cause: error },
    )
  }
  return {
    name: database.name,
    clone: (cloneOptions = {}) =>
      createTestDatabase(serverUrl, { ...cloneOptions, template: database.name }),
    drop: () =>
      withAdmin(serverUrl, async (client) => {
        const { rowCount } = await client.query(
          'select 1 from pg_database where datname = $1', [database.name])
        if (rowCount === 0) return
        // PostgreSQL refuses to drop a database still marked as a template.
        await client.query(
          `alter database ${database.name} with is_template false allow_connections true`)
        await client.query(`drop database if exists ${database.name} with (force)`)
      }),
  }
}
