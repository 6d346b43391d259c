import type { TenantDatabase } from '@tenantkit/db'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { bearerToken } from '../auth/admin-token'
import type { Database } from '../db/schema'
import type { TenantDb } from '../repo/integrations-repo'
import { authenticateApiKey } from '../repo/tenants-repo'

/** The tenant a request acts as, from its credential and nothing else. */
export interface TenantContext {
  readonly tenantId: string
  /** Kysely scoped to this tenant: every statement runs under RLS. */
  readonly db: TenantDb
}

const contexts = new WeakMap<FastifyRequest, TenantContext>()

/**
 * A Fastify `onRequest` hook: reads `Authorization: Bearer <api key>`,
 * finds the tenant the key belongs to, and binds the request to it. No
 * header, query parameter or body field is consulted for the tenant, so
 * none can choose another. Anything else gets a 401 that does not say why.
 */
export function createAuthenticate(db: TenantDatabase<Database>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const key = bearerToken(request.headers.authorization)
    const tenantId = key === undefined
      ? undefined
      : await authenticateApiKey(key, (id) => db.forTenant(id))
    if (tenantId === undefined) {
      return reply.status(401).send({
        error: 'unauthorized',
        message: 'Send a valid API key as Authorization: Bearer <key>.',
      })
    }
    contexts.set(request, { tenantId, db: db.forTenant(tenantId) })
    return undefined
  }
}

/**
 * The tenant of an authenticated request.
 *
 * @example
 * const { db } = tenantOf(request)
 */
export function tenantOf(request: FastifyRequest): TenantContext {
  const context = contexts.get(request)
  if (context === undefined) {
    throw new Error('tenantOf: the route is missing the authenticate hook.')
  }
  return context
}
