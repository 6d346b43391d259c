import { z } from 'zod'

/**
 * The body of an integrations-service event. Strict: a body that names a
 * tenant (or anything else unexpected) is refused, since the tenant comes
 * from the header alone.
 */
export const integrationEventSchema = z.strictObject({
  type: z.enum([
    'integration.connected',
    'integration.refreshed',
    'integration.disconnected',
  ]),
  eventId: z.uuid(),
  integrationId: z.uuid(),
  provider: z.string().min(1).max(50),
  occurredAt: z.iso.datetime({ offset: true }),
})

export type IntegrationEvent = z.infer<typeof integrationEventSchema>

/**
 * Parses a message value; undefined when it is not an event.
 *
 * @example
 * const event = parseIntegrationEvent(message.value)
 */
export function parseIntegrationEvent(
  value: Buffer | null,
): IntegrationEvent | undefined {
  if (value === null || value.length > 64 * 1024) return undefined
  let json: unknown
  try {
    json = JSON.parse(value.toString('utf8'))
  } catch {
    return undefined
  }
  const result = integrationEventSchema.safeParse(json)
  return result.success ? result.data : undefined
}
