import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { CrmClient, CrmTokens } from '../../crm/crm-client'
import type { EventSink } from '../../events/event-sink'
import {
  integrationEvent,
  type IntegrationEvent,
} from '../../events/integration-event'
import {
  deleteIntegration,
  findIntegration,
  listIntegrations,
  refreshIntegration,
  saveIntegration,
  type TokenValues,
} from '../../repo/integrations-repo'
import { parseListQuery } from '../../repo/list-query'
import { RequestError } from '../../request-error'
import { tokenFingerprint } from '../../tokens/fingerprint'
import { tenantOf } from '../authenticate'

/** What the integration routes need. */
export interface IntegrationRouteDeps {
  readonly crm: CrmClient
  readonly events: EventSink
}

// Strict: a `tenantId` (or any other unexpected field) is refused.
const connectBody = z.strictObject({
  provider: z.enum(['crm']).default('crm'),
  code: z.string().min(1).max(512).regex(/^[\x21-\x7e]+$/),
})
const idParams = z.strictObject({ id: z.string() })
const noQuery = z.strictObject({})
// Routes by id take nothing but the id: an empty JSON object, or no body.
const noBody = z.strictObject({})
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * The tenant's CRM integrations. Registered inside the authenticated
 * scope; every handler gets its database from `tenantOf(request)`.
 */
export function integrationRoutes(deps: IntegrationRouteDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/integrations', async (request) => {
      const query = parseListQuery(request.query)
      return listIntegrations(tenantOf(request).db, query)
    })

    app.post('/integrations', async (request, reply) => {
      noQuery.parse(request.query)
      const body = connectBody.parse(request.body ?? {})
      const { tenantId, db } = tenantOf(request)
      const tokens = await deps.crm.exchangeCode(body.code)
      const view = await saveIntegration(db, {
        provider: body.provider,
        accountName: tokens.accountName,
      }, tokenValues(tokens))
      await emit(deps.events, tenantId,
        integrationEvent('integration.connected', view), request.log)
      return reply.status(201).send(view)
    })

    app.get('/integrations/:id', async (request) => {
      const id = integrationId(request)
      const view = await findIntegration(tenantOf(request).db, id)
      return view ?? notFound()
    })

    app.post('/integrations/:id/refresh', async (request) => {
      const id = integrationId(request)
      const { tenantId, db } = tenantOf(request)
      // The only place a stored token is decrypted: to refresh it.
      const view = await refreshIntegration(db, id, async (sealed) =>
        tokenValues(await deps.crm.refresh(sealed.reveal())))
      if (view === undefined) return notFound()
      await emit(deps.events, tenantId,
        integrationEvent('integration.refreshed', view), request.log)
      return view
    })

    app.delete('/integrations/:id', async (request, reply) => {
      const id = integrationId(request)
      const { tenantId, db } = tenantOf(request)
      const deleted = await deleteIntegration(db, id)
      if (deleted === undefined) return notFound()
      await emit(deps.events, tenantId,
        integrationEvent('integration.disconnected', deleted), request.log)
      return reply.status(204).send()
    })
  }
}

/**
 * The id of a route by id. Any query parameter or body field (a
 * `tenantId`, for one) is refused, as on the list and connect routes.
 */
function integrationId(
  request: { params: unknown; query: unknown; body: unknown },
): string {
  noQuery.parse(request.query)
  noBody.parse(request.body ?? {})
  const { id } = idParams.parse(request.params)
  // Not a UUID cannot be an integration of this tenant: same 404 as any
  // other tenant's id, so the answer tells nothing.
  if (!UUID.test(id)) notFound()
  return id
}

function notFound(): never {
  throw new RequestError(404, 'not_found', 'No such integration.')
}

function tokenValues(tokens: CrmTokens): TokenValues {
  return {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    fingerprint: tokenFingerprint(tokens.accessToken),
    expiresAt: tokens.expiresAt,
  }
}

/**
 * Publishes after the change is committed. A broker outage must not undo
 * a connection the tenant already made, so a failed publish is logged
 * rather than failing the request: the event's type and ids (what an
 * operator needs to replay it) and the error kind, never a token. A
 * transactional outbox would make delivery certain; see the README.
 */
async function emit(
  events: EventSink,
  tenantId: string,
  event: IntegrationEvent,
  log: FastifyBaseLogger,
): Promise<void> {
  try {
    await events.publish(tenantId, event)
  } catch (error) {
    log.error({
      event: event.type, eventId: event.eventId, tenantId,
      integrationId: event.integrationId,
      err: { type: (error as Error).name },
    }, 'event not published')
  }
}
