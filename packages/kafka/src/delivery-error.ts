import { KafkaDeliveryError, KafkaProducerError } from './errors'

// KafkaJS errors that mean "the cluster was unreachable or changing": the
// same message can succeed later. KafkaJS marks some of them non-retriable
// only because its own retries ran out.
const TRANSIENT = new Set([
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSLockTimeout',
  'KafkaJSTimeout',
])

/** Turns whatever the client threw for a batch into a typed error. */
export function toDeliveryError(
  error: unknown,
  topic: string,
  count: number,
): KafkaProducerError {
  if (error instanceof KafkaProducerError) return error
  const reason = describe(error)
  return new KafkaDeliveryError(
    `Kafka did not acknowledge ${count} message(s) to "${topic}": ${reason}.`,
    topic,
    isRetriable(error),
    error,
  )
}

function isRetriable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { name, retriable } = error as { name?: unknown; retriable?: unknown }
  return retriable === true || (typeof name === 'string' && TRANSIENT.has(name))
}

// Client error texts name brokers, topics and protocol codes, never the
// payload, so they are safe to repeat; anything else is summarised.
function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return 'the client rejected without an Error'
}
