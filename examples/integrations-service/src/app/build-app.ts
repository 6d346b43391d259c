import type { TenantDatabase } from '@tenantkit/db'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { CrmClient } from '../crm/crm-client'
import type { Database } from '../db/schema'
import type { EventSink } from '../events/event-sink'
import { createAuthenticate } from './authenticate'
import { handleError } from './error-handler'
import { adminRoutes } from './routes/admin-routes'
import { integrationRoutes } from './routes/integration-routes'

/** Everything the HTTP app is built from; `startService` wires it. */
export interface AppDeps {
  readonly db: TenantDatabase<Database>
  readonly crm: CrmClient
  readonly events: EventSink
  readonly adminToken: () => string
  /** Fastify's logger option. @default false */
  readonly logger?: FastifyServerOptions['logger']
}

/**
 * Builds the Fastify app: health, tenant provisioning behind the admin
 * token, and the integration routes behind API-key authentication.
 *
 * @example
 * const app = buildApp({ db, crm, events, adminToken: () => token })
 * await app.listen({ host: '127.0.0.1', port: 0 })
 */
export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: 16_384,
    // Unknown routes and bad input never reach a handler's SQL.
    routerOptions: { maxParamLength: 200 },
  })
  app.setErrorHandler(handleError)
  // Fastify's own 404 quotes the method and URL back; ours quotes nothing.
  app.setNotFoundHandler(async (_request, reply) => reply.status(404).send({
    error: 'not_found', message: 'No such route.',
  }))
  closeConnectionsOnShutdown(app)

  app.get('/health', async (_request, reply) => {
    const health = await deps.db.health()
    return reply.status(health.ok ? 200 : 503).send({ ok: health.ok })
  })
  app.register(adminRoutes({ db: deps.db, adminToken: deps.adminToken }))
  app.register(async (scope) => {
    scope.addHook('onRequest', createAuthenticate(deps.db))
    await scope.register(integrationRoutes(deps))
  })
  return app
}

/**
 * Responses sent while the app is closing carry `Connection: close`, so a
 * kept-alive socket of a request that was in flight closes once it is
 * answered, instead of holding `close()` open until the keep-alive timeout.
 */
function closeConnectionsOnShutdown(app: FastifyInstance): void {
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close')
    return payload
  })
}
