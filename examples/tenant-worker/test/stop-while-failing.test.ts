import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { Kafka, logLevel, Partitioners } from 'kafkajs'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { createWorkerDatabase, type WorkerTestDatabase } from './support/worker-database'

// While a message keeps failing, KafkaJS retries it, and after its last
// retry it restarts the consumer. SIGTERM in that cycle must still stop
// the worker: a restart after stop() would keep the process alive,
// consuming with a closed database, until it is killed.

const dir = fileURLToPath(new URL('..', import.meta.url))
const brokers = inject('tenantkitKafkaBrokers')
let database: WorkerTestDatabase

beforeAll(async () => {
  database = await createWorkerDatabase(inject('tenantkitPostgresUrl'))
  // Every insert now fails with a permission error: retried, not refused.
  await database.ownerPool.query(
    `revoke insert on integration_activity from ${database.runtimeRole}`)
})
afterAll(async () => {
  await database?.drop()
})

test('SIGTERM stops a worker whose message keeps failing', async () => {
  const topic = `failing-${randomUUID().slice(0, 8)}`
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: dir,
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'development',
      DATABASE_URL: database.runtimeUrl,
      KAFKA_BROKERS: brokers.join(','),
      EVENTS_TOPIC: topic,
      CONSUMER_GROUP: `failing-${randomUUID()}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve))

  const kafka = new Kafka({ brokers: [...brokers], logLevel: logLevel.NOTHING })
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
  })
  await producer.connect()
  const tenant = randomUUID()
  // The worker starts at the topic's end: send until one is picked up;
  // KafkaJS then retries it, crashes the consumer and restarts it.
  while (!stdout.includes('"msg":"message failed')) {
    await producer.send({ topic, messages: [{
      // Refused at once, so the group commits an offset to resume from.
      key: tenant, value: 'not an event', headers: { 'tenant-id': tenant },
    }, {
      key: tenant,
      value: JSON.stringify({
        type: 'integration.connected', eventId: randomUUID(),
        integrationId: randomUUID(), provider: 'crm',
        occurredAt: new Date().toISOString(),
      }),
      headers: { 'tenant-id': tenant },
    }] })
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  await producer.disconnect()
  while (!stdout.includes('"msg":"consumer crashed"')) {
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  // SIGTERM while the restarted consumer rejoins its group: KafkaJS waits
  // up to about 11 s (its last retry's backoff) before restarting, and
  // the rejoin then takes far longer than the rest of these 12 s.
  await new Promise((resolve) => setTimeout(resolve, 12_000))

  child.kill('SIGTERM')
  const hung = new Promise<'hung'>((resolve) => {
    setTimeout(() => resolve('hung'), 60_000).unref()
  })
  const outcome = await Promise.race([exited, hung])
  if (outcome === 'hung') child.kill('SIGKILL')
  expect(outcome).toBe(0)
  expect(stdout).toContain('"msg":"stopped"')
}, 180_000)

