import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs'
import type { ClientBatch, KafkaProducerClient } from '../../src/index'

/** A real KafkaJS producer behind tenantkit's client interface, counted. */
export interface CountingClient extends KafkaProducerClient {
  readonly connects: number
  readonly disconnects: number
  readonly batches: number[]
}

/** Wraps a real KafkaJS producer and counts what tenantkit asks of it. */
export function countingClient(
  brokers: readonly string[],
  retries = 2,
): CountingClient {
  const kafka = new Kafka({
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 500,
    retry: { retries, initialRetryTime: 50, maxRetryTime: 500 },
  })
  const producer: Producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
  })
  const client = {
    connects: 0,
    disconnects: 0,
    batches: [] as number[],
    async connect(): Promise<void> {
      client.connects++
      await producer.connect()
    },
    async disconnect(): Promise<void> {
      client.disconnects++
      await producer.disconnect()
    },
    async sendBatch(batch: ClientBatch): Promise<unknown> {
      for (const { messages } of batch.topicMessages) {
        client.batches.push(messages.length)
      }
      return producer.sendBatch(batch)
    },
  }
  return client
}
