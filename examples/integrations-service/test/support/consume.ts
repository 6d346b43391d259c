import { randomUUID } from 'node:crypto'
import { Kafka, logLevel } from 'kafkajs'

/** One message read back from the broker. */
export interface Received {
  readonly key: string
  readonly value: string
  readonly headers: Readonly<Record<string, string>>
}

/**
 * Reads `topic` from the beginning with a fresh consumer group until
 * `count` messages arrived, or fails after `timeoutMs`.
 */
export async function consume(
  brokers: readonly string[],
  topic: string,
  count: number,
  timeoutMs = 20_000,
): Promise<Received[]> {
  const kafka = new Kafka({ brokers: [...brokers], logLevel: logLevel.NOTHING })
  const consumer = kafka.consumer({ groupId: `integ-test-${randomUUID()}` })
  const received: Received[] = []
  let timer: NodeJS.Timeout | undefined
  try {
    await consumer.connect()
    await consumer.subscribe({ topic, fromBeginning: true })
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(
        `only ${received.length} of ${count} messages in ${timeoutMs} ms`)),
      timeoutMs)
      consumer.run({
        eachMessage: async ({ message }) => {
          const headers: Record<string, string> = {}
          for (const [name, value] of Object.entries(message.headers ?? {})) {
            headers[name] = String(value)
          }
          received.push({
            key: String(message.key),
            value: String(message.value),
            headers,
          })
          if (received.length >= count) resolve()
        },
      }).catch(reject)
    })
    return received
  } finally {
    clearTimeout(timer)
    await consumer.disconnect()
  }
}

/** A topic name no other test uses. */
export function uniqueTopic(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`
}
