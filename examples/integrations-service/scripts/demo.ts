import { createSecret, loadConfig } from '@tenantkit/config'
import { auditTenantIsolation, formatAuditReport } from '@tenantkit/db'
import { serviceConfig } from '../src/config'
import { createCrmClient } from '../src/crm/crm-client'
import type { EventSink } from '../src/events/event-sink'
import { startFakeCrm, type FakeCrm } from '../src/crm/fake-crm'
import { startService, type RunningService } from '../src/service'
import { createApiClient } from './demo/api-client'
import { openDemoDatabase } from './demo/demo-database'
import { demoEvents } from './demo/demo-events'
import { attemptCrossTenantAccess, itemsOf, type DemoTenant } from './demo/isolation-step'
import { showCiphertextAtRest } from './demo/at-rest-step'
import { rotateKeys } from './demo/rotation-step'
import { createTranscript, DemoFailure } from './demo/transcript'

/**
 * The main demo: the real service, in this process, on 127.0.0.1, driven
 * over real HTTP. Embedded PostgreSQL unless DATABASE_URL is set; events
 * printed (not sent) unless KAFKA_BROKERS is set.
 */
async function demo(): Promise<void> {
  const t = createTranscript()
  const env = process.env
  const database = await openDemoDatabase(env['DATABASE_URL'])
  let crm: FakeCrm | undefined
  let service: RunningService | undefined
  let events: EventSink | undefined
  try {
    console.log('tenantkit demo: integrations-service')
    console.log(`  database: ${database.label}`)
    console.log(`  runtime role: ${database.runtimeRole} ` +
      '(NOSUPERUSER, NOBYPASSRLS, owns nothing)')
    const serviceEnv = {
      NODE_ENV: 'development',
      DATABASE_RUNTIME_ROLE: database.runtimeRole,
      ...(database.runtimeUrl ? { DATABASE_URL: database.runtimeUrl } : {}),
      ...(env['KAFKA_BROKERS'] ? { KAFKA_BROKERS: env['KAFKA_BROKERS'] } : {}),
      ...(env['EVENTS_TOPIC'] ? { EVENTS_TOPIC: env['EVENTS_TOPIC'] } : {}),
    }
    const config = loadConfig(serviceConfig, serviceEnv)
    const sink = demoEvents(config, (line) => console.log(`    ${line}`))
    events = sink
    console.log(`  events: ${sink.sends
      ? `sent to Kafka at ${config.KAFKA_BROKERS?.join(',')}`
      : 'no KAFKA_BROKERS, so printed and NOT sent'}`)

    const fake = await startFakeCrm({
      clientId: config.CRM_CLIENT_ID,
      clientSecret: config.CRM_CLIENT_SECRET.reveal(),
    })
    crm = fake
    const start = (keys?: readonly string[]) => startService({
      config: keys
        ? { ...config, ENCRYPTION_KEYS: createSecret(keys) }
        : config,
      port: 0,
      events: sink,
      crm: createCrmClient({
        tokenUrl: fake.tokenUrl,
        clientId: config.CRM_CLIENT_ID,
        clientSecret: config.CRM_CLIENT_SECRET.reveal(),
      }),
      ...(database.pglite ? { pglite: database.pglite } : {}),
    })
    service = await start()
    t.info(`service listening on ${service.url}, fake CRM on ${crm.tokenUrl}`)
    const api = createApiClient(service.url)

    t.step('Migrations (owner connection)')
    t.ok(`applied ${database.migrated.applied.join(', ')}`)

    t.step('Two tenants are created')
    const admin = config.ADMIN_TOKEN.reveal()
    const tenants: DemoTenant[] = []
    for (const name of ['Acme Corp', 'Globex Inc']) {
      const res = await api({
        method: 'POST', path: '/admin/tenants', key: admin, body: { name },
      })
      const body = res.body as { tenant: { id: string }; apiKey: string }
      t.expect(res.status === 201,
        `tenant "${name}" ${body.tenant.id} (API key shown once, stored hashed)`)
      tenants.push({ id: body.tenant.id, name, key: body.apiKey, integrationIds: [] })
    }
    const [a, b] = tenants as [DemoTenant, DemoTenant]

    t.step('Each tenant connects a CRM account (OAuth code exchange)')
    const accounts: [DemoTenant, string][] = [
      [a, 'Acme Sales EU'], [a, 'Acme Support US'], [b, 'Globex CRM'],
    ]
    for (const [tenant, account] of accounts) {
      const res = await api({
        method: 'POST', path: '/integrations', key: tenant.key,
        body: { code: crm.authorize(account) },
      })
      const view = res.body as { id: string; tokenFingerprint: string }
      const text = JSON.stringify(res.body)
      t.expect(res.status === 201 && !/crm_(at|rt)_/.test(text),
        `${tenant.name} connected "${account}": ${view.tokenFingerprint}, ` +
          'no token in the response')
      tenant.integrationIds.push(view.id)
    }

    t.step('Each tenant lists only its own integrations')
    for (const tenant of tenants) {
      const res = await api({ path: '/integrations?sort=accountName&order=asc', key: tenant.key })
      const items = itemsOf(res) as { id: string; accountName: string }[]
      const own = items.every((i) => tenant.integrationIds.includes(i.id))
      t.expect(res.status === 200 && own &&
        items.length === tenant.integrationIds.length,
        `${tenant.name}: ${items.map((i) => i.accountName).join(', ')}`)
    }
    const page = await api({ path: '/integrations?limit=1&q=acme', key: a.key })
    const next = (page.body as { nextCursor: string | null }).nextCursor
    const page2 = await api({
      path: `/integrations?limit=1&q=acme&cursor=${next ?? ''}`, key: a.key,
    })
    t.expect(itemsOf(page).length === 1 && itemsOf(page2).length === 1 &&
      itemsOf(page)[0]?.id !== itemsOf(page2)[0]?.id,
      'filter q=acme, limit=1: two pages through a keyset cursor')

    t.step('At rest: the raw table holds only ciphertext')
    await showCiphertextAtRest(database.owner, crm, t)

    t.step('A refresh decrypts the refresh token, and only there')
    const refreshed = await api({
      method: 'POST', path: `/integrations/${a.integrationIds[0]}/refresh`,
      key: a.key,
    })
    t.expect(refreshed.status === 200 && crm.requests['refresh_token'] === 1,
      'refresh grant sent to the CRM; new tokens stored encrypted')

    t.step('Tenant A tries to reach tenant B\'s data')
    await attemptCrossTenantAccess(api, t, a, b)

    t.step('RLS audit of the live database')
    const report = await auditTenantIsolation(database.owner, {
      role: database.runtimeRole,
    })
    t.info(formatAuditReport(report).trim())
    t.expect(report.findings.length === 0,
      `no findings on ${report.tenantTables.length} tenant tables`)

    t.step('Encryption key rotation')
    service = await rotateKeys({
      t, database, service, start,
      oldKeys: config.ENCRYPTION_KEYS.reveal(),
    })
    const rotatedApi = createApiClient(service.url)
    const after = await rotatedApi({
      method: 'POST', path: `/integrations/${b.integrationIds[0]}/refresh`,
      key: b.key,
    })
    t.expect(after.status === 200,
      `${b.name} refreshes its integration after the rotation -> ${after.status}`)

    t.step('Graceful shutdown')
    await service.stop()
    service = undefined
    t.ok('stopped accepting, finished in-flight requests, closed the pool')
    await sink.shutdown()
    t.ok(sink.sends
      ? 'flushed every accepted event to Kafka, disconnected the producer'
      : 'no events pending (none were sent)')
  } finally {
    await service?.stop()
    await events?.shutdown()
    await crm?.close()
    await database.cleanup()
  }
  console.log('\nDemo complete.')
}

demo().then(
  () => {
    process.exitCode = 0
  },
  (error: unknown) => {
    if (!(error instanceof DemoFailure)) console.error(error)
    console.error('\nDemo FAILED.')
    process.exitCode = 1
  },
)
