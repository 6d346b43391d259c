/** One message as the client receives it. */
export interface ClientMessage {
  key: Buffer | string | null
  value: Buffer | string | null
  headers: Record<string, Buffer | string>
}

/** What `sendBatch` receives: messages grouped by topic. */
export interface ClientBatch {
  topicMessages: Array<{ topic: string; messages: ClientMessage[] }>
  acks?: number
}

/**
 * The small part of a KafkaJS producer tenantkit uses. A KafkaJS 2.x
 * `Producer` satisfies it, and so does any KafkaJS-compatible client
 * (such as the `KafkaJS` API of `@confluentinc/kafka-javascript`).
 *
 * @example
 * const client: KafkaProducerClient = new Kafka({ brokers }).producer()
 */
export interface KafkaProducerClient {
  connect(): Promise<void>
  disconnect(): Promise<void>
  sendBatch(batch: ClientBatch): Promise<unknown>
}
