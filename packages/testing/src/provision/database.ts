import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { UsageError } from '../usage-error'

/** A database created for one test file or worker. */
export interface TestDatabase {
  /** Name of the database, `tk_<prefix>_<random>`. */
  readonly name: string
  /** Superuser URL of the new database. */
  readonly url: string
  /** Drops the database, ending any sessions still connected to it. */
  drop(): Promise<void>
}

export interface CreateTestDatabaseOptions {
  /**
   * Short label that makes the database name recognisable.
   * @default 'test'
   */
  readonly prefix?: string
  /**
   * Database to copy, typically a migrated template from
   * `createTemplateDatabase` or the `tenantkitTemplateDatabase` inject key.
   * @default undefined (an empty database)
   */
  readonly template?: string
}

const LABEL = /^[a-z][a-z0-9_]{0,29}$/
const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/

/**
 * Creates a fresh, isolated database on the server at `serverUrl`.
 *
 * @example
 * const db = await createTestDatabase(server.url, { prefix: 'orders' })
 * afterAll(() => db.drop())
 */
export async function createTestDatabase(
  serverUrl: string,
  options: CreateTestDatabaseOptions = {},
): Promise<TestDatabase> {
  const prefix = options.prefix ?? 'test'
  const where = 'createTestDatabase'
  if (typeof serverUrl !== 'string' || !/^postgres(ql)?:\/\//.test(serverUrl)) {
    throw new UsageError(where, 'serverUrl is not a postgres:// URL',
      "pass the server URL, e.g. inject('tenantkitPostgresUrl')")
  }
  if (!LABEL.test(prefix)) {
    throw new UsageError(where, `prefix must match ${LABEL}`,
      'use lower-case letters, digits and underscores, at most 30')
  }
  if (options.template !== undefined && !DATABASE_NAME.test(options.template)) {
    throw new UsageError(where, 'template is not a plain lower-case database name',
      "pass the name createTemplateDatabase returned, e.g. 'tk_template_1a2b3c4d5e'")
  }
  const name = `tk_${prefix}_${randomBytes(5).toString('hex')}`
  // Both names are checked against strict patterns above, so they are safe
  // identifiers; CREATE DATABASE takes no bind parameters.
  const template = options.template ? ` template ${options.template}` : ''
  await withAdmin(serverUrl, (client) => client.query(`create database ${name}${template}`))

  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    name,
    url: url.toString(),
    drop: () =>
      withAdmin(serverUrl, async (client) => {
        await client.query(`drop database if exists ${name} with (force)`)
      }),
  }
}

/** Runs `work` on a short-lived connection to the server's maintenance database. */
export async function withAdmin<T>(
  url: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => {})
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}
