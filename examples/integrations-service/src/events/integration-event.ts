import { randomUUID } from 'node:crypto'

/** What happened to an integration. */
export type IntegrationEventType =
  | 'integration.connected'
  | 'integration.refreshed'
  | 'integration.disconnected'

/**
 * The body of an event. The tenant is NOT in the body: it travels in the
 * message's tenant header, set by the producer from the authenticated
 * tenant, and consumers take it from there only. No token, fingerprint
 * or account name either: consumers look up what they need.
 */
export interface IntegrationEvent {
  readonly type: IntegrationEventType
  /** Unique per event, so consumers can drop duplicates. */
  readonly eventId: string
  readonly integrationId: string
  readonly provider: string
  /** ISO 8601. */
  readonly occurredAt: string
}

/**
 * Builds an event with a fresh id and the current time.
 *
 * @example
 * const event = integrationEvent('integration.connected', row)
 */
export function integrationEvent(
  type: IntegrationEventType,
  integration: { readonly id: string; readonly provider: string },
): IntegrationEvent {
  return {
    type,
    eventId: randomUUID(),
    integrationId: integration.id,
    provider: integration.provider,
    occurredAt: new Date().toISOString(),
  }
}
