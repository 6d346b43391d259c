import { randomUUID } from 'node:crypto'
import { Kafka, logLevel } from 'kafkajs'
import { UsageError } from '../usage-error'

/** One message read back from the broker, decoded as UTF-8. */
export interface ConsumedMessage {
  readonly partition: number
  readonly key: string | null
  readonly value: string | null
  readonly headers: Readonly<Record<string, string>>
}

export interface ConsumeOptions {
  /**
   * How long to wait for `count` messages before failing.
   * @default 20_000
   */
  readonly timeoutMs?: number
  /**
   * Prefix of the fresh consumer group; a new group per call reads the
   * topic from its beginning.
   * @default 'tenantkit-test'
   */
  readonly groupPrefix?: string
}

/**
 * Reads `topic` from its beginning until `count` messages arrived, so a test
 * can check what an app really published: keys, values, tenant headers.
 * Fails with the number received so far when `timeoutMs` passes first.
 *
 * @example
 * const [event] = await consumeMessages(inject('tenantkitKafkaBrokers'), topic, 1)
 * expect(event?.headers['tenant-id']).toBe(tenantId)
 */
export async function consumeMessages(
  brokers: readonly string[],
  topic: string,
  count: number,
  options: ConsumeOptions = {},
): Promise<ConsumedMessage[]> {
  check(brokers, topic, count)
  const timeoutMs = options.timeoutMs ?? 20_000
  const kafka = new Kafka({ brokers: [...brokers], logLevel: logLevel.NOTHING })
  const consumer = kafka.consumer({
    groupId: `${options.groupPrefix ?? 'tenantkit-test'}-${randomUUID()}`,
  })
  const received: ConsumedMessage[] = []
  let timer: NodeJS.Timeout | undefined
  try {
    await consumer.connect()
    await consumer.subscribe({ topic, fromBeginning: true })
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(
        `consumeMessages: only ${received.length} of ${count} messages ` +
          `arrived on ${topic} within ${timeoutMs} ms`)), timeoutMs)
      consumer.run({
        eachMessage: async ({ partition, message }) => {
          received.push({
            partition,
            key: message.key === null ? null : message.key.toString('utf8'),
            value: message.value === null ? null : message.value.toString('utf8'),
            headers: decodeHeaders(message.headers),
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

/** A topic name no other test uses: `<prefix>-<8 hex>`. */
export function uniqueTopic(prefix: string): string {
  if (typeof prefix !== 'string' || !/^[A-Za-z0-9._-]{1,200}$/.test(prefix)) {
    throw new UsageError('uniqueTopic', 'prefix is not a valid topic name part',
      'use letters, digits, ".", "_" and "-" only')
  }
  return `${prefix}-${randomUUID().slice(0, 8)}`
}

function decodeHeaders(
  headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined,
): Record<string, string> {
  const decoded: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue
    const last = Array.isArray(value) ? value[value.length - 1] : value
    if (last !== undefined) decoded[name] = last.toString()
  }
  return decoded
}

function check(brokers: readonly string[], topic: string, count: number): void {
  if (!Array.isArray(brokers) || brokers.length === 0) {
    throw new UsageError('consumeMessages', 'brokers is empty',
      "pass inject('tenantkitKafkaBrokers') or the host:port list of a broker")
  }
  if (typeof topic !== 'string' || topic.length === 0) {
    throw new UsageError('consumeMessages', 'topic is empty', 'name the topic to read')
  }
  if (!Number.isInteger(count) || count < 1) {
    throw new UsageError('consumeMessages', 'count is not a positive integer',
      'say how many messages to wait for')
  }
}
