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
import { attemptCrossTenantAccess, type DemoTenant } from './demo/isolation-step'
import { connectAccounts, createTenants, listOwnIntegrations } from './demo/tenant-steps'
import { showCiphertextAtRest } from './demo/at-rest-step'
import { rotateKeys } from './demo/rotation-step'
import { createTranscript, DemoFailure } from './demo/transcript'
import { handleInterrupts } from './demo/interrupts'

/**
 * The main demo: the real service, in this process, on 127.0.0.1, driven
 * over real HTTP. Embedded PostgreSQL unless DATABASE_URL is set; events
 * printed (not sent) unless KAFKA_BROKERS is set.
 */
async function demo(): Promise<void> {
  const t = createTranscript()
  const env = process.env
  const interrupts = handleInterrupts()
  const database = await openDemoDatabase(env['DATABASE_URL'])
  let crm: FakeCrm | undefined
  let service: RunningService | undefined
  let events: EventSink | undefined
  let closing: Promise<void> | undefined
  // Once, whether the demo ends or is interrupted (Ctrl-C).
  const closeAll = () => (closing ??= (async () => {
    await service?.stop()
    await events?.shutdown()
    await crm?.close()
    await database.cleanup()
  })())
  interrupts.onInterrupt(closeAll)
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
    const tenants = await createTenants(api, t, config.ADMIN_TOKEN.reveal(),
      ['Acme Corp', 'Globex Inc'])
    const [a, b] = tenants as [DemoTenant, DemoTenant]

    t.step('Each tenant connects a CRM account (OAuth code exchange)')
    await connectAccounts(api, t, fake, [
      [a, 'Acme Sales EU'], [a, 'Acme Support US'], [b, 'Globex CRM'],
    ])

    t.step('Each tenant lists only its own integrations')
    await listOwnIntegrations(api, t, tenants)

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
    await closeAll()
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
