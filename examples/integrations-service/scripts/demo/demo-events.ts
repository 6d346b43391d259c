import type { ServiceConfig } from '../../src/config'
import {
  createKafkaEventSink,
  createPrintedEventSink,
  type EventSink,
} from '../../src/events/event-sink'

/**
 * The demo's events: with KAFKA_BROKERS, through the Kafka singleton, and
 * a line printed once the broker has acknowledged each one; without, the
 * service's own printed sink, labelled as not sent.
 */
export function demoEvents(
  config: ServiceConfig,
  print: (line: string) => void,
): EventSink {
  const brokers = config.KAFKA_BROKERS
  if (brokers === undefined) return createPrintedEventSink(print)
  const kafka = createKafkaEventSink({ brokers, topic: config.EVENTS_TOPIC })
  return {
    sends: true,
    publish: async (tenantId, event) => {
      await kafka.publish(tenantId, event)
      print(`[event sent to Kafka topic ${config.EVENTS_TOPIC}] ` +
        `${event.type} tenant=${tenantId} integration=${event.integrationId}`)
    },
    shutdown: () => kafka.shutdown(),
  }
}
