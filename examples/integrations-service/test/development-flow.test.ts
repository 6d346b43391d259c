import { DEVELOPMENT_SECRET } from '@tenantkit/config'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { createApiClient } from '../scripts/demo/api-client'
import { startDevService } from './support/run-script'
import { createMigratedDatabase, type TestDatabase } from './support/test-database'

// What a developer does after `pnpm start` in development, with nothing
// but HTTP: create a tenant, get an authorization code from the local
// fake CRM (its consent screen), connect the account.

let database: TestDatabase

beforeAll(async () => {
  database = await createMigratedDatabase(inject('tenantkitPostgresUrl'))
})
afterAll(async () => {
  await database?.drop()
})

test('in development the fake CRM hands out codes over HTTP', async () => {
  const { port, running } = await startDevService(database)
  try {
    await running.waitFor('listening on')
    const hint = /curl -d account_name=Acme (http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize)/
      .exec(running.stdout())
    expect(hint).not.toBeNull()

    const api = createApiClient(`http://127.0.0.1:${port}`)
    const tenant = await api({
      method: 'POST', path: '/admin/tenants', key: DEVELOPMENT_SECRET,
      body: { name: 'Acme' },
    })
    expect(tenant.status).toBe(201)
    const consent = await fetch(hint![1]!, {
      method: 'POST', body: new URLSearchParams({ account_name: 'Acme Sales' }),
    })
    expect(consent.status).toBe(200)
    const { code } = await consent.json() as { code: string }

    const connected = await api({
      method: 'POST', path: '/integrations',
      key: (tenant.body as { apiKey: string }).apiKey, body: { code },
    })
    expect(connected.status).toBe(201)
    expect((connected.body as { accountName: string }).accountName)
      .toBe('Acme Sales')
  } finally {
    running.child.kill('SIGTERM')
    await running.done
  }
})
