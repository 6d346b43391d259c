import { normalizeTenantId } from '@tenantkit/db'

/** Kafka message headers, as kafkajs hands them over. */
export type MessageHeaders = Readonly<
  Record<string, Buffer | string | (Buffer | string)[] | undefined>
>

/** The tenant of a message, or why there is none. */
export type TenantHeader =
  | { readonly ok: true; readonly tenantId: string }
  | { readonly ok: false; readonly reason: 'missing' | 'repeated' | 'invalid' }

/**
 * Reads the tenant from the message header, the only place a tenant is
 * taken from: never from the key or the body, which any producer bug or
 * crafted payload could fill. A header that is absent, empty, given twice
 * or not a tenant id is a refusal, not a guess.
 *
 * @example
 * const tenant = tenantFromHeaders(message.headers, 'tenant-id')
 * if (!tenant.ok) log.warn('refused', { reason: tenant.reason })
 */
export function tenantFromHeaders(
  headers: MessageHeaders | undefined,
  name: string,
): TenantHeader {
  const raw = headers?.[name]
  if (raw === undefined) return { ok: false, reason: 'missing' }
  if (Array.isArray(raw)) {
    return raw.length === 1 ? parse(raw[0]) : { ok: false, reason: 'repeated' }
  }
  return parse(raw)
}

function parse(value: Buffer | string | undefined): TenantHeader {
  const text = Buffer.isBuffer(value) ? value.toString('utf8') : value
  if (text === undefined || text === '') return { ok: false, reason: 'missing' }
  try {
    return { ok: true, tenantId: normalizeTenantId(text, 'uuid') }
  } catch {
    return { ok: false, reason: 'invalid' }
  }
}
