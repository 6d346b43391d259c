import type { TenantDatabase } from '@tenantkit/db'
import type { WorkerDatabase } from './db/schema'
import { parseIntegrationEvent } from './integration-event'
import { tenantFromHeaders, type MessageHeaders } from './tenant-header'

/** What happened to one message. */
export type HandleOutcome =
  | { readonly kind: 'recorded' | 'duplicate'; readonly tenantId: string }
  | { readonly kind: 'refused'; readonly reason: RefusalReason }

/** Why a message was refused; never its content. */
export type RefusalReason =
  | 'tenant-header-missing'
  | 'tenant-header-repeated'
  | 'tenant-header-invalid'
  | 'body-not-an-event'
  | 'body-refused-by-database'

/** The parts of a Kafka message the worker reads. */
export interface IncomingMessage {
  readonly headers?: MessageHeaders | undefined
  readonly value: Buffer | null
}

/**
 * Handles one event: takes the tenant from the header, validates the
 * body, and records the activity through `db.forTenant(tenant)`, so RLS
 * and the tenant filter scope the write. Refusals are returned, not
 * thrown: a bad message must not stop the partition. A value PostgreSQL
 * refuses (a data exception, SQLSTATE class 22, such as a NUL character)
 * would fail every retry, so it is a refusal too. Other database errors
 * are thrown, so the consumer retries instead of dropping a good message.
 *
 * @example
 * const outcome = await handleMessage(db, message, 'tenant-id')
 */
export async function handleMessage(
  db: TenantDatabase<WorkerDatabase>,
  message: IncomingMessage,
  tenantHeader: string,
): Promise<HandleOutcome> {
  const tenant = tenantFromHeaders(message.headers, tenantHeader)
  if (!tenant.ok) {
    return { kind: 'refused', reason: `tenant-header-${tenant.reason}` }
  }
  const event = parseIntegrationEvent(message.value)
  if (event === undefined) return { kind: 'refused', reason: 'body-not-an-event' }

  const result = await db.forTenant(tenant.tenantId)
    .insertInto('integration_activity')
    .values({
      event_id: event.eventId,
      type: event.type,
      integration_id: event.integrationId,
      provider: event.provider,
      occurred_at: new Date(event.occurredAt),
    })
    // A redelivered event (at-least-once delivery) changes nothing.
    .onConflict((oc) => oc.columns(['tenant_id', 'event_id']).doNothing())
    .executeTakeFirst()
    .catch((error: unknown) => {
      if (isDataException(error)) return 'refused' as const
      throw error
    })
  if (result === 'refused') {
    return { kind: 'refused', reason: 'body-refused-by-database' }
  }
  const inserted = (result.numInsertedOrUpdatedRows ?? 0n) > 0n
  return { kind: inserted ? 'recorded' : 'duplicate', tenantId: tenant.tenantId }
}

/** PostgreSQL's data exceptions: the value is wrong, retrying cannot help. */
function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)
}
