import { randomBytes } from 'node:crypto'
import pg from 'pg'

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
  /** Database to copy, typically one already migrated. */
  readonly template?: string
}

const LABEL = /^[a-z][a-z0-9_]{0,29}$/

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
  if (!LABEL.test(prefix)) {
    throw new TypeError(
      `createTestDatabase: prefix must match ${LABEL} (lower-case letters, digits, underscores)`,
    )
  }
  if (options.template !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.template)) {
    throw new TypeError('createTestDatabase: template must be a plain lower-case database name')
  }
  const name = `tk_${prefix}_${randomBytes(5).toString('hex')}`
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

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => {})
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}
