import pg from 'pg'
import { UsageError } from '../usage-error'
import { ProvisionError } from './errors'
import { redactPassword, redactUrl } from './redact-url'

/** Where the test PostgreSQL came from. */
export type PostgresSource = 'env' | 'testcontainers' | 'local'

/** A PostgreSQL server the tests may create databases on. */
export interface PostgresServer {
  /** Superuser URL of the server's maintenance database. */
  readonly url: string
  readonly source: PostgresSource
  /**
   * The places tried before this one and why each was passed over, e.g.
   * `Testcontainers (postgres:16.4-alpine): Could not find a working
   * container runtime strategy`. Passwords are redacted.
   */
  readonly attempts: readonly string[]
  /** Stops what provisioning started; a no-op for servers found running. */
  stop(): Promise<void>
}

export interface FindPostgresOptions {
  /**
   * Environment to read `TENANTKIT_TEST_DATABASE_URL` or `DATABASE_URL` from.
   * @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>>
  /**
   * URL of the local server tried when the environment names none.
   * @default 'postgres://postgres@127.0.0.1:5432/postgres'
   */
  readonly localUrl?: string
  /**
   * Whether to try Testcontainers when a Docker engine answers.
   * @default true
   */
  readonly testcontainers?: boolean
  /**
   * Image Testcontainers starts, pinned so runs are reproducible.
   * @default 'postgres:16.4-alpine'
   */
  readonly image?: string
  /**
   * How long each connection attempt may take.
   * @default 3000
   */
  readonly connectTimeoutMs?: number
}

export const DEFAULT_LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres'
export const DEFAULT_POSTGRES_IMAGE = 'postgres:16.4-alpine'

const FIX_NOTHING_FOUND =
  'Set TENANTKIT_TEST_DATABASE_URL to a superuser URL, start Docker for ' +
  'Testcontainers (npm i -D @testcontainers/postgresql), or install and ' +
  'start PostgreSQL on 127.0.0.1:5432 (apt-get install postgresql).'

/**
 * Finds a PostgreSQL server for tests, in this order: an explicit URL from the
 * environment, a Testcontainers container when Docker answers, then a local
 * server on the default port. Fails with a `ProvisionError` naming the fix.
 *
 * @example
 * const server = await findPostgres()
 * try { ... } finally { await server.stop() }
 */
export async function findPostgres(options: FindPostgresOptions = {}): Promise<PostgresServer> {
  checkOptions(options)
  const env = options.env ?? process.env
  const timeout = options.connectTimeoutMs ?? 3000
  const attempts: string[] = []

  const explicit = env['TENANTKIT_TEST_DATABASE_URL'] || env['DATABASE_URL']
  if (explicit) {
    const problem = await probe(explicit, timeout)
    if (problem === undefined) return found(explicit, 'env', attempts)
    // An explicit URL that does not answer is a mistake, not a reason to fall back.
    throw new ProvisionError('PostgreSQL',
      [`${redactUrl(explicit)} from the environment: ${problem}`],
      'Fix TENANTKIT_TEST_DATABASE_URL / DATABASE_URL or unset it to let ' +
        'the kit find a server.')
  }
  attempts.push('TENANTKIT_TEST_DATABASE_URL and DATABASE_URL: not set')

  if (options.testcontainers !== false) {
    const image = options.image ?? DEFAULT_POSTGRES_IMAGE
    const container = await startPostgresContainer(image, attempts)
    if (container) return container
  } else {
    attempts.push('Testcontainers: turned off by the testcontainers option')
  }

  const local = options.localUrl ?? DEFAULT_LOCAL_POSTGRES_URL
  const problem = await probe(local, timeout)
  if (problem === undefined) return found(local, 'local', attempts)
  attempts.push(`local server ${redactUrl(local)}: ${problem}`)
  throw new ProvisionError('PostgreSQL', attempts, FIX_NOTHING_FOUND)
}

function checkOptions(options: FindPostgresOptions): void {
  const where = 'findPostgres'
  const { localUrl, image, connectTimeoutMs } = options
  if (localUrl !== undefined && !/^postgres(ql)?:\/\//.test(localUrl)) {
    throw new UsageError(where, 'localUrl is not a postgres:// URL',
      "pass a URL such as 'postgres://postgres@127.0.0.1:5432/postgres'")
  }
  if (image !== undefined && image.trim() === '') {
    throw new UsageError(where, 'image is empty',
      "pass a pinned image such as 'postgres:16.4-alpine'")
  }
  if (connectTimeoutMs !== undefined &&
    !(Number.isInteger(connectTimeoutMs) && connectTimeoutMs > 0)) {
    throw new UsageError(where, 'connectTimeoutMs must be a positive integer',
      'pass milliseconds, e.g. 3000')
  }
}

function found(
  url: string,
  source: PostgresSource,
  attempts: readonly string[],
): PostgresServer {
  return { url, source, attempts, stop: async () => {} }
}

/** Connects once and runs `select 1`; returns why it failed, or undefined. */
async function probe(url: string, timeoutMs: number): Promise<string | undefined> {
  let client: pg.Client | undefined
  try {
    client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs })
    client.on('error', () => {})
    await client.connect()
    await client.query('select 1')
    return undefined
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return redactPassword(message || 'connection failed', url)
  } finally {
    await client?.end().catch(() => {})
  }
}

async function startPostgresContainer(
  image: string,
  attempts: string[],
): Promise<PostgresServer | undefined> {
  let module: typeof import('@testcontainers/postgresql')
  try {
    module = await import('@testcontainers/postgresql')
  } catch {
    attempts.push('Testcontainers: @testcontainers/postgresql is not installed')
    return undefined
  }
  try {
    const container = await new module.PostgreSqlContainer(image).start()
    return {
      url: container.getConnectionUri(),
      source: 'testcontainers',
      attempts: [...attempts],
      stop: async () => {
        await container.stop()
      },
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    attempts.push(`Testcontainers (${image}): ${reason}`)
    return undefined
  }
}
