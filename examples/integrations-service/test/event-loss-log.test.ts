import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { freePort } from './support/run-script'
import { createMigratedDatabase, type TestDatabase } from './support/test-database'
import { startTestService } from './support/test-service'

// Events are published after the commit; when the broker is gone the
// change stays and the event is lost. The log line is then all an
// operator has to replay it from: it must say which event it was.

let database: TestDatabase

beforeAll(async () => {
  database = await createMigratedDatabase(inject('tenantkitPostgresUrl'))
})
afterAll(async () => {
  await database?.drop()
})

test('a lost event is logged with what identifies it, never a token', async () => {
  const lines: string[] = []
  const app = await startTestService(database, {
    // Nothing listens there: every publish fails after KafkaJS's retries.
    kafka: { brokers: [`127.0.0.1:${await freePort()}`], topic: 'lost' },
    logger: { level: 'error', stream: { write: (line: string) => lines.push(line) } },
  })
  try {
    const tenant = await app.createTenant('Acme')
    const id = await app.connect(tenant, 'Acme Sales')
    const lost = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((entry) => entry['msg'] === 'event not published')
    expect(lost).toMatchObject({
      event: 'integration.connected',
      tenantId: tenant.id,
      integrationId: id,
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    })
    expect(lines.join('\n')).not.toMatch(/crm_(at|rt)_|tk_[0-9a-f]{8}-/)
  } finally {
    await app.stop()
  }
}, 120_000)
