import { randomBytes } from 'node:crypto'
import { loadConfig } from '@tenantkit/config'
import { serviceConfig, type ServiceConfig } from '../../src/config'
import { createCrmClient, type CrmClient } from '../../src/crm/crm-client'
import { startFakeCrm, type FakeCrm } from '../../src/crm/fake-crm'
import {
  createKafkaEventSink,
  createPrintedEventSink,
  type EventSink,
} from '../../src/events/event-sink'
import {
  startService,
  type RunningService,
  type ServiceOptions,
} from '../../src/service'
import { createApiClient, type ApiRequest, type ApiResponse } from '../../scripts/demo/api-client'
import type { TestDatabase } from './test-database'

/** A tenant created through the API. */
export interface TestTenant {
  readonly id: string
  readonly key: string
}

/** The real service on 127.0.0.1, its fake CRM and a client for both. */
export interface TestService {
  readonly service: RunningService
  readonly config: ServiceConfig
  readonly crm: FakeCrm
  readonly events: EventSink
  readonly printed: string[]
  api(request: ApiRequest): Promise<ApiResponse>
  createTenant(name?: string): Promise<TestTenant>
  /** Connects a CRM account for `tenant`; returns the integration id. */
  connect(tenant: TestTenant, accountName: string): Promise<string>
  stop(): Promise<void>
}

/** Options of {@link startTestService}. */
export interface TestServiceOptions {
  /** Send events to this broker (and topic) instead of printing them. */
  readonly kafka?: { readonly brokers: readonly string[]; readonly topic: string }
  /** Wraps the CRM client, e.g. to slow it down. */
  readonly wrapCrm?: (crm: CrmClient) => CrmClient
  /** Passed on to `startService`. */
  readonly shutdownGraceMs?: number
  /** Fastify's logger option, passed on to `startService`. */
  readonly logger?: ServiceOptions['logger']
}

/**
 * Starts the service the way production does, on the runtime URL of
 * `database`, with a fake CRM on loopback.
 */
export async function startTestService(
  database: TestDatabase,
  options: TestServiceOptions = {},
): Promise<TestService> {
  const config = loadConfig(serviceConfig, {
    NODE_ENV: 'test',
    DATABASE_URL: database.runtimeUrl,
    DATABASE_RUNTIME_ROLE: database.runtimeRole,
  })
  const crm = await startFakeCrm({
    clientId: config.CRM_CLIENT_ID,
    clientSecret: config.CRM_CLIENT_SECRET.reveal(),
  })
  const printed: string[] = []
  const events = options.kafka
    ? createKafkaEventSink({
      brokers: options.kafka.brokers,
      topic: options.kafka.topic,
      // Its own singleton: each test service shuts its producer down.
      clientId: `integrations-test-${randomBytes(4).toString('hex')}`,
    })
    : createPrintedEventSink((line) => printed.push(line))
  const client = createCrmClient({
    tokenUrl: crm.tokenUrl,
    clientId: config.CRM_CLIENT_ID,
    clientSecret: config.CRM_CLIENT_SECRET.reveal(),
  })
  const service = await startService({
    config, port: 0, events, crm: options.wrapCrm?.(client) ?? client,
    ...(options.shutdownGraceMs === undefined
      ? {} : { shutdownGraceMs: options.shutdownGraceMs }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  })
  const api = createApiClient(service.url)
  const admin = config.ADMIN_TOKEN.reveal()

  return {
    service, config, crm, events, printed, api,
    async createTenant(name = `Tenant ${randomBytes(3).toString('hex')}`) {
      const res = await api({
        method: 'POST', path: '/admin/tenants', key: admin, body: { name },
      })
      if (res.status !== 201) throw new Error(`createTenant: ${res.status}`)
      const body = res.body as { tenant: { id: string }; apiKey: string }
      return { id: body.tenant.id, key: body.apiKey }
    },
    async connect(tenant, accountName) {
      const res = await api({
        method: 'POST', path: '/integrations', key: tenant.key,
        body: { code: crm.authorize(accountName) },
      })
      if (res.status !== 201) throw new Error(`connect: ${res.status}`)
      return (res.body as { id: string }).id
    },
    async stop() {
      await service.stop()
      await events.shutdown()
      await crm.close()
    },
  }
}
