import { randomUUID } from 'node:crypto'
import type { TenantDatabase } from '@tenantkit/db'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { bearerToken, isAdminToken } from '../../auth/admin-token'
import type { Database } from '../../db/schema'
import { createTenant } from '../../repo/tenants-repo'

/** What the admin routes need. */
export interface AdminRouteDeps {
  readonly db: TenantDatabase<Database>
  /** Returns the configured admin token (kept sealed until compared). */
  readonly adminToken: () => string
}

// No control characters, and no lone surrogate: PostgreSQL would store
// U+FFFD in its place while the answer showed the name as sent.
const createBody = z.strictObject({
  name: z.string().trim().min(1).max(100).regex(/^[^\p{Cc}\p{Cs}]+$/u),
})

/**
 * Tenant provisioning, behind the admin token. The new tenant's id is
 * generated here, never taken from the request.
 */
export function adminRoutes(deps: AdminRouteDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addHook('onRequest', async (request, reply) => {
      const token = bearerToken(request.headers.authorization)
      if (token === undefined || !isAdminToken(token, deps.adminToken())) {
        return reply.status(401).send({
          error: 'unauthorized',
          message: 'Send the admin token as Authorization: Bearer <token>.',
        })
      }
      return undefined
    })

    app.post('/admin/tenants', async (request, reply) => {
      const { name } = createBody.parse(request.body ?? {})
      const id = randomUUID()
      const tenant = await createTenant(deps.db.forTenant(id), id, name)
      return reply.status(201).send({
        tenant: { id: tenant.id, name: tenant.name },
        apiKey: tenant.apiKey,
      })
    })
  }
}
