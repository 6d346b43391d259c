import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { createWorkerDatabase, type WorkerTestDatabase } from './support/worker-database'

const dir = fileURLToPath(new URL('..', import.meta.url))
let database: WorkerTestDatabase

beforeAll(async () => {
  database = await createWorkerDatabase(inject('tenantkitPostgresUrl'))
})
afterAll(async () => {
  await database?.drop()
})

function run(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: dir,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const done = new Promise<number | null>((resolve) => child.on('close', resolve))
  return { child, done, out: () => stdout, err: () => stderr }
}

test('the worker consumes until SIGTERM, then leaves the group and exits 0', async () => {
  const worker = run([], {
    NODE_ENV: 'development',
    DATABASE_URL: database.runtimeUrl,
    KAFKA_BROKERS: inject('tenantkitKafkaBrokers').join(','),
    EVENTS_TOPIC: 'worker-main-test',
  })
  const started = Date.now()
  while (!worker.out().includes('"msg":"consuming"')) {
    if (Date.now() - started > 30_000) throw new Error(`not started: ${worker.err()}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  worker.child.kill('SIGTERM')
  expect(await worker.done).toBe(0)
  expect(worker.out()).toContain('"msg":"stopped"')
})

test('production refuses to start without its settings', async () => {
  const worker = run([], {})
  expect(await worker.done).toBe(1)
  expect(worker.err()).toContain('- DATABASE_URL: missing')
  expect(worker.err()).toContain('- KAFKA_BROKERS: missing')
})

test('migrate migrates as the owner and audits the worker table', async () => {
  const migrate = run(['migrate'], {
    DATABASE_OWNER_URL: database.ownerUrl,
    DATABASE_RUNTIME_ROLE: database.runtimeRole,
  })
  expect(await migrate.done).toBe(0)
  expect(migrate.out()).toContain('Worker tables already up to date.')
  expect(migrate.out()).toContain('no findings')
})
