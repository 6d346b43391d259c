import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { CrmError } from '../crm/crm-client'
import { RequestError } from '../request-error'

interface ErrorBody {
  readonly error: string
  readonly message: string
  readonly issues?: readonly { path: string; message: string }[]
}

/**
 * Turns any error into a JSON answer that never carries input, SQL,
 * tokens or stack traces. Unknown errors are logged by kind and code
 * only (a database error message can quote a bound value) and answered
 * with a plain 500.
 */
export function handleError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const [status, body] = describe(error)
  if (status >= 500) {
    request.log.error({ err: summary(error) }, 'request failed')
  }
  return reply.status(status).send(body)
}

function describe(error: unknown): [number, ErrorBody] {
  if (error instanceof RequestError) {
    return [error.statusCode, { error: error.code, message: error.message }]
  }
  if (error instanceof z.ZodError) {
    const issues = error.issues.map((issue) => ({
      path: issue.path.join('.') || '(body)',
      message: issue.message,
    }))
    return [400, {
      error: 'invalid_request',
      message: 'The request does not match what this endpoint accepts.',
      issues,
    }]
  }
  if (error instanceof CrmError) {
    return error.invalidGrant
      ? [400, { error: 'invalid_grant', message: 'The CRM refused the code.' }]
      : [502, { error: 'crm_unavailable', message: 'The CRM did not answer.' }]
  }
  const status = (error as FastifyError).statusCode
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Fastify's own client errors: bad JSON, wrong content type, too large.
    return [status, { error: 'bad_request', message: 'Malformed request.' }]
  }
  return [500, { error: 'internal', message: 'Something went wrong.' }]
}

function summary(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error }
  const code = (error as { code?: unknown }).code
  return { type: error.name, ...(typeof code === 'string' ? { code } : {}) }
}
