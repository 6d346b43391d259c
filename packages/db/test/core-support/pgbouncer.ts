import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

/** A PgBouncer in transaction mode started for one test file. */
export interface PgBouncer {
  /** Rewrites a direct PostgreSQL URL to go through PgBouncer. */
  url(direct: string): string
  stop(): Promise<void>
}

export interface PgBouncerOptions {
  /** The database to expose (same name through PgBouncer). */
  readonly database: string
  /** Login roles PgBouncer lets in (trust auth, loopback only). */
  readonly users: readonly string[]
  /** Server connections per user and database. */
  readonly serverConnections: number
}

/**
 * Starts Debian's pgbouncer on a free loopback port in front of
 * 127.0.0.1:5432, in transaction pooling mode, with its config in a temp
 * directory. Fails with the pgbouncer log when it does not come up.
 */
export async function startPgBouncer(options: PgBouncerOptions): Promise<PgBouncer> {
  const dir = await mkdtemp(join(tmpdir(), 'tk-db-pgbouncer-'))
  const port = await freePort()
  const config = join(dir, 'pgbouncer.ini')
  const log = join(dir, 'pgbouncer.log')
  await writeFile(join(dir, 'users.txt'), options.users.map((u) => `"${u}" ""`).join('\n') + '\n')
  await writeFile(config, [
    '[databases]',
    `${options.database} = host=127.0.0.1 port=5432 dbname=${options.database}`,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${port}`,
    'unix_socket_dir =',
    'auth_type = trust',
    `auth_file = ${join(dir, 'users.txt')}`,
    'pool_mode = transaction',
    `default_pool_size = ${options.serverConnections}`,
    'max_client_conn = 200',
    `logfile = ${log}`,
    '',
  ].join('\n'))
  // pgbouncer refuses to run as root; it then switches to `postgres`.
  const asRoot = process.getuid?.() === 0
  if (asRoot) await chmod(dir, 0o777)

  const binary = existsSync('/usr/sbin/pgbouncer') ? '/usr/sbin/pgbouncer' : 'pgbouncer'
  const child = spawn(binary, [...(asRoot ? ['-u', 'postgres'] : []), config], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))

  const url = (direct: string): string => {
    const parsed = new URL(direct)
    parsed.hostname = '127.0.0.1'
    parsed.port = String(port)
    return parsed.toString()
  }
  const stop = async (): Promise<void> => {
    await stopChild(child)
    await rm(dir, { recursive: true, force: true })
  }
  try {
    await waitUntilReady(url(`postgres://${options.users[0]}@x/${options.database}`), child)
  } catch (error) {
    const logText = await readFile(log, 'utf8').catch(() => '')
    await stop()
    throw new Error(`pgbouncer did not start: ${String(error)}\n${stderr}\n${logText}`)
  }
  return { url, stop }
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`)
    const client = new pg.Client({ connectionString: url })
    client.on('error', () => {})
    try {
      await client.connect()
      await client.query('select 1')
      return
    } catch (error) {
      if (attempt >= 50) throw error
      await new Promise((r) => setTimeout(r, 100))
    } finally {
      await client.end().catch(() => {})
    }
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  await exited
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}
