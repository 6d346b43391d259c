import { expect, inject, test } from 'vitest'
import { consume, uniqueTopic } from './support/consume'
import { runScript } from './support/run-script'

const KEY_LINES = [
  '[2] Two tenants are created',
  'Acme Corp connected "Acme Sales EU"',
  '✓ Acme Corp: Acme Sales EU, Acme Support US',
  '✓ Globex Inc: Globex CRM',
  '✓ 6 token columns: all Fernet ciphertext, no plaintext',
  "✓ GET B's integration by id with A's key -> 404 not found",
  '✓ forged tenantId query parameter -> 400 refused',
  '✓ forged tenantId body field -> 400 refused',
  "✓ forged x-tenant-id header -> ignored, still only A's integrations",
  '✓ no findings on 3 tenant tables',
  '✓ rotation job: 6 tokens re-encrypted, none failed, no conflicts',
  'integrations.encrypted_access_token [####################] 100% 3/3 rows',
  '✓ 6/6 stored tokens are under the new key',
  '✓ stopped accepting, finished in-flight requests, closed the pool',
  'Demo complete.',
]

test('the demo passes against the real PostgreSQL and the test broker', async () => {
  const brokers = inject('tenantkitKafkaBrokers')
  const topic = uniqueTopic('demo-events')
  const result = await runScript('scripts/demo.ts', [], {
    DATABASE_URL: inject('tenantkitPostgresUrl'),
    KAFKA_BROKERS: brokers.join(','),
    EVENTS_TOPIC: topic,
  }).done
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  expect(result.stdout).toContain('database: PostgreSQL at')
  for (const line of KEY_LINES) expect(result.stdout).toContain(line)
  expect(result.stdout).toContain(`[event sent to Kafka topic ${topic}]`)
  expect(result.stdout).not.toContain('NOT SENT')

  // 3 connections and 2 refreshes, each with its tenant header.
  const events = await consume(brokers, topic, 5)
  const types = events.map((e) => (JSON.parse(e.value ?? '') as { type: string }).type)
  expect(types.sort()).toEqual([
    'integration.connected', 'integration.connected', 'integration.connected',
    'integration.refreshed', 'integration.refreshed',
  ])
  expect(events.every((e) => /^[0-9a-f-]{36}$/.test(e.headers['tenant-id'] ?? '')))
    .toBe(true)
}, 120_000)

test('the demo passes on embedded PostgreSQL with events printed, not sent', async () => {
  const result = await runScript('scripts/demo.ts', [], {}).done
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  expect(result.stdout).toContain('database: embedded PostgreSQL (PGlite')
  for (const line of KEY_LINES) expect(result.stdout).toContain(line)
  expect(result.stdout).toContain('[event NOT SENT: no KAFKA_BROKERS] integration.connected')
}, 120_000)
