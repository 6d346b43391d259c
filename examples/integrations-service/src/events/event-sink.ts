import { getProducer, type KafkaLogger } from '@tenantkit/kafka'
import type { IntegrationEvent } from './integration-event'

/** Where the service's events go. */
export interface EventSink {
  /** Whether events reach a broker (false: printed only). */
  readonly sends: boolean
  /**
   * Publishes one event for `tenantId`, which becomes the message's tenant
   * header and key (so one tenant's events stay in order).
   */
  publish(tenantId: string, event: IntegrationEvent): Promise<void>
  /** Flushes everything accepted, then disconnects. Safe to call twice. */
  shutdown(): Promise<void>
}

/** Options of {@link createKafkaEventSink}. */
export interface KafkaEventSinkOptions {
  readonly brokers: readonly string[]
  readonly topic: string
  /** @default 'integrations-service' */
  readonly clientId?: string
  readonly logger?: KafkaLogger
}

/**
 * Events through the process-wide tenantkit producer: connected on first
 * use, batched, tenant header set, flushed on shutdown.
 *
 * @example
 * const events = createKafkaEventSink({ brokers, topic: 'integration-events' })
 */
export function createKafkaEventSink(
  options: KafkaEventSinkOptions,
): EventSink {
  const producer = getProducer({
    brokers: options.brokers,
    clientId: options.clientId ?? 'integrations-service',
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  })
  return {
    sends: true,
    publish: (tenantId, event) =>
      producer.publish(options.topic, { ...event }, { tenantId }),
    shutdown: () => producer.shutdown(),
  }
}

/**
 * Development without a broker: each event is handed to `print`, clearly
 * labelled as not sent, and nothing is queued.
 *
 * @example
 * const events = createPrintedEventSink((line) => console.log(line))
 */
export function createPrintedEventSink(
  print: (line: string) => void,
): EventSink {
  return {
    sends: false,
    publish: async (tenantId, event) => {
      print(`[event NOT SENT: no KAFKA_BROKERS] ${event.type} ` +
        `tenant=${tenantId} integration=${event.integrationId}`)
    },
    shutdown: async () => {},
  }
}
